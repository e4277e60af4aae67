"""Score a brief's structure alignment against hand-made structure labels (eval/gold/*.structure.json)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

KEEP = re.compile(r"[^0-9A-Za-z.%\u3400-\u9fff]")


def _norm(text: str) -> str:
    return KEEP.sub("", unicodedata.normalize("NFKC", text or ""))


def item_map(items: list[dict[str, Any]], keys: list[str]) -> dict[str, list[str]]:
    """Tool item id -> the gold keys it stands for (each key goes to the smallest item holding it)."""
    texts = {t["id"]: _norm((t.get("heading") or "") + (t.get("quote") or "")) for t in items}
    out: dict[str, list[str]] = {}
    for key in keys:
        k = _norm(key)
        holders = [tid for tid, text in texts.items() if k and k in text]
        if holders:
            best = min(holders, key=lambda tid: (len(texts[tid]), tid))
            out.setdefault(best, []).append(key)
    return out


def alignment_scores(brief: dict[str, Any], a_struct: dict[str, Any], b_struct: dict[str, Any],
                     links: dict[str, Any]) -> dict[str, float]:
    """Precision, recall and F1 of the brief's links against the labelled links, over every labelled item."""
    ma = item_map(brief["tasks"]["a"], [i["key"] for i in a_struct["items"]])
    mb = item_map(brief["tasks"]["b"], [i["key"] for i in b_struct["items"]])
    gold = {(x["a"], x["b"]) for x in links["links"]}
    pred = {(ka, kb) for p in brief["alignment"] for ka in ma.get(p["a"], []) for kb in mb.get(p["b"], [])}
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "tp": tp, "pred": len(pred), "gold": len(gold)}


def load(folder: Path, a_stem: str, b_stem: str) -> tuple[dict, dict, dict]:
    """The two structure files and the alignment file of one labelled pair."""
    def read(name: str) -> dict:
        return json.loads((folder / name).read_text(encoding="utf-8"))

    return (read(f"{a_stem}.structure.json"), read(f"{b_stem}.structure.json"),
            read(f"{a_stem}__{b_stem}.alignment.json"))
