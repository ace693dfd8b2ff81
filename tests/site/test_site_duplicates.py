"""Near-duplicates end to end: two outlets' copies of one wire story are one briefing.

Built twice into tmp_path with one extraction cache: with both copies and an unrelated
article, and with the first copy alone beside it, so "counted once" is checked against what
one copy gives. Pages are read with BeautifulSoup, the search index from Pagefind's
fragments.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from briefing.link import DuplicateGroup
from briefing.render import views
from support import build, fragments, soup

WIRE = """\
DOHA, Qatar ({credit}) — Iran and Qatar agreed on Monday to reopen talks on the release of \
frozen Iranian funds held in Qatari banks, officials from both countries said after a \
meeting in the Qatari capital.

Iranian Foreign Minister Hossein Amir-Abdollahian met his Qatari counterpart, Sheikh \
Mohammed bin Abdulrahman Al Thani, for more than three hours at the foreign ministry.

"We have agreed that our technical teams will meet again within two weeks," \
Amir-Abdollahian told reporters after the meeting. "The funds belong to the Iranian people \
and must be released."

Sheikh Mohammed said Qatar would continue to play the role of mediator between Tehran and \
Washington. "Our door has always been open to dialogue," he said.

The funds, estimated at six billion dollars, were transferred to Qatar last year as part \
of a prisoner exchange between Iran and the United States.

Washington has said the money can only be used for humanitarian purchases such as food and \
medicine, and that it is closely monitoring every transaction.
{extra}"""

AP = ("Title: Iran and Qatar agree to reopen talks on frozen funds\nDate: 2024-03-04\n"
      "Outlet: Associated Press\n\n" + WIRE.format(
          credit="AP", extra="\nAnalysts said the meeting showed both governments wanted to "
          "keep the channel open despite rising tensions in the Red Sea.\n"))
# The same story as another outlet ran it: new headline, dateline credit, a paragraph cut,
# a credit line added, a day later.
REUTERS = ("Title: Qatar, Iran to resume talks over frozen Iranian money\nDate: 2024-03-05\n"
           "Outlet: Reuters\n\n" + WIRE.format(
               credit="Reuters", extra="\n(Reporting by Andrew Mills; Editing by Peter Graff)\n"))
OTHER = """\
Title: Storm closes schools across northern Scotland
Date: 2024-03-04
Outlet: The Herald

ABERDEEN — Heavy snow and winds of up to 80 miles an hour closed more than 200 schools \
across northern Scotland on Monday, and ferry services to the islands were cancelled.

"This is the worst storm we have seen this winter," said Fiona Mackay, a spokeswoman for \
Aberdeenshire Council. "Parents should keep children at home until the roads are cleared."

