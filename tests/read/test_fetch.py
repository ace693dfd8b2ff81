"""``briefing fetch`` against a fixture web site served on 127.0.0.1.

The server (stdlib ``ThreadingHTTPServer``, port 0, in a thread) serves the feeds and pages of
``tests/fixtures/web/`` plus broken cases made on the fly. Nothing here may reach beyond this
machine: the CLI runs with ``BRIEFING_FETCH_LOOPBACK_ONLY=1`` (its client refuses any other
host before a DNS look-up), direct calls pass a client with that guard, and every test
checks the transport only ever sends to a loopback address.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
import support
from briefing.read import fetch as fetch_mod
from briefing.read.articles import read_file, split_markdown_metadata
from briefing.read.feeds import parse_feed, read_feeds_file
from briefing.read.fetch import (
    FetchError,
    FetchOptions,
    LoopbackOnlyTransport,
    Store,
    UnsafePathError,
    article_slug,
    clean_url,
    decode_html,
    markdown_body,
    render_markdown,
    retry_delay,
    url_key,
)
from briefing.read.pages import read_page
from briefing.read.slugs import clean_slug
from hypothesis import example, given
from hypothesis import strategies as st
from support import REPO, article_pages, build

WEB = support.FIXTURES / "web"
HUGE = 20 * 1024 * 1024
# Small caps and no waiting, so the broken cases cost well under a second each.
FAST = dict(timeout=0.5, retries=1, backoff=0.0, max_bytes=1_000_000, max_redirects=3,
            delay=0.0, retry_after_max=5.0)
CLI_FAST = ["--timeout", "0.5", "--retries", "1", "--backoff", "0", "--max-bytes", "1000000",
            "--max-redirects", "3", "--delay", "0", "--no-progress"]

# path -> (fixture, Content-Type)
PAGES = {
    "/feeds/rss.xml": ("rss.xml", "application/rss+xml"),
    "/feeds/atom.xml": ("atom.xml", "application/atom+xml"),
    "/feeds/malformed.xml": ("malformed.xml", "application/rss+xml"),
    "/feeds/garbage.xml": ("garbage.xml", "application/xml"),
    "/news/doha-talks": ("doha-talks.html", "text/html; charset=utf-8"),
    "/amp/doha-talks": ("doha-talks-amp.html", "text/html; charset=utf-8"),
    "/news/vienna": ("vienna.html", "text/html; charset=utf-8"),
    "/news/undated": ("undated.html", "text/html; charset=utf-8"),
    "/news/flaky": ("flaky.html", "text/html; charset=utf-8"),
    "/news/cafe-owners": ("cp1252-header.html", "text/html; charset=windows-1252"),
    "/news/creme-brulee": ("cp1252-meta.html", "text/html"),
    "/private/secret": ("secret.html", "text/html; charset=utf-8"),
    "/files/report.pdf": ("report.pdf", "application/pdf"),
}
FEEDS = ["/feeds/rss.xml", "/feeds/atom.xml", "/feeds/malformed.xml", "/feeds/garbage.xml",
         "/feeds/gone.xml"]
# The articles the feeds lead to, by path: what a run writes.
ARTICLES = ["/news/doha-talks", "/news/vienna", "/news/undated", "/news/flaky",
            "/news/cafe-owners", "/news/creme-brulee"]


class FixtureSite:
    """The fixture web site's state, and every request it was sent."""

    def __init__(self, robots: str = "file") -> None:
        self.robots = robots  # "file", "404" or "500"
        self.vars = {"VIENNA_UPDATED": "2024-03-05T07:00:00Z",
                     "STRIKE_UPDATED": "2024-03-04T07:00:00Z"}
        self.overrides: dict[str, bytes] = {}  # path -> page body replacing the fixture
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.statuses: list[tuple[str, int]] = []
        self.flaky_calls = 0
        self.huge_sent = 0
        self.huge_done = threading.Event()
        self.lock = threading.Lock()
        self.base = ""

    def paths(self, since: int = 0) -> list[str]:
        with self.lock:
            return [path for path, _ in self.requests[since:]]

    def body(self, path: str) -> bytes:
        if path in self.overrides:
            return self.overrides[path]
        data = (WEB / PAGES[path][0]).read_bytes()
        data = data.replace(b"{{BASE}}", self.base.encode())
        for name, value in self.vars.items():
            data = data.replace(b"{{" + name.encode() + b"}}", value.encode())
        return data


