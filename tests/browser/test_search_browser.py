"""Search as a reader uses it: type, read the results, filter, follow a link, by keyboard too.

The seed site (content/*.txt) is served on 127.0.0.1 and driven in Debian's chromium.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from support import goto

from browser.search_ui import result_count, results, search, tick_filter, wait_for_status

pytestmark = pytest.mark.browser

QUOTE = "Palestine is the key to the region’s stability"


def test_name_finds_actor_page_first_then_briefings(page, seed_server):
    found = search(page, seed_server.base_url, "Bagheri")
    assert found[0]["href"] == "/actors/ali-bagheri-kani.html"
    briefings = [r for r in found if r["href"].startswith("/briefings/")]
    assert len(briefings) >= 3  # his three briefings
    assert all("Bagheri" in page.locator(".search-result").nth(i).inner_text()
               for i in range(len(found)))


def test_alias_spelling_finds_actor_page_first(page, seed_server):
    found = search(page, seed_server.base_url, "Amirabdollahian")
    assert found[0]["href"] == "/actors/hossein-amir-abdollahian.html"
    assert found[0]["title"] == "Hossein Amir-Abdollahian"


def test_quote_phrase_links_to_the_quote(page, seed_server):
    found = search(page, seed_server.base_url, QUOTE)
    quote_links = [r for r in found if re.search(r"^/briefings/[^/]+/#q-\d+$", r["href"])]
    assert quote_links, found
    # A quote's words are indexed once, in its briefing: the speaker's page lists the quote
    # but is found by the speaker's names, not by the quote.
    assert "/actors/ali-bagheri-kani.html" not in [r["href"] for r in found]
    # Follow the result whose excerpt holds the exact words: it lands on the quote itself.
    item = page.locator(".search-result").filter(
        has=page.locator("a[href*='#q-']"), has_text="region’s stability"
    ).first
    assert "match in a quote" in item.inner_text()
    link = item.locator(".result-link")
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    anchor = href.rsplit("#", 1)[1]
    target = page.locator(f"[id='{anchor}']")
    assert QUOTE in target.inner_text()
    assert page.evaluate("location.hash") == f"#{anchor}"
    assert page.evaluate("document.querySelector(':target').id") == anchor


def test_topic_filter_narrows_and_every_result_has_the_topic(page, seed_server):
    search(page, seed_server.base_url, "Qatar")
    before = result_count(page)
    assert before > 3
    tick_filter(page, "Topic", "Nuclear deal")
    wait_for_status(page, "Nuclear deal")
    after = result_count(page)
    assert 0 < after < before
    for r in results(page):
        html = page.request.get(r["url"]).text()
        assert 'data-pagefind-filter="topic[content]" content="Nuclear deal"' in html, r
    # The filter is in the address: the narrowed search can be bookmarked.
    assert "topic=Nuclear+deal" in page.url


def test_year_filter_from_the_address(page, seed_server):
    goto(page, f"{seed_server.base_url}/search/?q=Qatar&year=2022")
    wait_for_status(page, "2022")
    assert page.get_by_label(re.compile(r"^2022 \(\d+\)$")).is_checked()
    found = results(page)
    assert found
    for r in found:
        if r["href"].startswith("/briefings/"):
            assert "2022" in page.locator(f".search-result:has(a[href='{r['href']}'])")\
                .inner_text()


def test_header_box_by_keyboard_and_results_are_announced(page, seed_server):
    goto(page, f"{seed_server.base_url}/")
    # Tab from the top of the page: skip link, brand, nav links, then the search field.
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "site-search-q":
            break
    else:
        pytest.fail("the header search field is not reachable with Tab")
    assert page.evaluate(
        "document.querySelector('label[for=site-search-q]').textContent"
    ).strip()
    page.keyboard.type("Tamim")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=Tamim$"))
    status = page.locator("#search-status")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    wait_for_status(page, "Tamim")
    assert re.match(r"\d+ results? for “Tamim”", status.inner_text())
    # Focus order: field, its button, then the filters, then the results.
    page.get_by_label("Search briefings, people and topics").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Search"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "checkbox"
    page.keyboard.press("Space")  # tick the first filter by keyboard; focus stays on it
    page.wait_for_function("document.querySelector('#search-status').textContent.includes(' in ')")
    assert page.evaluate("document.activeElement.type") == "checkbox"
    assert page.evaluate("document.activeElement.checked")


def test_show_more_moves_focus_to_the_new_results(page, seed_server):
    # Nine pages hold "minister": more than the eight a page of results shows.
    search(page, seed_server.base_url, "minister")
    total = result_count(page)
    shown = page.locator("#search-results li").count()
    assert 0 < shown < total
    more = page.locator("#search-more")
    assert more.is_visible()
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"document.querySelectorAll('#search-results li').length > {shown}"
    )
    assert page.evaluate("document.activeElement.className") == "result-link"
    assert page.evaluate(
        "[...document.querySelectorAll('#search-results .result-link')]"
        ".indexOf(document.activeElement)"
    ) == shown


def test_works_under_a_pages_project_subpath(page, subpath_server):
    server, siteurl = subpath_server
    bad: list[str] = []
    page.on("response", lambda r: r.status >= 400 and bad.append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: bad.append(f"failed {r.url}"))
    found = search(page, siteurl, "Bagheri")
    assert found[0]["url"] == f"{siteurl}/actors/ali-bagheri-kani.html"
    assert all(urlsplit(r["url"]).path.startswith("/repo/") for r in found)
    bundle = page.evaluate(
        "performance.getEntriesByType('resource').map(e => e.name)"
        ".filter(n => n.includes('/pagefind/'))"
    )
    assert bundle and all(urlsplit(n).path.startswith("/repo/pagefind/") for n in bundle)
    page.locator(".result-link").nth(1).click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.startswith("/repo/briefings/")
    assert "Bagheri" in page.locator("h1").inner_text()
    assert not bad, bad


def test_no_script_or_network_errors_on_the_search_page(page, seed_server):
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} {r.url}"))
    search(page, seed_server.base_url, "ceasefire")
    page.locator("fieldset.filter-group input").first.check()
    page.wait_for_timeout(300)
    assert not errors, errors
