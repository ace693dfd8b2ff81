"""Build a site: Pelican into a temporary folder, then swap it into place.

A build that fails leaves the previous output untouched. Run as
``python -m briefing.build --content DIR --output DIR`` (what ``invoke build`` calls), so
every build gets a fresh process and Pelican's global signals never leak between builds.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import report as report_mod
from . import timings
from .cache import current_umask
from .index import pagefind as search
from .settings import get as setting

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SETTINGS = REPO / "pelican.conf.py"

logger = logging.getLogger(__name__)


class _Collector(logging.Handler):
    """Keeps every warning and error of the build, for the report and strict mode."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class BuildResult:
    output: Path
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    ok: bool = True
    report: report_mod.Report = field(default_factory=report_mod.Report)
    strict: bool = False  # BRIEFING_STRICT: warnings and skipped files fail the build
    timings: dict[str, float] = field(default_factory=dict)  # wall seconds per phase

    @property
    def exit_code(self) -> int:
        if not self.ok:
            return 1
        return 1 if self.strict and not self.report.clean else 0


class BuildFailedError(RuntimeError):
    """The build logged errors; the previous output was kept."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def remove_stale_staging(output: Path) -> list[Path]:
    """Remove staging folders that a killed build left beside ``output``.

    A staging folder is named after the build's process id, so one whose process is gone
    is stale while a concurrent build's is left alone.
    """
    removed = []
    pattern = re.compile(rf"^\.{re.escape(output.name)}\.building-(\d+)-")
    for path in output.parent.glob(f".{output.name}.building-*"):
        m = pattern.match(path.name)
        if m and _alive(int(m.group(1))):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _swap_into_place(built: Path, output: Path) -> None:
    old = output.with_name(f".{output.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if output.exists():
        output.rename(old)
    built.rename(output)
    if old.exists():
        shutil.rmtree(old)


def build_site(
    content: Path,
    output: Path,
    siteurl: str | None = None,
    settings_file: Path = DEFAULT_SETTINGS,
    overrides: dict | None = None,
) -> BuildResult:
    from pelican import Pelican, signals
    from pelican.settings import read_settings

    content, output = Path(content).resolve(), Path(output).resolve()
    if not content.is_dir():
        raise SystemExit(f"briefing: content folder {content} does not exist")
    output.parent.mkdir(parents=True, exist_ok=True)
    collector = _Collector()
    logging.getLogger().addHandler(collector)
    for stale in remove_stale_staging(output):
        logger.info("briefing: removed %s, left by a build that did not finish", stale)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.building-{os.getpid()}-",
                                    dir=output.parent))
    # mkdtemp makes the folder 0700: a web server running as another user could not read
    # the site. The user's umask decides, as for any folder they make.
    staging.chmod(0o777 & ~current_umask())
    try:
        override = {"PATH": str(content), "OUTPUT_PATH": str(staging), **(overrides or {})}
        if siteurl is not None:
            override["SITEURL"] = siteurl.rstrip("/")
        settings = read_settings(str(settings_file), override=override)
        generators: list = []

        def keep_generators(gens) -> None:
            generators.extend(gens)

        signals.all_generators_finalized.connect(keep_generators, weak=False)
        clock = timings.reset()
        clock.mark("pelican start")
        try:
            Pelican(settings).run()
        finally:
            signals.all_generators_finalized.disconnect(keep_generators)
        clock.mark("pelican end")
        # Pelican reads every file before the plugin runs, and renders and writes after it.
        clock.between("read", "pelican start", "plugin start")
        clock.between("render and write", "plugin end", "pelican end")
        with clock.phase("index"):
            search.build_index(staging, settings)  # the index always matches its pages
        report = report_mod.collect(
            generators, collector.records, content, settings, staging, output.name
        )
        if report.errors:
            raise BuildFailedError("; ".join(e.message for e in report.errors))
        report_mod.write(report, staging)
        _swap_into_place(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        logger.error("briefing: build failed; %s was left as it was", output)
        raise
    finally:
        logging.getLogger().removeHandler(collector)
    result = BuildResult(
        output=output, report=report, strict=bool(setting(settings, "BRIEFING_STRICT")),
        timings=clock.as_dict(),
    )
    for record in collector.records:
        target = result.errors if record.levelno >= logging.ERROR else result.warnings
        target.append(record.getMessage())
    # Pelican logs a skipped file as an error; the report counts it as skipped, not failed.
    result.ok = not report.errors
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing.build", description=__doc__)
    parser.add_argument("--content", type=Path, default=REPO / "content")
    parser.add_argument("--output", type=Path, default=REPO / "output")
    parser.add_argument("--settings", type=Path, default=DEFAULT_SETTINGS)
    parser.add_argument("--siteurl", default=None, help="published address, e.g. a Pages sub-path")
    parser.add_argument("--strict", action="store_true",
                        help="exit non-zero when any file was skipped or warned about")
    parser.add_argument("--cache-path", type=Path, default=None,
                        help="extraction cache folder (default: the settings' CACHE_PATH)")
    parser.add_argument("--duplicate-threshold", type=float, default=None,
                        help="BRIEFING_DUPLICATE_THRESHOLD for this build (0: fold no "
                             "near-duplicates)")
    parser.add_argument("--workers", type=int, default=None,
                        help="BRIEFING_WORKERS: processes extracting (0: one per core)")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="BRIEFING_SCHEDULER: extract on this Dask cluster")
    parser.add_argument("--timings", type=Path, default=None, metavar="FILE",
                        help="write the wall seconds of each phase to FILE as JSON")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    overrides: dict = {}
    if args.strict:
        overrides["BRIEFING_STRICT"] = True
    if args.cache_path is not None:
        overrides["CACHE_PATH"] = str(args.cache_path.resolve())
    if args.duplicate_threshold is not None:
        overrides["BRIEFING_DUPLICATE_THRESHOLD"] = args.duplicate_threshold
    if args.workers is not None:
        overrides["BRIEFING_WORKERS"] = args.workers
    if args.scheduler is not None:
        overrides["BRIEFING_SCHEDULER"] = args.scheduler
    try:
        result = build_site(args.content, args.output, args.siteurl, args.settings, overrides)
    except BuildFailedError as exc:
        print(f"briefing: build failed: {exc}", file=sys.stderr)
        return 1
    for line in result.report.lines():
        print(line)
    print(timings.current.line())
    if args.timings is not None:
        args.timings.write_text(json.dumps(result.timings, indent=1) + "\n", encoding="utf-8")
    print(f"briefing: built {result.output} (report: {result.output / report_mod.REPORT_PATH})")
    if result.exit_code and result.ok:
        print("briefing: strict mode: failing because files were skipped or warned about",
              file=sys.stderr)
    return result.exit_code


if __name__ == "__main__":
    sys.exit(main())
