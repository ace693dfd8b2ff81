"""Build a site in a fresh process, as ``invoke build`` does (Pelican's signals are global)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]


def build(content: Path, output: Path, *extra: str, check: bool = True):
    proc = subprocess.run(
        [sys.executable, "-m", "briefing.build", "--content", str(content), "--output",
         str(output), *extra],
        capture_output=True, text=True, cwd=REPO,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"build failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article_pages(output: Path) -> dict[str, BeautifulSoup]:
    return {p.parent.name: soup(p) for p in sorted((output / "briefings").glob("*/index.html"))}
