"""Extraction as a map over articles on Dask (cluster.py): the same cache, byte for byte.

The clusters here are ``LocalCluster``s on 127.0.0.1 that the tests start themselves.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from briefing import cluster
from briefing.read.articles import read_file
from support import CONTENT, REPO, build, missing

SEEDS = sorted(CONTENT.glob("*.txt"))


def _items() -> list[tuple[str, str]]:
    items = []
    for path in SEEDS:
        article = read_file(path)
        items.append((path.name, article.text[: article.extract_end or None]))
    return items


def _job() -> cluster.Job:
    from briefing.settings import DEFAULTS

    return cluster.Job(model=DEFAULTS["BRIEFING_MODEL"])


def _fill(cache_root: Path, **how) -> list[cluster.Outcome]:
    from briefing.settings import DEFAULTS

    cache = cluster.cache_for(cache_root, DEFAULTS["BRIEFING_MODEL"], None)
    items = _items()

    def keep(i, outcome):
        assert outcome.extraction is not None, outcome.error
        cache.put(items[i][1], outcome.extraction)

    return cluster.extract(items, _job(), on_result=keep, **how)


def _entries(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*.json"))}


@pytest.fixture(scope="module")
def one_process(tmp_path_factory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("one-process")
    try:
        _fill(root, workers=1)
    except AssertionError as exc:
        if "not installed" in str(exc):
            missing(str(exc))
        raise
    entries = _entries(root)
    assert len(entries) == len(SEEDS)
    return entries


def test_chunks_keep_order_and_cover_every_article():
    items = [(str(i), "x" * n) for i, n in enumerate([10, 500, 20, 20, 20, 900, 5, 5])]
    parts = cluster.chunks(items, 4)
    assert [i for part in parts for i in part] == list(range(len(items)))
    assert 2 <= len(parts) <= 5
    # A long article ends its chunk: no chunk holds two of the long ones.
    assert all(not ({1, 5} <= set(part)) for part in parts)


def test_chunks_of_nothing():
    assert cluster.chunks([], 4) == []


def test_two_worker_cluster_writes_the_same_cache_entries(tmp_path, one_process, caplog):
    """A LocalCluster of two workers, reached by its scheduler address as a remote cluster
    would be: every article is extracted there (no fall-back warning), and the cache holds
    the same files with the same bytes as a one-process run."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=logging.ERROR) as local:
        with caplog.at_level(logging.WARNING, logger="briefing"):
            outcomes = _fill(tmp_path, scheduler=local.scheduler_address)
    assert not [r for r in caplog.records if r.name.startswith("briefing")]
    assert all(o.extraction is not None for o in outcomes)
    assert _entries(tmp_path) == one_process


def test_local_workers_write_the_same_cache_entries(tmp_path, one_process):
    """The default: a LocalCluster of its own, started and stopped by the run."""
    _fill(tmp_path, workers=2)
    assert _entries(tmp_path) == one_process


def test_a_missing_model_on_the_workers_is_an_outcome_per_article(tmp_path, caplog):
    job = cluster.Job(model="no_such_spacy_model")
    items = _items()[:2]
    with caplog.at_level(logging.WARNING, logger="briefing"):
        outcomes = cluster.extract(items, job, workers=2)
    assert [o.model_missing for o in outcomes] == [True, True]
    assert all("no_such_spacy_model" in o.error for o in outcomes)
    assert not [r for r in caplog.records if "failed" in r.getMessage()]  # no fall-back


def test_an_unreachable_scheduler_falls_back_to_this_process(caplog, one_process, tmp_path):
    # Port 9 (discard) on loopback: nothing listens there, so connecting fails at once.
    with caplog.at_level(logging.WARNING, logger="briefing"):
        outcomes = _fill_with_timeout(tmp_path, "tcp://127.0.0.1:9")
    assert all(o.extraction is not None for o in outcomes)
    message = " ".join(r.getMessage() for r in caplog.records)
    assert "tcp://127.0.0.1:9" in message and "in this process" in message
    assert _entries(tmp_path) == one_process


def _fill_with_timeout(root: Path, scheduler: str) -> list[cluster.Outcome]:
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        return _fill(root, scheduler=scheduler)


def test_cli_fills_the_cache_the_build_reads(tmp_path, one_process):
    """``briefing extract --cache DIR --workers 2`` then a build with that cache: the build
    finds every article there and adds no entry of its own."""
    cache = tmp_path / "cache"
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "extract", "--cache", str(cache), "--workers", "2",
         *map(str, SEEDS)], capture_output=True, text=True, cwd=REPO, timeout=600)
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    assert len(lines) == len(SEEDS)
    assert f"extracted {len(SEEDS)} article(s), 0 were in the cache" in proc.stderr
    before = _entries(cache)
    assert before.keys() == one_process.keys()  # the same keys (the bytes name the path)
    build(CONTENT, tmp_path / "out", "--workers", "1", cache=cache)
    assert _entries(cache) == before


def _site_digest(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and "pagefind" not in p.relative_to(site).parts}


def test_a_build_on_two_workers_is_the_site_of_a_one_process_build(tmp_path):
    """The pipeline's own use of the map: a cold build on two worker processes writes the
    same pages and export as a cold build in one process, and says where its time went."""
    settings = tmp_path / "settings.py"
    # Every article through the workers, however few characters the seeds have.
    settings.write_text(
        "import runpy\n"
        f"globals().update({{k: v for k, v in runpy.run_path({str(REPO / 'pelican.conf.py')!r})"
        ".items() if k.isupper()})\n"
        "BRIEFING_WORKERS_MIN_CHARS = 0\n", encoding="utf-8")
    timings = tmp_path / "timings.json"
    proc = build(CONTENT, tmp_path / "two", "--workers", "2", "--settings", str(settings),
                 "--timings", str(timings), cache=tmp_path / "cache-two")
    assert "in this process" not in proc.stderr, proc.stderr  # no fall-back: on the workers
    build(CONTENT, tmp_path / "one", "--workers", "1", cache=tmp_path / "cache-one")
    two, one = _site_digest(tmp_path / "two"), _site_digest(tmp_path / "one")
    assert len(two) > 20 and two.keys() == one.keys()
    assert not [name for name in two if two[name] != one[name]]
    assert _entries(tmp_path / "cache-two").keys() == _entries(tmp_path / "cache-one").keys()
    phases = json.loads(timings.read_text())
    assert list(phases) == ["read", "fold", "extract", "link", "views", "render and write",
                            "index"]
    assert all(seconds >= 0 for seconds in phases.values()) and phases["extract"] > 0