class Handler(BaseHTTPRequestHandler):
    site: FixtureSite  # set per server

    def log_message(self, *args) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/html",
              headers: dict[str, str] | None = None) -> None:
        with self.site.lock:  # before answering: the client may look as soon as it is sent
            self.site.statuses.append((self.path, status))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        site = self.site
        path = self.path.split("?", 1)[0]
        with site.lock:
            site.requests.append((path, {k.lower(): v for k, v in self.headers.items()}))
        if path == "/robots.txt":
            if site.robots == "file":
                return self._send(200, (WEB / "robots.txt").read_bytes(), "text/plain")
            return self._send(int(site.robots), b"no robots here", "text/plain")
        if path == "/news/broken":
            return self._send(500, b"<h1>Internal error</h1>")
        if path == "/news/busy":
            return self._send(429, b"slow down", headers={"Retry-After": "3600"})
        if path == "/news/flaky":
            with site.lock:
                site.flaky_calls += 1
                first = site.flaky_calls == 1
            if first:
                return self._send(503, b"try again", headers={"Retry-After": "0"})
        if path == "/news/slow":
            time.sleep(1.5)  # past the client's 0.5 s time-out
            try:
                return self._send(200, b"<p>too late</p>")
            except OSError:
                return None
        if path.startswith("/news/chain/"):  # /news/chain/N: N redirects, then a page
            n = int(path.rsplit("/", 1)[1])
            target = f"/news/chain/{n - 1}" if n > 1 else "/news/undated"
            return self._send(301, b"", headers={"Location": site.base + target})
        if path in ("/news/loop", "/news/loop-b"):
            target = "/news/loop-b" if path == "/news/loop" else "/news/loop"
            return self._send(302, b"", headers={"Location": target})
        if path == "/news/huge":
            return self._huge()
        if path not in PAGES and path not in site.overrides:
            return self._send(404, b"<h1>Not found</h1>")
        body = site.body(path)
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            return self._send(304, b"", headers={"ETag": etag})
        ctype = PAGES.get(path, ("", "text/html; charset=utf-8"))[1]
        return self._send(200, body, ctype, headers={"ETag": etag})

    def _huge(self) -> None:
        # 20 MB of paragraphs, streamed with no Content-Length: only the cap stops it.
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        chunk = b"<p>" + b"All work and no play makes a huge page. " * 1600 + b"</p>\n"
        try:
            self.wfile.write(b"<html><body><article>")
            while self.site.huge_sent < HUGE:
                self.wfile.write(chunk)
                self.site.huge_sent += len(chunk)
        except OSError:  # the client stopped reading: that is the point
            pass
        finally:
            self.site.huge_done.set()


@contextmanager
def serve(robots: str = "file"):
    site = FixtureSite(robots)
    handler = type("SiteHandler", (Handler,), {"site": site})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.block_on_close = False
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """Belt and braces: any request the tests' code sends is checked at the transport."""
    sent: list[str] = []
    original = httpx.HTTPTransport.handle_request

    def guarded(self, request):
        assert fetch_mod._is_loopback(request.url.host), f"non-loopback request: {request.url}"
        sent.append(str(request.url))
        return original(self, request)

    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", guarded)
    monkeypatch.setenv(fetch_mod.LOOPBACK_ONLY_ENV, "1")
    return sent


def guarded_client() -> httpx.Client:
    return httpx.Client(transport=LoopbackOnlyTransport(), timeout=FAST["timeout"])


def run(content: Path, site: FixtureSite, **kwargs) -> fetch_mod.FetchReport:
    options = FetchOptions(**{**FAST, **kwargs.pop("options", {})})
    with guarded_client() as client:
        return fetch_mod.fetch(content, options=options, client=client, **kwargs)


