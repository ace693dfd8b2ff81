"""``briefing extract FILE...``: one JSON object per file, one per line (a stable contract)."""

from __future__ import annotations

import argparse
import json
import sys

from .extract import nlp as nlp_mod


def _cmd_extract(args: argparse.Namespace) -> int:
    from .extract.article import extract_many, read_text

    status = 0
    items = []
    for path in args.files:
        try:
            items.append((path, read_text(path)))
        except (OSError, UnicodeDecodeError) as exc:
            print(f"briefing: skipped {path}: {exc}", file=sys.stderr)
            status = 1
    nlp = nlp_mod.load(args.model)
    for extraction in extract_many(items, nlp=nlp, batch_size=args.batch_size):
        sys.stdout.write(json.dumps(extraction.to_json(), ensure_ascii=False) + "\n")
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
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
