"""Same content, same bytes; a failed build changes nothing (issue 7).

``gh-pages`` diffs must show only real changes, so two builds of one content folder write
byte-identical files, whatever the output folder, hash seed or extraction cache state.
Pagefind's bundle is left out: its fragment file names hash differently on every run.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import FIXTURES, REPO

SEEDS = sorted((REPO / "content").glob("*.txt"))
BAD = FIXTURES / "bad"
# Every reader, a duplicate pair (slug numbering), a skipped file and a warning.
EXTRA = ["duplicate-a.txt", "duplicate-b.txt", "windows-1252.txt", "broken-date.md",
         "garbled-header.md", "empty.txt", "no-body.html", "arabic.txt"]
READERS = FIXTURES / "readers"


def _content(root: Path) -> Path:
    content = root / "content"
    content.mkdir()
    for seed in SEEDS:
        shutil.copyfile(seed, content / seed.name)
    for name in EXTRA:
        shutil.copyfile(BAD / name, content / name)
    for path in READERS.iterdir():
        shutil.copyfile(path, content / path.name)
    return content


def _build(content: Path, output: Path, seed: str, cache: Path) -> subprocess.CompletedProcess:
    """A build under hash seed ``seed`` with extraction cache ``cache`` (empty: cold)."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run(
        [sys.executable, "-m", "briefing.build", "--content", str(content),
         "--output", str(output), "--cache-path", str(cache)],
        capture_output=True, text=True, cwd=REPO, env=env,
    )


def _digest(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file() and "pagefind" not in p.relative_to(site).parts
    }


def test_builds_cold_and_warm_under_other_hash_seeds_are_byte_identical(tmp_path):
    # Two cold builds (each its own empty cache) under different hash seeds: extraction
    # itself must not depend on set order. A third, warm from the first's cache, must not
    # differ from a cold one either.
    content = _content(tmp_path)
    cache_a, cache_b = tmp_path / "cache-a", tmp_path / "cache-b"
    first = _build(content, tmp_path / "a" / "output", "1", cache_a)
    assert first.returncode == 0, first.stderr
    assert any(cache_a.rglob("*.json")), "the cold build wrote no cache entries"
    second = _build(content, tmp_path / "b" / "site", "2", cache_b)
    assert second.returncode == 0, second.stderr
    warm = _build(content, tmp_path / "c" / "output", "3", cache_a)
    assert warm.returncode == 0, warm.stderr
    a, b = _digest(tmp_path / "a" / "output"), _digest(tmp_path / "b" / "site")
    c = _digest(tmp_path / "c" / "output")
    assert len(a) > 20 and (tmp_path / "a" / "output" / "data" / "report.json").is_file()
    assert sorted(a) == sorted(b) == sorted(c)
    assert not [name for name in a if a[name] != b[name]], "cold builds differ"
    assert not [name for name in a if a[name] != c[name]], "warm build differs from cold"
    # The printed report is stable too (CI logs diff cleanly).
    report = [line for line in first.stdout.splitlines() if line.startswith("  ")]
    assert report == [line for line in second.stdout.splitlines() if line.startswith("  ")]


def test_a_rebuild_in_place_changes_nothing(tmp_path):
    content = _content(tmp_path)
    output = tmp_path / "output"
    assert _build(content, output, "3", tmp_path / "cache").returncode == 0
    before = _digest(output)
    assert _build(content, output, "4", tmp_path / "cache").returncode == 0
    assert _digest(output) == before
    assert not list(tmp_path.glob(".output.*")), "staging or old folders left behind"


_FAILING_BUILD = """
import logging, sys
from pathlib import Path
from briefing.build import build_site
logging.basicConfig(level=logging.WARNING)
build_site(Path(sys.argv[1]), Path(sys.argv[2]),
           overrides={"THEME": sys.argv[3], "CACHE_PATH": sys.argv[4]})
"""


@pytest.mark.parametrize("breakage", [
    # Fails while rendering the article pages, after other pages were written.
    pytest.param(("article.html", "<h1>{{ article.title }}</h1>",
                  "<h1>{{ article.no_such.attribute }}</h1>"), id="render-error"),
    pytest.param(("base.html", "</html>", "{% block content %}</html>"), id="syntax-error"),
])
def test_a_failed_build_leaves_the_previous_output_intact(tmp_path, breakage):
    content = _content(tmp_path)
    output = tmp_path / "output"
    assert _build(content, output, "5", tmp_path / "cache").returncode == 0
    before = _digest(output)
    theme = tmp_path / "broken-theme"
    shutil.copytree(REPO / "theme", theme)
    name, old, new = breakage
    template = theme / "templates" / name
    source = template.read_text(encoding="utf-8")
    assert old in source
    template.write_text(source.replace(old, new), encoding="utf-8")
    (content / "new-article.txt").write_text(
        " date 2024-05-05 A new article arrives before the failed build.\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", _FAILING_BUILD, str(content), str(output), str(theme),
         str(tmp_path / "cache")],
        capture_output=True, text=True, cwd=REPO,
    )
    assert proc.returncode != 0
    assert "build failed" in proc.stderr and "left as it was" in proc.stderr
    assert _digest(output) == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".output")]
    assert not leftovers, leftovers
