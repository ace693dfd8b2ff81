"""Plain data passed between the pipeline stages: read, extract, link, render, index.

Offsets are Python string offsets into the article file's text read as UTF-8 with
``newline=''``; ``text == file_text[start:end]`` always holds.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

QuoteKind = Literal["direct", "indirect"]
ActorKind = Literal["person", "organization", "place"]


@dataclass
class Speaker:
    """The mention a cue attaches to (``He``, ``the Iranian diplomat``) and who it resolves to."""

    name: str  # resolved person or institution; the mention text when unresolved
    start: int | None = None  # the mention's span in the file text
    end: int | None = None
    actor: str | None = None  # actor id (per article in ``extract``, site-wide after linking)


@dataclass
class Quote:
    text: str
    start: int
    end: int
    kind: QuoteKind
    cue: str | None = None
    speaker: Speaker | None = None
    # Not part of the CLI contract: where the cue sits, for highlighting and debugging.
    cue_start: int | None = None
    cue_end: int | None = None
    # Not part of the contract either: the words are a whole claim, a clause with its verb
    # and subject ("ties can be improved"), not a bare phrase ("the Palestinian issue").
    # The briefing's key quotes list claims; None when not known (records made by hand).
    claim: bool | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "cue": self.cue,
            "speaker": asdict(self.speaker) if self.speaker else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Quote:
        """Inverse of ``asdict`` (and of ``to_json``, whose missing fields stay None)."""
        speaker = data.get("speaker")
        return cls(
            text=data["text"], start=data["start"], end=data["end"], kind=data["kind"],
            cue=data.get("cue"), speaker=Speaker(**speaker) if speaker else None,
            cue_start=data.get("cue_start"), cue_end=data.get("cue_end"),
            claim=data.get("claim"),
        )


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Actor:
    id: str
    name: str  # canonical: the fullest form seen
    kind: ActorKind
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    # Evidence for cross-article linking: countries/nationalities the article ties to the actor.
    countries: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "aliases": list(self.aliases),
            "roles": list(self.roles),
            "mentions": [{"start": m.start, "end": m.end, "text": m.text}
                         for m in self.mentions],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Actor:
        return cls(
            id=data["id"], name=data["name"], kind=data["kind"],
            aliases=list(data.get("aliases", [])), roles=list(data.get("roles", [])),
            mentions=[Mention(**m) for m in data.get("mentions", [])],
            countries=list(data.get("countries", [])),
        )


@dataclass
class Extraction:
    """Everything extracted from one article; pure data, cacheable per file content."""

    path: str
    title: str
    date: str | None  # YYYY-MM-DD from the article's own date line, else None
    quotes: list[Quote] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    body_start: int = 0  # where the body starts in the file text (after a date line)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "date": self.date,
            "quotes": [q.to_json() for q in self.quotes],
            "actors": [a.to_json() for a in self.actors],
            "topics": list(self.topics),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Extraction:
        """Rebuild from ``dataclasses.asdict`` output (the extraction cache's format)."""
        return cls(
            path=data["path"], title=data["title"], date=data.get("date"),
            quotes=[Quote.from_json(q) for q in data.get("quotes", [])],
            actors=[Actor.from_json(a) for a in data.get("actors", [])],
            topics=list(data.get("topics", [])),
            body_start=data.get("body_start", 0),
            warnings=list(data.get("warnings", [])),
        )
