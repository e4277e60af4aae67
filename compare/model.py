"""The typed values that flow through the pipeline, and their JSON form (spec: brief-json.md)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA = "compare.brief/1"
CHANGE_TYPES = ("escalated", "deescalated", "rebased", "unchanged", "new", "dropped")


@dataclass
class Document:
    """One input document after reading and normalising."""

    path: str
    text: str  # the canonical normalised text; every quote is a substring of it
    sha256: str
    format: str  # txt | md | html | docx | pdf
    title: str = ""
    year: int | None = None
    issuer: str = ""
    date: str = ""  # from metadata, when the document carries one
    language: str = "zh"
    unread: list[dict] = field(default_factory=list)  # runs that look numeric but were not understood

    @property
    def chars(self) -> int:
        """Length of the normalised text in characters."""
        return len(self.text)


@dataclass
class Task:
    """A unit of work the plan assigns, with its place in the outline."""

    id: str
    path: list[str]
    heading: str
    quote: str
    start: int  # character offsets of the task's text in Document.text
    end: int
    part: str = "forward"  # forward | review | other
    level: str = "item"  # item | section


@dataclass
class Target:
    """One quantitative statement: a number tied to a metric, with its evidence."""

    id: str
    metric: str
    value: float
    unit: str
    comparator: str
    stretch: bool
    basis: str
    year: int | None
    kind: str  # target | actual
    quote: str
    task: str | None = None
    section: list[str] = field(default_factory=list)
    written: str = ""  # the figure exactly as written, e.g. "5万个以上"
    low: float | None = None
    high: float | None = None
    direction: str | None = None  # "down" for a stated fall
    offset: int = 0  # character offset of the figure in Document.text
    notes: list[dict] = field(default_factory=list)  # coded doubts worth showing the reader (compare/reasons.py)
    restates: str | None = None  # id of an earlier target this one states again

    def to_json(self) -> dict[str, Any]:
        """The target as the brief's JSON object (optional fields only when set)."""
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        d["section"], d["notes"] = list(self.section), list(self.notes)
        for k in ("low", "high", "direction", "restates"):
            if d[k] is None:
                del d[k]
        return d


@dataclass
class AlignedPair:
    """An A task carried on by a B task, with how sure we are and why."""

    a: str
    b: str
    score: float
    method: str  # which pass of the matcher found it: exact, best, split, best_from_b
    reasons: list[dict] = field(default_factory=list)  # coded reasons, see compare/reasons.py

    def to_json(self) -> dict[str, Any]:
        """The pair as the brief's JSON object."""
        return asdict(self)


@dataclass
class Change:
    """A classified difference between a target of A and one of B (or a lone one)."""

    type: str
    metric: str
    a: str | None
    b: str | None
    ratio: float | None = None  # B value / A value, for paired figures with the same unit
    delta: float | None = None  # B value - A value (percentage points for % figures)
    confidence: float = 1.0
    reasons: list[dict] = field(default_factory=list)  # coded reasons, see compare/reasons.py
    qualifiers: list[dict] = field(default_factory=list)  # coded wording changes: 左右 → 以上, 力争 dropped

    def to_json(self) -> dict[str, Any]:
        """The change as the brief's JSON object (ratio and delta only for ranked pairs)."""
        d = asdict(self)
        for k in ("ratio", "delta"):
            if d[k] is None:
                del d[k]
        return d


@dataclass
class Brief:
    """Everything one comparison found: the data every renderer draws from."""

    a: Document
    b: Document
    tasks_a: list[Task]
    tasks_b: list[Task]
    targets_a: list[Target]
    targets_b: list[Target]
    alignment: list[AlignedPair]
    changes: list[Change]
    tool_version: str = ""

    def to_json(self) -> dict[str, Any]:
        """The brief as the JSON contract of brief-json.md (plus documented extra fields)."""

        def doc(d: Document) -> dict[str, Any]:
            return {"path": d.path, "title": d.title, "year": d.year, "issuer": d.issuer,
                    "date": d.date, "format": d.format, "language": d.language, "sha256": d.sha256,
                    "chars": d.chars, "unread": list(d.unread)}

        def task(t: Task) -> dict[str, Any]:
            return {"id": t.id, "path": t.path, "heading": t.heading, "quote": t.quote,
                    "part": t.part}

        counts = {t: sum(1 for c in self.changes if c.type == t) for t in CHANGE_TYPES}
        return {
            "schema": SCHEMA,
            "tool": {"name": "compare", "version": self.tool_version},
            "documents": {"a": doc(self.a), "b": doc(self.b)},
            "summary": {"tasks": {"a": len(self.tasks_a), "b": len(self.tasks_b)},
                        "targets": {"a": len(self.targets_a), "b": len(self.targets_b)},
                        "changes": counts},
            "tasks": {"a": [task(t) for t in self.tasks_a], "b": [task(t) for t in self.tasks_b]},
            "targets": {"a": [t.to_json() for t in self.targets_a],
                        "b": [t.to_json() for t in self.targets_b]},
            "alignment": [p.to_json() for p in self.alignment],
            "changes": [c.to_json() for c in self.changes],
        }
