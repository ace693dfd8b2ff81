"""Every page type as chromium loads it from the served site: accessible (axe-core) and with
no failed request (pages, styles, scripts, the Pagefind bundle a search fetches).
"""

from __future__ import annotations

import json

import pytest
from support import goto

from browser.search_ui import search

pytestmark = pytest.mark.browser


def _first(site, folder: str) -> str:
    """The first page in ``folder``: a briefing's folder or a one-file page."""
    pages = sorted((site / folder).glob("*/index.html")) or sorted(
        p for p in (site / folder).glob("*.html") if p.name != "index.html")
    assert pages, f"no {folder} pages were built"
    first = pages[0]
    if first.name == "index.html":
        return f"/{folder}/{first.parent.name}/"
    return f"/{folder}/{first.name}"


@pytest.fixture(scope="session")
def page_paths(seed_site) -> dict[str, str]:
    return {
        "home": "/",
        "briefing": _first(seed_site, "briefings"),
        "actor": "/actors/ali-bagheri-kani.html",
        "topic": _first(seed_site, "topics"),
        "actors": "/actors/",
        "topics": "/topics/",
        "timeline": "/timeline/",
        "event": _first(seed_site, "events"),
        "events": "/events/",
    }


def _axe(page, axe_path) -> list[dict]:
    page.add_script_tag(path=str(axe_path))
    found = page.evaluate("async () => (await axe.run()).violations")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in found if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("kind", ["home", "briefing", "actor", "topic", "event", "events"])
def test_no_serious_accessibility_violations(page, seed_server, page_paths, axe_path, kind):
    goto(page, seed_server.base_url + page_paths[kind])
    violations = _axe(page, axe_path)
    assert not violations, json.dumps(violations, indent=1)


def test_search_page_with_results_and_filters_is_accessible(page, seed_server, axe_path):
    search(page, seed_server.base_url, "Bagheri")
    page.locator("fieldset.filter-group .filter-toggle:visible").first.click()  # a list opened
    page.locator("fieldset.filter-group input").first.check()
    page.locator("#search-status").filter(has_text=" in ").wait_for()
    assert page.locator("#search-results li").count() > 0
    violations = _axe(page, axe_path)
    assert not violations, json.dumps(violations, indent=1)


def _watch(page) -> list[str]:
    bad: list[str] = []
    page.on("response", lambda r: r.status >= 400 and bad.append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: bad.append(f"failed {r.url} {r.failure}"))
    page.on("pageerror", lambda e: bad.append(f"script error {e}"))
    return bad


@pytest.mark.parametrize(
    "kind", ["home", "briefing", "actor", "topic", "actors", "topics", "timeline"]
)
def test_every_request_of_a_page_succeeds(page, seed_server, page_paths, kind):
    bad = _watch(page)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    goto(page, seed_server.base_url + page_paths[kind])
    page.wait_for_load_state("networkidle")
    assert any(u.endswith("/theme/css/site.css") for u in requested)
    # Nothing outside the site: no CDN, no fonts or scripts from elsewhere.
    assert all(u.startswith(seed_server.base_url) or u.startswith("data:") for u in requested)
    assert not bad, bad


def test_every_request_of_a_search_succeeds(page, seed_server):
    bad = _watch(page)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    search(page, seed_server.base_url, "minister")  # more results than a page shows
    page.locator("#search-more").click()
    page.wait_for_load_state("networkidle")
    kinds = {u.rsplit(".", 1)[-1] for u in requested if "/pagefind/" in u}
    # The loader, its worker and wasm, the index metadata, index and filter chunks, fragments.
    assert {"js", "pagefind", "pf_meta", "pf_index", "pf_fragment"} <= kinds, kinds
    assert all(u.startswith(seed_server.base_url) for u in requested)
    assert not bad, bad
