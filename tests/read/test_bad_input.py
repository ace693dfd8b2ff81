"""Bad input never crashes the build and is never dropped silently (issue 7).

Every fixture in ``tests/fixtures/bad/`` goes through one real build in tmp_path; each file
must end up as a page (with its warnings on the page) or as a skipped line in the build
report naming the file and why.
"""

from __future__ import annotations

import json
import resource
import shutil
import sys
import time

import pytest
import support
from support import REPO, article_pages, build, soup

FIXTURES = support.FIXTURES / "bad"
FILES = sorted(p.name for p in FIXTURES.iterdir() if not p.name.startswith("."))


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory):
    content = tmp_path_factory.mktemp("content")
    for name in FILES:
        shutil.copyfile(FIXTURES / name, content / name)
    output = tmp_path_factory.mktemp("site") / "output"
    proc = build(content, output, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads((output / "data" / "report.json").read_text(encoding="utf-8"))
    return output, report, proc.stdout + proc.stderr


def _skip_reason(report: dict, name: str) -> str:
    reasons = [s["reason"] for s in report["skipped"] if s["file"] == name]
    assert len(reasons) == 1, (name, report["skipped"])
    return reasons[0]


def _page(site, name: str):
    """The page built from fixture ``name``, found through the report's file -> url map."""
    output, report, _ = site
    urls = [a["url"] for a in report["articles"] if a["file"] == name]
    assert len(urls) == 1, (name, report["articles"])
    return soup(output / urls[0] / "index.html")


def _paragraphs(page) -> list[str]:
    return [p.get_text() for p in page.select(".full-text p")]


def _warnings(page) -> str:
    box = page.select_one("aside.warnings")
    return box.get_text(" ") if box else ""


def _report_warnings(report: dict, name: str) -> list[str]:
    return [w["message"] for w in report["warnings"] if w["file"] == name]


def test_every_file_is_a_page_or_a_named_skip(bad_site):
    output, report, log = bad_site
    published = {a["file"] for a in report["articles"]}
    skipped = {s["file"] for s in report["skipped"]}
    assert not published & skipped
    assert published | skipped == set(FILES)
    assert len(article_pages(output)) == len(published)
    assert report["counts"]["articles"] == len(published)
    assert report["counts"]["skipped"] == len(skipped)
    assert report["counts"]["warnings"] == len(report["warnings"])
    assert report["errors"] == []
    assert "Traceback" not in log
    # The report is printed at the end of the build too, one line per skip.
    for entry in report["skipped"]:
        assert f"skipped  {entry['file']}: {entry['reason']}" in log


@pytest.mark.parametrize("name, reason", [
    ("empty.txt", "empty"),
    ("whitespace-only.txt", "only whitespace"),
    ("binary.txt", "binary"),
    ("no-body.html", "no article body"),
    ("draft.md", "Status: draft"),
    ("notes.pdf", ".pdf is not an article format"),
])
def test_unusable_files_are_skipped_with_their_reason(bad_site, name, reason):
    assert reason in _skip_reason(bad_site[1], name)


def test_windows_1252_is_decoded_with_curly_quotes_and_a_warning(bad_site):
    page = _page(bad_site, "windows-1252.txt")
    title = page.find("h1").get_text(strip=True)
    assert title == "Mayor of Montréal speaks to reporters"  # the headline Briefing writes
    assert "“We will not raise taxes this year,” the mayor said. “The café owners have suffered " \
           "enough.”" in _paragraphs(page)
    assert "\x93" not in page.get_text() and "\x94" not in page.get_text()
    assert "Windows-1252" in _warnings(page)
    assert page.select_one("header .meta time")["datetime"] == "2023-05-02"


def test_utf8_bom_is_dropped(bad_site):
    page = _page(bad_site, "utf8-bom.txt")
    assert page.select_one("header .meta time")["datetime"] == "2023-06-01"  # date line found
    assert "\ufeff" not in page.decode()
    assert _paragraphs(page)[0] == "Ministers from four countries met in Oslo on Thursday."


def test_crlf_paragraphs_split_like_lf(bad_site):
    page = _page(bad_site, "crlf.txt")
    assert _paragraphs(page) == [
        "Union leaders met the transport minister in Leeds on Monday.",
        "“We are ready to strike,” the union’s general secretary said.",
        "The minister said talks would continue next week.",
    ]
    assert "\r" not in page.decode()


@pytest.mark.parametrize("name, value", [
    ("bad-date-month.txt", "2024-13-45"), ("bad-date-word.txt", "yesterday"),
])
def test_malformed_date_line_is_undated_with_a_warning(bad_site, name, value):
    page = _page(bad_site, name)
    meta = page.select_one("header .meta")
    assert "Undated" in meta.get_text() and meta.find("time") is None
    assert value in _warnings(page) and "undated" in _warnings(page)
    # The bad date line is not shown as article text either.
    assert not any(p.startswith(("date", " date")) for p in _paragraphs(page))
    assert any(value in w for w in _report_warnings(bad_site[1], name))


def test_duplicate_titles_get_distinct_deterministic_slugs_and_warnings(bad_site):
    output, report, _ = bad_site
    a, b = _page(bad_site, "duplicate-a.txt"), _page(bad_site, "duplicate-b.txt")
    assert a.find("h1").get_text() == b.find("h1").get_text()
    urls = {x["file"]: x["url"] for x in report["articles"]}
    # The file that sorts first keeps the plain address, whatever order Pelican read them in.
    assert urls["duplicate-b.txt"] == urls["duplicate-a.txt"].rstrip("/") + "-2/"
    assert "harbour master" in " ".join(_paragraphs(a))
    assert "ferry worker" in " ".join(_paragraphs(b))
    assert "duplicate-b.txt" in _warnings(a) and "duplicate-a.txt" in _warnings(b)
    assert any("duplicate-b.txt" in w for w in _report_warnings(report, "duplicate-a.txt"))


def test_no_sentence_punctuation_still_gets_a_headline(bad_site):
    page = _page(bad_site, "no-punctuation.txt")
    title = page.find("h1").get_text(strip=True)
    # one run-on sentence: the main clause, in the present, at most 12 words
    assert title.startswith("Committee meets") and len(title.split()) <= 12
    assert len(_paragraphs(page)) == 2


def test_unbalanced_and_nested_quotes_keep_the_text_whole(bad_site):
    page = _page(bad_site, "unbalanced-quotes.txt")
    text = (FIXTURES / "unbalanced-quotes.txt").read_text(encoding="utf-8")
    shown = "\n\n".join(_paragraphs(page))
    body = text.split(" ", 3)[3]  # after " date 2023-03-03"
    for mark in "“”‘’\"":
        assert shown.count(mark) == body.count(mark), mark


@pytest.mark.parametrize("name, script", [
    ("arabic.txt", "Arabic"), ("persian.txt", "Arabic"), ("chinese.txt", "CJK"),
])
def test_non_english_text_is_published_with_a_warning(bad_site, name, script):
    page = _page(bad_site, name)
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert _paragraphs(page)[-1] in text
    assert script in _warnings(page) and "not English" in _warnings(page)


def test_markdown_with_an_unreadable_date_is_undated_with_a_warning(bad_site):
    page = _page(bad_site, "broken-date.md")
    assert page.find("h1").get_text(strip=True) == "Talks resume in Geneva"
    assert "Undated" in page.select_one("header .meta").get_text()
    assert "not-a-date" in _warnings(page)


def test_markdown_with_a_garbled_header_is_built_with_warnings(bad_site):
    page = _page(bad_site, "garbled-header.md")
    assert page.find("h1").get_text(strip=True) == "Election results delayed"
    assert "unreadable metadata line" in _warnings(page)
    assert "Every vote will be counted" in " ".join(_paragraphs(page))


def test_report_json_is_sorted_and_self_consistent(bad_site):
    output, report, _ = bad_site
    raw = (output / "data" / "report.json").read_text(encoding="utf-8")
    assert str(output) not in raw and str(REPO) not in raw  # no absolute paths
    for key in ("articles", "skipped", "warnings"):
        files = [x["file"] for x in report[key]]
        assert files == sorted(files), key
    assert set(report["counts"]) >= {"articles", "quotes", "actors", "warnings", "skipped"}


def test_strict_mode_fails_on_warnings_and_normal_mode_does_not(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    shutil.copyfile(FIXTURES / "bad-date-word.txt", content / "bad-date-word.txt")
    normal = build(content, tmp_path / "out", check=False)
    assert normal.returncode == 0, normal.stderr
    strict = build(content, tmp_path / "out-strict", "--strict", check=False)
    assert strict.returncode == 1
    assert "strict" in strict.stderr and "bad-date-word.txt" in strict.stdout
    # The site is still written: strict mode is about the exit status, for CI.
    assert (tmp_path / "out-strict" / "data" / "report.json").is_file()


def test_strict_mode_passes_on_clean_content(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "clean.txt").write_text(
        " date 2024-01-02 The council approved the budget on Tuesday.\n\n"
        "“It is a fair budget,” the council leader said.\n", encoding="utf-8")
    proc = build(content, tmp_path / "out", "--strict", check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads((tmp_path / "out" / "data" / "report.json").read_text())
    assert report["counts"]["warnings"] == 0 and report["counts"]["skipped"] == 0


def test_five_megabyte_article_builds_in_bounded_time_and_memory(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    seed = (REPO / "content").glob("*.txt").__next__().read_text(encoding="utf-8")
    paragraphs = [p for p in seed.split("\n\n")[1:] if p.strip()] or [seed]
    chunks, size, i = [" date 2024-03-01 A very long report begins here."], 0, 0
    while size < 5_000_000:
        chunk = f"Section {i}. " + paragraphs[i % len(paragraphs)].strip()
        chunks.append(chunk)
        size += len(chunk) + 2
        i += 1
    chunks.append("The final paragraph of the very long report.")
    (content / "huge.txt").write_text("\n\n".join(chunks) + "\n", encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.monotonic()
    build(content, tmp_path / "out")
    elapsed = time.monotonic() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert elapsed < 240, elapsed
    if sys.platform.startswith("linux") and peak_kb > before:
        assert peak_kb < 4 * 1024 * 1024, f"peak RSS {peak_kb / 1024:.0f} MB"
    report = json.loads((tmp_path / "out" / "data" / "report.json").read_text())
    (entry,) = report["articles"]
    page = soup(tmp_path / "out" / entry["url"] / "index.html")
    # Published whole, extraction capped with a warning saying so.
    last = page.select(".full-text p")[-1].get_text()
    assert last == "The final paragraph of the very long report."
    assert "BRIEFING_MAX_CHARS" in _warnings(page)


def test_report_accounts_for_every_file_pelican_saw_or_not(tmp_path):
    """The accounting itself, on Pelican's own records: failed reads, its validation
    errors, files no reader claims, and files IGNORE_FILES hides."""
    import logging
    from types import SimpleNamespace

    from briefing import report

    for name in ("ok.txt", "bad.txt", "invalid.md", "photo.jpg", ".hidden.txt", "README.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "notes.docx").write_text("x", encoding="utf-8")

    class Article:  # the attributes the report reads from Pelican's Article
        title, url, undated, briefing_warnings = "Ok", "briefings/ok/", False, ["a warning"]

        def get_relative_source_path(self):
            return "ok.txt"

    def record(level, msg, *args):
        return logging.LogRecord("t", level, __file__, 1, msg, args, None)

    gen = SimpleNamespace(
        context={"generated_content": {"ok.txt": Article(), "bad.txt": None, "invalid.md": None}},
        articles=[Article()], readers=SimpleNamespace(extensions=["txt", "md", "static"]),
    )
    records = [
        record(logging.WARNING, report.SKIP_MESSAGE, "bad.txt", "the file is empty (0 bytes)"),
        record(logging.ERROR, "Could not process %s", "./bad.txt"),
        record(logging.ERROR, "Skipping %s: could not find information about '%s'",
               str(tmp_path / "invalid.md"), "title"),
        record(logging.WARNING, report.WARN_MESSAGE, "ok.txt", "a warning"),  # not twice
        record(logging.WARNING, "briefing: %s: extraction failed (%s)", "ok.txt", "boom"),
        record(logging.WARNING, "something about %s", str(tmp_path / "ok.txt")),
    ]
    result = report.collect([gen], records, tmp_path, {"IGNORE_FILES": [".*", "README*"]})
    data = result.to_json()
    assert data["skipped"] == [
        {"file": "bad.txt", "reason": "the file is empty (0 bytes)"},
        {"file": "invalid.md", "reason": "could not find information about 'title'"},
        {"file": "photo.jpg",
         "reason": "not read: .jpg is not an article format (Briefing reads .md, .txt)"},
        {"file": "sub/notes.docx",
         "reason": "not read: .docx is not an article format (Briefing reads .md, .txt)"},
    ]
    assert data["warnings"] == [
        {"file": "", "message": "something about ok.txt"},
        {"file": "ok.txt", "message": "a warning"},
        {"file": "ok.txt", "message": "extraction failed (boom)"},
    ]
    assert data["errors"] == [] and not result.clean
    assert data["counts"]["articles"] == 1
    assert "<" not in report.dumps({"t": "<script>"})
