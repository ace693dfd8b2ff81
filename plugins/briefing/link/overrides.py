"""Editor overrides for cross-article actor linking, read from ``content/actors.yml``.

Automatic linking keeps two actors apart whenever the evidence is weak; the overrides file
is where an editor corrects it. Format (every key optional)::

    # Force a merge: every name in one list is the same actor.
    same:
      - ["Hossein Amir-Abdollahian", "Amirabdollahian"]
    # Forbid a merge: the names in one list are all different actors.
    different:
      - ["Mohammed bin Abdulrahman Al Thani", "Mohammad bin Abdul Aziz al-Khulaifi"]
    # Correct one actor, found by any of its names or by its site id.
    actors:
      "Amir-Abdollahian":
        name: Hossein Amir-Abdollahian   # canonical name shown on the site (and its id)
        kind: person                     # person, organization or place
        description: Iran's foreign minister from 2021 to 2024.
        aliases: ["Amir Abdollahian"]    # extra spellings, merged into this actor

Names are compared without case, diacritics or honorifics ("Sheikh", "Dr" ...), so
``Sheikh Tamim`` and ``tamim`` address the same actors. A name that matches no actor is
reported as a warning. Invalid YAML or unknown keys never stop the build: the file (or the
bad entry) is skipped with a ``briefing:`` warning naming the file and the reason.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger(__name__)

KINDS = ("person", "organization", "place")
_TOP_KEYS = ("same", "different", "actors")
_ACTOR_KEYS = ("name", "kind", "description", "aliases")


@dataclass
class ActorOverride:
    name: str | None = None
    kind: str | None = None
    description: str | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass
class Overrides:
    same: list[list[str]] = field(default_factory=list)
    different: list[list[str]] = field(default_factory=list)
    actors: dict[str, ActorOverride] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    path: str = ""

    def warn(self, message: str) -> None:
        text = f"briefing: {self.path or 'overrides'}: {message}"
        self.warnings.append(text)
        log.warning(text)


def _name_list(value: Any, where: str, ov: Overrides) -> list[str] | None:
    """A list of two or more non-empty names, else None with a warning."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        ov.warn(f"{where}: expected a list of names, got {value!r}; entry skipped")
        return None
    names = [v.strip() for v in value if v.strip()]
    if len(names) < 2:
        ov.warn(f"{where}: needs at least two names, got {value!r}; entry skipped")
        return None
    return names


def _actor_override(key: str, value: Any, ov: Overrides) -> ActorOverride | None:
    where = f"actors.{key}"
    if not isinstance(value, dict):
        ov.warn(f"{where}: expected a mapping of {', '.join(_ACTOR_KEYS)}; entry skipped")
        return None
    out = ActorOverride()
    for k, v in value.items():
        if k not in _ACTOR_KEYS:
            ov.warn(f"{where}: unknown key {k!r} ignored (allowed: {', '.join(_ACTOR_KEYS)})")
        elif k == "aliases":
            if isinstance(v, str):
                v = [v]
            if not isinstance(v, list) or not all(isinstance(a, str) for a in v):
                ov.warn(f"{where}.aliases: expected a list of names; ignored")
            else:
                out.aliases = [a.strip() for a in v if a.strip()]
        elif k == "kind":
            if v not in KINDS:
                ov.warn(f"{where}.kind: {v!r} is not one of {', '.join(KINDS)}; ignored")
            else:
                out.kind = v
        elif not isinstance(v, str) or not v.strip():
            ov.warn(f"{where}.{k}: expected text, got {v!r}; ignored")
        else:
            setattr(out, k, v.strip())
    return out


def parse(data: Any, path: str = "") -> Overrides:
    """Validate already-loaded YAML data; bad parts are skipped with warnings."""
    ov = Overrides(path=path)
    if data is None:
        return ov
    if not isinstance(data, dict):
        ov.warn(f"expected a mapping with keys {', '.join(_TOP_KEYS)}; file ignored")
        return ov
    for key, value in data.items():
        if key not in _TOP_KEYS:
            ov.warn(f"unknown key {key!r} ignored (allowed: {', '.join(_TOP_KEYS)})")
            continue
        if key in ("same", "different"):
            if value is None:
                continue
            if not isinstance(value, list):
                ov.warn(f"{key}: expected a list of name lists; ignored")
                continue
            for i, entry in enumerate(value):
                names = _name_list(entry, f"{key}[{i}]", ov)
                if names:
                    getattr(ov, key).append(names)
        else:
            if value is None:
                continue
            if not isinstance(value, dict):
                ov.warn("actors: expected a mapping of name to settings; ignored")
                continue
            for name, settings in value.items():
                if not isinstance(name, str) or not name.strip():
                    ov.warn(f"actors: key {name!r} is not a name; entry skipped")
                    continue
                entry = _actor_override(name.strip(), settings, ov)
                if entry is not None:
                    ov.actors[name.strip()] = entry
    return ov


def load(path: str | Path) -> Overrides:
    """Read an overrides file; a missing file is no overrides, a broken one is warnings."""
    path = Path(path)
    if not path.exists():
        return Overrides(path=str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        ov = Overrides(path=str(path))
        ov.warn(f"cannot read the file ({exc}); no overrides applied")
        return ov
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        ov = Overrides(path=str(path))
        reason = " ".join(str(exc).split())
        ov.warn(f"invalid YAML ({reason}); no overrides applied")
        return ov
    return parse(data, str(path))
