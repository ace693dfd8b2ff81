"""Briefing: turns news articles into briefing pages, actor and topic pages, and search.

The package is laid out by stage, data flowing one way:

- ``read/``: files into Pelican articles with their plain text;
- ``extract/``: one article's text into an ``Extraction`` (spaCy, never Pelican);
- ``link/``: all extractions into site data: actors, events, related articles (no spaCy);
- ``render/``: site data and articles into pages, feeds, JSON-LD and the export;
- ``index/``: the built site into a Pagefind search index;
- ``tools/``: evaluation, benchmarks and table learning; the product never imports it.

``pipeline.py`` runs extract, link and render's views on ``article_generator_finalized``;
``records.py`` holds the plain data passed between stages; ``settings.py`` every setting's
default. This module only wires Pelican signals, importing Pelican inside ``register`` so
that ``import briefing.extract`` loads none of it.
"""


def register() -> None:
    from pelican import signals

    from . import pipeline, settings
    from .read import readers, slugs
    from .render import generator, urls

    signals.initialized.connect(settings.apply_defaults)
    signals.initialized.connect(urls.add_filters)
    signals.readers_init.connect(readers.add_readers)
    signals.article_generator_pretaxonomy.connect(slugs.on_pretaxonomy)
    signals.article_generator_finalized.connect(pipeline.on_articles_finalized)
    signals.get_generators.connect(generator.get_generators)
