"""Render: site data and articles into what is written: the views pages read, the
site-wide pages generator, full-text highlighting, feeds, JSON-LD and the JSON export."""
