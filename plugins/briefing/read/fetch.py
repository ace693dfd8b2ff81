"""``briefing fetch``: follow feeds, or fetch page URLs, into Markdown articles in the content
folder (``CONTENT/<BRIEFING_FETCH_DIR>/<outlet host>/<slug>.md``).

Each page is fetched politely (a User-Agent, robots.txt, a delay per host, time-outs, a few
retries with backoff, a size cap, HTML only), read with :func:`pages.read_page` (trafilatura),
and written as Markdown whose text :func:`articles.read_file` reads back exactly. Re-running
is incremental with no state outside the content folder: the ``URL:``/``Canonical:``/
``Aliases:`` lines of the ``.md`` files there say what is fetched already (delete a file and
it is fetched again), and ``ETag:``/``Last-Modified:``/``Feed-Updated:`` say when and how to
look again. No Pelican import: fetching needs no site.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import ipaddress
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

import httpx

from ..cache import current_umask
from ..settings import DEFAULTS
from .articles import MARKDOWN_SUFFIXES, split_markdown_metadata
from .feeds import Entry, NotAFeedError, parse_feed, read_feeds_file
from .pages import read_page
from .slugs import MAX_SLUG, clean_slug
from .textio import BadArticleError, decode

# Set (to anything but "" or "0") by the tests: every request to a host that is not a
# loopback address is refused before it is sent, so a test can never reach the internet.
LOOPBACK_ONLY_ENV = "BRIEFING_FETCH_LOOPBACK_ONLY"

_WEB = re.compile(r"^https?://", re.I)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_ROBOTS_MAX_BYTES = 512_000  # RFC 9309: parse at least the first 500 KiB
_CRAWL_DELAY_MAX = 60.0
# A slow server may drip bytes forever under the per-read time-out; a whole response gets
# this many time-outs.
_TOTAL_TIMEOUTS = 4


# --- options ---------------------------------------------------------------------------


@dataclass
class FetchOptions:
    """What ``briefing fetch`` may do; every default comes from ``settings.DEFAULTS``."""

    user_agent: str = DEFAULTS["BRIEFING_USER_AGENT"]
    timeout: float = DEFAULTS["BRIEFING_FETCH_TIMEOUT"]
    retries: int = DEFAULTS["BRIEFING_FETCH_RETRIES"]
    backoff: float = DEFAULTS["BRIEFING_FETCH_BACKOFF"]
    retry_after_max: float = DEFAULTS["BRIEFING_FETCH_RETRY_AFTER_MAX"]
    max_bytes: int = DEFAULTS["BRIEFING_FETCH_MAX_BYTES"]
    max_redirects: int = DEFAULTS["BRIEFING_FETCH_MAX_REDIRECTS"]
    delay: float = DEFAULTS["BRIEFING_FETCH_DELAY"]
    fetch_dir: str = DEFAULTS["BRIEFING_FETCH_DIR"]
    refresh: bool = False  # re-check every known article met in this run

    def __post_init__(self) -> None:
        parts = [p for p in str(self.fetch_dir).replace("\\", "/").split("/") if p not in ("", ".")]
        if not parts or any(p == ".." or p.startswith(".") for p in parts):
            raise ValueError(f"BRIEFING_FETCH_DIR {self.fetch_dir!r} must be a plain folder "
                             "name inside the content folder")
        self.fetch_dir = "/".join(parts)
        if self.max_bytes <= 0 or self.timeout <= 0:
            raise ValueError("the size cap and the time-out must be positive")


# --- URLs ------------------------------------------------------------------------------

# Query parameters that say how a reader came to a page, never which page it is.
_TRACKING = re.compile(
    r"^(utm_\w*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|_ga|_gl|igshid|"
    r"ocid|cmpid|ns_\w+|at_\w+|sr_share|smid|cmp)$", re.I)


def clean_url(url: str) -> str:
    """``url`` as Briefing fetches and records it: lowercase scheme and host, no default port,
    credentials, fragment or tracking parameters (``utm_*``, ``fbclid``…).

    Raises ``ValueError`` for anything that is not an http(s) address with a host.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".").lower()
    if scheme not in ("http", "https") or not host:
        raise ValueError(f"{url[:80]!r} is not a web address (http or https)")
    port = parts.port  # ValueError on a port that is no number
    netloc = f"[{host}]" if ":" in host else host
    if port and port != {"http": 80, "https": 443}[scheme]:
        netloc += f":{port}"
    query = "&".join(
        pair for pair in parts.query.split("&")
        if pair and not _TRACKING.match(unquote(pair.split("=", 1)[0]))
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def url_key(url: str) -> str:
    """What makes two addresses one article's: :func:`clean_url` without the scheme and a
    ``www.``, with a trailing slash, percent-encoding and the parameters' order evened out."""
    parts = urlsplit(clean_url(url))
    netloc = parts.netloc.removeprefix("www.")
    path = quote(unquote(parts.path), safe="/:@!$&'()*+,;=-._~").rstrip("/")
    query = "&".join(sorted(parts.query.split("&"))) if parts.query else ""
    return f"{netloc}{path}?{query}" if query else f"{netloc}{path}"


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name, even "localhost": never resolved, so never sent


class LoopbackOnlyTransport(httpx.BaseTransport):
    """Sends only requests to loopback IP addresses (127.0.0.0/8, ::1); refuses the rest,
    names included, before any DNS look-up or connection: the tests' guarantee that nothing
    they run reaches beyond this machine."""

    def __init__(self, inner: httpx.BaseTransport | None = None) -> None:
        self.inner = inner or httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not _is_loopback(request.url.host):
            raise RefusedError(f"refused: {request.url.host} is not a loopback address "
                               "(loopback-only mode)", request=request)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


class RefusedError(httpx.RequestError):
    """A request the client will not send (loopback-only mode)."""


# --- HTTP ------------------------------------------------------------------------------


class FetchError(Exception):
    """One URL that could not be fetched; ``reason`` is its report line's reason."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


class Refused(Exception):
    """A URL not fetched on purpose (robots.txt, not HTML); ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 for a conditional request whose page has not changed
    headers: httpx.Headers
    body: bytes = b""


_ALLOW_ALL = object()


def retry_delay(headers: Mapping[str, str], attempt: int, options: FetchOptions,
                now: dt.datetime | None = None) -> float:
    """Seconds to wait before retry ``attempt`` (0 for the first): the server's
    ``Retry-After`` (seconds or an HTTP date) when it gives one, else exponential backoff.

    Raises :class:`FetchError` when Retry-After asks for longer than ``retry_after_max``:
    the run goes on and the next run tries again.
    """
    backoff = options.backoff * 2 ** attempt
    value = (headers.get("retry-after") or "").strip()
    if not value:
        return backoff
    if value.isdigit():
        wait = float(value)
    else:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return backoff
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        wait = max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())
    if wait > options.retry_after_max:
        raise FetchError(f"the server asks to retry after {wait:.0f} s, more than the "
                         f"{options.retry_after_max:.0f} s cap (BRIEFING_FETCH_RETRY_AFTER_MAX); "
                         "tried again next run")
    return max(wait, backoff)


