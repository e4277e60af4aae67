"""The typed values that flow through the pipeline, and their JSON form (spec: brief-json.md)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

SCHEMA = "compare.brief/1"
CHANGE_TYPES = ("escalated", "deescalated", "rebased", "unchanged", "new", "dropped")

Kind = Literal["target", "actual"]
Basis = Literal["level", "cumulative", "increment", "growth", "share"]
Comparator = Literal[">=", ">", "=", "~", "<=", "<"]
Part = Literal["forward", "review", "other", "preamble"]
Role = Literal["h1", "h2", "h3", "short", "enum", "lead", "para", "title"]
ChangeType = Literal["escalated", "deescalated", "rebased", "unchanged", "new", "dropped"]


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
    type: str = "other"  # plan | work_report | work_points | news_report | other (docinfo.document_type)
    unread: list[dict] = field(default_factory=list)  # runs that look numeric but were not understood
    image_pages: list[int] = field(default_factory=list)  # PDF pages with a picture (a table?) not read

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
    part: Part = "forward"
    level: str = "task"  # task | part (a heading that holds tasks)
    container: bool = False  # a heading that holds tasks: a part, or a numbered task with sub-tasks


@dataclass
class Block:
    """One paragraph (or inline-split piece) with its layout role."""

    start: int
    end: int
    text: str
    role: Role
    heading: str = ""
    part: Part = "forward"
    goals: bool = False  # inside a goals part (主要目标…)
    path: list[str] = field(default_factory=list)


@dataclass
class Outline:
    """A document's blocks and the tasks recovered from them."""

    blocks: list[Block]
    tasks: list[Task]
    title: str = ""
    starts: list[int] = field(default_factory=list, repr=False)  # task starts, for look-ups by offset

    def __post_init__(self) -> None:
        self.starts = [t.start for t in self.tasks]

    def block_at(self, offset: int) -> Block | None:
        """The block that holds a character offset."""
        lo, hi = 0, len(self.blocks) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            b = self.blocks[mid]
            if offset < b.start:
                hi = mid - 1
            elif offset >= b.end:
                lo = mid + 1
            else:
                return b
        return None

    def task_at(self, offset: int) -> Task | None:
        """The innermost task whose text holds a character offset (tasks are in document order)."""
        k = bisect_right(self.starts, offset)
        best = None
        for t in reversed(self.tasks[max(0, k - 8):k]):  # tasks barely overlap: a few steps back suffice
            if t.start <= offset < t.end and (best is None or t.end - t.start < best.end - best.start):
                best = t
        return best


@dataclass
class Target:
    """One quantitative statement: a number tied to a metric, with its evidence."""

    id: str
    metric: str
    value: float
    unit: str
    comparator: Comparator
    stretch: bool
    basis: Basis
    year: int | None
    kind: Kind
    quote: str
    task: str | None = None
    section: list[str] = field(default_factory=list)
    written: str = ""  # the figure exactly as written, e.g. "5万个以上"
    low: float | None = None
    high: float | None = None
    direction: str | None = None  # "down" for a stated fall
    offset: int = 0  # character offset of the figure in Document.text
    # coded doubts worth showing the reader (compare/reasons.py)
    notes: list[dict] = field(default_factory=list)
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
    relation: str = "carries_on"  # carries_on | split (one A item, several B) | merged (several A, one B)

    def to_json(self) -> dict[str, Any]:
        """The pair as the brief's JSON object."""
        return asdict(self)


def set_relations(pairs: list[AlignedPair]) -> None:
    """Each link's relation, derived from all links: an A item in several links is split, several A items into
    one B item are merged, else the work carries on."""
    per_a: dict[str, int] = {}
    per_b: dict[str, int] = {}
    for p in pairs:
        per_a[p.a] = per_a.get(p.a, 0) + 1
        per_b[p.b] = per_b.get(p.b, 0) + 1
    for p in pairs:
        p.relation = "split" if per_a[p.a] > 1 else "merged" if per_b[p.b] > 1 else "carries_on"


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


def _count_tasks(tasks: list[Task]) -> int:
    return sum(1 for t in tasks if t.level == "task")


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
    config: dict[str, Any] = field(default_factory=dict)  # the MatchConfig used (compare/config.py)
    semantic_model: str = ""  # the embedding model that helped align the tasks, if any (compare/semantic.py)

    def to_json(self) -> dict[str, Any]:
        """The brief as the JSON contract of brief-json.md (plus documented extra fields)."""

        def doc(d: Document) -> dict[str, Any]:
            return {"path": d.path, "title": d.title, "year": d.year, "issuer": d.issuer,
                    "date": d.date, "format": d.format, "language": d.language, "type": d.type,
                    "sha256": d.sha256, "chars": d.chars, "unread": list(d.unread),
                    **({"image_pages": list(d.image_pages)} if d.image_pages else {})}

        def task(t: Task) -> dict[str, Any]:
            return {"id": t.id, "path": t.path, "heading": t.heading, "quote": t.quote,
                    "part": t.part, "level": t.level}

        counts = {t: sum(1 for c in self.changes if c.type == t) for t in CHANGE_TYPES}
        return {
            "schema": SCHEMA,
            "tool": {"name": "compare", "version": self.tool_version},
            "documents": {"a": doc(self.a), "b": doc(self.b)},
            "summary": {"tasks": {"a": _count_tasks(self.tasks_a), "b": _count_tasks(self.tasks_b)},
                        "targets": {"a": len(self.targets_a), "b": len(self.targets_b)},
                        "changes": counts},
            "tasks": {"a": [task(t) for t in self.tasks_a], "b": [task(t) for t in self.tasks_b]},
            "targets": {"a": [t.to_json() for t in self.targets_a],
                        "b": [t.to_json() for t in self.targets_b]},
            "alignment": [p.to_json() for p in self.alignment],
            "changes": [c.to_json() for c in self.changes],
            "config": {"match": dict(self.config), "passes": self.pass_counts(),
                       **({"semantic_model": self.semantic_model} if self.semantic_model else {})},
        }

    def pass_counts(self) -> dict[str, int]:
        """How many alignment links each pass of the matcher made."""
        counts: dict[str, int] = {}
        for p in self.alignment:
            counts[p.method] = counts.get(p.method, 0) + 1
        return dict(sorted(counts.items()))


@dataclass
class Extraction:
    """One document read, outlined and mined for targets."""

    document: Document
    outline: Outline
    tasks: list[Task]
    targets: list[Target]
