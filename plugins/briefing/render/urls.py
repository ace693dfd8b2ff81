"""Where the site-wide pages live, read from ``BRIEFING_{ACTOR,TOPIC,EVENT}_{URL,SAVE_AS}``.

Every page, feed, JSON-LD block and export record takes an actor's, topic's or event's
address from here, so a site that changes one setting moves every link with it. URLs are
relative to the site root, as Pelican's ``article.url`` is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..settings import get as setting

# The placeholder each kind's pattern takes, as Pelican's patterns take {slug}.
_KEYS = {"actor": "id", "topic": "slug", "event": "id"}


def url(settings: Mapping[str, Any] | None, kind: str, key: str) -> str:
    """The address of ``kind``'s page for ``key`` (an actor or event id, a topic slug)."""
    return setting(settings, f"BRIEFING_{kind.upper()}_URL").format(**{_KEYS[kind]: key})


def save_as(settings: Mapping[str, Any] | None, kind: str, key: str) -> str:
    """The file, relative to the output folder, that page is written to."""
    return setting(settings, f"BRIEFING_{kind.upper()}_SAVE_AS").format(**{_KEYS[kind]: key})


def jinja_filters(settings: Mapping[str, Any] | None) -> dict[str, Any]:
    """``actor_url``, ``topic_url`` and ``event_url`` for templates: ``{{ SITEURL }}/{{
    actor.id|actor_url }}``."""
    return {f"{kind}_url": (lambda key, kind=kind: url(settings, kind, key)) for kind in _KEYS}


def add_filters(pelican_object) -> None:
    """``initialized`` handler: templates take actor, topic and event addresses from the
    settings through these filters. It lives here, not in ``settings.apply_defaults``, so
    that the extraction code (which imports the settings) never imports rendering."""
    settings = pelican_object.settings
    settings["JINJA_FILTERS"] = {**jinja_filters(settings),
                                 **(settings.get("JINJA_FILTERS") or {})}
