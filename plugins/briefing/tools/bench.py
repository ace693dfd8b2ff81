"""``invoke bench``: speed and memory of extraction and builds, as ratios measured in one run.

Absolute seconds depend on the machine; ratios between runs made side by side do not, so
the targets are ratios. Times are CPU seconds (user + system) of the process doing the
work, so other jobs on the machine do not skew them:

- rules overhead: full extraction time / spaCy parse time of the same texts, the median
  over ``--repeat`` rounds that time one right after the other (target ≤ 1.5)
- memory: peak RSS extracting every article / peak RSS extracting the first quarter, each
  in a fresh process (target ≤ 1.25: articles stream through ``nlp.pipe`` in batches capped
  by characters, so memory must not grow with their number)
- warm rebuild: a second build of the same content / the first, from an empty extraction
  cache (target ≤ 0.5; the cache is what makes it cheap)
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..extract import nlp as nlp_mod
from .polnear_site import write_markdown

REPO = Path(__file__).resolve().parents[3]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "polnear"
TARGETS = {"rules_overhead": 1.5, "memory": 1.25, "warm_rebuild": 0.5}


def _status_mb(field: str) -> float:
    """A /proc/self/status memory field (VmRSS: now, VmHWM: peak) in MB."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> None:
    # Linux: writing 5 to clear_refs resets VmHWM, so the peak is this phase's own.
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        pass


def load_texts(corpus: Path, limit: int) -> list[tuple[str, str]]:
    paths = sorted((corpus / "dev" / "text").glob("*.txt"))
    if not paths:
        raise SystemExit(f"briefing: no PolNeAR texts under {corpus}/dev/text")
    paths = paths[:limit] if limit else paths
    return [(str(p), p.read_text(encoding="utf-8")) for p in paths]


def _parse_all(nlp, texts: list[str], batch_size: int, batch_chars: int) -> None:
    """spaCy alone, through the same ``nlp.pipe_zoned`` as ``extract_many``, so the rules overhead
    compares like with like."""
    for _ in nlp_mod.pipe_zoned(nlp, texts, str, batch_size, batch_chars):
        pass


def memory_phase(texts: list[tuple[str, str]], batch_size: int, batch_chars: int) -> dict:
    """Peak RSS of this process extracting ``texts``, from a freshly loaded model. Run in a
    child process per phase (``--memory-phase``) so every phase starts from the same state."""
    from ..extract.article import extract_many

    nlp = nlp_mod.load()
    nlp("warm up the pipeline")
    gc.collect()
    idle = _status_mb("VmRSS")
    _reset_peak()
    for _ in extract_many(texts, nlp=nlp, batch_size=batch_size, batch_chars=batch_chars):
        pass
    return {"articles": len(texts), "idle_rss_mb": idle, "peak_rss_mb": _status_mb("VmHWM")}


