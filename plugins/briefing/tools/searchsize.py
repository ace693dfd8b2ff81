"""How many bytes a reader's browser fetches to search a built site.

    python -m briefing.tools.searchsize SITE_DIR [--query WORDS ...] [--json]

Serves SITE_DIR on 127.0.0.1, opens its search page in chromium (Playwright, Debian's
``chromium`` on PATH), and for each query, in a fresh browser context (cold cache), counts
the bytes of every response:

- ``startup``: what the search page fetches before the first query: Pagefind's loader
  (``pagefind.js``), its worker and WebAssembly, the index metadata and the filter lists;
- ``query``: what typing the query then fetches: index chunks for its words and the
  fragments (title, excerpt, anchors) of the results shown.

Bytes are response bodies as served (Pagefind's index files are gzip-compressed already;
``python -m http.server`` adds no compression, so JS and wasm count uncompressed).
Needs the test extra (``playwright``); measuring never writes into the site.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

DEFAULT_QUERIES = ["Trump", "Clinton emails", "Tim Kaine", "immigration", "debate moderator"]
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--no-pings"]


def _serve(site: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(site)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/", timeout=1).close()
            return proc, base
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("briefing: searchsize: http.server did not start")


def _sizes(responses: list) -> tuple[int, dict[str, int]]:
    total, by_kind = 0, {}
    for response in responses:
        try:
            size = len(response.body())
        except Exception:  # redirects and aborted requests have no body
            continue
        total += size
        name = response.url.split("?", 1)[0].rsplit("/", 1)[-1]
        kind = name.rsplit(".", 1)[-1] if "." in name else name
        by_kind[kind] = by_kind.get(kind, 0) + size
    return total, by_kind


def measure(site: Path, queries: list[str]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if not chromium:
        raise SystemExit("briefing: searchsize needs chromium on PATH (apt-get install chromium)")
    proc, base = _serve(site)
    rows = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                startup: list = []
                fetched: list = []
                phase = {"now": startup}  # responses go to the current phase's list
                page.on("response", lambda r, phase=phase: phase["now"].append(r))
                page.goto(f"{base}/search/")
                page.wait_for_selector("#search.search-ready", timeout=60_000)
                page.wait_for_load_state("networkidle")
                phase["now"] = fetched
                field = page.locator("#search-q")
                field.fill(query)
                page.locator("#search-status").filter(has_text=query).wait_for(timeout=60_000)
                page.wait_for_load_state("networkidle")
                shown = page.locator("#search-results li").count()
                status = page.locator("#search-status").inner_text()
                boot_total, boot_kinds = _sizes(
                    [r for r in startup if "/pagefind/" in r.url]
                )
                query_total, query_kinds = _sizes(fetched)
                rows.append({
                    "query": query, "status": status, "shown": shown,
                    "startup_bytes": boot_total, "startup_by_kind": boot_kinds,
                    "query_bytes": query_total, "query_by_kind": query_kinds,
                })
                context.close()
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=5)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m briefing.tools.searchsize", description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("site", type=Path, help="a built site (the output folder)")
    parser.add_argument("--query", action="append", help="a query (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not (args.site / "pagefind" / "pagefind.js").is_file():
        raise SystemExit(f"briefing: {args.site} has no search index (pagefind/pagefind.js)")
    pages = sum(
        lang["page_count"] for lang in json.loads(
            (args.site / "pagefind" / "pagefind-entry.json").read_text()
        )["languages"].values()
    )
    rows = measure(args.site, args.query or DEFAULT_QUERIES)
    if args.json:
        print(json.dumps({"indexed_pages": pages, "queries": rows}, indent=1))
        return 0
    print(f"briefing: search bytes on {args.site} ({pages} indexed pages)")
    print(f"{'query':<22} {'startup KB':>10} {'query KB':>9}  results")
    for row in rows:
        print(f"{row['query']:<22} {row['startup_bytes'] / 1024:>10.1f} "
              f"{row['query_bytes'] / 1024:>9.1f}  {row['status']}")
    for row in rows[:1]:
        print("startup by kind (KB):", {k: round(v / 1024, 1)
                                        for k, v in sorted(row["startup_by_kind"].items())})
        print("query by kind (KB):  ", {k: round(v / 1024, 1)
                                        for k, v in sorted(row["query_by_kind"].items())})
    return 0


if __name__ == "__main__":
    sys.exit(main())
