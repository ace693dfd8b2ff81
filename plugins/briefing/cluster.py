"""Extraction as a map over articles, on Dask (``dask.distributed``), into the cache.

Extraction is a pure function of an article's text, so articles are independent tasks: a
``LocalCluster`` of one process per core by default, or any Dask cluster given by its
scheduler address (``BRIEFING_SCHEDULER``, ``briefing extract --scheduler``). Each worker
loads the spaCy pipeline once and parses its chunks of articles with ``nlp.pipe``; results
come back to this process, which alone writes the cache, so workers need no shared disk.

Results do not depend on how articles are chunked (batches change nothing:
tests/extract/test_extract_memory.py), so a cluster run writes the same cache entries, byte
for byte, as a one-process run (tests/extract/test_cluster.py).

Below ``BRIEFING_WORKERS_MIN_CHARS`` of uncached text, or with one worker, extraction runs
in this process: starting workers and loading the model in each costs a few seconds.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .cache import ExtractionCache
from .records import Extraction

logger = logging.getLogger(__name__)

# Chunks per worker: enough that a worker finishing early takes more work (long articles
# are unevenly spread), few enough that per-task overhead (a pickle each way) is nothing.
CHUNKS_PER_WORKER = 8


@dataclass(frozen=True)
class Job:
    """What every worker needs besides the texts; plain values, so it pickles."""

    model: str
    vocabulary: Mapping[str, Sequence[str]] | None = None
    batch_size: int = 16
    batch_chars: int = 20_000


@dataclass
class Outcome:
    """One article's result: an extraction, or why there is none."""

    extraction: Extraction | None = None
    error: str | None = None  # "Kind: reason" of the failure
    model_missing: bool = False  # the pipeline could not load: no article got extracted


def cache_for(cache_root: str | Path, model: str,
              vocabulary: Mapping[str, Iterable[str]] | None) -> ExtractionCache:
    """The extraction cache the build reads, under ``CACHE_PATH``/briefing: the topic
    vocabulary shapes the topics, so a changed ``BRIEFING_TOPICS`` is a cache miss."""
    if vocabulary is None:
        from .extract.topics import DEFAULT_TOPICS as vocabulary
    variant = json.dumps(
        {k: sorted(v) for k, v in vocabulary.items()}, sort_keys=True, ensure_ascii=False
    )
    return ExtractionCache(Path(cache_root) / "briefing", f"{model}\0{variant}")


