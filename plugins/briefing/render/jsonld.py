"""schema.org JSON-LD for briefing pages (NewsArticle) and actor pages (Person, Organization).

``dumps`` escapes ``<``, ``>`` and ``&`` as ``\\u003c`` and so on: article text inside a
``<script type="application/ld+json">`` can then never close the script or open a comment,
and JSON parsers read the same string back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from . import urls
from .dates import iso_date

Settings = Mapping[str, Any] | None

_SCHEMA_TYPES = {"person": "Person", "organization": "Organization", "place": "Place"}
_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
           "\u2029": "\\u2029"}


def dumps(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=None)
    for char, escaped in _UNSAFE.items():
        text = text.replace(char, escaped)
    return text


def absolute(siteurl: str, path: str) -> str:
    # Root-relative when the site has no address yet (local builds).
    return f"{siteurl}/{path}" if siteurl else f"/{path}"


def actor_ref(actor, siteurl: str, settings: Settings = None) -> dict[str, Any]:
    """A short Person/Organization/Place node pointing at the actor page."""
    return {
        "@type": _SCHEMA_TYPES.get(actor.kind, "Thing"),
        "name": actor.name,
        "url": absolute(siteurl, urls.url(settings, "actor", actor.id)),
    }


def news_article(article, siteurl: str, settings: Settings = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "url": absolute(siteurl, article.url),
    }
    if (day := iso_date(article)) is not None:
        data["datePublished"] = day
    lead = getattr(article, "briefing_lead", "")
    if lead:
        data["description"] = lead
    # Each actor is one node in ``mentions``, named by its page's address as ``@id``; a
    # quotation points at it by that id rather than writing the person out twice per quote.
    nodes: dict[str, dict[str, Any]] = {}

    def ref(actor) -> dict[str, str]:
        node = actor_ref(actor, siteurl, settings)
        nodes.setdefault(node["url"], {"@id": node["url"], **node})
        return {"@id": node["url"]}

    for a, _ in getattr(article, "briefing_whos_who", []):
        ref(a)
    quotes = []
    for q in getattr(article, "briefing_quotes", []):
        item: dict[str, Any] = {
            "@type": "Quotation",
            "text": q["text"],
            "url": absolute(siteurl, f"{article.url}#{q['anchor']}"),
        }
        if q["actor"] is not None:
            item["creator"] = ref(q["actor"])
            if nodes[item["creator"]["@id"]]["@type"] == "Person":
                item["spokenByCharacter"] = item["creator"]
        elif q["speaker_name"]:
            item["creator"] = {"@type": "Thing", "name": q["speaker_name"]}
        quotes.append(item)
    if quotes:
        data["hasPart"] = quotes
    if nodes:
        data["mentions"] = list(nodes.values())
    topics = [t["name"] for t in getattr(article, "briefing_topics", [])]
    if topics:
        data["keywords"] = topics
    return data


def actor(actor, siteurl: str, settings: Settings = None) -> dict[str, Any]:
    node = actor_ref(actor, siteurl, settings)
    # The same @id as the briefings' references to this actor.
    data: dict[str, Any] = {"@context": "https://schema.org", "@id": node["url"], **node}
    aliases = [a for a in actor.aliases if a != actor.name]
    if aliases:
        data["alternateName"] = aliases
    if actor.description:
        data["description"] = actor.description
    roles = []
    for role, _ in actor.roles:
        if role not in roles:
            roles.append(role)
    if roles and actor.kind == "person":
        data["jobTitle"] = roles
    return data