def _memory_child(corpus: Path, limit: int, batch_size: int, batch_chars: int) -> dict:
    proc = subprocess.run(
        [
            sys.executable, "-m", "briefing.tools.bench", "--memory-phase",
            "--corpus", str(corpus), "--limit", str(limit),
            "--batch-size", str(batch_size), "--batch-chars", str(batch_chars),
        ],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise SystemExit(f"briefing: bench memory phase failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.splitlines()[-1])


def bench_memory(corpus: Path, n_texts: int, batch_size: int, batch_chars: int) -> dict:
    """Peak memory extracting every article / extracting the first quarter, each phase in a
    fresh process: in one process the later phase's peak started from whatever RSS the
    earlier phases left behind (freed heap glibc keeps, caches they filled), so the ratio
    depended on the order of the phases, not only on the number of articles."""
    quarter = _memory_child(corpus, max(1, n_texts // 4), batch_size, batch_chars)
    every = _memory_child(corpus, n_texts, batch_size, batch_chars)
    return {
        "idle_rss_mb": every["idle_rss_mb"],
        "quarter_peak_rss_mb": quarter["peak_rss_mb"],
        "peak_rss_mb": every["peak_rss_mb"],
        "memory": every["peak_rss_mb"] / quarter["peak_rss_mb"],
    }


def bench_extraction(
    texts: list[tuple[str, str]], batch_size: int, batch_chars: int, repeat: int = 3
) -> dict[str, float]:
    from ..extract.article import extract_many
    from ..textformat import mask_date_line, parse_text

    nlp = nlp_mod.load()
    nlp("warm up the pipeline")
    prepared = [mask_date_line(t, parse_text(t).body_start) for _, t in texts]
    # Warm-up on the first quarter, so neither timing pays for first-use costs.
    for _ in extract_many(
        texts[: max(1, len(texts) // 4)], nlp=nlp, batch_size=batch_size, batch_chars=batch_chars
    ):
        pass
    # CPU seconds of this process: wall time also counts whatever else the machine runs.
    # Even so the same parse takes 19 to 24 s from one round to the next on a shared host, so
    # parse and extraction alternate for ``repeat`` rounds and the ratio is the median of the
    # rounds' ratios: a slow spell slows both halves of a round alike.
    parse_times, extract_times = [], []
    for _ in range(max(1, repeat)):
        t0 = time.process_time()
        _parse_all(nlp, prepared, batch_size, batch_chars)
        parse_times.append(time.process_time() - t0)
        t0 = time.process_time()
        quotes = sum(
            len(x.quotes)
            for x in extract_many(texts, nlp=nlp, batch_size=batch_size, batch_chars=batch_chars)
        )
        extract_times.append(time.process_time() - t0)
    parse_s, extract_s = min(parse_times), min(extract_times)
    ratios = [e / p for p, e in zip(parse_times, extract_times, strict=True)]
    chars = sum(len(t) for _, t in texts)
    return {
        "articles": len(texts),
        "chars": chars,
        "quotes": quotes,
        "parse_s": parse_s,
        "extract_s": extract_s,
        "articles_per_s": len(texts) / extract_s,
        "rules_overhead": statistics.median(ratios),
    }


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed_build(content: Path, output: Path, cache: Path) -> float:
    """CPU seconds of a build (its process and theirs), not wall time: on a shared machine
    wall time also counts the other jobs, which made the ratios vary from run to run."""
    t0 = _children_cpu_s()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "briefing.build",
            "--content",
            str(content),
            "--output",
            str(output),
            "--cache-path",
            str(cache),
        ],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise SystemExit(f"briefing: bench build failed:\n{proc.stderr[-2000:]}")
    return _children_cpu_s() - t0


def bench_build(corpus: Path, limit: int) -> dict[str, float]:
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    try:
        content = work / "content"
        write_markdown(corpus, content, ["dev"], limit)
        cold = _timed_build(content, work / "output", work / "cache")
        warm = _timed_build(content, work / "output", work / "cache")
        return {"cold_build_s": cold, "warm_build_s": warm, "warm_rebuild": warm / cold}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m briefing.tools.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--corpus", type=Path, default=Path(os.environ.get("BRIEFING_POLNEAR", DEFAULT_CORPUS))
    )
    parser.add_argument("--limit", type=int, default=0, help="first N dev articles (0: all)")
    parser.add_argument("--batch-size", type=int, default=nlp_mod.DEFAULT_BATCH_SIZE)
    parser.add_argument("--batch-chars", type=int, default=nlp_mod.DEFAULT_BATCH_CHARS)
    parser.add_argument("--no-build", action="store_true", help="skip the site build figures")
    parser.add_argument(
        "--repeat", type=int, default=3, help="parse/extraction timing rounds (default 3)"
    )
    parser.add_argument("--memory-phase", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    random.seed(0)
    texts = load_texts(args.corpus, args.limit)
    if args.memory_phase:  # a child of bench_memory: one JSON line
        print(json.dumps(memory_phase(texts, args.batch_size, args.batch_chars)))
        return 0
    fig = bench_memory(args.corpus, len(texts), args.batch_size, args.batch_chars)
    fig.update(bench_extraction(texts, args.batch_size, args.batch_chars, args.repeat))
    if not args.no_build:
        fig.update(bench_build(args.corpus, args.limit))
    print(
        f"briefing bench: {fig['articles']} PolNeAR dev articles, {fig['chars']:,} chars, "
        f"{fig['quotes']} quotes"
    )
    print(f"  spaCy parse alone     {fig['parse_s']:7.2f} s CPU (fastest round)")
    print(
        f"  full extraction       {fig['extract_s']:7.2f} s CPU (fastest round)"
        f"  ({fig['articles_per_s']:.1f} articles/s)"
    )
    print(
        f"  memory idle / peak    {fig['idle_rss_mb']:7.0f} MB / {fig['peak_rss_mb']:.0f} MB"
        f" ({fig['quarter_peak_rss_mb']:.0f} MB for a quarter of the articles)"
    )
    if "cold_build_s" in fig:
        print(
            f"  site build cold/warm  {fig['cold_build_s']:7.2f} s / "
            f"{fig['warm_build_s']:.2f} s CPU"
        )
    failed = False
    print("ratios (measured in this run)      value   target")
    for key, label in (
        ("rules_overhead", "extraction / parse time"),
        ("memory", "peak memory, all / a quarter"),
        ("warm_rebuild", "warm / cold build time"),
    ):
        if key not in fig:
            continue
        ok = fig[key] <= TARGETS[key]
        failed |= not ok
        print(f"  {label:<30} {fig[key]:6.2f}  ≤ {TARGETS[key]:<4} {'ok' if ok else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
