"""Link: every article's ``Extraction`` into site data.

One actor per real person or institution across articles (``namematch``, ``merge``), the
editor's corrections (``overrides``), events that hold every report of one story
(``events``), related articles and co-occurring actors (``linking``), and near-duplicate
articles, one story from several outlets (``duplicates``). No spaCy, no Pelican: it works on
plain records only.
"""

from .duplicates import DuplicateGroup, find_duplicates
from .linking import ArticleInput, SiteActor, SiteData, link, site_quotes

__all__ = ["ArticleInput", "DuplicateGroup", "SiteActor", "SiteData", "find_duplicates", "link",
           "site_quotes"]
