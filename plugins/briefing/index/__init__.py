"""Index: the built site into a Pagefind search index (``pagefind/``)."""
