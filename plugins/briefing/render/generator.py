"""A Pelican generator for the site-wide pages: actors, topics, events and the timeline.

Registered with ``get_generators``; it runs after the articles generator, whose
``article_generator_finalized`` handler (``pipeline.py``) left a ``BriefingSite`` in the shared
context. Writing happens in ``generate_output`` with Pelican's writer, so pages get the
same theme, settings and autoescaping as every other page; feeds and the JSON export are
written from here too, from the same data.
"""

from __future__ import annotations

import logging

from pelican.generators import Generator

from . import export, feeds, urls
from .views import long_date

logger = logging.getLogger(__name__)


class BriefingPagesGenerator(Generator):
    def generate_context(self) -> None:
        pass  # everything comes from the articles generator's context

    def generate_output(self, writer) -> None:
        site = self.context.get("briefing")
        if site is None:
            logger.warning("briefing: no articles were read; actor and topic pages skipped")
            return
        feed_urls = feeds.write_feeds(site, self.settings, self.output_path)
        self.env.filters["long_date"] = long_date

        def write(save_as: str, template: str, url: str | None = None, **values) -> None:
            writer.write_file(
                save_as, self.get_template(template), self.context, relative_urls=False,
                url=save_as.removesuffix("index.html") if url is None else url, **values,
            )

        def page(kind: str, key: str) -> dict[str, str]:
            return {"save_as": urls.save_as(self.settings, kind, key),
                    "url": urls.url(self.settings, kind, key)}

        write("actors/index.html", "actors", groups=site.actors_by_kind(),
              page_kind="actors")
        for view in site.actors.values():
            write(**page("actor", view.id), template="actor", view=view,
                  actor=view.actor, feed_url=feed_urls.get(("actor", view.id)),
                  page_kind="actor")
        write("topics/index.html", "topics", topics=list(site.topics.values()),
              page_kind="topics")
        for topic in site.topics.values():
            write(**page("topic", topic.slug), template="topic", topic=topic,
                  feed_url=feed_urls.get(("topic", topic.slug)), page_kind="topic")
        # events/ is a page too: a server would list the folder, GitHub Pages give a 404
        write("events/index.html", "events", stories=[v for v, _ in site.stories()
                                                      if v is not None], page_kind="events")
        for view in site.events.values():
            write(**page("event", view.id), template="event", event_view=view,
                  event=view.event, story=view.story, page_kind="event")
        write("timeline/index.html", "timeline", timeline=site.timeline(),
              page_kind="timeline")
        export.write_export(site, self.output_path, self.settings)


def get_generators(pelican_object) -> type[Generator]:
    """``get_generators`` handler."""
    return BriefingPagesGenerator
