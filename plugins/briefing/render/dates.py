"""The one way a page, the export and the JSON-LD write an article's date."""

from __future__ import annotations


def iso_date(article) -> str | None:
    """``YYYY-MM-DD``, or ``None`` for an undated article (never the file's or build's time)."""
    # ``isoformat``, not ``strftime``: Pelican's date type formats in Python, and pages ask
    # for dates tens of thousands of times.
    return None if getattr(article, "undated", False) else article.date.date().isoformat()
