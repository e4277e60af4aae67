"""Tables for the terminal (rich): document text is always shown literally, never read as rich markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

    from compare.pipeline import Extraction


def literal(text: object) -> Text:
    """Text shown exactly as written: `[/b]` or `[link=…]` in a document is not markup."""
    from rich.text import Text

    return Text(str(text))


def print_targets(ex: Extraction) -> None:
    """A readable table of one document's targets in the terminal."""
    from rich.console import Console
    from rich.table import Table

    d = ex.document
    table = Table(title=literal(f"{d.title} ({d.year or 'year unknown'}): {len(ex.targets)} figures"),
                  show_lines=False)
    for col in ("metric", "as written", "value", "unit", "cmp", "basis", "year", "kind", "section"):
        table.add_column(col, overflow="fold", min_width=12 if col in ("metric", "section") else None)
    for t in ex.targets:
        cells = (t.metric, t.written, f"{t.value:g}", t.unit, t.comparator + (" 力争" if t.stretch else ""),
                 t.basis, str(t.year or ""), t.kind, " › ".join(t.section[-1:]))
        table.add_row(*(literal(c) for c in cells))
    console = Console()
    if not console.is_terminal:
        console = Console(width=200)
    console.print(table)
