import os
import sys
from pathlib import Path

import pytest

# Test helpers (tests/sitebuild.py) import as plain modules.
sys.path.insert(0, str(Path(__file__).resolve().parent))


REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = Path(os.environ.get("BRIEFING_SEEDS", REPO_ROOT.parent / "shared" / "seeds"))


def pytest_addoption(parser):
    parser.addoption(
        "--polnear",
        default=None,
        help="PolNeAR corpus root (default: $BRIEFING_POLNEAR or ../shared/corpus/polnear)",
    )


@pytest.fixture(scope="session")
def polnear_path(request) -> Path:
    """The PolNeAR corpus root; skips the test when it is not on this machine."""
    opt = request.config.getoption("--polnear")
    env = os.environ.get("BRIEFING_POLNEAR")
    path = Path(opt or env or REPO_ROOT.parent / "shared" / "corpus" / "polnear")
    if not (path / "dev" / "text").is_dir():
        pytest.skip(f"PolNeAR corpus not found at {path} (set BRIEFING_POLNEAR or --polnear)")
    return path


@pytest.fixture(scope="session")
def spacy_nlp():
    from briefing import nlp as nlp_mod

    try:
        return nlp_mod.load()
    except nlp_mod.ModelMissingError as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def nlp(spacy_nlp):
    """The spaCy pipeline, loaded once for the whole session."""
    return spacy_nlp
