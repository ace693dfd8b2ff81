"""Where an article comes from reaches the page and the export: outlet, author, the original
address (a web address only) and where its date was read."""

from __future__ import annotations

import json

from support import article_pages, build

BODY = ("“We are close to an agreement,” the Qatari minister said after the talks in Doha "
        "on Tuesday, adding that the remaining differences were technical.\n\n"
        "Officials said further talks would follow next week in Cairo.\n")


def test_outlet_author_and_original_link_on_the_page_and_in_the_export(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "fetched.md").write_text(
        "Title: Ministers meet in Doha\nDate: 2024-02-13\nOutlet: Gulf Wire\n"
        "Author: Amira Haddad\nURL: https://gulfwire.example/news/doha-talks\n\n" + BODY)
    (content / "sneaky.md").write_text(
        "Title: Talks end in Cairo\nURL: javascript:alert(1)\n\n" + BODY.replace("Doha", "Cairo"))
    out = tmp_path / "out"
    build(content, out)
    pages = {p.find("h1").get_text(strip=True): p for p in article_pages(out).values()}
    meta = pages["Ministers meet in Doha"].select_one("header .meta")
    assert meta.select_one(".outlet").get_text() == "Gulf Wire"
    assert meta.select_one(".byline").get_text() == "by Amira Haddad"
    assert meta.select_one("a.source-url")["href"] == "https://gulfwire.example/news/doha-talks"
    assert pages["Talks end in Cairo"].select_one("a.source-url") is None  # never a link
    records = {r["title"]: r for r in json.loads((out / "data" / "articles.json").read_text())}
    doha = records["Ministers meet in Doha"]
    assert (doha["outlet"], doha["author"], doha["date_source"]) == (
        "Gulf Wire", "Amira Haddad", "metadata")
    assert doha["source_url"] == "https://gulfwire.example/news/doha-talks"
    cairo = records["Talks end in Cairo"]
    assert cairo["source_url"] is None and cairo["date_source"] is None