The Met Office issued an amber warning for the Highlands and Moray, saying power cuts were \
likely and travel could be dangerous.
"""


def _site(tmp: Path, name: str, files: dict[str, str], cache: Path):
    content = tmp / f"{name}-content"
    content.mkdir()
    for file, text in files.items():
        (content / file).write_text(text, encoding="utf-8")
    proc = build(content, tmp / name, cache=cache)
    return tmp / name, proc.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("duplicates")
    cache = tmp / "cache"
    folded = _site(tmp, "folded", {"ap.md": AP, "reuters.md": REUTERS, "other.md": OTHER},
                   cache)
    single = _site(tmp, "single", {"ap.md": AP, "other.md": OTHER}, cache)
    return folded, single


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built[0][0]


@pytest.fixture(scope="module")
def articles(site) -> list[dict]:
    return json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))


def _primary(articles) -> dict:
    return next(a for a in articles if a["source"] == "ap.md")


def _copy_url(articles) -> str:
    return _primary(articles)["duplicates"][0]["url"]


def test_one_briefing_lists_every_outlet_that_carried_the_story(site, articles):
    assert sorted(a["source"] for a in articles) == ["ap.md", "other.md"]
    page = soup(site / _primary(articles)["url"] / "index.html")
    section = page.select_one("section.also-published")
    assert section is not None and section.h2.get_text(strip=True) == "Also published by"
    items = section.select("li.outlet-item")
    assert [i.select_one(".outlet").get_text(strip=True) for i in items] == [
        "Associated Press", "Reuters"]
    assert [i.time["datetime"] for i in items] == ["2024-03-04", "2024-03-05"]
    assert "primary-copy" in items[0]["class"]
    # the unrelated article folds with nothing
    other = soup(site / next(a for a in articles if a["source"] == "other.md")["url"]
                 / "index.html")
    assert other.select_one("section.also-published") is None


def test_the_copys_address_points_to_the_briefing(site, articles):
    primary_url = "/" + _primary(articles)["url"]
    page = soup(site / _copy_url(articles) / "index.html")
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh is not None and refresh["content"] == f"0; url={primary_url}"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.find("link", rel="canonical")["href"] == primary_url
    assert page.select_one("a.folded-into")["href"] == primary_url
    assert page.select_one(".site-header") is not None  # the site's one base template
    assert page.select_one("section.full-text") is None  # no second copy of the briefing
    assert not page.main.has_attr("data-pagefind-body")
    assert not page.select("meta[data-pagefind-filter]")


def test_the_copy_is_listed_nowhere(site, articles):
    copy = _copy_url(articles)
    own = site / copy / "index.html"
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".xml", ".json") or path == own:
            continue
        text = path.read_text(encoding="utf-8")
        if path.name == "articles.json":
            text = text.replace(f'"url": "{copy}"', "")  # the primary names it as folded
        assert copy not in text, path.relative_to(site)
    assert f"/{copy}" not in fragments(site)
    home = soup(site / "index.html")
    assert len(home.select(".home-latest .article-item")) == 2


def test_quotes_are_counted_once(built):
    (folded, _), (single, _) = built

    def counts(site: Path) -> dict[str, tuple[int, int]]:
        """actor id -> (quotes on the actor page, quotes listed there)."""
        out = {}
        for page in sorted(p for p in (site / "actors").glob("*.html") if p.name != "index.html"):
            html = soup(page)
            said = re.search(r"(\d+) quotes?", html.select_one("header .meta").get_text())
            out[page.stem] = (int(said.group(1)),
                                     len(html.select(".actor-quotes .quote-item")))
        return out

    assert counts(folded) == counts(single)
    quoted = {k: v for k, v in counts(folded).items() if v[0]}
    assert any(k.startswith("hossein-amir-abdollahian") for k in quoted)
    assert all(said == listed for said, listed in quoted.values())

    def ranking(site: Path) -> list[str]:
        return [li.get_text(" ", strip=True) for li in soup(site / "index.html").select(
            ".actor-rank li")]

    assert ranking(folded) == ranking(single)
    actors = json.loads((folded / "data" / "actors.json").read_text(encoding="utf-8"))
    assert all(a["articles"] for a in actors)
    assert not {s for a in actors for s in a["articles"]} - {
        a["slug"] for a in json.loads((folded / "data" / "articles.json").read_text())}


def test_the_report_names_the_files_folded_together(built, articles):
    (site, stdout), _ = built
    report = json.loads((site / "data" / "report.json").read_text(encoding="utf-8"))
    assert report["folded"] == [
        {"file": "ap.md", "url": _primary(articles)["url"], "copies": ["reuters.md"]}]
    assert report["counts"]["articles"] == 2 and report["counts"]["folded"] == 1
    assert report["counts"]["skipped"] == 0 and not report["skipped"]
    assert {a["file"] for a in report["articles"]} == {"ap.md", "other.md"}
    line = next(x for x in stdout.splitlines() if x.strip().startswith("folded"))
    assert "ap.md, reuters.md" in line and _primary(articles)["url"] in line
    assert ", 1 folded" in stdout.splitlines()[0] or any(
        ", 1 folded" in x for x in stdout.splitlines() if x.startswith("briefing: "))


def test_the_export_says_what_was_folded_in(articles):
    primary = _primary(articles)
    assert primary["outlet"] == "Associated Press"
    copy_slug = primary["duplicates"][0]["slug"]
    assert primary["duplicates"] == [{
        "slug": copy_slug, "source": "reuters.md", "url": f"briefings/{copy_slug}/",
        "outlet": "Reuters", "date": "2024-03-05", "source_url": None}]
    other = next(a for a in articles if a["source"] == "other.md")
    assert other["duplicates"] == [] and other["outlet"] == "The Herald"
    assert copy_slug not in {s for a in articles for s in a["related"]}


def test_search_filters_the_briefing_by_every_outlet(site, articles):
    record = fragments(site)["/" + _primary(articles)["url"]]
    assert sorted(record["filters"]["outlet"]) == ["Associated Press", "Reuters"]


def _article(slug: str, outlet=None, url=None):
    return SimpleNamespace(slug=slug, outlet=outlet, briefing_source_url=url, undated=False,
                           date=datetime(2024, 3, 4))


def test_only_web_addresses_become_links_to_the_original():
    primary = _article("a", "AP", "https://example.com/story")
    copies = [_article("b", "Reuters", "javascript:alert(1)"), _article("c", None, " ")]
    kept = views._fold([DuplicateGroup("a", ("b", "c"), {"b": 0.9, "c": 0.8})],
                       {"a": primary}, copies)
    assert len(kept) == 1
    assert [c["source_url"] for c in primary.briefing_copies] == [
        "https://example.com/story", None, None]
    assert [c["outlet"] for c in primary.briefing_copies] == ["AP", "Reuters", None]
    assert copies[0].briefing_duplicate_of is primary and copies[0].template == "duplicate"
    no_url = _article("d")  # no URL: metadata at all (older readers)
    del no_url.briefing_source_url
    assert views.source_url(no_url) is None


def test_copies_sharing_a_headline_leave_no_warning_behind(tmp_path):
    # Plain text: both copies get the same generated headline, so the same address; once
    # they are one briefing, that clash is moot and --strict passes.
    content = tmp_path / "content"
    content.mkdir()
    body = WIRE.format(credit="AP", extra="")
    (content / "wire-1.txt").write_text(" date 2024-03-04 " + body, encoding="utf-8")
    (content / "wire-2.txt").write_text(
        " date 2024-03-05 " + body + "\n(Reporting by Andrew Mills)\n", encoding="utf-8")
    proc = build(content, tmp_path / "out", "--strict", check=False)
    assert "same address" in proc.stderr  # the clash was seen when the files were read
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads((tmp_path / "out" / "data" / "report.json").read_text())
    assert report["warnings"] == [] and report["counts"]["folded"] == 1
    assert report["folded"][0]["file"] == "wire-1.txt"
    page = soup(tmp_path / "out" / report["folded"][0]["url"] / "index.html")
    assert page.select_one("aside.warnings") is None


def test_every_internal_link_resolves(site):
    for path in sorted(site.rglob("*.html")):
        for tag in soup(path).find_all(href=True):
            href = tag["href"].split("#")[0]
            if not href.startswith("/") or href.startswith("//"):
                continue
            target = site / href.lstrip("/")
            assert target.is_file() or (target / "index.html").is_file(), (
                path.relative_to(site), href)
