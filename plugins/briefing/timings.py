"""Where a build's time goes: wall seconds per phase, for ``build --timings`` and the bench.

One ``Timings`` per build (``reset()`` at its start). The plugin times its own phases
(``phase``); the build marks when Pelican starts and ends, and what lies between the
plugin's phases is Pelican's reading and its rendering and writing of pages.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

# In the order a build runs them: what `build` prints and the bench reports.
PHASES = ("read", "fold", "extract", "link", "views", "render and write", "index")


class Timings:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.marks: dict[str, float] = {}

    @contextlib.contextmanager
    def phase(self, name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - t0

    def mark(self, name: str) -> None:
        self.marks[name] = time.perf_counter()

    def between(self, name: str, start: str, end: str) -> None:
        """Phase ``name`` lasted from mark ``start`` to mark ``end`` (when both were set)."""
        if start in self.marks and end in self.marks:
            self.seconds[name] = self.marks[end] - self.marks[start]

    def as_dict(self) -> dict[str, float]:
        known = [p for p in PHASES if p in self.seconds]
        rest = sorted(p for p in self.seconds if p not in PHASES)
        return {p: round(self.seconds[p], 3) for p in known + rest}

    def line(self) -> str:
        parts = [f"{name} {s:.1f} s" for name, s in self.as_dict().items()]
        return "briefing: time: " + ", ".join(parts)


current = Timings()


def reset() -> Timings:
    global current
    current = Timings()
    return current
