import os
import sys
from pathlib import Path

import pytest

# The shared helpers (tests/support.py) import as a plain module from every test folder.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import SHARED, missing  # noqa: E402

try:  # nothing a test writes lands in the repository: no Hypothesis example database
    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("briefing", database=None)
    _hypothesis_settings.load_profile("briefing")
except ImportError:  # pragma: no cover - hypothesis comes with the test extras
    pass


def pytest_addoption(parser):
    parser.addoption(
        "--polnear",
        default=None,
        help="PolNeAR corpus root (default: $BRIEFING_POLNEAR or ../shared/corpus/polnear)",
    )
    parser.addoption(
        "--ecbplus",
        default=None,
        help="ECB+ corpus root (default: $BRIEFING_ECBPLUS or ../shared/corpus/ecbplus)",
    )


@pytest.fixture(scope="session")
def polnear_path(request) -> Path:
    """The PolNeAR corpus root; skips (fails under BRIEFING_REQUIRE_ALL) when it is absent."""
    opt = request.config.getoption("--polnear")
    env = os.environ.get("BRIEFING_POLNEAR")
    path = Path(opt or env or SHARED / "corpus" / "polnear")
    if not (path / "dev" / "text").is_dir():
        missing(f"PolNeAR corpus not found at {path} (set BRIEFING_POLNEAR or --polnear)")
    return path


@pytest.fixture(scope="session")
def ecbplus_path(request) -> Path:
    """The ECB+ corpus root; skips (fails under BRIEFING_REQUIRE_ALL) when it is absent."""
    opt = request.config.getoption("--ecbplus")
    env = os.environ.get("BRIEFING_ECBPLUS")
    path = Path(opt or env or SHARED / "corpus" / "ecbplus")
    if not (path / "gold.jsonl").is_file():
        missing(f"ECB+ corpus not found at {path} (set BRIEFING_ECBPLUS or --ecbplus)")
    return path


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline, loaded once for the whole session."""
    from briefing.extract import nlp as nlp_mod

    try:
        return nlp_mod.load()
    except nlp_mod.ModelMissingError as exc:
        missing(str(exc))
