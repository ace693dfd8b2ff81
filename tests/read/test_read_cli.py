"""``briefing read FILE...``: each file as the site reads it, one JSON object per line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support import CONTENT, FIXTURES

KEYS = {"path", "title", "title_generated", "date", "date_source", "outlet", "url", "author",
        "text", "warnings"}

ARTICLE = "".join(
    f"<p>{p}</p>\n" for p in (
        "The two foreign ministers met in Doha on Tuesday to discuss a truce in Gaza, "
        "officials from both governments said after talks that lasted three hours.",
        "“We are close to an agreement,” the Qatari minister said after the talks, adding "
        "that the remaining differences were “technical rather than political.”",
        "The talks are to resume on March 3, 2024, in Cairo, the Egyptian delegation said.",
    )
)


def page(head: str = "", url_path: str = "/world/ministers-meet") -> str:
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Ministers meet | Gulf Example"
        f"</title><link rel='canonical' href='https://news.example.org{url_path}'>{head}"
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<div class='cookie-banner'>We use cookies. Accept all</div>"
        f"<article><h1>Ministers meet in Doha</h1><p class='byline'>By Jane Roe</p>{ARTICLE}"
        "<div class='share'>Share on Facebook</div></article>"
        "<aside class='related'><h3>Related</h3><ul><li><a href='/x'>Ten things about Doha</a>"
        "</li></ul></aside><script>window.tracker = 1</script>"
        "<footer>© Gulf Example Media</footer></body></html>"
    )


def read(*paths: Path | str) -> tuple[list[dict], subprocess.CompletedProcess]:
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "read", *map(str, paths)],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()], proc


def test_text_file_reads_as_the_file(tmp_path):
    seeds = sorted(CONTENT.glob("*.txt"))
    objs, proc = read(*seeds)
    assert proc.returncode == 0, proc.stderr
    assert len(objs) == len(seeds)
    for obj, path in zip(objs, seeds, strict=True):
        assert set(obj) == KEYS
        assert obj["text"] == path.read_text(encoding="utf-8")  # the offsets contract
        assert obj["title_generated"] is True
        assert (obj["date"] is None) == (obj["date_source"] is None)
    assert {o["date_source"] for o in objs} == {None, "date line"}


def test_saved_page_reads_article_title_date_and_where_the_date_came_from(tmp_path):
    meta = tmp_path / "meta.html"
    meta.write_text(page("<meta property='article:published_time' "
                         "content='2024-02-13T09:30:00+03:00'>"
                         "<meta property='og:site_name' content='Gulf Example'>"
                         "<meta name='author' content='Jane Roe'>"))
    in_url = tmp_path / "url.html"
    in_url.write_text(page(url_path="/2024/02/14/ministers-meet"))
    ld = tmp_path / "ld.html"
    ld.write_text(page('<script type="application/ld+json">{"@type": "NewsArticle", '
                       '"datePublished": "2024-02-15T08:00:00Z"}</script>'))
    # An unknown zone name made dateutil print UnknownTimezoneWarning to the console.
    zone = tmp_path / "zone.html"
    zone.write_text(page("<meta name='date' content='Tue, 16 Feb 2024 09:30:00 EDT'>"))
    objs, proc = read(meta, in_url, ld, zone)
    assert proc.returncode == 0, proc.stderr
    assert "Warning" not in proc.stderr, proc.stderr
    by = {Path(o["path"]).name: o for o in objs}
    first = by["meta.html"]
    assert first["title"] == "Ministers meet in Doha" and not first["title_generated"]
    assert first["date"] == "2024-02-13"
    assert first["date_source"] == 'meta property="article:published_time"'
    assert first["outlet"] == "Gulf Example" and first["author"] == "Jane Roe"
    assert first["url"] == "https://news.example.org/world/ministers-meet"
    paragraphs = first["text"].split("\n\n")
    assert len(paragraphs) == 3 and paragraphs[1].startswith("“We are close")
    for noise in ("Home", "cookies", "Jane Roe", "Share on", "Ten things", "tracker", "©",
                  "Ministers meet in Doha"):
        assert noise not in first["text"], noise
    assert (by["url.html"]["date"], by["url.html"]["date_source"]) == ("2024-02-14", "URL")
    assert (by["ld.html"]["date"], by["ld.html"]["date_source"]) == (
        "2024-02-15", "JSON-LD datePublished")
    assert by["zone.html"]["date"] == "2024-02-16"


def test_undated_page_stays_undated_though_its_text_names_a_day(tmp_path):
    undated = tmp_path / "undated.html"
    undated.write_text(page())
    (obj,), proc = read(undated)
    assert proc.returncode == 0, proc.stderr
    assert "March 3, 2024" in obj["text"]
    assert obj["date"] is None and obj["date_source"] is None


def test_a_file_that_is_no_article_is_named_with_its_reason(tmp_path):
    objs, proc = read(FIXTURES / "bad" / "no-body.html", FIXTURES / "readers" / "analysis.md")
    assert proc.returncode == 1
    assert [Path(o["path"]).name for o in objs] == ["analysis.md"]
    assert "no-body.html" in proc.stderr and "no article body" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_extract_offsets_index_the_text_read_prints(tmp_path):
    path = tmp_path / "meta.html"
    path.write_text(page("<meta property='article:published_time' content='2024-02-13'>"))
    (obj,), _ = read(path)
    proc = subprocess.run([sys.executable, "-m", "briefing", "extract", str(path)],
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert proc.returncode == 0, proc.stderr
    extraction = json.loads(proc.stdout)
    assert extraction["quotes"]
    for q in extraction["quotes"]:
        assert obj["text"][q["start"]:q["end"]] == q["text"]