class Web:
    """One run's HTTP client: robots.txt per host, politeness delay, retries, caps."""

    def __init__(self, options: FetchOptions, client: httpx.Client | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.options = options
        self.sleep, self.clock = sleep, clock
        self._own = client is None
        if client is None:
            guard = os.environ.get(LOOPBACK_ONLY_ENV, "") not in ("", "0")
            client = httpx.Client(
                transport=LoopbackOnlyTransport() if guard else None,
                timeout=httpx.Timeout(options.timeout),
                follow_redirects=False,  # followed here, each hop checked and counted
            )
        self.client = client
        self.headers = {
            "User-Agent": options.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5",
        }
        self._robots: dict[str, Any] = {}  # origin -> parser, _ALLOW_ALL or a failure reason
        self._last: dict[str, float] = {}  # origin -> when its last request ended
        self._delays: dict[str, float] = {}  # origin -> seconds between requests

    def close(self) -> None:
        if self._own:
            self.client.close()

    def get(self, url: str, *, html: bool, conditional: Mapping[str, str] | None = None,
            robots: bool = True, limit: int | None = None,
            truncate: bool = False) -> Response:
        """GET ``url``, following at most ``max_redirects`` redirects (robots.txt checked at
        every hop). Raises :class:`FetchError` or :class:`Refused`."""
        seen = [url]
        current = url
        for _ in range(self.options.max_redirects + 1):
            if robots:
                self._check_robots(current)
            status, headers, body = self._send(current, conditional or {}, html,
                                               limit or self.options.max_bytes, truncate)
            if status not in _REDIRECTS:
                return Response(current, status, headers, body)
            location = (headers.get("location") or "").strip()
            if not location:
                raise FetchError(f"HTTP {status} redirect without a Location", status)
            target = urljoin(current, location)
            if not _WEB.match(target):
                raise FetchError(f"redirects to {target[:80]!r}, not a web address", status)
            if target in seen:
                chain = " -> ".join(seen[seen.index(target):] + [target])
                raise FetchError(f"redirect loop ({chain})", status)
            seen.append(target)
            current = target
        raise FetchError(f"more than {self.options.max_redirects} redirects "
                         "(BRIEFING_FETCH_MAX_REDIRECTS)")

    # robots.txt ------------------------------------------------------------------------

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        rules = self._robots[origin]
        if isinstance(rules, str):
            raise FetchError(rules)
        if rules is not _ALLOW_ALL and not rules.can_fetch(self.options.user_agent, url):
            raise Refused("robots.txt disallows it for our user agent; not fetched")

    def _load_robots(self, origin: str) -> Any:
        """The host's rules: a 4xx robots.txt (none) allows everything (RFC 9309); a 5xx or
        an unreachable one is a failure for every URL of the host this run, since
        RFC 9309 says to assume the worst while robots.txt is unavailable."""
        from urllib.robotparser import RobotFileParser

        try:
            response = self.get(f"{origin}/robots.txt", html=False, robots=False,
                                limit=_ROBOTS_MAX_BYTES, truncate=True)
        except FetchError as exc:
            # 429 is "come back later", not "there is none": like a 5xx.
            if exc.status is not None and 400 <= exc.status < 500 and exc.status != 429:
                return _ALLOW_ALL
            return f"robots.txt unavailable ({exc.reason}); not fetched, tried again next run"
        parser = RobotFileParser()
        parser.parse(response.body.decode("utf-8", errors="replace").splitlines())
        crawl_delay = parser.crawl_delay(self.options.user_agent)
        if crawl_delay:
            self._delays[origin] = min(float(crawl_delay), _CRAWL_DELAY_MAX)
        return parser

    # one request, with retries ---------------------------------------------------------

    def _wait_turn(self, origin: str) -> None:
        delay = max(self.options.delay, self._delays.get(origin, 0.0))
        last = self._last.get(origin)
        if last is not None and delay > 0:
            remaining = last + delay - self.clock()
            if remaining > 0:
                self.sleep(remaining)

    def _send(self, url: str, extra: Mapping[str, str], html: bool, limit: int,
              truncate: bool) -> tuple[int, httpx.Headers, bytes]:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        tries = self.options.retries + 1
        problem = ""
        for attempt in range(tries):
            self._wait_turn(origin)
            try:
                with self.client.stream("GET", url, headers={**self.headers, **extra}) as r:
                    status = r.status_code
                    if status in _RETRY_STATUSES:
                        problem = f"HTTP {status} {r.reason_phrase}".strip()
                        try:
                            delay = retry_delay(r.headers, attempt, self.options)
                        except FetchError as exc:
                            raise FetchError(f"{problem}: {exc.reason}", status) from None
                    elif status in _REDIRECTS or status == 304:
                        return status, r.headers, b""
                    elif status >= 300 or status < 200:
                        raise FetchError(f"HTTP {status} {r.reason_phrase}".strip(), status)
                    else:
                        if html:
                            _check_html(r.headers)
                        return status, r.headers, self._read(r, limit, truncate)
            except httpx.TimeoutException:
                problem = f"timed out: no answer within {self.options.timeout:g} s"
                delay = self.options.backoff * 2 ** attempt
            except (httpx.ConnectError, httpx.ReadError, httpx.WriteError,
                    httpx.RemoteProtocolError) as exc:
                problem = f"connection failed: {exc or type(exc).__name__}"
                delay = self.options.backoff * 2 ** attempt
            except (httpx.RequestError, httpx.InvalidURL, ValueError) as exc:
                raise FetchError(str(exc) or type(exc).__name__) from None
            finally:
                self._last[origin] = self.clock()
            if attempt + 1 < tries:
                self.sleep(delay)
        status = int(problem.split()[1]) if problem.startswith("HTTP") else None
        raise FetchError(f"{problem} ({tries} tries)" if tries > 1 else problem, status)

    def _read(self, r: httpx.Response, limit: int, truncate: bool) -> bytes:
        length = r.headers.get("content-length", "")
        if length.isdigit() and int(length) > limit and not truncate:
            raise FetchError(f"{int(length):,} bytes, more than the {limit:,}-byte cap "
                             "(BRIEFING_FETCH_MAX_BYTES); not read")
        chunks: list[bytes] = []
        total = 0
        deadline = self.clock() + _TOTAL_TIMEOUTS * self.options.timeout
        for chunk in r.iter_bytes():
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                if truncate:
                    return b"".join(chunks)[:limit]
                raise FetchError(f"larger than the {limit:,}-byte cap "
                                 "(BRIEFING_FETCH_MAX_BYTES); stopped reading")
            if self.clock() > deadline:
                raise FetchError(f"too slow: not done after "
                                 f"{_TOTAL_TIMEOUTS * self.options.timeout:g} s")
        return b"".join(chunks)


def _check_html(headers: httpx.Headers) -> None:
    kind = headers.get("content-type", "").split(";")[0].strip().lower()
    if kind and kind not in _HTML_TYPES:
        raise Refused(f"not an HTML page ({kind}); not fetched")


_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
# WHATWG: pages labelled Latin-1 or ASCII are Windows-1252 (curly quotes in 0x80-0x9F).
_AS_CP1252 = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii",
                        "us-ascii", "windows-1252", "cp1252", "x-cp1252"})


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """A page's text: a BOM, else the HTTP header's charset, else a ``<meta>`` charset in
    the first 4 KB, else UTF-8 or detection (``textio.decode``). A declared charset the
    bytes do not fit falls back to detection."""
    if body.startswith(b"\xef\xbb\xbf"):
        return body[3:].decode("utf-8", errors="replace")
    declared = None
    m = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type or "", re.I)
    if m:
        declared = m.group(1)
    else:
        found = _META_CHARSET.search(body[:4096])
        if found:
            declared = found.group(1).decode("ascii")
    if declared:
        codec = "cp1252" if declared.lower() in _AS_CP1252 else declared
        try:
            return body.decode(codec)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode(body)[0]
    except BadArticleError as exc:
        raise FetchError(f"not a readable page: {exc}") from None


