"""Article text, titles, quotes and names are data, never markup (issue 7).

``tests/fixtures/payloads/`` puts script tags, event-handler attributes, ``javascript:`` links
and Jinja syntax in every input position: .txt body and speaker names, .md title, metadata
and body, .html title, og:title and body, and (through ``actors.yml``) actor names and
descriptions. One build; every HTML page, feed and JSON file is checked statically, then
every page is opened in chromium, where each payload would set ``window.__pwned`` or open a
dialog.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import support
from bs4 import BeautifulSoup
from support import build, missing

FIXTURES = support.FIXTURES / "payloads"
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset",
             "background", "cite", "ping"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg")
FORBIDDEN_TAGS = {"iframe", "object", "embed", "frame", "frameset", "base", "applet"}
# The site's own scripts: the search page's script and Pagefind's bundle, nothing inline
# except JSON-LD data blocks.
OWN_SCRIPT = re.compile(r"(^|/)(theme/js/[\w.-]+\.js|pagefind/[\w.-]+\.js)$")


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("content")
    for path in FIXTURES.iterdir():
        shutil.copyfile(path, content / path.name)
    output = tmp_path_factory.mktemp("site") / "output"
    build(content, output)
    return output


def _files(site: Path, suffix: str) -> list[Path]:
    return sorted(p for p in site.rglob(f"*{suffix}") if "pagefind" not in p.parts)


def _squash(value: str) -> str:
    # Browsers ignore whitespace and control characters inside a URL scheme.
    return re.sub(r"[\x00-\x20]+", "", value).lower()


def assert_inert_html(markup: str, where: str) -> None:
    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name not in FORBIDDEN_TAGS, (where, str(tag)[:200])
        for attr, value in tag.attrs.items():
            assert not attr.lower().startswith("on"), (where, attr, str(tag)[:200])
            if attr.lower() in URL_ATTRS:
                values = value if isinstance(value, list) else [value]
                for v in values:
                    assert not _squash(v).startswith(BAD_SCHEMES), (where, attr, v)
        if tag.name == "meta" and str(tag.get("http-equiv", "")).lower() == "refresh":
            raise AssertionError((where, str(tag)))
        if tag.name == "script":
            if tag.get("src"):
                assert OWN_SCRIPT.search(tag["src"]), (where, tag["src"])
                assert not tag.string or not tag.string.strip(), (where, str(tag)[:200])
            else:
                assert tag.get("type") == "application/ld+json", (where, str(tag)[:200])
                # A payload that closed the element early would leave broken JSON here.
                json.loads(tag.string or "")
        if tag.name == "style":
            assert "expression(" not in (tag.string or "") and "@import" not in (tag.string or "")


def test_every_html_page_is_inert(payload_site):
    pages = _files(payload_site, ".html")
    assert len(pages) >= 10
    for path in pages:
        assert_inert_html(path.read_text(encoding="utf-8"), str(path.relative_to(payload_site)))


def test_payloads_are_shown_as_text(payload_site):
    """The payloads are not dropped either: a reader sees them literally, as the source had."""
    texts = {str(p.relative_to(payload_site)): BeautifulSoup(p.read_text(encoding="utf-8"),
                                                             "html.parser").get_text(" ")
             for p in _files(payload_site, ".html")}
    everything = "\n".join(texts.values())
    assert "<script>window.__pwned=1</script> Talks {{ 7*7 }}" in everything  # .md title
    assert "<script>window.__pwned=1</script> Baker {{ 7*7 }}" in everything  # actor name
    assert "The talks are {{ 7*7 }} percent done" in everything  # a quote
    assert "{{ config }}" in everything
    assert "<iframe src=javascript:window.__pwned=1></iframe>" in everything
    # Template syntax was never evaluated: wherever its output would be, the tags are too.
    for where, text in texts.items():
        for m in re.finditer("TEMPLATE-RAN", text):
            assert text[max(0, m.start() - 12):m.start()].rstrip().endswith("%}"), where
        assert "LOOPLOOP" not in text, where


def test_feeds_are_well_formed_and_inert(payload_site):
    feeds = _files(payload_site, ".xml")
    assert feeds
    for path in feeds:
        root = ET.parse(path).getroot()
        for el in root.iter():
            kind = el.get("type")
            if kind == "html" or el.tag.endswith("description"):
                assert_inert_html(el.text or "", f"{path.name} <{el.tag}>")
            elif kind == "xhtml":
                assert_inert_html(ET.tostring(el, encoding="unicode"), f"{path.name} xhtml")
            for attr, value in el.attrib.items():
                if attr in ("href", "src"):
                    assert not _squash(value).startswith(BAD_SCHEMES), (path.name, value)


def _strings(value, key=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, str(k))
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, key)
    elif isinstance(value, str):
        yield key, value


def test_json_exports_are_data(payload_site):
    files = _files(payload_site, ".json")
    assert any(p.name == "articles.json" for p in files)
    found_payload = False
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        for key, value in _strings(data):
            found_payload |= "<script>" in value
            if "html" in key.lower():  # a field meant as markup must be inert markup
                assert_inert_html(value, f"{path.name}:{key}")
            if key.lower() in ("url", "href", "link"):
                assert not _squash(value).startswith(BAD_SCHEMES), (path.name, key, value)
    assert found_payload  # the payloads are in the export, as the text they were


def test_markdown_javascript_links_are_not_links(tmp_path):
    """markdown-it-py's validateLink refuses javascript:, vbscript: and data: URLs."""
    code = (
        "import json, sys\n"
        "from briefing.read.readers import NewsMarkdownReader\n"
        "from pelican.settings import DEFAULT_CONFIG\n"
        "reader = NewsMarkdownReader(dict(DEFAULT_CONFIG, PATH=sys.argv[2]))\n"
        "html, meta = reader.read(sys.argv[1])\n"
        "print(json.dumps(html))\n"
    )
    md = tmp_path / "links.md"
    md.write_text(
        "Title: Links\n\n"
        "[click](javascript:window.__pwned=1) [upper](JAVASCRIPT:alert(1)) "
        "[spaced]( javascript:alert(1)) [vb](vbscript:msgbox(1)) "
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) "
        "![img](javascript:alert(1)) <javascript:alert(1)> [ok](https://example.org/)\n\n"
        "<script>alert(1)</script> <a href=\"javascript:alert(1)\">raw</a>\n",
        encoding="utf-8",
    )
    proc = subprocess.run([sys.executable, "-c", code, str(md), str(tmp_path)],
                          capture_output=True, text=True, check=True)
    html = json.loads(proc.stdout.strip().splitlines()[-1])
    assert_inert_html(html, "links.md")
    soup = BeautifulSoup(html, "html.parser")
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert hrefs == ["https://example.org/"]  # the safe link still works
    assert "[click](javascript:window.__pwned=1)" in soup.get_text()  # shown as text
    assert "<script>alert(1)</script>" in soup.get_text()


