"""Pelican settings for the Briefing demo site.

Build with ``invoke build``; overrides (SITEURL, paths) are passed by tasks.py, never by
importing this module from another settings file.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent

AUTHOR = "Briefing"
SITENAME = "Briefing"
SITESUBTITLE = "Who said what, and who is who, in the news you follow"
# Root-relative links by default; `invoke build --siteurl https://user.github.io/repo`
# (or the Pages workflow) sets the published address, sub-path included.
SITEURL = ""
PATH = "content"
OUTPUT_PATH = "output"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
# Never invent a date: an article without a date line is undated (see plugins/briefing).
DEFAULT_DATE = None

THEME = str(HERE / "theme")
PLUGIN_PATHS = [str(HERE / "plugins")]
PLUGINS = ["briefing"]

ARTICLE_PATHS = [""]
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []
IGNORE_FILES = [".*", "_*", "#*", "*.yml", "*.yaml", "README*"]

ARTICLE_URL = "briefings/{slug}/"
ARTICLE_SAVE_AS = "briefings/{slug}/index.html"
PAGE_URL = "pages/{slug}/"
PAGE_SAVE_AS = "pages/{slug}/index.html"
# Newest first; undated articles carry a sentinel date that sorts them last.
ARTICLE_ORDER_BY = "reversed-date"
# Articles are never translations of one another: two with one slug are numbered by the
# plugin (slugs.py) instead of being paired up, or overwriting each other, by Pelican.
ARTICLE_TRANSLATION_ID = None
DEFAULT_PAGINATION = False

# Pelican's own taxonomies and archives are replaced by actor, topic and timeline pages.
DIRECT_TEMPLATES = ["index", "search"]
# The search page (theme/templates/search.html) runs Pagefind in the browser.
SEARCH_SAVE_AS = "search/index.html"
SEARCH_URL = "search/"
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
# Pelican's feeds would need a date for undated articles; the plugin writes its own feeds.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Byte-identical rebuilds: no caches that differ between runs in the output.
LOAD_CONTENT_CACHE = False

# --- Briefing plugin settings ---
# Every BRIEFING_* setting has its default, and why, in plugins/briefing/settings.py (the
# README's Settings table lists them); set one here only to change it for this site.
# Extractions are cached per text, model and plugin version under CACHE_PATH/briefing.
CACHE_PATH = str(HERE / "cache")

# Article text is data, never markup: every template variable is escaped unless a template
# marks a value the plugin built from escaped parts as safe.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
    "autoescape": True,
}
