"""The article's full text as HTML: escaped paragraphs with every quote highlighted and
every name linked to its actor's page.

Each quote becomes ``<mark class="quote-hl" id="q-N">`` (N counts the article's quotes from
1, in the extraction's order), so briefing and actor pages can link to the exact words. A
quote that runs over several paragraphs gets one mark per paragraph; only the first carries
the id. Quotes that overlap nest; one that crosses another's end is split at that end. A
name is ``<a class="name-link" href="…/actors/ID.html">`` inside whatever quote holds it; a
name that crosses a quote's edge (an extraction slip) is left unlinked.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from collections.abc import Sequence

from ..records import Quote

_TOKEN_OPEN, _TOKEN_CLOSE = "\ue000", "\ue001"
_TOKEN = re.compile(f"{_TOKEN_OPEN}(\\d+){_TOKEN_CLOSE}")


def anchor(index: int) -> str:
    """The HTML id of the quote at ``index`` (0-based) in the extraction's list."""
    return f"q-{index + 1}"


Seg = tuple[int, int, "int | str"]  # (start, end, quote index or a name link's href)


def _sort_key(seg: Seg) -> tuple:
    # quotes before names at one start, so a name at a quote's first word nests inside it
    return (seg[0], -seg[1], isinstance(seg[2], str), str(seg[2]))


def _clean_links(segs: list[Seg]) -> list[Seg]:
    """Drop name links that overlap a quote without being inside it, or another link."""
    quotes = [g for g in segs if not isinstance(g[2], str)]
    out = [g for g in segs if not isinstance(g[2], str)]
    taken: list[tuple[int, int]] = []
    for s, e, href in sorted(g for g in segs if isinstance(g[2], str)):
        crosses = any(qs < e and s < qe and not (qs <= s and e <= qe) and not (s <= qs and qe <= e)
                      for qs, qe, _ in quotes)
        holds_quote = any(s <= qs and qe <= e for qs, qe, _ in quotes)
        if crosses or holds_quote or any(ts < e and s < te for ts, te in taken):
            continue
        taken.append((s, e))
        out.append((s, e, href))
    return out


def _render(text: str, start: int, end: int, segs: list[Seg], ids: set[int]) -> str:
    """HTML for text[start:end] with segs (quotes and name links) inside it, nested."""
    out: list[str] = []
    pos = start
    queue = sorted(segs, key=_sort_key)
    while queue:
        s, e, qi = queue.pop(0)
        s = max(s, pos)
        if s >= e:
            continue
        out.append(html.escape(text[pos:s], quote=False))
        inner, rest = [], []
        for seg in queue:
            if seg[0] >= e:
                rest.append(seg)
            elif seg[1] <= e:
                inner.append(seg)
            else:  # crosses this mark's end: the part inside nests, the rest comes after
                inner.append((seg[0], e, seg[2]))
                rest.append((e, seg[1], seg[2]))
        queue = sorted(rest, key=_sort_key)
        if isinstance(qi, str):  # a name: a link around its (escaped) words
            out.append(f'<a class="name-link" href="{html.escape(qi)}">')
            out.append(_render(text, s, e, inner, ids))
            out.append("</a>")
            pos = e
            continue
        attr = ""
        if qi not in ids:
            ids.add(qi)
            attr = f' id="{anchor(qi)}"'
        out.append(f'<mark class="quote-hl"{attr} data-quote="{qi + 1}">')
        out.append(_render(text, s, e, inner, ids))
        out.append("</mark>")
        pos = e
    out.append(html.escape(text[pos:end], quote=False))
    return "".join(out)


def body_html(text: str, paragraphs: Sequence[tuple[int, int]], quotes: Sequence[Quote],
              links: Sequence[tuple[int, int, str]] = ()) -> str:
    """``<p id="pI">`` per paragraph (as the readers write them), quotes marked inside and
    ``links`` (start, end, href: the names) linked."""
    ids: set[int] = set()
    parts = []
    for i, (ps, pe) in enumerate(paragraphs, 1):
        segs: list[Seg] = [
            (max(q.start, ps), min(q.end, pe), qi)
            for qi, q in enumerate(quotes)
            if q.start < pe and q.end > ps and q.end > q.start
        ]
        segs += [(s, e, href) for s, e, href in links if ps <= s and e <= pe and s < e]
        parts.append(f'<p id="p{i}">{_render(text, ps, pe, _clean_links(segs), ids)}</p>')
    html_out = "\n".join(parts)
    # Every quote gets an anchor, even one that falls between paragraphs (an extraction
    # bug, but a link to it must still land somewhere).
    missing = [qi for qi in range(len(quotes)) if qi not in ids]
    if missing:
        html_out += "\n" + "".join(
            f'<span class="quote-anchor" id="{anchor(qi)}"></span>' for qi in missing
        )
    return html_out


