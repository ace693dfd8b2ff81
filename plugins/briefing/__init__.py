"""Briefing: turns news articles into briefing pages, actor and topic pages, and search.

This module only wires Pelican signals; the work lives in single-purpose modules.
"""

from pelican import signals

from . import readers


def register() -> None:
    signals.readers_init.connect(readers.add_readers)
