"""Notices for the reader before the comparison: texts of different kinds, figures that could not be read."""

from __future__ import annotations

from typing import Any

from compare.render.labels import Labels
from compare.render.text import clean, short


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def caveats(docs: dict[str, dict[str, Any]], L: Labels) -> list[str]:
    """What a reader must know first: the two texts are not of one kind (a news report of a plan holds only
    part of it, so "not carried on" may mean "not mentioned")."""
    kinds = [clean((docs.get(s) or {}).get("type")) or "other" for s in "ab"]
    if kinds[0] == kinds[1]:
        return []
    out = [L.fmt("summary.types_differ", a=L(f"doc_type.{kinds[0]}"), b=L(f"doc_type.{kinds[1]}"))]
    if "news_report" in kinds:
        out.append(L("summary.news_report"))
    return out


def unread_lines(docs: dict[str, dict[str, Any]], L: Labels) -> list[str]:
    """Runs that look like figures but were not read: listed, never guessed."""
    out = []
    for side in "ab":
        spans = [clean(u.get("text")) for u in _dicts((docs.get(side) or {}).get("unread"))]
        if spans:
            shown = L("brief.list_sep").join(f"“{short(x, 16)}”" for x in spans[:6])
            out.append(L.fmt("summary.unread", side=L(f"brief.doc_{side}"), n=len(spans), spans=shown))
        pages = [str(n) for n in (docs.get(side) or {}).get("image_pages") or [] if isinstance(n, int)]
        if pages:
            listed = L("brief.list_sep").join(pages[:12]) + ("…" if len(pages) > 12 else "")
            out.append(L.fmt("summary.images_unread", side=L(f"brief.doc_{side}"), pages=listed))
    return out
