"""Every internal link and asset of the built seed site resolves, anchors included.

Built three times: at the root (``SITEURL = ""``, root-relative links), for a GitHub Pages
project sub-path (``--siteurl https://user.github.io/repo``), whose links are mapped back
to files, and with folder addresses for actor, topic and event pages (``actors/<id>/``), as
a site may set them. Links are read from the HTML itself (fast and exact): ``href`` and
``src`` of every element, plus ``srcset``.
"""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from support import REPO, build, soup

SEEDS = sorted((REPO / "content").glob("*.txt"))
PAGES_URL = "https://user.github.io/repo"


# The demo settings, with every site-wide page in a folder of its own.
FOLDER_SETTINGS = f"""
import runpy
globals().update({{k: v for k, v in runpy.run_path({str(REPO / "pelican.conf.py")!r}).items()
                  if k.isupper()}})
BRIEFING_ACTOR_URL = "actors/{{id}}/"
BRIEFING_ACTOR_SAVE_AS = "actors/{{id}}/index.html"
BRIEFING_TOPIC_URL = "topics/{{slug}}/"
BRIEFING_TOPIC_SAVE_AS = "topics/{{slug}}/index.html"
BRIEFING_EVENT_URL = "events/{{id}}/"
BRIEFING_EVENT_SAVE_AS = "events/{{id}}/index.html"
"""


def _build(tmp_path_factory, siteurl: str, folders: bool = False) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("links-folders" if folders else
                                  "links-pages" if siteurl else "links-root")
    content = tmp / "content"
    content.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, content / seed.name)
    extra: tuple[str, ...] = ("--siteurl", siteurl) if siteurl else ()
    if folders:
        (tmp / "folders.conf.py").write_text(FOLDER_SETTINGS, encoding="utf-8")
        extra += ("--settings", str(tmp / "folders.conf.py"))
    build(content, tmp / "output", *extra)
    return tmp / "output", siteurl


@pytest.fixture(scope="module")
def pages_built(tmp_path_factory) -> tuple[Path, str]:
    """The seed site built for a GitHub Pages project sub-path."""
    return _build(tmp_path_factory, PAGES_URL)


@pytest.fixture(scope="module")
def folders_built(tmp_path_factory) -> tuple[Path, str]:
    """The seed site with folder addresses for actor, topic and event pages."""
    return _build(tmp_path_factory, "", folders=True)


@pytest.fixture(scope="module", params=["root", "pages", "folders"])
def built(request, tmp_path_factory) -> tuple[Path, str]:
    if request.param != "root":
        return request.getfixturevalue(f"{request.param}_built")
    return _build(tmp_path_factory, "")


def _links(page) -> list[str]:
    out = []
    for tag in page.find_all(True):
        for attr in ("href", "src"):
            if tag.get(attr):
                out.append(tag[attr])
        if tag.get("srcset"):
            out += [part.split()[0] for part in tag["srcset"].split(",") if part.strip()]
    return out


@cache
def _ids(path: Path) -> frozenset[str]:
    return frozenset(t["id"] for t in soup(path).find_all(id=True))


def _resolve(output: Path, siteurl: str, page_path: Path, link: str):
    """The file a link points at (or None when external), and its fragment."""
    page_url = "http://site.invalid/" + page_path.relative_to(output).as_posix()
    if siteurl:
        prefix = siteurl.rstrip("/") + "/"
        if link.startswith(prefix):
            link = "/" + link[len(prefix):]
        elif link == siteurl:
            link = "/"
    absolute = urljoin(page_url, link)
    parsed = urlparse(absolute)
    if parsed.scheme not in ("http", "https") or parsed.netloc != "site.invalid":
        return None, ""
    target = output / unquote(parsed.path).lstrip("/")
    if parsed.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parsed.fragment


def test_every_internal_link_and_anchor_resolves(built):
    output, siteurl = built
    pages = sorted(output.rglob("*.html"))
    assert len(pages) > 10
    checked, anchors, broken = 0, 0, []
    for page_path in pages:
        for link in _links(soup(page_path)):
            if siteurl and link.startswith("/") and not link.startswith("//"):
                broken.append((page_path, link, "root-relative under a sub-path"))
                continue
            target, fragment = _resolve(output, siteurl, page_path, link)
            if target is None:
                # Only other sites may be absolute; nothing points at the host's root.
                assert not link.startswith(("https://user.github.io/", "http://site.")), link
                continue
            checked += 1
            if not target.is_file():
                broken.append((page_path, link, "missing"))
            elif fragment:
                anchors += 1
                if fragment not in _ids(target):
                    broken.append((page_path, link, f"no #{fragment}"))
    assert not broken, "\n".join(f"{p.relative_to(output)}: {link} ({why})"
                                 for p, link, why in broken[:40])
    assert checked > 100
    assert anchors > 10  # quote anchors (#q-N) from briefing and actor pages


def test_quote_anchor_links_are_among_the_checked(built):
    output, siteurl = built
    actor_pages = sorted((output / "actors").rglob("*.html"))
    quote_links = [a["href"] for p in actor_pages for a in soup(p).select("a.quote-link")]
    assert quote_links and all("#q-" in h for h in quote_links)
    if siteurl:
        assert all(h.startswith(siteurl + "/briefings/") for h in quote_links)
    else:
        assert all(h.startswith("/briefings/") for h in quote_links)


def test_no_link_escapes_the_pages_sub_path(pages_built):
    output, siteurl = pages_built
    checked = 0
    for page_path in output.rglob("*.html"):
        checked += 1
        for link in _links(soup(page_path)):
            assert not (link.startswith("/") and not link.startswith("//")), (page_path, link)
    assert checked > 20, f"only {checked} pages in {output}"


def test_page_addresses_follow_the_settings(built, folders_built):
    """Actor, topic and event pages are one file each by default, and where a site's
    ``BRIEFING_*_URL`` / ``*_SAVE_AS`` put them otherwise, every link goes there."""
    output, _ = built
    folders, _ = folders_built
    for kind in ("actors", "topics", "events"):
        files = [p for p in (output / kind).glob("*.html") if p.name != "index.html"]
        nested = sorted((folders / kind).glob("*/index.html"))
        if output == folders:
            assert nested and not files, kind
        else:
            assert files and not list((output / kind).glob("*/index.html")), kind
            assert sorted(p.stem for p in files) == sorted(p.parent.name for p in nested), kind
    home = soup(folders / "index.html").find("a", class_="actor-link")["href"]
    assert home.startswith("/actors/") and home.endswith("/"), home
