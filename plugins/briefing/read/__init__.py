"""Read: content files into Pelican articles carrying their plain text (``briefing_text``).

Readers for ``.txt``, Markdown and saved pages, text decoding, and slugs. This stage talks to
Pelican; nothing downstream of it does except ``render/generator.py``.
"""