def available_cores() -> int:
    """Cores this process may run on (a container or ``taskset`` may allow fewer)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {' '.join(str(exc).split()) or type(exc).__name__}"


def extract_chunk(items: list[tuple[str, str]], job: Job) -> list[Outcome]:
    """Extract (path, text) pairs in one process: runs on a worker, or here. One article
    that fails costs only itself, never its chunk."""
    from .extract import article as extract_mod
    from .extract import nlp as nlp_mod

    try:
        nlp = nlp_mod.load(job.model)  # lru-cached: once per worker process
    except Exception as exc:  # model missing, broken install
        return [Outcome(error=" ".join(str(exc).split()) or type(exc).__name__,
                        model_missing=True) for _ in items]

    def run(part: list[tuple[str, str]]) -> list[Extraction]:
        return list(extract_mod.extract_many(
            part, nlp=nlp, batch_size=job.batch_size, vocabulary=job.vocabulary,
            batch_chars=job.batch_chars))

    try:
        return [Outcome(extraction=x) for x in run(items)]
    except Exception:
        outcomes = []
        for item in items:  # retry one at a time: the others keep their briefing
            try:
                outcomes.append(Outcome(extraction=run([item])[0]))
            except Exception as exc:
                outcomes.append(Outcome(error=_reason(exc)))
        return outcomes


def chunks(items: Sequence[tuple[str, str]], n_chunks: int) -> list[list[int]]:
    """Indexes of ``items`` in order, cut into about ``n_chunks`` runs of similar length."""
    total = sum(len(text) for _, text in items)
    target = max(1, total // max(1, n_chunks))
    out: list[list[int]] = []
    current: list[int] = []
    size = 0
    for i, (_, text) in enumerate(items):
        current.append(i)
        size += len(text)
        if size >= target:
            out.append(current)
            current, size = [], 0
    if current:
        out.append(current)
    return out


@contextlib.contextmanager
def _quiet_dask() -> Iterator[None]:
    """Dask logs each worker's start and stop: build noise, and its warnings (a worker
    killed at shutdown) would land in the build report. Its errors still show."""
    loggers = [logging.getLogger(name) for name in ("distributed", "tornado", "bokeh")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int):
    """A Dask client: to the scheduler at ``scheduler``, or to a LocalCluster of
    ``workers`` single-threaded processes on loopback with no dashboard."""
    from distributed import Client, LocalCluster

    with _quiet_dask():
        if scheduler:
            with Client(scheduler) as client:
                yield client
            return
        # spaCy holds the GIL: one thread per process. Everything listens on loopback, on
        # ports the system picks (no dashboard; its status page off the fixed 8787, so two
        # builds never race for it).
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          host="127.0.0.1", dashboard_address=None,
                          scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                          silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            yield client


def extract(
    items: Sequence[tuple[str, str]],
    job: Job,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    on_result: Callable[[int, Outcome], None] | None = None,
) -> list[Outcome]:
    """Outcomes of ``items`` in order: on the cluster at ``scheduler``, on ``workers`` local
    processes, or (``workers`` ≤ 1, no scheduler) in this process. ``on_result(i, outcome)``
    sees each one as it arrives (to write the cache as the run goes). A cluster that cannot
    start is a warning, and the run continues here."""
    results: list[Outcome | None] = [None] * len(items)

    def done(i: int, outcome: Outcome) -> None:
        results[i] = outcome
        if on_result is not None:
            on_result(i, outcome)

    if not items:
        return []
    if scheduler or workers > 1:
        try:
            _extract_on_cluster(items, job, workers, scheduler, done)
        except Exception as exc:  # no scheduler there, a worker that cannot start
            where = f"the Dask scheduler {scheduler}" if scheduler else f"{workers} workers"
            logger.warning("briefing: extraction on %s failed (%s); extracting the rest in "
                           "this process", where, _reason(exc))
    todo = [i for i, r in enumerate(results) if r is None]
    if todo:
        for i, outcome in zip(todo, extract_chunk([items[i] for i in todo], job), strict=True):
            done(i, outcome)
    return results  # type: ignore[return-value]  # every slot is filled above


def extract_cached(
    items: Sequence[tuple[str, str]],
    job: Job,
    cache: ExtractionCache,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    min_chars: int = 0,
) -> list[Outcome]:
    """``extract`` through ``cache``: what it holds comes from it, the rest is extracted
    and written to it as it arrives. With no ``scheduler`` and fewer than ``min_chars``
    uncached characters, the rest is extracted in this process (starting workers would
    cost more than it saves). What the build and ``briefing extract --cache`` both do."""
    outcomes: list[Outcome | None] = [None] * len(items)
    todo = []
    for i, (path, text) in enumerate(items):
        hit = cache.get(text, path)
        if hit is not None:
            outcomes[i] = Outcome(extraction=hit)
        else:
            todo.append(i)

    def done(j: int, outcome: Outcome) -> None:
        i = todo[j]
        outcomes[i] = outcome
        if outcome.extraction is not None:
            cache.put(items[i][1], outcome.extraction)

    if scheduler is None and sum(len(items[i][1]) for i in todo) < min_chars:
        workers = 1
    extract([items[i] for i in todo], job, workers=workers, scheduler=scheduler,
            on_result=done)
    return outcomes  # type: ignore[return-value]  # every slot is filled above


def _extract_on_cluster(items, job, workers, scheduler, done) -> None:
    from distributed import as_completed

    with _client(scheduler, workers) as client:
        n_workers = max(1, sum(client.nthreads().values()))
        logger.info("briefing: extracting %d article(s) on %d Dask worker(s)%s", len(items),
                    n_workers, f" of {scheduler}" if scheduler else "")
        parts = chunks(items, n_workers * CHUNKS_PER_WORKER)
        futures = {}
        for part in parts:
            # pure=False: identical chunks of two runs must not be served from each other.
            future = client.submit(extract_chunk, [items[i] for i in part], job, pure=False)
            futures[future] = part
        for future in as_completed(futures):
            part = futures.pop(future)
            for i, outcome in zip(part, future.result(), strict=True):
                done(i, outcome)
