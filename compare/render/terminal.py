"""What compare prints in the terminal: one document's targets as a table, a brief's summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from compare.model import Document, Target


def print_targets(document: Document, targets: list[Target]) -> None:
    """A readable table of one document's targets in the terminal."""
    from rich.console import Console
    from rich.table import Table

    d = document
    table = Table(title=f"{d.title} ({d.year or 'year unknown'}): {len(targets)} figures", show_lines=False)
    for col in ("metric", "as written", "value", "unit", "cmp", "basis", "year", "kind", "section"):
        table.add_column(col, overflow="fold", min_width=12 if col in ("metric", "section") else None)
    for t in targets:
        table.add_row(t.metric, t.written, f"{t.value:g}", t.unit,
                      t.comparator + (" 力争" if t.stretch else ""), t.basis, str(t.year or ""), t.kind,
                      " › ".join(t.section[-1:]))
    console = Console()
    if not console.is_terminal:
        console = Console(width=200)
    console.print(table)


def summary_text(data: dict) -> str:
    """A few lines for the terminal when no --out is given."""
    docs, s = data["documents"], data["summary"]
    c = s["changes"]
    lines = [f"A: {docs['a']['title']} ({docs['a']['year']})",
             f"B: {docs['b']['title']} ({docs['b']['year']})",
             f"tasks {s['tasks']['a']} → {s['tasks']['b']}, aligned pairs {len(data['alignment'])}",
             f"targets {s['targets']['a']} → {s['targets']['b']}: "
             + ", ".join(f"{k} {v}" for k, v in c.items())]
    return "\n".join(lines)
