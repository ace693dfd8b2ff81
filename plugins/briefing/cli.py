"""``briefing read|extract FILE...``: one JSON object per file, one per line (stable contracts).

``read`` prints each article as the site reads it (the text extraction sees, its title,
date and where the date came from); ``extract`` prints its quotes, actors and topics, with
offsets into that same text.
"""

from __future__ import annotations

import argparse
import json
import sys

from .extract import nlp as nlp_mod


def _read(path: str, max_chars: int):
    """The article, or None after saying on stderr why the file is none."""
    from .read.articles import read_file
    from .read.textio import BadArticleError

    try:
        return read_file(path, max_chars)
    except (OSError, BadArticleError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        print(f"briefing: skipped {path}: {reason}", file=sys.stderr)
        return None


def _write(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _cmd_read(args: argparse.Namespace) -> int:
    status = 0
    for path in args.files:
        article = _read(path, args.max_chars)
        if article is None:
            status = 1
            continue
        _write(article.to_json())
    return status


def _cmd_extract(args: argparse.Namespace) -> int:
    from .extract.article import extract_many, read_text

    status = 0
    items = []
    for path in args.files:
        if path.lower().endswith(".txt"):
            # The file as it is (newline=''), so offsets index the file itself.
            try:
                items.append((path, read_text(path)))
            except (OSError, UnicodeDecodeError) as exc:
                print(f"briefing: skipped {path}: {exc}", file=sys.stderr)
                status = 1
            continue
        # Markdown and pages: the text `briefing read` prints, which offsets index.
        article = _read(path, 0)
        if article is None:
            status = 1
        else:
            items.append((path, article.text))
    nlp = nlp_mod.load(args.model)
    for extraction in extract_many(items, nlp=nlp, batch_size=args.batch_size):
        _write(extraction.to_json())
    return status


def main(argv: list[str] | None = None) -> int:
    from .settings import DEFAULTS

    parser = argparse.ArgumentParser(prog="briefing", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    rd = sub.add_parser("read", help="print each file as the site reads it, as JSON")
    rd.add_argument("files", nargs="+", metavar="FILE")
    rd.add_argument("--max-chars", type=int, default=DEFAULTS["BRIEFING_MAX_CHARS"],
                    help="characters extraction reads (BRIEFING_MAX_CHARS; 0: no limit)")
    rd.set_defaults(func=_cmd_read)
    ext = sub.add_parser("extract", help="print quotes, actors and topics of each file as JSON")
    ext.add_argument("files", nargs="+", metavar="FILE")
    ext.add_argument("--model", default=nlp_mod.DEFAULT_MODEL, help="spaCy pipeline name")
    ext.add_argument("--batch-size", type=int, default=nlp_mod.DEFAULT_BATCH_SIZE)
    ext.set_defaults(func=_cmd_extract)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except nlp_mod.ModelMissingError as exc:
        print(exc, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