def lead(text: str, paragraphs: Sequence[tuple[int, int]]) -> str:
    """The first paragraph, as plain text (templates escape it)."""
    if not paragraphs:
        return ""
    s, e = paragraphs[0]
    return text[s:e]


def mark_html(fragment: str, text: str, quotes: Sequence[Quote],
              links: Sequence[tuple[int, int, str]] = ()) -> str | None:
    """Highlight quotes inside already-rendered HTML (Markdown keeps its links and emphasis).

    ``text`` is the plain text the quotes' offsets index, made from this HTML (the readers
    join block texts). Its non-space characters are aligned, in order, with those of the
    HTML's text nodes; each quote is then marked inside every text node it covers. Returns
    None when the two do not align, and the caller falls back to ``body_html``.
    """
    from bs4 import BeautifulSoup, NavigableString

    soup = BeautifulSoup(fragment, "html.parser")
    nodes = [n for n in soup.find_all(string=True)
             if type(n) is NavigableString and n.parent.name not in ("script", "style")]
    wanted = [(i, c) for i, c in enumerate(text) if not c.isspace()]
    k = 0
    maps: list[list[tuple[int, int]]] = []  # per node: (index in node, offset in text)
    for node in nodes:
        pairs = []
        for j, c in enumerate(str(node)):
            if k < len(wanted) and not c.isspace() and c == wanted[k][1]:
                pairs.append((j, wanted[k][0]))
                k += 1
        maps.append(pairs)
    if k < len(wanted):
        return None
    # Non-space characters of text[:i], so "is the whole name in this node" is a count.
    solid = [0]
    for c in text:
        solid.append(solid[-1] + (not c.isspace()))
    ids: set[int] = set()
    # Parsing each marked node back into the soup was a third of a 900-article build's
    # views; a placeholder swapped for the HTML after serialising gives the same bytes.
    # Private-use characters cannot clash with the article, unless it holds them.
    tokens = _TOKEN_OPEN not in fragment
    pieces: list[str] = []
    for node, pairs in zip(nodes, maps, strict=True):
        if not pairs:
            continue
        # pairs rise in both node index and text offset: each quote's or name's part in
        # this node is one run of them, found by bisection (the scan per quote per node
        # was most of a 900-article build).
        offs = [off for _, off in pairs]
        first, last = offs[0], offs[-1]
        segs: list[Seg] = []
        for qi, q in enumerate(quotes):
            if q.end <= first or q.start > last:
                continue
            a, b = bisect_left(offs, q.start), bisect_left(offs, q.end)
            if a < b:
                segs.append((pairs[a][0], pairs[b - 1][0] + 1, qi))
        if node.find_parent("a") is None:  # a name inside the author's link stays as is
            for s, e, href in links:
                if e <= first or s > last:
                    continue
                a, b = bisect_left(offs, s), bisect_left(offs, e)
                if a < b and b - a == solid[e] - solid[s]:  # the whole name is here
                    segs.append((pairs[a][0], pairs[b - 1][0] + 1, href))
        if not segs:
            continue
        value = str(node)
        marked = _render(value, 0, len(value), _clean_links(segs), ids)
        if tokens:  # a placeholder now, the marked HTML once the soup is a string
            node.replace_with(f"{_TOKEN_OPEN}{len(pieces)}{_TOKEN_CLOSE}")
            pieces.append(marked)
            continue
        for child in list(BeautifulSoup(marked, "html.parser").contents):
            node.insert_before(child)
        node.extract()
    out = str(soup)
    if pieces:
        out = _TOKEN.sub(lambda m: pieces[int(m.group(1))], out)
    missing = [qi for qi in range(len(quotes)) if qi not in ids]
    if missing:
        out += "\n" + "".join(
            f'<span class="quote-anchor" id="{anchor(qi)}"></span>' for qi in missing
        )
    return out
