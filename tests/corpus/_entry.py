"""The corpus's building blocks: an :class:`Entry` is one learner function as source code.

An entry says which course function it implements (``name``), which course version it was
written for (``version``: ``"W3A1"``, ``"W3A1-older"``, ``"W4A1"``, ``"W4A2"``), and what the
checker must say: ``expect=None`` for a correct function, else the key of the mistake
(:class:`dlsnotes.checking.Mistake` ``.key``) the report must name. ``asked`` is the
assignment the function is checked for when it is not the one it was written for (a
function right for one assignment and wrong for another). ``forward`` is the learner's
own forward pass, for a backward pass checked together with it (``check(..., forward=)``).

Most mistakes are written as the correct source with one line changed (:func:`mutate`),
as they appear in learners' notebooks: one slip in otherwise working code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Entry:
    name: str
    version: str
    source: str
    expect: str | None = None
    asked: str | None = None
    forward: str | None = None
    why: str = ""

    @property
    def assignment(self):
        """The assignment the checker is asked about."""
        return self.asked or self.version.split("-")[0]


def mutate(source: str, *pairs) -> str:
    """``source`` with each ``(old, new)`` replaced once; ``old`` must occur exactly once."""
    for old, new in zip(pairs[::2], pairs[1::2]):
        count = source.count(old)
        if count != 1:
            raise ValueError(f"{old!r} occurs {count} times in the source")
        source = source.replace(old, new)
    return source


def correct(name, version, source, why=""):
    return Entry(name, version, source, None, why=why)


def wrong(name, version, key, source, why="", asked=None, forward=None):
    return Entry(name, version, source, key, asked=asked, forward=forward, why=why)
