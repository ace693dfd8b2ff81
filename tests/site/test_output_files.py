"""What a build leaves on disk: readable by a web server, and nothing from a killed build."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys

from briefing.build import remove_stale_staging
from support import build, seed


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_output_and_cache_follow_the_umask(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(seed("002"), content)
    env = dict(os.environ)
    # A umask of 022 in the child: the site must be world-readable, as any folder they make.
    code = ("import os, sys, runpy; os.umask(0o022); sys.argv = ['briefing.build'] + "
            "sys.argv[1:]; runpy.run_module('briefing.build', run_name='__main__')")
    out, cache = tmp_path / "out", tmp_path / "cache"
    subprocess.run([sys.executable, "-c", code, "--content", str(content), "--output", str(out),
                    "--cache-path", str(cache)], check=True, capture_output=True, env=env)
    assert _mode(out) == 0o755  # mkdtemp would give 0700
    assert _mode(out / "index.html") == 0o644
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert entries and all(_mode(p) == 0o644 for p in entries)  # mkstemp would give 0600


def test_a_killed_builds_staging_folder_is_removed_by_the_next(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(seed("002"), content)
    out = tmp_path / "out"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".out.building-{dead.pid}-abc123"
    (stale / "briefings").mkdir(parents=True)
    old_style = tmp_path / ".out.building-xyz789"  # before staging names carried a pid
    old_style.mkdir()
    live = tmp_path / f".out.building-{os.getpid()}-def456"  # a build still running
    live.mkdir()
    build(content, out)
    assert not stale.exists() and not old_style.exists()
    assert live.exists()
    assert (out / "index.html").exists()
    assert remove_stale_staging(out) == []
