"""The extraction cache key covers every file extraction reads, and nothing else.

A changed rule served from a stale cache is the silent failure of a layout move: each case
edits one file of a copy of the package and asks a fresh interpreter for the key.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from briefing import cache
from support import REPO

PACKAGE = REPO / "plugins" / "briefing"


def _key(root: Path) -> str:
    code = "from briefing import cache; print(cache.code_version())"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"PYTHONPATH": str(root), "PATH": ""}, check=True)
    return proc.stdout.strip()


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pkg")
    shutil.copytree(PACKAGE, root / "briefing", ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_the_key_hashes_the_extract_folder_and_what_it_imports():
    names = {p.relative_to(PACKAGE).as_posix() for p in cache.extraction_files()}
    expected = {p.relative_to(PACKAGE).as_posix() for p in (PACKAGE / "extract").iterdir()
                if p.is_file()}
    assert expected <= names
    assert {"extract/cue_frames.tsv", "extract/quotes.py", "records.py",
            "textformat.py"} <= names
    assert not {n for n in names if n.startswith(("link/", "render/", "read/", "tools/"))}


@pytest.mark.parametrize("edited, changes", [
    ("extract/quotes.py", True),
    ("extract/roles.py", True),
    ("extract/cue_frames.tsv", True),
    ("records.py", True),
    ("textformat.py", True),
    ("link/linking.py", False),
    ("settings.py", False),  # values, not code: the model name is in the key's variant
    ("render/views.py", False),
])
def test_editing_a_file_changes_the_key_only_when_extraction_reads_it(copy, edited, changes):
    before = _key(copy)
    target = copy / "briefing" / edited
    original = target.read_bytes()
    try:
        target.write_bytes(original + b"\n# edited\n")
        after = _key(copy)
    finally:
        target.write_bytes(original)
    assert (after != before) is changes, edited
    assert _key(copy) == before
