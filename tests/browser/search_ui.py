"""What a reader does on the search page, as helpers the browser tests share."""

from __future__ import annotations

import re

from support import goto

RESULT_LINKS = "#search-results .result-link"


def search(page, base_url: str, query: str) -> list[dict]:
    """Open the search page, type ``query`` as a person would, return the shown results."""
    goto(page, f"{base_url}/search/")
    field = page.get_by_label("Search briefings, people and topics")
    field.click()
    field.press_sequentially(query, delay=5)
    wait_for_status(page, query)
    return results(page)


def wait_for_status(page, text: str) -> str:
    status = page.locator("#search-status")
    # The status names the query once its results are in (older searches never overwrite it).
    status.filter(has_text=text).wait_for()
    return status.inner_text()


def results(page) -> list[dict]:
    return page.locator(RESULT_LINKS).evaluate_all(
        "els => els.map(e => ({title: e.textContent, href: e.getAttribute('href'),"
        " url: e.href}))"
    )


def result_count(page) -> int:
    text = page.locator("#search-status").inner_text()
    m = re.match(r"(\d+) results? ", text)
    return int(m.group(1)) if m else 0


def tick_filter(page, group_legend: str, value: str) -> None:
    """Tick a filter box by its visible label, inside the group with that legend."""
    group = page.locator("fieldset.filter-group").filter(
        has=page.locator("legend", has_text=re.compile(f"^{re.escape(group_legend)}$"))
    )
    box = group.get_by_label(re.compile(f"^{re.escape(value)} \\(\\d+\\)$"))
    if not box.is_visible():
        group.locator(".filter-toggle").click()  # "Show all N"
    box.check()