# --- Markdown out ----------------------------------------------------------------------

# Inline syntax (emphasis, code, links, autolinks, escapes) anywhere in a line, and "&"
# before what could be a character reference ("&amp;", "&#38;").
_INLINE = re.compile(r"[\\`*_\[\]<]|&(?=#?[A-Za-z0-9]+;)")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ORDERED = re.compile(r"^(\d+)([.)])")


def markdown_paragraph(text: str) -> str:
    """One paragraph (whitespace-normalised: no newline, no run of spaces) as Markdown that
    renders back to exactly this text.

    Backslash escapes are CommonMark's own (any ASCII punctuation may take one). Inline
    syntax is escaped everywhere; what only counts at a line's start (``#`` headings,
    ``>`` quotes, ``-``/``+``/``*`` and ``1.``/``1)`` lists, ``=``/``-`` underlines,
    fences, tables) is escaped there: the paragraph is one line, so that is its start.
    Indented code cannot happen: the paragraph starts with no space.
    """
    out = _INLINE.sub(lambda m: "\\" + m.group(0), text)
    m = _ORDERED.match(out)
    if m:
        out = f"{m.group(1)}\\{m.group(2)}{out[m.end():]}"
    elif out and out[0] in _ASCII_PUNCT and not out.startswith("\\"):
        out = "\\" + out
    return out


