"""Link: every article's ``Extraction`` into site data.

One actor per real person or institution across articles (``namematch``, ``merge``), the
editor's corrections (``overrides``), events that hold every report of one story
(``events``), related articles and co-occurring actors (``linking``). No spaCy, no Pelican:
it works on plain records only.
"""

from .linking import ArticleInput, SiteActor, SiteData, link, site_quotes

__all__ = ["ArticleInput", "SiteActor", "SiteData", "link", "site_quotes"]
