"""Build a site: Pelican into a temporary folder, then swap it into place.

A build that fails leaves the previous output untouched. Run as
``python -m briefing.build --content DIR --output DIR`` (what ``invoke build`` calls), so
every build gets a fresh process and Pelican's global signals never leak between builds.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import search

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
    from pelican import Pelican
    from pelican.settings import read_settings

    content, output = Path(content).resolve(), Path(output).resolve()
    if not content.is_dir():
        raise SystemExit(f"briefing: content folder {content} does not exist")
    output.parent.mkdir(parents=True, exist_ok=True)
    collector = _Collector()
    logging.getLogger().addHandler(collector)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.building-", dir=output.parent))
    try:
        override = {"PATH": str(content), "OUTPUT_PATH": str(staging), **(overrides or {})}
        if siteurl is not None:
            override["SITEURL"] = siteurl.rstrip("/")
        settings = read_settings(str(settings_file), override=override)
        Pelican(settings).run()
        search.build_index(staging, settings)  # the index always matches its pages
        _swap_into_place(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        logger.error("briefing: build failed; %s was left as it was", output)
        raise
    finally:
        logging.getLogger().removeHandler(collector)
    result = BuildResult(output=output)
    for record in collector.records:
        target = result.errors if record.levelno >= logging.ERROR else result.warnings
        target.append(record.getMessage())
    result.ok = not result.errors
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing.build", description=__doc__)
    parser.add_argument("--content", type=Path, default=REPO / "content")
    parser.add_argument("--output", type=Path, default=REPO / "output")
    parser.add_argument("--settings", type=Path, default=DEFAULT_SETTINGS)
    parser.add_argument("--siteurl", default=None, help="published address, e.g. a Pages sub-path")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    result = build_site(args.content, args.output, args.siteurl, args.settings)
    print(
        f"briefing: built {result.output} with {len(result.warnings)} warning(s) "
        f"and {len(result.errors)} error(s)"
    )
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