def markdown_body(text: str) -> str:
    """Paragraphs separated by blank lines (``PageArticle.text``) as Markdown."""
    return "\n\n".join(markdown_paragraph(p) for p in text.split("\n\n"))


# Metadata lines, in the order written; keys as the reader sees them (lowercased).
_FIELDS = ("Title", "Date", "Author", "Outlet", "URL", "Canonical", "Slug", "ETag",
           "Last-Modified", "Feed-Updated", "Aliases")
# Lines that say how to fetch again, not what the article is: a change in them alone does
# not count as an update.
_VALIDATORS = ("etag", "last-modified", "feed-updated")


def read_header(text: str) -> dict[str, str]:
    """The ``Key: value`` lines up to the first blank line, keys lowercased, values exactly
    as written: the reader strips quotes from values, and an ETag's quotes are its own."""
    meta: dict[str, str] = {}
    for line in text.split("\n"):
        if not line.strip():
            break
        key, sep, value = line.partition(":")
        if sep and re.fullmatch(r"[A-Za-z][\w -]*", key.strip()):
            meta[key.strip().lower()] = " ".join(value.split())
    return meta


def render_markdown(meta: Mapping[str, str | None], text: str) -> str:
    """The whole file: ``Key: value`` lines (empty ones left out), a blank line, the body."""
    lines = []
    for name in _FIELDS:
        value = " ".join(str(meta.get(name.lower()) or "").split())
        if value:
            lines.append(f"{name}: {value}")
    return "\n".join(lines) + "\n\n" + markdown_body(text) + "\n"


# --- the content folder ----------------------------------------------------------------


