"""Helpers shared by the tests: where things are, real builds, and honest skips.

Tests import this module (``from support import build``), never each other.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from briefing.link import ArticleInput
from briefing.records import Actor, Extraction, Mention, Quote, Speaker
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]
# The demo content folder holds the five seed articles: seed tests read them here, so they
# run in any checkout, with or without ../shared.
CONTENT = REPO / "content"
FIXTURES = REPO / "tests" / "fixtures"
SHARED = REPO.parent / "shared"


def require_all() -> bool:
    """``BRIEFING_REQUIRE_ALL=1`` (set by .ci/run): a skip for a missing browser, corpus,
    model or axe-core is a failure, since there it means "not tested"."""
    return os.environ.get("BRIEFING_REQUIRE_ALL", "") not in ("", "0")


def missing(reason: str) -> None:
    """Skip, saying why; under ``BRIEFING_REQUIRE_ALL`` fail instead."""
    if require_all():
        pytest.fail(f"BRIEFING_REQUIRE_ALL is set, and {reason}", pytrace=False)
    pytest.skip(reason)


def seed(prefix: str) -> Path:
    """The seed article whose file name starts with ``prefix`` (``000``), from content/."""
    found = sorted(CONTENT.glob(f"{prefix}_*.txt"))
    assert len(found) == 1, f"expected one seed {prefix}_*.txt in {CONTENT}, found {found}"
    return found[0]


def build(content: Path, output: Path, *extra: str, check: bool = True,
          cache: Path | None = None, env: dict | None = None):
    """``python -m briefing.build`` in a fresh process, as ``invoke build`` runs it (Pelican's
    signals are global). Every build gets its own extraction cache, beside its output unless
    given one, so no test reads another's results or the repository's ``cache/``."""
    cache = cache or Path(output).parent / f".{Path(output).name}-cache"
    proc = subprocess.run(
        [sys.executable, "-m", "briefing.build", "--content", str(content), "--output",
         str(output), "--cache-path", str(cache), *extra],
        capture_output=True, text=True, cwd=REPO, env=env,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"build failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def goto(page, url: str, **kwargs):
    """``page.goto`` that fails unless the server answered 2xx: an accessibility or content
    check on a 404 page checks nothing."""
    response = page.goto(url, **kwargs)
    assert response is not None, f"{url}: no response"
    assert response.ok, f"{url}: HTTP {response.status}"
    return response


def page_file(output: Path, url: str) -> Path:
    """The file a site address is served from: ``actors/x.html`` itself, ``briefings/x/``
    (or ``/briefings/x``, ``""`` for the home page) its ``index.html``."""
    path = url.split("#")[0].strip("/")
    return output / path if "." in path.rsplit("/", 1)[-1] else output / path / "index.html"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def fragments(site: Path) -> dict[str, dict]:
    """url -> the record Pagefind indexed for that page (its gzipped JSON "fragment": url,
    content, filters, meta, anchors)."""
    out = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        record = json.loads(raw[raw.index(b"{"):])
        out[record["url"]] = record
    return out


def article_pages(output: Path) -> dict[str, BeautifulSoup]:
    return {p.parent.name: soup(p) for p in sorted((output / "briefings").glob("*/index.html"))}


# --- hand-built records for linking tests (fast, no spaCy) ---------------------------


def person(ident, name, aliases=(), roles=(), countries=(), mentions=1, kind="person"):
    return Actor(
        id=ident,
        name=name,
        kind=kind,
        aliases=list(aliases),
        roles=list(roles),
        countries=list(countries),
        mentions=[Mention(0, len(name), name) for _ in range(mentions)],
    )


def org(ident, name, aliases=(), countries=()):
    return person(ident, name, aliases, countries=countries, kind="organization")


def place(ident, name):
    return person(ident, name, kind="place")


def article(slug, date, actors, quotes=(), topics=(), title=None):
    """``quotes``: speaker actor ids, or ``("?", description)`` for an unnamed speaker."""
    qs = []
    for i, who in enumerate(quotes):
        if isinstance(who, tuple):
            speaker = Speaker(name=who[1])
        else:
            name = next(a.name for a in actors if a.id == who)
            speaker = Speaker(name=name, actor=who)
        qs.append(Quote(text=f"quote {i}", start=i * 10, end=i * 10 + 7, kind="direct",
                        speaker=speaker))
    ext = Extraction(path=f"{slug}.txt", title=title or slug, date=date, quotes=qs,
                     actors=list(actors), topics=list(topics))
    return ArticleInput(slug=slug, source=f"{slug}.txt", date=date, extraction=ext)


def actor_named(site, name):
    """The one site actor some of whose names is ``name`` (fails if none or several)."""
    hits = [a for a in site.actors.values() if name == a.name or name in a.aliases]
    assert len(hits) == 1, f"{name!r}: {[(a.id, a.name, a.aliases) for a in hits]}"
    return hits[0]
