"""The near-duplicate measurement (``briefing.tools.eval_duplicates``) on a tiny corpus laid
out as ECB+ is: it folds the reprint, not the other event, and says so."""

from __future__ import annotations

import json
import random

from briefing.tools import eval_duplicates as ed

STORY = " ".join(f"word{i}" for i in range(120))
OTHER = " ".join(f"other{i}" for i in range(120))


def _corpus(root):
    (root / "text").mkdir(parents=True)
    docs = {"1_1ecb": (STORY, "1ecb"), "1_2ecb": (STORY + " Reporting by Jane Doe", "1ecb"),
            "1_1ecbplus": (OTHER, "1ecbplus")}
    rows = []
    for name, (text, event) in docs.items():
        (root / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        rows.append({"file": f"text/{name}.txt", "topic": "1", "event": event})
    (root / "gold.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return root


def test_main_counts_the_reprint_within_its_event(tmp_path, capsys):
    corpus = _corpus(tmp_path / "ecbplus")
    code = ed.main(["--ecbplus", str(corpus), "--polnear", str(tmp_path / "none"), "--pairs"])
    out = capsys.readouterr().out
    assert code == 0
    assert "folded: 1 groups, 1 pairs (1 groups within one event, 0 across events)" in out
    assert "1_2ecb <- 1_1ecb" in out  # undated: the longer copy is the primary


def test_edits_are_deterministic_and_light():
    text = "\n\n".join(f"Paragraph {i} " + " ".join(f"w{i}x{j}" for j in range(20))
                       for i in range(8))
    donors = sorted((6, f"donor paragraph {i} with six") for i in range(3))
    a = ed.edit(text, "all four", donors, random.Random(1))
    b = ed.edit(text, "all four", donors, random.Random(1))
    assert a == b and a != text
    assert a.startswith("Officials say") and "WASHINGTON (Reuters) - " in a
    assert a.endswith("Reporting by Jane Doe; Editing by John Roe")
