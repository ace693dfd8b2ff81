"""The code stays ruff-clean (the style every module follows)."""

import shutil
import subprocess
import sys
from pathlib import Path

from support import REPO, missing


def test_ruff_check_is_clean():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        missing("ruff is not installed (it comes with the test extras)")
    proc = subprocess.run(
        [ruff, "check", "--no-cache", "plugins", "tests", "tasks.py", "pelican.conf.py"],
        cwd=REPO, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
