"""``invoke bench``: a Briefing build beside plain Pelican, Pagefind and spaCy, in one run.

Absolute seconds depend on the machine; ratios between commands run side by side on it do
not, so the targets are ratios. Every figure is wall time (a build that uses both cores
must be measured as a reader waits for it) and peak resident memory, summed over the
command's processes (a build's extraction workers are its children), sampled every 0.1 s.

On PolNeAR train+dev (924 articles) written as seed-format ``.txt`` articles (and, for
plain Pelican, the same texts as Markdown):

- cold: a Briefing build from an empty extraction cache / spaCy ``en_core_web_sm`` over
  the same texts in one process with ``nlp.pipe(batch_size=32)`` (target ≤ 0.6);
- warm: a Briefing rebuild after one article is edited / plain Pelican's rebuild after the
  same edit (its content cache on) plus Pagefind over its output (target ≤ 1.5);
- memory: the peak of any build ≤ 1 GB, and a cold build of every article / of the first
  quarter ≤ 1.25 (memory must not grow with the corpus);
- size: bytes on disk per article ≤ half of the 232 KB measured when the target was set.

It also prints where a Briefing build's time goes, phase by phase (``build --timings``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .polnear_site import write_markdown, write_text

REPO = Path(__file__).resolve().parents[3]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "polnear"
SPLITS = ("train", "dev")
# Disk use per article when the size target was set: 214 MB for the 924 articles.
SIZE_BEFORE_KB = 214 * 1024 / 924
TARGETS = {"cold": 0.6, "warm": 1.5, "peak_mb": 1024.0, "memory": 1.25,
           "size_kb": SIZE_BEFORE_KB / 2}
EDIT = ('\n\n"We will look at this again next week," the spokesman said on Friday, '
        "adding that nothing had been decided.\n")


@dataclass
class Run:
    label: str
    wall_s: float
    peak_mb: float  # all the command's processes at once
    largest_mb: float  # the largest one alone
    timings: dict[str, float] = field(default_factory=dict)


def _rss_kb(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of a process in kB; (0, 0) once it is gone."""
    rss = hwm = 0
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
    except OSError:
        pass
    return rss, hwm


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def measure(label: str, cmd: list[str], timings: Path | None = None, **kw) -> Run:
    """Run ``cmd`` to its end; wall time and the peak memory of its process tree."""
    peak = [0, 0]
    log = tempfile.TemporaryFile(mode="w+")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, text=True, **kw)

    def sample() -> None:
        while proc.poll() is None:
            total = largest = 0
            for pid in _tree(proc.pid):
                rss, hwm = _rss_kb(pid)
                total += rss
                largest = max(largest, hwm)
            peak[0], peak[1] = max(peak[0], total), max(peak[1], largest)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    proc.wait()
    wall = time.perf_counter() - t0
    sampler.join()
    if proc.returncode != 0:
        log.seek(0)
        raise SystemExit(f"briefing: bench: {label} failed ({proc.returncode}):\n"
                         f"{log.read()[-3000:]}")
    phases = json.loads(timings.read_text()) if timings and timings.is_file() else {}
    return Run(label, wall, peak[0] / 1024, peak[1] / 1024, phases)


def spacy_pass(folder: Path) -> None:
    """The reference: spaCy's small English pipeline over the texts, one process."""
    import spacy

    from ..settings import DEFAULTS

    nlp = spacy.load(DEFAULTS["BRIEFING_MODEL"])
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    for _ in nlp.pipe(texts, batch_size=32):
        pass


PLAIN_SETTINGS = """\
AUTHOR = "Bench"
SITENAME = "Plain Pelican"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
PLUGINS = []
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = {cache!r}
# Several PolNeAR headlines repeat ("10 things to know for today"): addresses from file
# names, as Briefing numbers clashing ones, or Pelican refuses to overwrite a page.
SLUGIFY_SOURCE = "basename"
"""


def _disk_kb(folder: Path) -> tuple[float, float]:
    """(kB on disk, as ``du`` counts it, kB of file contents) under ``folder``."""
    blocks = size = 0
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            st = os.lstat(os.path.join(root, name))
            blocks += st.st_blocks * 512
            if name in files:
                size += st.st_size
    return blocks / 1024, size / 1024


def _edit(path: Path) -> None:
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(EDIT)


