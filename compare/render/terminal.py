"""What compare prints in the terminal, in the documents' language: a target table, a brief's summary."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from compare.model import Document, Target
    from compare.render.labels import Labels

WIDTH = 100  # columns when the output is not a terminal (a pipe, a file, a test)
QUOTE_CHARS = 60  # a quote longer than this is cut, with an ellipsis
# widest each column may grow (metric, figure, basis, year, kind, section); the quote takes the rest
COLUMN_LIMITS = (14, 14, 4, 4, 9, 12, None)


def _labels(language: str | None, lang: str | None = None) -> Labels:
    from compare.render.labels import load_labels

    return load_labels(lang or ("zh" if str(language or "zh").lower().startswith("zh") else "en"))


def console() -> Console:
    """A console as wide as the terminal, or 100 columns (COLUMNS overrides) when printing elsewhere."""
    from rich.console import Console

    out = Console()
    if out.is_terminal:
        return out
    columns = os.environ.get("COLUMNS", "")
    return Console(width=int(columns) if columns.isdigit() and int(columns) > 20 else WIDTH)


def cut(text: str, n: int) -> str:
    """The text on one line, cut to n characters with an ellipsis when longer."""
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: max(n - 1, 1)].rstrip() + "…"


def target_cells(t: Target, L: Labels) -> list[str]:
    """One target as table cells: metric, figure as written (力争 kept), basis, year, kind, section, quote."""
    written = t.written or f"{t.value:,.10g}{t.unit}"
    if t.stretch and "力争" not in written and "争取" not in written:
        written = L.fmt("figure.stretch", figure=written)
    return [t.metric, written, L(f"basis.{t.basis}", t.basis) if t.basis else "", str(t.year or ""),
            L(f"kind.{t.kind}", t.kind), cut(" › ".join(t.section[-1:]), 12), cut(t.quote, QUOTE_CHARS)]


def literal(text: object) -> Text:
    """Text shown exactly as written: `[/b]` or `[link=…]` in a document is not rich markup."""
    from rich.text import Text

    return Text(str(text))


def print_targets(document: Document, targets: list[Target], lang: str | None = None) -> None:
    """A table of one document's targets that fits the terminal (100 columns at least), with each quote."""
    from rich import box
    from rich.table import Table

    L = _labels(document.language, lang)
    title = L.fmt("terminal.title", title=document.title, year=document.year or L("terminal.year_unknown"),
                  n=len(targets))
    table = Table(title=literal(title), box=box.SIMPLE_HEAD, show_lines=False, pad_edge=False)
    heads = [L("table.metric"), L("terminal.figure"), L("table.basis"), L("table.year"), L("table.kind"),
             L("table.section"), L("terminal.quote")]
    for head, limit in zip(heads, COLUMN_LIMITS, strict=True):
        table.add_column(head, overflow="fold", max_width=limit, ratio=None if limit else 1,
                         min_width=None if limit else 20)
    for t in targets:
        table.add_row(*(literal(c) for c in target_cells(t, L)))
    console().print(table)


def summary_text(data: dict[str, Any], lang: str | None = None) -> str:
    """The brief's summary in its language for the terminal (no --out): documents, counts, top five."""
    from compare.render import brief_language
    from compare.render.common import build_view
    from compare.render.labels import load_labels

    L = load_labels((lang or brief_language(data)).lower())
    view = build_view(data, L)
    docs = data.get("documents") or {}
    lines = [f"{L(f'brief.doc_{s}')}{L('brief.colon')}{(docs.get(s) or {}).get('title') or ''}"
             + (f"（{docs[s]['year']}）" if L.lang == "zh" and (docs.get(s) or {}).get("year")
                else f" ({docs[s]['year']})" if (docs.get(s) or {}).get("year") else "") for s in "ab"]
    lines += ["", *view.summary]
    if view.notable:
        lines += ["", (L("sections.notable") + L("brief.colon")).rstrip(),
                  *(f"{i}. {n}" for i, n in enumerate(view.notable, 1))]
    return "\n".join(lines)
