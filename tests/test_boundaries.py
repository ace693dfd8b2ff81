"""The stages stay apart: what each folder of ``plugins/briefing`` may import.

Read from the source (every import statement, top level or inside a function), plus one
fresh interpreter for what ``import briefing.extract`` really loads.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from support import REPO

PACKAGE = REPO / "plugins" / "briefing"
STAGES = ("read", "extract", "link", "render", "index", "tools")
# What each stage must never import (besides the rule that only tools/ imports tools/).
FORBIDDEN = {
    "extract": {"pelican", "briefing.read", "briefing.link", "briefing.render",
                "briefing.index", "briefing.tools", "briefing.pipeline", "briefing.build"},
    "link": {"pelican", "spacy", "briefing.read", "briefing.render", "briefing.index",
             "briefing.tools", "briefing.pipeline", "briefing.build",
             "briefing.extract.nlp", "briefing.extract.article"},
}


def imports_of(path: Path) -> set[str]:
    """Absolute names of the modules ``path`` imports, relative imports resolved."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = parts[:-1] if parts[-1] != "__init__" else parts[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _hits(imported: set[str], forbidden: set[str]) -> set[str]:
    return {m for m in imported for f in forbidden if m == f or m.startswith(f + ".")}


def _files(stage: str) -> list[Path]:
    files = sorted((PACKAGE / stage).rglob("*.py"))
    assert files, f"no modules in {PACKAGE / stage}"
    return files


def test_every_stage_is_a_folder():
    for stage in STAGES:
        assert (PACKAGE / stage / "__init__.py").is_file(), stage


@pytest.mark.parametrize("stage", sorted(FORBIDDEN))
def test_stage_imports_nothing_downstream(stage):
    bad = {
        str(path.relative_to(PACKAGE)): sorted(_hits(imports_of(path), FORBIDDEN[stage]))
        for path in _files(stage)
    }
    assert not {k: v for k, v in bad.items() if v}


def test_nothing_outside_tools_imports_tools():
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).parts[0] == "tools":
            continue
        hits = _hits(imports_of(path), {"briefing.tools"})
        if hits:
            offenders[str(path.relative_to(PACKAGE))] = sorted(hits)
    assert not offenders


def test_the_checker_sees_relative_and_lazy_imports(tmp_path):
    # The rules above are only as good as imports_of: a lazy ``from ..render import x``
    # inside a function must count.
    probe = PACKAGE / "extract" / "actors.py"
    assert "briefing.records" in imports_of(probe)
    assert "briefing.extract.coref" in imports_of(probe)
    lazy = PACKAGE / "pipeline.py"
    assert "briefing.cluster" in imports_of(lazy)  # imported inside _extract


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, check=True)
    return set(proc.stdout.split())


def test_import_extract_loads_no_pelican():
    loaded = _loaded_after("import briefing.extract, briefing.extract.article")
    assert "briefing.extract.article" in loaded  # the probe did load extraction
    assert not {m for m in loaded if m.split(".")[0] == "pelican"}


def test_import_link_loads_neither_pelican_nor_spacy():
    loaded = _loaded_after("import briefing.link")
    assert "briefing.link.linking" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("pelican", "spacy")}


def test_reading_and_cached_extractions_load_no_spacy():
    """A rebuild whose extractions all come from the cache never needs the model: the
    headline rules the reader runs and the rule modules take spaCy's types as annotations
    only (importing spaCy was 1.7 s of every warm build)."""
    loaded = _loaded_after("import briefing.read.articles, briefing.extract.titles, "
                           "briefing.extract.article, briefing.cluster, briefing.pipeline")
    assert {"briefing.extract.quotes", "briefing.extract.cues"} <= loaded
    assert not {m for m in loaded if m.split(".")[0] in ("spacy", "thinc")}
