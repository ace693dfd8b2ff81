"""Browser tests: built sites served on 127.0.0.1, driven with Playwright and Debian's chromium.

Every fixture here is session-wide: a site is built once (in a fresh process, as ``invoke
build`` does) and served by ``python -m http.server`` until the session ends. Tests skip,
saying why, when chromium, axe-core (``npm ci``) or the PolNeAR corpus is missing.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import REPO, SHARED, build, missing

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
# Keep chromium from phoning home (updates, safe browsing, metrics): the tests must see
# only the site's own requests, and the machine may be offline.
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-domain-reliability",
    "--disable-sync",
    "--no-first-run",
    "--no-pings",
    "--metrics-recording-only",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """``python -m http.server`` on ``port``, serving ``directory``; stopped by ``stop``."""

    def __init__(self, directory: Path, port: int | None = None) -> None:
        self.port = port or free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1",
             "--directory", str(directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while True:
            try:
                urllib.request.urlopen(self.base_url + "/", timeout=1).close()
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"http.server on port {self.port} did not start") from None
                time.sleep(0.1)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if not path:
        missing("chromium is not installed (apt-get install chromium; ./dev.sh test does)")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    try:
        from playwright import sync_api
    except ImportError:
        missing("playwright is not installed (it comes with the test extras)")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_path() -> Path:
    if not AXE.is_file():
        missing("axe-core is not installed: run `npm ci` (./dev.sh test does)")
    return AXE


def _seed_content(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("seed-content")
    for seed in sorted((REPO / "content").glob("*.txt")):
        shutil.copy(seed, content / seed.name)
    return content


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("seed-site") / "output"
    build(_seed_content(tmp_path_factory), output)
    return output


@pytest.fixture(scope="session")
def seed_server(seed_site) -> Iterator[Server]:
    server = Server(seed_site)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def subpath_server(tmp_path_factory) -> Iterator[tuple[Server, str]]:
    """The seed site built for ``http://127.0.0.1:PORT/repo`` (as for a GitHub Pages project
    site) and served from a folder whose ``repo`` entry is the output."""
    root = tmp_path_factory.mktemp("pages-root")
    output = tmp_path_factory.mktemp("subpath-site") / "output"
    port = free_port()
    siteurl = f"http://127.0.0.1:{port}/repo"
    build(_seed_content(tmp_path_factory), output, "--siteurl", siteurl)
    (root / "repo").symlink_to(output, target_is_directory=True)
    (root / "index.html").write_text("<!DOCTYPE html><title>Pages root</title>\n")
    server = Server(root, port)
    yield server, siteurl
    server.stop()


def polnear_root() -> Path:
    return Path(os.environ.get("BRIEFING_POLNEAR") or SHARED / "corpus" / "polnear")


@pytest.fixture(scope="session")
def polnear_site(tmp_path_factory) -> Path:
    from briefing.tools.polnear_site import write_markdown

    corpus = polnear_root()
    if not (corpus / "dev" / "text").is_dir():
        missing(f"PolNeAR corpus not found at {corpus} (set BRIEFING_POLNEAR)")
    content = tmp_path_factory.mktemp("polnear-content")
    write_markdown(corpus, content, ["dev"])
    output = tmp_path_factory.mktemp("polnear-site") / "output"
    build(content, output)
    return output


@pytest.fixture(scope="session")
def polnear_server(polnear_site) -> Iterator[Server]:
    server = Server(polnear_site)
    yield server
    server.stop()
