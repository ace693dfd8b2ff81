"""Briefing: turns news articles into briefing pages, actor and topic pages, and search.

This module only wires Pelican signals; the work lives in single-purpose modules.
"""

from pelican import signals

from . import pages, readers, site, slugs


def register() -> None:
    signals.readers_init.connect(readers.add_readers)
    signals.article_generator_pretaxonomy.connect(slugs.on_pretaxonomy)
    signals.article_generator_finalized.connect(site.on_articles_finalized)
    signals.get_generators.connect(pages.get_generators)