# --- in the browser ---------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def served(payload_site):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(payload_site)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.terminate()
                raise RuntimeError("http.server did not start") from None
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(timeout=5)


# Playwright's sync API refuses to start while another session's event loop runs (the
# browser tests keep one open for the whole pytest session): drive chromium in a fresh process.
_BROWSE = """
import json, sys
from playwright.sync_api import sync_playwright
chromium, base, urls = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
out = {"pwned": [], "dialogs": [], "empty_searches": [], "bad_status": []}
with sync_playwright() as pw:
    browser = pw.chromium.launch(executable_path=chromium, args=[
        "--disable-background-networking", "--disable-component-update", "--no-first-run"])
    page = browser.new_context().new_page()
    page.set_default_timeout(15000)
    page.on("dialog", lambda d: (out["dialogs"].append(d.message), d.dismiss()))
    for url in urls:
        response = page.goto(base + url, wait_until="load")
        if response is None or not response.ok:
            out["bad_status"].append([url, response.status if response else None])
            continue
        if "?q=" in url:
            # The status names the query once its results are rendered.
            query = url.split("=", 1)[1]
            page.locator("#search-status").filter(has_text=query).wait_for()
            if page.locator("#search-results a").count() == 0:
                out["empty_searches"].append(url)
        # Hovering would fire onmouseover payloads, if any had survived.
        page.mouse.move(10, 10)
        for el in page.locator("main a, main b, main p").all()[:40]:
            el.hover(timeout=2000)
        if page.evaluate("() => window.__pwned") is not None:
            out["pwned"].append(url)
    browser.close()
print(json.dumps(out))
"""


@pytest.mark.browser
def test_no_payload_runs_in_the_browser(payload_site, served):
    chromium = shutil.which("chromium")
    if not chromium:
        missing("chromium is not installed (apt-get install chromium; ./dev.sh test does)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing("playwright is not installed (it comes with the test extras)")
    urls = ["/" + str(p.relative_to(payload_site).parent).removeprefix(".") for p in
            _files(payload_site, ".html")]
    urls = [u.rstrip("/") + "/" for u in urls]
    # The search page renders what the index holds: search for the payloads themselves.
    searches = ["/search/?q=Baker", "/search/?q=script", "/search/?q=img", "/search/?q=pwned"]
    proc = subprocess.run(
        [sys.executable, "-c", _BROWSE, chromium, served, json.dumps(urls + searches)],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["bad_status"] == [], out
    assert out["pwned"] == [] and out["dialogs"] == [], out
    # The searches did render results (with the payload text in them), except perhaps
    # for "pwned", which Pagefind may not index as a word of its own.
    assert set(out["empty_searches"]) <= {"/search/?q=pwned"}, out
