"""Read a built site's actors as a reader would, and list what looks wrong.

``python -m briefing.tools.audit SITE [--families Trump Clinton ...] [--top 20] [--json]``

- counts: actors by kind, person actors seen in one briefing only;
- family: for each family name, every person actor that holds it and the gold-free check
  that none holds two given names of that family (``Donald Trump`` and ``Melania Trump``);
- lone surnames: one-word person actors that some full-name actor on the site fits
  (they should have joined it, or the site is ambiguous about them);
- organisations holding a person's name as an alias;
- the most quoted actors, with their quote counts.

It reads only ``data/actors.json`` and ``data/articles.json``: a check of the export
contract, usable on any site.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ..link import namematch as nm

DEFAULT_FAMILIES = ("Trump", "Clinton", "Obama", "Bush", "Cruz")


def _load(site: Path) -> tuple[list[dict], list[dict]]:
    actors = json.loads((site / "data" / "actors.json").read_text(encoding="utf-8"))
    articles = json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))
    return actors, articles


def _given_names(actor: dict, family: str) -> set[str]:
    """Given names this actor is called by under ``family`` (``donald`` for Donald Trump)."""
    fam = nm.fold(family)
    out = set()
    for form in [actor["name"], *actor["aliases"]]:
        person = nm.parse_person(form)
        toks = person.tokens
        if len(toks) >= 2 and toks[-1] == fam:
            out.add(" ".join((toks[0], person.generation)).strip())
    return out


def audit(site: Path, families: tuple[str, ...] = DEFAULT_FAMILIES, top: int = 20
          ) -> dict[str, Any]:
    actors, articles = _load(site)
    quotes: Counter[str] = Counter()
    for art in articles:
        for q in art["quotes"]:
            if q["speaker"] and q["speaker"]["actor"]:
                quotes[q["speaker"]["actor"]] += 1
    kinds = Counter(a["kind"] for a in actors)
    people = [a for a in actors if a["kind"] == "person"]
    family_rows = {}
    for fam in families:
        rows = []
        for a in people:
            forms = [a["name"], *a["aliases"]]
            if any(nm.fold(fam) in nm.words(nm.fold(f)) for f in forms):
                given = _given_names(a, fam)
                rows.append({"id": a["id"], "name": a["name"], "given": sorted(given),
                             "quotes": quotes[a["id"]], "articles": len(a["articles"])})
        rows.sort(key=lambda r: -r["quotes"])
        family_rows[fam] = {
            "actors": rows,
            "holding_two": [r for r in rows if len(r["given"]) > 1],
        }
    full = [(a, nm.parse_person(a["name"])) for a in people
            if len(nm.parse_person(a["name"]).tokens) > 1]
    lone = []
    for a in people:
        p = nm.parse_person(a["name"])
        if len(p.tokens) != 1:
            continue
        fits = [b["id"] for b, q in full if nm.single_fits(p, q)]
        if fits:
            lone.append({"id": a["id"], "articles": len(a["articles"]),
                         "quotes": quotes[a["id"]], "fits": fits[:5], "fit_count": len(fits)})
    lone.sort(key=lambda r: -r["articles"])
    person_names = {nm.fold(f) for a in people for f in [a["name"], *a["aliases"]]
                    if len(nm.parse_person(f).tokens) > 1}
    orgs = [
        {"id": a["id"], "aliases": [x for x in a["aliases"] if nm.fold(x) in person_names]}
        for a in actors if a["kind"] == "organization"
    ]
    orgs = [o for o in orgs if o["aliases"]]
    by_id = {a["id"]: a for a in actors}
    most = [{"id": i, "name": by_id[i]["name"], "kind": by_id[i]["kind"], "quotes": n}
            for i, n in quotes.most_common(top) if i in by_id]
    return {
        "site": str(site),
        "articles": len(articles),
        "actors": dict(sorted(kinds.items())),
        "person_actors": len(people),
        "person_actors_in_one_briefing": sum(len(a["articles"]) == 1 for a in people),
        "quotes": sum(len(a["quotes"]) for a in articles),
        "quotes_without_actor": sum(
            1 for a in articles for q in a["quotes"]
            if not (q["speaker"] and q["speaker"]["actor"])),
        "families": family_rows,
        "lone_surnames_with_a_fit": lone,
        "organizations_holding_person_names": orgs,
        "most_quoted": most,
    }


def _print(report: dict[str, Any], limit: int) -> None:
    print(f"{report['site']}: {report['articles']} articles; actors {report['actors']}")
    print(f"person actors {report['person_actors']} "
          f"({report['person_actors_in_one_briefing']} in one briefing only); quotes "
          f"{report['quotes']}, {report['quotes_without_actor']} with no actor")
    for fam, rows in report["families"].items():
        two = rows["holding_two"]
        print(f"\n{fam}: {len(rows['actors'])} person actors; holding two people: "
              f"{[(r['id'], r['given']) for r in two] or 'none'}")
        for r in rows["actors"][:limit]:
            print(f"  {r['quotes']:5d} quotes {r['articles']:4d} briefings  {r['id']}  "
                  f"{r['given']}")
    lone = report["lone_surnames_with_a_fit"]
    print(f"\nlone surnames that a full-name actor fits: {len(lone)}")
    for r in lone[:limit]:
        print(f"  {r['id']} ({r['articles']} briefings, {r['quotes']} quotes) fits "
              f"{r['fit_count']}: {r['fits']}")
    orgs = report["organizations_holding_person_names"]
    print(f"\norganisations holding a person's name: {len(orgs)}")
    for o in orgs[:limit]:
        print(f"  {o['id']}: {o['aliases']}")
    print("\nmost quoted:")
    for r in report["most_quoted"]:
        print(f"  {r['quotes']:5d}  {r['id']}  ({r['name']}, {r['kind']})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing.tools.audit",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site (the output folder)")
    parser.add_argument("--families", nargs="*", default=list(DEFAULT_FAMILIES))
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--limit", type=int, default=10, help="rows shown per list")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not (args.site / "data" / "actors.json").is_file():
        print(f"audit: {args.site} has no data/actors.json (build the site first)",
              file=sys.stderr)
        return 2
    report = audit(args.site, tuple(args.families), args.top)
    if args.json:
        print(json.dumps(report, indent=1, ensure_ascii=False))
    else:
        _print(report, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
