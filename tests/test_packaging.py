"""What a built wheel ships: the measured stance-frame table lives inside ``extract/``."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

from support import REPO


def test_the_wheel_ships_the_frame_table_beside_the_extraction_code(tmp_path):
    # Built from a copy, so the build's egg-info and build/ never land in the repository;
    # pip fetches the build backend pyproject.toml names, as any install does.
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    shutil.copytree(REPO / "plugins", src / "plugins",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
         str(src)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (wheel,) = tmp_path.glob("briefing-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "briefing/extract/cue_frames.tsv" in names
    for stage in ("read", "extract", "link", "render", "index", "tools"):
        assert f"briefing/{stage}/__init__.py" in names, stage
    assert not {n for n in names if n.startswith("tests/")}