def run_bench(corpus: Path, work: Path, limit: int) -> dict:
    py = sys.executable
    txt, md = work / "txt", work / "md"
    written = write_text(corpus, txt, SPLITS, limit)
    write_markdown(corpus, md, SPLITS, limit)
    quarter = work / "txt-quarter"
    quarter.mkdir()
    for path in written[: max(1, len(written) // 4)]:
        shutil.copy(path, quarter / path.name)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in written)
    runs: dict[str, Run] = {}

    def build(key: str, label: str, content: Path, out: str, cache: str) -> None:
        t = work / f"{key}.json"
        runs[key] = measure(label, [py, "-m", "briefing.build", "--content", str(content),
                                    "--output", str(work / out), "--cache-path",
                                    str(work / cache), "--timings", str(t)], timings=t)

    settings = work / "plain.py"
    settings.write_text(PLAIN_SETTINGS.format(cache=str(work / "plain-cache")))
    plain = [py, "-m", "pelican", str(md), "-s", str(settings), "-o", str(work / "plain"),
             "-q"]
    print("briefing bench: plain Pelican, Pagefind, spaCy, then Briefing ...", flush=True)
    runs["plain_cold"] = measure("plain Pelican 4.12, Markdown, no plugins: cold", plain)
    _edit(sorted(md.glob("*.md"))[0])
    runs["plain_warm"] = measure("plain Pelican: rebuild after editing one article "
                                 "(content cache on)", plain)
    runs["pagefind"] = measure("Pagefind over that plain site",
                               [py, "-m", "pagefind", "--site", str(work / "plain"), "--quiet"])
    runs["spacy"] = measure("spaCy en_core_web_sm, one process, nlp.pipe(batch_size=32)",
                            [py, "-m", "briefing.tools.bench", "--spacy-pass", str(txt)])
    build("cold", "Briefing build, empty extraction cache", txt, "out", "cache")
    _edit(written[0])
    build("warm", "Briefing rebuild after editing one article", txt, "out", "cache")
    build("quarter", f"Briefing build of the first quarter ({len(written) // 4} articles), "
          "empty cache", quarter, "out-quarter", "cache-quarter")
    disk_kb, content_kb = _disk_kb(work / "out")
    n = len(written)
    fig = {
        "articles": n, "words": words, "cores": os.cpu_count(),
        "runs": {k: vars(r) for k, r in runs.items()},
        "cold": runs["cold"].wall_s / runs["spacy"].wall_s,
        "warm": runs["warm"].wall_s / (runs["plain_warm"].wall_s + runs["pagefind"].wall_s),
        "peak_mb": max(runs[k].peak_mb for k in ("cold", "warm", "quarter")),
        "memory": runs["cold"].peak_mb / runs["quarter"].peak_mb,
        "size_kb": disk_kb / n,
        "content_kb": content_kb / n,
        "disk_mb": disk_kb / 1024,
    }
    return fig


def report(fig: dict) -> bool:
    runs = fig["runs"]
    print(f"briefing bench: {fig['articles']} PolNeAR train+dev articles, {fig['words']:,} "
          f"words, {fig['cores']} cores")
    print(f"  {'':<74} {'wall':>8} {'peak RSS':>9}")
    for r in runs.values():
        print(f"  {r['label']:<74} {r['wall_s']:7.1f}s {r['peak_mb']:6.0f} MB")
    phases = [p for p in runs["cold"]["timings"]]
    print("  where a Briefing build's time goes (wall s):")
    print(f"    {'phase':<18} {'cold':>7} {'warm':>7}")
    for p in phases:
        print(f"    {p:<18} {runs['cold']['timings'].get(p, 0):7.1f} "
              f"{runs['warm']['timings'].get(p, 0):7.1f}")
    print(f"  output: {fig['disk_mb']:.0f} MB on disk, {fig['size_kb']:.0f} KB per article "
          f"({fig['content_kb']:.0f} KB of file contents)")
    failed = False
    print("ratios (measured in this run)                         value   target")
    for key, label, unit in (
        ("cold", "cold build / spaCy pass", ""),
        ("warm", "warm rebuild / (plain rebuild + Pagefind)", ""),
        ("peak_mb", "peak RSS of any build (MB)", ""),
        ("memory", "peak RSS, all articles / a quarter", ""),
        ("size_kb", "KB on disk per article", ""),
    ):
        ok = fig[key] <= TARGETS[key]
        failed |= not ok
        print(f"  {label:<50} {fig[key]:7.2f}{unit}  ≤ {TARGETS[key]:<7.2f} "
              f"{'ok' if ok else 'MISSED'}")
    return not failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m briefing.tools.bench", description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--corpus", type=Path, default=Path(os.environ.get("BRIEFING_POLNEAR", DEFAULT_CORPUS)))
    parser.add_argument("--limit", type=int, default=0,
                        help="first N articles of each of train and dev (0: all)")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE",
                        help="also write every figure to FILE")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR",
                        help="work in DIR (kept) instead of a temporary folder")
    parser.add_argument("--spacy-pass", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.spacy_pass is not None:  # the reference pass, in its own process
        spacy_pass(args.spacy_pass)
        return 0
    if not (args.corpus / "dev" / "text").is_dir():
        print(f"briefing: bench: no PolNeAR corpus at {args.corpus} (--corpus, or set "
              "BRIEFING_POLNEAR)", file=sys.stderr)
        return 2
    if args.keep:
        shutil.rmtree(args.keep, ignore_errors=True)
        args.keep.mkdir(parents=True)
    work = args.keep or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    try:
        fig = run_bench(args.corpus, work, args.limit)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(fig, indent=1) + "\n", encoding="utf-8")
    return 0 if report(fig) else 1


if __name__ == "__main__":
    sys.exit(main())
