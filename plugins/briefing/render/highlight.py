"""The article's full text as HTML: escaped paragraphs with every quote highlighted.

Each quote becomes ``<mark class="quote-hl" id="q-N">`` (N counts the article's quotes from
1, in the extraction's order), so briefing and actor pages can link to the exact words. A
quote that runs over several paragraphs gets one mark per paragraph; only the first carries
the id. Quotes that overlap nest; one that crosses another's end is split at that end.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from ..records import Quote


def anchor(index: int) -> str:
    """The HTML id of the quote at ``index`` (0-based) in the extraction's list."""
    return f"q-{index + 1}"


def _render(text: str, start: int, end: int, segs: list[tuple[int, int, int]],
            ids: set[int]) -> str:
    """HTML for text[start:end] with segs = (s, e, quote index) inside it, properly nested."""
    out: list[str] = []
    pos = start
    queue = sorted(segs, key=lambda t: (t[0], -t[1], t[2]))
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
        queue = sorted(rest, key=lambda t: (t[0], -t[1], t[2]))
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


def body_html(text: str, paragraphs: Sequence[tuple[int, int]], quotes: Sequence[Quote]) -> str:
    """``<p id="pI">`` per paragraph (as the readers write them), quotes marked inside."""
    ids: set[int] = set()
    parts = []
    for i, (ps, pe) in enumerate(paragraphs, 1):
        segs = [
            (max(q.start, ps), min(q.end, pe), qi)
            for qi, q in enumerate(quotes)
            if q.start < pe and q.end > ps and q.end > q.start
        ]
        parts.append(f'<p id="p{i}">{_render(text, ps, pe, segs, ids)}</p>')
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


def mark_html(fragment: str, text: str, quotes: Sequence[Quote]) -> str | None:
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
    ids: set[int] = set()
    for node, pairs in zip(nodes, maps, strict=True):
        segs = []
        for qi, q in enumerate(quotes):
            inside = [j for j, off in pairs if q.start <= off < q.end]
            if inside:
                segs.append((inside[0], inside[-1] + 1, qi))
        if not segs:
            continue
        value = str(node)
        piece = BeautifulSoup(_render(value, 0, len(value), segs, ids), "html.parser")
        for child in list(piece.contents):
            node.insert_before(child)
        node.extract()
    out = str(soup)
    missing = [qi for qi in range(len(quotes)) if qi not in ids]
    if missing:
        out += "\n" + "".join(
            f'<span class="quote-anchor" id="{anchor(qi)}"></span>' for qi in missing
        )
    return out