def cli(*args: str, check_code: int | None = 0) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO / "plugins"))
    env[fetch_mod.LOOPBACK_ONLY_ENV] = "1"
    proc = subprocess.run([sys.executable, "-m", "briefing", "fetch", *args],
                          capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    if check_code is not None:
        assert proc.returncode == check_code, proc.stdout + proc.stderr
    return proc


def meta_of(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    meta = fetch_mod.read_header(text)
    # The reader sees the same metadata (it only strips quotes, which an ETag keeps).
    assert split_markdown_metadata(text)[0] == {k: v.strip("'\"") for k, v in meta.items()}
    return meta


def by_url(content: Path) -> dict[str, Path]:
    """Fetched files by the path of their ``URL:``."""
    found = {}
    for path in sorted((content / "fetched").rglob("*.md")):
        found[httpx.URL(meta_of(path)["url"]).path] = path
    return found


def page_text(site: FixtureSite, path: str) -> str:
    ctype = PAGES[path][1]
    return read_page(decode_html(site.body(path), ctype), url=site.base + path).text


# --- the whole run, through the CLI ----------------------------------------------------


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    """Two CLI runs over the feeds file: the first fetches, the second should not."""
    with serve() as site:
        content = tmp_path_factory.mktemp("content")
        lines = ["# Feeds this site follows (one URL a line)", ""]
        lines += [site.base + path + ("  # the Atom one" if "atom" in path else "")
                  for path in FEEDS]
        (content / "feeds.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        first = cli("--content", str(content), *CLI_FAST)
        site.huge_done.wait(5)
        first_requests = len(site.requests)
        first_files = {p: p.read_bytes() for p in (content / "fetched").rglob("*.md")}
        second = cli("--content", str(content), *CLI_FAST)
        yield dict(site=site, content=content, first=first, second=second,
                   first_requests=first_requests, first_files=first_files)


def test_cli_writes_one_article_per_page(cli_run):
    site, content, first = cli_run["site"], cli_run["content"], cli_run["first"]
    files = by_url(content)
    assert sorted(files) == sorted(ARTICLES)
    # Skipped: 4 duplicate entries, the AMP copy, robots.txt's page, the PDF, 2 without a link.
    assert first.stdout.strip() == ("briefing: fetch: 6 fetched, 0 updated, 0 unchanged, "
                                    "9 skipped, 7 failed")
    for path in files.values():
        assert path.parent == content / "fetched" / "127.0.0.1"
        meta = meta_of(path)
        assert path.stem == meta["slug"] == clean_slug(meta["slug"])
    doha = meta_of(files["/news/doha-talks"])
    # utm_* parameters and the fragment are gone from the recorded URL.
    assert doha["url"] == site.base + "/news/doha-talks"
    assert doha["title"] == "Ministers meet in Doha to discuss Gaza truce"
    assert doha["date"] == "2024-02-13"
    assert doha["outlet"] == "Gulf Wire Example"
    assert doha["author"] == "Amira Haddad"
    assert doha["etag"].startswith('"')
    # The AMP copy's canonical URL is the Doha story: recorded there, not written again.
    assert doha["aliases"] == site.base + "/amp/doha-talks"
    assert files["/news/doha-talks"].stem.startswith("ministers-meet-in-doha-to-discuss-gaza")


def test_cli_dates_come_from_the_page_or_the_feed_never_the_fetch(cli_run):
    files = by_url(cli_run["content"])
    assert meta_of(files["/news/flaky"])["date"] == "2024-03-02"  # the page's meta tag
    vienna = meta_of(files["/news/vienna"])
    # The page gives no date; the Atom entry's <published> does (the RSS entry gave none).
    assert vienna["date"] == "2024-03-05"
    assert vienna["author"] == "Lena Gruber"  # from the Atom entry, the duplicate
    assert vienna["feed-updated"] == "2024-03-05T07:00:00Z"
    undated = files["/news/undated"].read_text(encoding="utf-8")
    assert "\nDate:" not in undated and not undated.startswith("Date:")
    assert read_file(files["/news/undated"]).date is None


def test_cli_bodies_read_back_as_extracted(cli_run):
    site, files = cli_run["site"], by_url(cli_run["content"])
    for path in ARTICLES:
        assert read_file(files[path]).text == page_text(site, path), path
    vienna = read_file(files["/news/vienna"])
    assert "# 1 on the agenda: sanctions, the envoy said, *not* the _timetable_." in vienna.text
    assert vienna.warnings == []


def test_cli_decodes_windows_1252_from_the_header_and_from_a_meta_tag(cli_run):
    files = by_url(cli_run["content"])
    cafe = read_file(files["/news/cafe-owners"])
    assert "“We cannot survive on these hours,” said Hélène Marchetti" in cafe.text
    assert cafe.title == "Café owners protest new rules"
    creme = read_file(files["/news/creme-brulee"])
    assert "the crème brûlée festival’s opening day" in creme.text
    assert "François Dubœuf" in creme.text


def test_cli_reports_every_failure_with_its_url_and_reason(cli_run):
    base, stderr = cli_run["site"].base, cli_run["first"].stderr
    lines = [line for line in stderr.splitlines() if line.startswith("briefing: fetch: ")]
    assert all(line.startswith("briefing: ") for line in stderr.splitlines()), stderr

    def line(path: str, *words: str) -> None:
        hits = [x for x in lines if x.startswith(f"briefing: fetch: {base}{path}: ")]
        assert hits, f"no line for {path} in:\n{stderr}"
        assert all(w in hits[0] for w in words), hits[0]

    line("/news/missing", "HTTP 404")
    line("/news/broken", "HTTP 500", "2 tries")
    line("/news/slow", "timed out", "2 tries")
    line("/news/loop", "redirect loop")
    line("/news/huge", "1,000,000-byte cap", "stopped reading")
    line("/files/report.pdf", "not an HTML page (application/pdf)")
    line("/private/secret", "robots.txt disallows")
    line("/feeds/rss.xml", 'entry "Editor\'s note" has no link')
    line("/feeds/malformed.xml", "malformed feed (not well-formed (invalid token) at line 5)",
         "read its 1 readable entries")
    line("/feeds/garbage.xml", "not an RSS or Atom feed")
    line("/feeds/gone.xml", "feed not read", "HTTP 404")
    line("/amp/doha-talks", "the same article as", "not written again")
    line("/news/doha-talks", "new article fetched/127.0.0.1/")


def test_cli_retries_a_503_and_stops_the_huge_page_at_the_cap(cli_run):
    site = cli_run["site"]
    assert site.flaky_calls == 2  # a 503, then the page
    assert site.huge_sent < HUGE  # the client hung up long before 20 MB
    # The disallowed page and the PDF's body were never asked for / read.
    assert "/private/secret" not in site.paths()
    # robots.txt was read once per run, with our User-Agent.
    robots = [h for p, h in site.requests[: cli_run["first_requests"]] if p == "/robots.txt"]
    assert len(robots) == 1 and robots[0]["user-agent"].startswith("Briefing/")


def test_cli_second_run_fetches_nothing_again(cli_run):
    site, second = cli_run["site"], cli_run["second"]
    # The AMP copy is known now (the Doha file's Aliases): unchanged, not skipped.
    assert second.stdout.strip() == ("briefing: fetch: 0 fetched, 0 updated, 7 unchanged, "
                                     "8 skipped, 7 failed")
    again = set(site.paths(cli_run["first_requests"]))
    assert not again & (set(ARTICLES) | {"/amp/doha-talks"}), again
    files = {p: p.read_bytes() for p in (cli_run["content"] / "fetched").rglob("*.md")}
    assert files == cli_run["first_files"]  # not a byte changed


def test_built_site_has_the_fetched_briefings_with_outlet_and_date(cli_run, tmp_path):
    output = tmp_path / "site"
    build(cli_run["content"], output)
    pages = article_pages(output)
    assert len(pages) == len(ARTICLES)  # feeds.txt is no article
    by_title = {p.find("h1").get_text(strip=True): p for p in pages.values()}
    doha = by_title["Ministers meet in Doha to discuss Gaza truce"]
    assert doha.select_one("header .meta time")["datetime"] == "2024-02-13"
    outlet = doha.find("meta", attrs={"data-pagefind-filter": "outlet[content]"})
    assert outlet["content"] == "Gulf Wire Example"
    assert "the Qatari minister said" in doha.select_one(".full-text").get_text()
    strike = by_title["Port workers strike over pay"]
    assert "Undated" in strike.select_one("header .meta").get_text()
    assert strike.find("meta", attrs={"data-pagefind-filter": "outlet[content]"})[
        "content"] == "Danube Daily Example"
    vienna = by_title["Talks resume in Vienna"]
    assert vienna.select_one("header .meta time")["datetime"] == "2024-03-05"
    # Markdown-looking text is text on the page too.
    assert "*not* the _timetable_" in vienna.select_one(".full-text").get_text()
    slugs = {meta_of(p)["slug"] for p in (cli_run["content"] / "fetched").rglob("*.md")}
    assert set(pages) == slugs  # the address is the file's Slug
    report = json.loads((output / "data" / "report.json").read_text(encoding="utf-8"))
    assert report["skipped"] == []


# --- exit codes ------------------------------------------------------------------------


def test_cli_exit_codes(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    with serve() as site:
        nothing = cli("--content", str(content), *CLI_FAST, check_code=2)
        assert "nothing to fetch" in nothing.stderr
        missing = cli("--content", str(tmp_path / "nope"), site.base + "/news/undated",
                      *CLI_FAST, check_code=2)
        assert "does not exist" in missing.stderr
        # Everything failed: the scheduled job should notice.
        down = cli("--content", str(content), "--feed", site.base + "/feeds/gone.xml",
                   *CLI_FAST, check_code=1)
        assert "0 fetched" in down.stdout and "1 failed" in down.stdout
        # One failure among successes is a report line, not a failed run...
        some = cli("--content", str(content), site.base + "/news/undated",
                   site.base + "/news/missing", *CLI_FAST, check_code=0)
        assert "1 fetched" in some.stdout and "1 failed" in some.stdout
        # ...unless --strict.
        cli("--content", str(content), site.base + "/news/undated", site.base + "/news/missing",
            "--strict", *CLI_FAST, check_code=1)
        # Page URLs on the command line fetch just those: the feeds file is not read.
        (content / "feeds.txt").write_text(site.base + "/feeds/atom.xml\n", encoding="utf-8")
        before = len(site.requests)
        cli("--content", str(content), site.base + "/news/undated", *CLI_FAST)
        assert "/feeds/atom.xml" not in site.paths(before)


# --- incremental runs, by direct calls -------------------------------------------------


def test_changed_page_is_updated_in_place_keeping_its_slug(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    with serve() as site:
        feeds = [site.base + "/feeds/atom.xml"]
        first = run(content, site, feeds=feeds)
        assert (first.fetched, first.failed) == (3, 0), first.lines
        vienna = by_url(content)["/news/vienna"]
        slug = meta_of(vienna)["slug"]
        old_etag = meta_of(vienna)["etag"]

        # The page changes and the feed says so (a newer <updated>).
        new_html = site.body("/news/vienna").replace(
            b"would go on for two more days", b"ended on Thursday without a deal")
        site.overrides["/news/vienna"] = new_html
        site.vars["VIENNA_UPDATED"] = "2024-03-07T18:00:00Z"
        mark = len(site.requests)
        second = run(content, site, feeds=feeds)
        assert (second.fetched, second.updated, second.unchanged) == (0, 1, 2), second.lines
        assert by_url(content)["/news/vienna"] == vienna  # same file
        meta = meta_of(vienna)
        assert meta["slug"] == slug and meta["etag"] != old_etag
        assert meta["feed-updated"] == "2024-03-07T18:00:00Z"
        assert meta["date"] == "2024-03-05"  # the date the article was published
        assert "ended on Thursday without a deal" in read_file(vienna).text
        assert read_file(vienna).text == page_text(site, "/news/vienna")
        # Only the page the feed said changed was asked for, conditionally.
        pages = [(p, h) for p, h in site.requests[mark:] if p.startswith("/news/")]
        assert [p for p, _ in pages] == ["/news/vienna"]
        assert pages[0][1]["if-none-match"] == old_etag
        assert any("updated fetched/127.0.0.1/" in line for line in second.lines)

        # --refresh re-checks every known page; unchanged pages cost a 304 and no write.
        files = {p: p.read_bytes() for p in (content / "fetched").rglob("*.md")}
        mark = len(site.statuses)
        third = run(content, site, feeds=feeds, options={"refresh": True})
        assert (third.fetched, third.updated, third.unchanged) == (0, 0, 3), third.lines
        assert sorted(s for p, s in site.statuses[mark:] if p.startswith("/news/")) == [304] * 3
        assert {p: p.read_bytes() for p in files} == files


def test_a_newer_feed_entry_for_an_unchanged_page_costs_a_304_once(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    with serve() as site:
        feeds = [site.base + "/feeds/atom.xml"]
        run(content, site, feeds=feeds)
        strike = by_url(content)["/news/undated"]
        before = strike.read_text(encoding="utf-8")
        site.vars["STRIKE_UPDATED"] = "2024-03-06T07:00:00Z"  # the feed says updated...
        mark = len(site.statuses)
        report = run(content, site, feeds=feeds)
        # ...but the page is the same: a 304, and only the new stamp is written down.
        assert (report.updated, report.unchanged) == (0, 3), report.lines
        assert [s for p, s in site.statuses[mark:] if p.startswith("/news/")] == [304]
        after = strike.read_text(encoding="utf-8")
        assert after == before.replace("Feed-Updated: 2024-03-04T07:00:00Z",
                                       "Feed-Updated: 2024-03-06T07:00:00Z")
        mark = len(site.requests)
        run(content, site, feeds=feeds)
        assert not [p for p in site.paths(mark) if p.startswith("/news/")]


def test_redirects_are_followed_up_to_the_limit(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    with serve() as site:
        report = run(content, site, urls=[site.base + "/news/chain/3", site.base + "/news/chain/4"])
    assert (report.fetched, report.failed) == (1, 1), report.lines
    assert report.lines[-1].endswith("/news/chain/4: more than 3 redirects "
                                     "(BRIEFING_FETCH_MAX_REDIRECTS)")
    # The article is recorded under the address asked for, its final one as canonical.
    meta = meta_of(next((content / "fetched").rglob("*.md")))
    assert meta["url"].endswith("/news/chain/3") and meta["canonical"].endswith("/news/undated")


def test_page_charsets():
    text = "Привет, “мир” — café"
    assert decode_html(text.encode("koi8-r", "replace"), "text/html; charset=KOI8-R") == (
        text.encode("koi8-r", "replace").decode("koi8-r"))
    page = f'<html><head><meta charset="koi8-r"></head><body>{text}</body></html>'
    assert text.encode("koi8-r", "replace").decode("koi8-r") in decode_html(
        page.encode("koi8-r", "replace"), "text/html")
    # Latin-1 is read as Windows-1252 (WHATWG), so curly quotes survive.
    assert decode_html("“café”".encode("cp1252"), "text/html; charset=ISO-8859-1") == "“café”"
    # A BOM wins; a charset the bytes do not fit falls back to detection.
    assert decode_html(b"\xef\xbb\xbfcaf\xc3\xa9", "text/html; charset=cp1252") == "café"
    mislabelled = "<p>The café owners said “no” to the new opening hours on Friday.</p>"
    assert decode_html(mislabelled.encode("cp1252"), "text/html; charset=utf-8") == mislabelled
    assert decode_html("café".encode(), "text/html; charset=no-such-codec") == "café"


def test_deleting_a_file_fetches_it_again(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    with serve() as site:
        url = site.base + "/news/undated"
        run(content, site, urls=[url])
        path = by_url(content)["/news/undated"]
        text = path.read_text(encoding="utf-8")
        assert run(content, site, urls=[url]).unchanged == 1
        path.unlink()
        again = run(content, site, urls=[url + "?utm_source=x#top"])
        assert again.fetched == 1 and path.read_text(encoding="utf-8") == text


def test_a_hand_written_article_with_the_url_is_known_and_never_rewritten(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    with serve() as site:
        mine = content / "mine.md"
        mine.write_text(f"Title: My copy\nURL: {site.base}/news/undated/\n\nMy own text.\n",
                        encoding="utf-8")
        report = run(content, site, urls=[site.base + "/news/undated"],
                     options={"refresh": True})
        assert (report.fetched, report.unchanged) == (0, 1)
        assert "/news/undated" not in site.paths()
        assert mine.read_text(encoding="utf-8").endswith("My own text.\n")


def test_robots_txt_404_allows_all_and_5xx_fetches_nothing(tmp_path):
    (tmp_path / "a").mkdir()
    with serve(robots="404") as site:
        report = run(tmp_path / "a", site, urls=[site.base + "/private/secret"])
        assert report.fetched == 1, report.lines
    with serve(robots="500") as site:
        (tmp_path / "b").mkdir()
        report = run(tmp_path / "b", site, urls=[site.base + "/news/undated"])
        assert report.failed == 1 and "robots.txt unavailable (HTTP 500" in report.lines[0]
        assert "/news/undated" not in site.paths()
        assert site.paths().count("/robots.txt") == 2  # tried, and retried once


def test_a_long_retry_after_is_not_waited_for(tmp_path):
    (tmp_path / "c").mkdir()
    with serve() as site:
        slept: list[float] = []
        with guarded_client() as client:
            report = fetch_mod.fetch(tmp_path / "c", urls=[site.base + "/news/busy"],
                                     options=FetchOptions(**FAST), client=client,
                                     sleep=slept.append)
        assert report.failed == 1
        assert "HTTP 429" in report.lines[0] and "3600 s" in report.lines[0]
        assert site.paths().count("/news/busy") == 1 and slept == []


def test_retry_delay_honours_retry_after_within_the_cap():
    options = FetchOptions(backoff=1.0, retry_after_max=60.0)
    assert retry_delay({}, 0, options) == 1.0
    assert retry_delay({}, 2, options) == 4.0
    assert retry_delay({"retry-after": "7"}, 0, options) == 7.0
    assert retry_delay({"retry-after": "0"}, 1, options) == 2.0  # never below the backoff
    now = dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.UTC)
    date = email.utils.format_datetime(now + dt.timedelta(seconds=30), usegmt=True)
    assert retry_delay({"retry-after": date}, 0, options, now=now) == 30.0
    assert retry_delay({"retry-after": "soon"}, 0, options) == 1.0
    with pytest.raises(FetchError, match="more than the 60 s cap"):
        retry_delay({"retry-after": "61"}, 0, options)


def test_the_guard_refuses_any_host_but_loopback(tmp_path, loopback_only):
    (tmp_path / "d").mkdir()
    with guarded_client() as client:
        report = fetch_mod.fetch(tmp_path / "d", urls=["http://example.invalid/news",
                                                       "http://10.0.0.1/x"],
                                 options=FetchOptions(**FAST), client=client)
    assert report.failed == 2
    assert all("not a loopback address" in line for line in report.lines)
    assert loopback_only == []  # nothing reached a real transport
    # The client fetch builds itself (the CLI's) has the guard when the variable is set.
    report = fetch_mod.fetch(tmp_path / "d", urls=["https://example.invalid/"],
                             options=FetchOptions(**FAST))
    assert "not a loopback address" in report.lines[0] and loopback_only == []


def test_fetching_loads_neither_pelican_nor_spacy():
    code = ("import sys, briefing.cli, briefing.read.fetch, briefing.read.feeds; "
            "print('\\n'.join(sorted(sys.modules)))")
    env = dict(os.environ, PYTHONPATH=str(REPO / "plugins"))
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                env=env, cwd=REPO, check=True).stdout.split())
    assert "briefing.read.fetch" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("pelican", "spacy")}


# --- safety: where files go ------------------------------------------------------------


def test_names_from_the_web_are_sanitised():
    assert fetch_mod._host_folder("http://WWW.Example.ORG/x") == "example.org"
    assert fetch_mod._host_folder("http://..:80/x") == "unknown-host"
    assert fetch_mod._host_folder("http://[::1]:8080/") == "1"
    for title in ("../../etc/passwd", "/abs/path", "C:\\x", ".hidden", "", "?" * 300):
        slug = article_slug(title, "http://127.0.0.1/a")
        assert slug == clean_slug(slug) and "/" not in slug and not slug.startswith(".")
        assert len(slug) <= 60
    # Stable and unique: the same URL gives the same slug, another URL another one.
    assert article_slug("A title", "http://127.0.0.1/a?utm_source=x") == article_slug(
        "A title", "http://127.0.0.1/a")
    assert article_slug("A title", "http://127.0.0.1/a") != article_slug(
        "A title", "http://127.0.0.1/b")


def test_no_write_follows_a_symlink_out_of_the_content_folder(tmp_path):
    content, outside = tmp_path / "content", tmp_path / "outside"
    content.mkdir()
    outside.mkdir()
    (content / "fetched").symlink_to(outside, target_is_directory=True)
    with serve() as site:
        report = run(content, site, urls=[site.base + "/news/undated"])
    assert report.failed == 1 and "not written" in report.lines[0], report.lines
    assert list(outside.iterdir()) == []
    store = Store(content, "fetched")
    with pytest.raises(UnsafePathError):
        store.write(content / "fetched" / "127.0.0.1" / "x.md", "Title: x\n\ny\n")
    assert list(outside.iterdir()) == []


def test_fetch_dir_must_stay_inside_the_content_folder():
    for bad in ("../out", "/", ".git", "a/../../b"):
        with pytest.raises(ValueError):
            FetchOptions(fetch_dir=bad)
    assert FetchOptions(fetch_dir="news/fetched/").fetch_dir == "news/fetched"


# --- URLs and feeds --------------------------------------------------------------------


def test_urls_are_normalised():
    assert clean_url("HTTP://Example.ORG:80/a/b?utm_source=rss&id=3&fbclid=x#frag") == (
        "http://example.org/a/b?id=3")
    assert clean_url("https://user:pw@example.org:443") == "https://example.org/"
    assert url_key("https://www.example.org/a/?b=2&a=1") == url_key("http://example.org/a?a=1&b=2")
    assert url_key("http://example.org/%7Euser") == url_key("http://example.org/~user")
    assert url_key("http://example.org/a") != url_key("http://example.org/b")
    for bad in ("ftp://example.org/", "javascript:alert(1)", "/relative", "http://"):
        with pytest.raises(ValueError):
            clean_url(bad)


def test_feeds_file_comments_and_bad_lines(tmp_path):
    path = tmp_path / "feeds.txt"
    path.write_text("# a comment\n\nhttp://127.0.0.1/a.xml  # trailing\n"
                    "http://127.0.0.1/b.xml#fragment\nnot a url\n", encoding="utf-8")
    feeds, problems = read_feeds_file(path)
    assert [f.url for f in feeds] == ["http://127.0.0.1/a.xml", "http://127.0.0.1/b.xml#fragment"]
    assert problems == ["line 5: 'not a url' is not a web address (http/https)"]


def test_atom_id_is_no_link_but_an_rss_guid_permalink_is():
    atom = (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
            b"<entry><title>No link</title><id>http://127.0.0.1/looks-like-a-link</id>"
            b"<updated>2024-01-01T00:00:00Z</updated></entry></feed>")
    feed = parse_feed(atom, "http://127.0.0.1/feed")
    assert feed.entries == [] and "has no link" in feed.unusable[0]
    rss = (b'<rss version="2.0"><channel><title>R</title><item><title>G</title>'
           b"<guid>http://127.0.0.1/permalink</guid></item>"
           b'<item><title>N</title><guid isPermaLink="false">tag-1</guid></item>'
           b"<item><title>J</title><link>javascript:alert(1)</link></item></channel></rss>")
    feed = parse_feed(rss, "http://127.0.0.1/feed")
    assert [e.link for e in feed.entries] == ["http://127.0.0.1/permalink"]
    assert len(feed.unusable) == 2


def test_feed_dates_are_the_entries_own():
    rss = (b'<rss version="2.0"><channel><title>R</title><item><title>A</title>'
           b"<link>http://127.0.0.1/a</link><pubDate>Tue, 13 Feb 2024 23:30:00 -0500</pubDate>"
           b"</item><item><title>B</title><link>http://127.0.0.1/b</link></item>"
           b"</channel></rss>")
    a, b = parse_feed(rss, "http://127.0.0.1/feed").entries
    assert a.published == "2024-02-14" and a.stamp == "2024-02-14T04:30:00Z"  # UTC
    assert b.published is None and b.stamp is None


# --- the Markdown round trip -----------------------------------------------------------

HARD = [
    "# Not a heading", "## Nor this", "> not a quote", "- not a list", "+ nor this",
    "* nor this", "1. not a list", "2) nor this", "2024. A year, not a list item.",
    "===", "---", "***", "___", "- - -", "```", "~~~", "    four spaces are gone anyway",
    "`code` and ``double``", "*em* and **strong** and _em_ and __strong__", "a*b*c a_b_c",
    "[link](http://x) and ![img](y) and [ref]", "[ref]: http://example.org/ 'title'",
    "<b>bold</b> <http://127.0.0.1/> <a@b.co> <!-- c -->", "&amp; &copy; &#169; &#xA9; &",
    "AT&T and R&D", "back\\slash \\*not em\\* and a trailing \\", "C:\\path\\to\\file",
    "| a | b |", "a | b", "Title: looks like metadata", "Date: 2024-01-01",
    "~~not struck~~", "a  \\", "{{ jinja }} {% tag %}", "<script>alert(1)</script>",
    "“Curly” ‘quotes’ — dashes… and ünïcödé, 中文, عربى", "\u200bzero width\u00adsoft hyphen",
    "- [ ] task", "\\", "*", "_", "#", ">", "1.", "<", "&", "`", "[", "]", "!", "=",
]


def roundtrip(tmp_path: Path, text: str) -> str:
    path = tmp_path / "article.md"
    meta = {"title": "A title", "url": "http://127.0.0.1/a", "slug": "a-title-123456"}
    path.write_text(render_markdown(meta, text), encoding="utf-8")
    return read_file(path).text


@pytest.mark.parametrize("paragraph", HARD)
def test_markdown_hard_cases_read_back_exactly(tmp_path, paragraph):
    text = " ".join(paragraph.split())
    assert roundtrip(tmp_path, text) == text
    assert roundtrip(tmp_path, f"Before.\n\n{text}\n\nAfter.") == f"Before.\n\n{text}\n\nAfter."


def test_markdown_keeps_ordinary_text_readable():
    assert markdown_body("He said it was 5% higher, and left.") == (
        "He said it was 5% higher, and left.")
    assert markdown_body("Q&A: why? (Really.)") == "Q&A: why? (Really.)"


# Paragraph text as PageArticle holds it: whitespace-normalised, from any letters, marks,
# numbers, punctuation and symbols, with Markdown's syntax characters made common.
_PARAGRAPH = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("\\`*_[]()<>&#;!|~=+-.:/\"' 0123456789aA")),
        st.characters(categories=["L", "M", "N", "P", "S", "Zs"]),
    ),
    min_size=1, max_size=60,
).map(lambda s: " ".join(s.split())).filter(bool)


@given(st.lists(_PARAGRAPH, min_size=1, max_size=5))
@example(["1) x", "&lt;", "a\\"])
def test_markdown_round_trip_of_any_paragraphs(tmp_path_factory, paragraphs):
    text = "\n\n".join(paragraphs)
    assert roundtrip(tmp_path_factory.mktemp("rt"), text) == text


def test_invoke_fetch_runs_briefing_fetch_with_the_sites_settings(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    env = dict(os.environ, PYTHONPATH=str(REPO / "plugins"))
    env[fetch_mod.LOOPBACK_ONLY_ENV] = "1"
    with serve() as site:
        proc = subprocess.run(
            [sys.executable, "-m", "invoke", "--search-root", str(REPO), "fetch",
             "--content", str(content), "--url", site.base + "/news/undated"],
            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "briefing: fetch: 1 fetched" in proc.stdout
    assert list(by_url(content)) == ["/news/undated"]


def test_readme_documents_every_fetch_setting():
    from briefing.settings import DEFAULTS

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    names = [n for n in DEFAULTS if n.startswith(("BRIEFING_FEEDS", "BRIEFING_FETCH",
                                                  "BRIEFING_USER_AGENT"))]
    assert len(names) == 11
    for name in names:
        assert f"| `{name}` |" in readme, name