@dataclass
class Stored:
    """A Markdown article already in the content folder."""

    path: Path
    meta: dict[str, str]
    body: str  # the Markdown after the header, as the file has it
    owned: bool  # under BRIEFING_FETCH_DIR, a real file: fetch may rewrite it

    def keys(self) -> set[str]:
        urls = [self.meta.get("url", ""), self.meta.get("canonical", "")]
        urls += self.meta.get("aliases", "").split()
        found = set()
        for url in urls:
            try:
                found.add(url_key(url))
            except ValueError:
                continue
        return found


def _host_folder(url: str) -> str:
    """A folder name from a URL's host: lowercase letters, digits, dots and hyphens only,
    never empty, ``.`` or ``..``."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    name = re.sub(r"[^a-z0-9.-]+", "-", host).strip(".-")
    name = re.sub(r"\.{2,}", ".", name)
    return name[:80] or "unknown-host"


def article_slug(title: str | None, url: str) -> str:
    """A readable, stable slug: the title's words plus 6 hex digits of the URL's key, so
    two articles never share an address and a title edit never moves one."""
    digest = hashlib.sha1(url_key(url).encode("utf-8")).hexdigest()[:6]
    base = clean_slug(title or urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] or "article")
    room = MAX_SLUG - len(digest) - 1
    if len(base) > room:
        base = base[: room + 1].rsplit("-", 1)[0] or base[:room]
    return f"{base.strip('-')}-{digest}"


class UnsafePathError(Exception):
    """A write that would leave the content folder (a symlink, a strange name)."""


class Store:
    """The content folder's Markdown articles, by every URL they answer to."""

    def __init__(self, root: Path, fetch_dir: str) -> None:
        self.root = root.resolve()
        self.fetch_root = (self.root / fetch_dir).resolve()
        self.fetch_dir = fetch_dir
        self.by_key: dict[str, Stored] = {}
        self.slugs: set[str] = set()
        for path in sorted(self._markdown_files()):
            stored = self.load(path)
            if stored is None:
                continue
            self.slugs.add(stored.meta.get("slug", ""))
            for key in sorted(stored.keys()):
                self.by_key.setdefault(key, stored)

    def _markdown_files(self) -> Iterable[Path]:
        for folder, dirs, files in os.walk(self.root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if name.lower().endswith(MARKDOWN_SUFFIXES) and not name.startswith("."):
                    yield Path(folder) / name

    def load(self, path: Path) -> Stored | None:
        try:
            text, _ = decode(path.read_bytes())
        except (OSError, BadArticleError):
            return None
        meta = read_header(text)
        _, _, body = text.partition("\n\n")
        real = path.resolve()
        owned = (not path.is_symlink() and real.is_relative_to(self.root)
                 and real.is_relative_to(self.fetch_root))
        return Stored(path=path, meta=meta, body=body, owned=owned)

    def find(self, url: str) -> Stored | None:
        try:
            return self.by_key.get(url_key(url))
        except ValueError:
            return None

    def remember(self, stored: Stored) -> None:
        """A file just written: it answers for every address it records now."""
        self.slugs.add(stored.meta.get("slug", ""))
        for key in stored.keys():
            self.by_key[key] = stored

    def new_path(self, url: str, slug: str) -> tuple[Path, str]:
        folder = Path(self.fetch_dir) / _host_folder(url)
        n = 1
        while True:
            candidate = slug if n == 1 else f"{slug}-{n}"
            path = self.root / folder / f"{candidate}.md"
            if candidate not in self.slugs and not path.exists() and not path.is_symlink():
                return path, candidate
            n += 1

    def write(self, path: Path, text: str) -> None:
        """Write ``text`` to ``path`` (atomically) if it lies inside the content folder."""
        self._check_inside(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._check_inside(path)  # mkdir followed no link out of it: checked again
        if path.is_symlink():
            raise UnsafePathError(f"{self.rel(path)} is a symlink; not written through it")
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
            # mkstemp makes the file private (0600); an article is as readable as any file.
            os.chmod(tmp, 0o666 & ~current_umask())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _check_inside(self, path: Path) -> None:
        # The nearest existing folder on the way must resolve inside the content folder, and
        # inside the fetch folder once past it: a symlink pointing out of either is refused
        # before anything is created through it.
        lexical_fetch = self.root / self.fetch_dir
        if not path.is_relative_to(lexical_fetch):
            raise UnsafePathError(f"{path} is not in {self.fetch_dir}/; not written")
        probe = path.parent
        while not (probe.exists() or probe.is_symlink()):
            probe = probe.parent
        real = probe.resolve()
        inside = real.is_relative_to(self.root) and (
            not probe.is_relative_to(lexical_fetch) or real.is_relative_to(self.fetch_root))
        if not inside:
            raise UnsafePathError(f"{self.rel(probe)} leads outside {self.fetch_dir}/ in the "
                                  "content folder (a symlink?); not written")

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


# --- one run ---------------------------------------------------------------------------


@dataclass
class FetchReport:
    """What a run did: counts, and one line per URL worth a word."""

    fetched: int = 0  # new articles written
    updated: int = 0  # known articles rewritten in place: their text or metadata changed
    unchanged: int = 0  # known articles left as they are (not due, 304, or the same text)
    skipped: int = 0  # not fetched on purpose: robots.txt, not HTML, duplicates, no link
    failed: int = 0  # could not be fetched or read (feeds included)
    lines: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    out: TextIO | None = None

    def say(self, url: str, message: str) -> None:
        line = f"briefing: fetch: {url}: {message}"
        self.lines.append(line)
        if self.out is not None:
            from tqdm import tqdm

            tqdm.write(line, file=self.out)

    def fail(self, url: str, reason: str) -> None:
        self.failed += 1
        self.say(url, reason)

    def skip(self, url: str, reason: str | None = None) -> None:
        self.skipped += 1
        if reason:
            self.say(url, reason)

    def summary(self) -> str:
        return (f"briefing: fetch: {self.fetched} fetched, {self.updated} updated, "
                f"{self.unchanged} unchanged, {self.skipped} skipped, {self.failed} failed")

    def exit_code(self, strict: bool = False) -> int:
        """0, unless everything failed (nothing fetched, updated or unchanged, and at least
        one failure: the network or the configuration is broken), or ``strict`` and
        anything failed. One outlet down never fails a scheduled run."""
        if strict and self.failed:
            return 1
        if self.failed and not (self.fetched or self.updated or self.unchanged):
            return 1
        return 0


class NothingToFetchError(ValueError):
    """No page URL and no feed: nothing to do is a mistake worth exit status 2."""


def _due(stored: Stored, entry: Entry, refresh: bool) -> bool:
    """Whether to look at a known article again: ``--refresh``, or its feed entry is newer
    (updated, else published) than the one it was fetched from. Files fetch does not own
    are never rewritten, so never re-checked."""
    if not stored.owned:
        return False
    if refresh:
        return True
    seen = stored.meta.get("feed-updated")
    return bool(entry.stamp) and (not seen or entry.stamp > seen)


def _core(markdown: str) -> tuple:
    """What a file says about its article (metadata as the reader reads it, and the body),
    leaving out how to fetch it again."""
    meta, _, _ = split_markdown_metadata(markdown)
    body = markdown.partition("\n\n")[2]
    return tuple((k, v) for k, v in sorted(meta.items()) if k not in _VALIDATORS), body


def _canonical(page_url: str | None, fetched: str) -> str:
    """The page's canonical URL, or the fetched one. A canonical link to a site's home page
    (a common template mistake) would make every article of the site one: ignored."""
    for candidate in (page_url, fetched):
        try:
            url = clean_url(urljoin(fetched, candidate or ""))
        except ValueError:
            continue
        if urlsplit(url).path.strip("/") or candidate is fetched:
            return url
    return clean_url(fetched)


class Fetcher:
    def __init__(self, content: Path, options: FetchOptions, report: FetchReport,
                 web: Web) -> None:
        self.options = options
        self.report = report
        self.web = web
        self.store = Store(content, options.fetch_dir)

    # feeds -----------------------------------------------------------------------------

    def read_feed(self, url: str) -> list[Entry]:
        try:
            response = self.web.get(url, html=False)
            feed = parse_feed(response.body, response.url, response.headers.get("content-type"))
        except FetchError as exc:
            self.report.fail(url, f"feed not read: {exc.reason}")
            return []
        except Refused as exc:
            self.report.skip(url, f"feed {exc.reason}")
            return []
        except NotAFeedError as exc:
            self.report.fail(url, str(exc))
            return []
        if feed.malformed:
            self.report.say(url, f"malformed feed ({feed.malformed}); read its "
                                 f"{len(feed.entries)} readable entries anyway")
        for why in feed.unusable:
            self.report.skip(url, why)
        return feed.entries

    # pages -----------------------------------------------------------------------------

    def fetch_entry(self, entry: Entry) -> None:
        url = entry.link
        stored = self.store.find(url)
        if stored is not None and not _due(stored, entry, self.options.refresh):
            self.report.unchanged += 1
            return
        conditional = {}
        if stored is not None:
            if stored.meta.get("etag"):
                conditional["If-None-Match"] = stored.meta["etag"]
            if stored.meta.get("last-modified"):
                conditional["If-Modified-Since"] = stored.meta["last-modified"]
        try:
            response = self.web.get(url, html=True, conditional=conditional)
            if response.status == 304:
                if stored is None:  # we asked for no 304: a confused server
                    raise FetchError("HTTP 304 Not Modified to a plain request")
                self._restamp(stored, entry)
                return
            text = decode_html(response.body, response.headers.get("content-type"))
            page = read_page(text, url=response.url)
        except Refused as exc:
            self.report.skip(url, exc.reason)
            return
        except FetchError as exc:
            self.report.fail(url, exc.reason)
            return
        except BadArticleError as exc:
            self.report.fail(url, f"no article: {exc}")
            return
        canonical = _canonical(page.url, response.url)
        if stored is None:
            other = self.store.find(canonical) or self.store.find(response.url)
            if other is not None:
                self._alias(other, url)
                return
        meta = self._meta(entry, page, response, canonical, stored)
        try:
            if stored is None:
                self._create(meta, page.text)
            else:
                self._update(stored, meta, page.text)
        except (UnsafePathError, OSError) as exc:
            self.report.fail(url, f"not written: {exc}")

    def _meta(self, entry: Entry, page: Any, response: Response, canonical: str,
              stored: Stored | None) -> dict[str, str | None]:
        old = stored.meta if stored is not None else {}
        url = old.get("url") or entry.link
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        return {
            "title": page.title or entry.title or old.get("title"),
            # The page's own date (htmldate), else the feed's published date, else the date
            # an earlier fetch found: never the time of fetching.
            "date": page.date or entry.published or old.get("date"),
            "author": page.author or entry.author or old.get("author"),
            "outlet": page.outlet or entry.feed_title or old.get("outlet") or host,
            "url": url,
            "canonical": canonical if url_key(canonical) != url_key(url) else None,
            "slug": old.get("slug"),
            "etag": response.headers.get("etag"),
            "last-modified": response.headers.get("last-modified"),
            "feed-updated": max(filter(None, [entry.stamp, old.get("feed-updated")]),
                                default=None),
            "aliases": old.get("aliases"),
        }

    def _create(self, meta: dict[str, str | None], text: str) -> None:
        url = str(meta["url"])
        path, slug = self.store.new_path(url, article_slug(meta["title"], url))
        meta["slug"] = slug
        self.store.write(path, render_markdown(meta, text))
        self.report.fetched += 1
        self.report.written.append(path)
        self.report.say(url, f"new article {self.store.rel(path)}")
        self._remember(path)

    def _update(self, stored: Stored, meta: dict[str, str | None], text: str) -> None:
        rendered = render_markdown(meta, text)
        if _core(stored.path.read_text(encoding="utf-8")) == _core(rendered):
            # Same article: only the feed's stamp may be new; keep the old validators so
            # a page whose ETag changes on every request does not rewrite the file.
            self._restamp(stored, Entry(link=str(meta["url"]), stamp=meta["feed-updated"]))
            return
        self.store.write(stored.path, rendered)
        self.report.updated += 1
        self.report.written.append(stored.path)
        self.report.say(str(meta["url"]), f"updated {self.store.rel(stored.path)}")
        self._remember(stored.path)

    def _restamp(self, stored: Stored, entry: Entry) -> None:
        """Unchanged; record a newer feed stamp so the entry is not re-checked every run."""
        self.report.unchanged += 1
        if entry.stamp and entry.stamp > stored.meta.get("feed-updated", ""):
            meta = dict(stored.meta, **{"feed-updated": entry.stamp})
            self._rewrite_header(stored, meta)

    def _alias(self, other: Stored, url: str) -> None:
        """``url`` is another address of a known article: record it there (so the next run
        does not fetch it again) and write nothing new."""
        where = self.store.rel(other.path)
        self.report.skip(url, f"the same article as {other.meta.get('url')} ({where}); "
                              "not written again")
        if other.owned:
            aliases = other.meta.get("aliases", "").split()
            if url not in aliases:
                self._rewrite_header(other, dict(other.meta, aliases=" ".join(aliases + [url])))

    def _rewrite_header(self, stored: Stored, meta: dict[str, str]) -> None:
        lines = [f"{name}: {' '.join(str(meta[name.lower()]).split())}"
                 for name in _FIELDS if meta.get(name.lower())]
        try:
            self.store.write(stored.path, "\n".join(lines) + "\n\n" + stored.body)
        except (UnsafePathError, OSError) as exc:
            self.report.say(str(meta.get("url")), f"not written: {exc}")
            return
        self._remember(stored.path)

    def _remember(self, path: Path) -> None:
        stored = self.store.load(path)
        if stored is not None:
            self.store.remember(stored)


def merge_entry(first: Entry, other: Entry) -> None:
    """One page met twice (in two feeds, or twice in one): the first entry is fetched, and
    what only the other says (a published date, an author) is kept."""
    for name in ("title", "author", "published", "feed_title"):
        if not getattr(first, name):
            setattr(first, name, getattr(other, name))
    first.stamp = max(filter(None, [first.stamp, other.stamp]), default=None)


def feed_urls(feeds_file: Path | None, feeds: Sequence[str], report: FetchReport) -> list[str]:
    """Feeds from ``feeds_file`` (a missing default file is no error) and ``feeds``."""
    urls: list[str] = []
    if feeds_file is not None and feeds_file.is_file():
        lines, problems = read_feeds_file(feeds_file)
        for problem in problems:
            report.fail(str(feeds_file), problem)
        urls += [line.url for line in lines]
    return urls + [u for u in feeds if u]


def fetch(content: Path, *, urls: Sequence[str] = (), feeds: Sequence[str] = (),
          feeds_file: Path | None = None, options: FetchOptions | None = None,
          client: httpx.Client | None = None, out: TextIO | None = None,
          progress: bool | None = None, sleep: Callable[[float], None] = time.sleep
          ) -> FetchReport:
    """Fetch page ``urls`` and every entry of the feeds (``feeds_file`` lines and ``feeds``)
    into ``content``. Never stops on one bad URL or feed: each is a report line.

    ``client``: an ``httpx.Client`` to send requests with (tests pass a guarded one);
    ``progress``: a tqdm bar on ``out`` (None: only when ``out`` is a terminal).
    """
    from tqdm import tqdm

    options = options or FetchOptions()
    content = Path(content)
    if not content.is_dir():
        raise FileNotFoundError(f"content folder {content} does not exist")
    report = FetchReport(out=out)
    all_feeds = feed_urls(feeds_file, feeds, report)
    if not urls and not all_feeds and not report.failed:
        raise NothingToFetchError("nothing to fetch: no URL given and no feed "
                                  f"(in {feeds_file or 'the feeds file'} or BRIEFING_FEEDS)")
    web = Web(options, client, sleep=sleep)
    try:
        fetcher = Fetcher(content, options, report, web)
        queue: dict[str, Entry] = {}

        def add(entry: Entry, source: str) -> None:
            try:
                entry.link = clean_url(entry.link)
            except ValueError as exc:
                report.fail(source, str(exc))
                return
            key = url_key(entry.link)
            if key in queue:
                merge_entry(queue[key], entry)
                report.skip(entry.link)  # a duplicate entry: fetched once
                return
            queue[key] = entry

        for url in urls:
            add(Entry(link=url), url)
        feeds_seen: set[str] = set()
        for feed in all_feeds:
            try:
                feed = clean_url(feed)
            except ValueError as exc:
                report.fail(feed, str(exc))
                continue
            if url_key(feed) in feeds_seen:
                continue
            feeds_seen.add(url_key(feed))
            for entry in fetcher.read_feed(feed):
                add(entry, feed)
        show = (out is not None and out.isatty()) if progress is None else progress
        bar = tqdm(list(queue.values()), desc="briefing: fetch", unit="page", disable=not show,
                   file=out or sys.stderr, leave=False)
        for entry in bar:
            fetcher.fetch_entry(entry)
    finally:
        web.close()
    return report


def options_from(settings: Mapping[str, Any] | None = None, **overrides: Any) -> FetchOptions:
    """:class:`FetchOptions` from ``BRIEFING_*`` settings, then ``overrides`` (None: unset)."""
    from ..settings import get

    names = {
        "user_agent": "BRIEFING_USER_AGENT", "timeout": "BRIEFING_FETCH_TIMEOUT",
        "retries": "BRIEFING_FETCH_RETRIES", "backoff": "BRIEFING_FETCH_BACKOFF",
        "retry_after_max": "BRIEFING_FETCH_RETRY_AFTER_MAX",
        "max_bytes": "BRIEFING_FETCH_MAX_BYTES", "max_redirects": "BRIEFING_FETCH_MAX_REDIRECTS",
        "delay": "BRIEFING_FETCH_DELAY", "fetch_dir": "BRIEFING_FETCH_DIR",
    }
    values: dict[str, Any] = {name: get(settings, key) for name, key in names.items()}
    known = {f.name for f in fields(FetchOptions)}
    values.update({k: v for k, v in overrides.items() if v is not None and k in known})
    return FetchOptions(**values)
