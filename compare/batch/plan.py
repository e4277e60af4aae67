"""Batch plans: naming pairs, the pairing modes of a folder (series, by-name, all-pairs) and manifests."""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compare.cache import cached_document
from compare.errors import CompareError, UsageError

DOC_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".docx", ".pdf")
# files that sit beside documents in a corpus folder but are not plans
NOT_DOCUMENTS = re.compile(
    r"^(readme|sources?|license|licence|notice|changelog|index|manifest)$", re.IGNORECASE
)
FORMAT_SUFFIX = {
    "json": ".json",
    "docx": ".docx",
    "pdf": ".pdf",
    "html": ".html",
    "xlsx": ".xlsx",
    "csv": ".csv",
}
NAME_BYTES = 200  # an output name's bytes: with ".xlsx" and a temporary ".NAME.xxxxxxxx.part" within 255
YEAR_TOKEN = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:年度|年)?(?!\d)")

# ---------------------------------------------------------------- naming, pairing, manifests (pure)


@dataclass(frozen=True)
class PairSpec:
    """One comparison to make: A, B and how to name its outputs."""

    a: str
    b: str
    name: str = ""
    title: str = ""
    out: str = ""  # output stem relative to --out-dir (or absolute); the format's extension is added
    group: str = ""  # the series (region) the pair belongs to, for timelines and the index


@dataclass
class Plan:
    """What a batch will do: the pairs, the series to follow as timelines, and what was left out and why."""

    pairs: list[PairSpec]
    series: dict[str, list[str]] = field(default_factory=dict)  # group -> documents in order
    notes: list[str] = field(default_factory=list)  # warnings for the user (left-out files)
    rejects: list[tuple[str, str]] = field(
        default_factory=list
    )  # (document, error): failed rows in the index
    mode: str = "manifest"  # manifest | series | by-name | all-pairs


def year_in_name(path: str | os.PathLike[str]) -> int | None:
    """The year written in a file name (2025_zhejiang.docx -> 2025), or None."""
    m = YEAR_TOKEN.search(Path(path).stem)
    return int(m.group(1)) if m else None


def region_of(path: str | os.PathLike[str]) -> str:
    """A file name without year and extension: the key pairing 2025_zhejiang.docx with 2026_zhejiang.txt."""
    stem = YEAR_TOKEN.sub(" ", Path(path).stem)
    return re.sub(r"[\s_.\-]+", "_", stem).strip("_")


def safe_name(text: str) -> str:
    """A file-system-safe output name (CJK kept; separators, control and reserved characters replaced).

    At most 120 characters and NAME_BYTES bytes of UTF-8 (cut at a character), so the name, a suffix and the
    temporary name written first fit the 255 bytes of a file name.
    """
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f\s]+', "_", text).strip("._")[:120]
    raw = name.encode("utf-8")
    if len(raw) > NAME_BYTES:
        name = raw[:NAME_BYTES].decode("utf-8", "ignore")
    return name or "pair"


def track_stem(group: str, mode: str) -> str:
    """The output stem of a series' timeline: track for --series, track_<region> for --by-name."""
    return "track" if mode == "series" else safe_name(f"track_{group}")


def pair_name(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> str:
    """A readable name for a pair: region_2025-2026 when only the years differ, else stemA__stemB."""
    ra, rb = region_of(a), region_of(b)
    ya, yb = year_in_name(a), year_in_name(b)
    if ra and ra == rb and ya and yb:
        return safe_name(f"{ra}_{ya}-{yb}")
    return safe_name(f"{Path(a).stem}__{Path(b).stem}")


def unique_names(pairs: list[PairSpec]) -> list[PairSpec]:
    """Give every pair a distinct name (a numeric suffix on repeats) and an output stem."""
    seen: dict[str, int] = {}
    out = []
    for p in pairs:
        base = safe_name(p.name or pair_name(p.a, p.b))
        n = seen.get(base.lower(), 0) + 1
        seen[base.lower()] = n
        name = base if n == 1 else f"{base}_{n}"
        out.append(dataclasses.replace(p, name=name, out=p.out or name))
    return out


def list_documents(folder: str | os.PathLike[str], pattern: str | None = None) -> list[Path]:
    """The plan documents directly in a folder: supported extensions, not hidden, not README/SOURCES/…"""
    folder = Path(folder)
    if not folder.is_dir():
        raise UsageError(f"not a folder: {folder}", "give a folder of documents or a .csv/.toml manifest")
    found = []
    for p in sorted(folder.glob(pattern or "*")):
        if not p.is_file() or p.name.startswith((".", "~$")) or p.suffix.lower() not in DOC_SUFFIXES:
            continue
        if NOT_DOCUMENTS.match(p.stem):
            continue
        found.append(p)
    return found


def _by_year(paths: Iterable[Path], years: dict[Path, int | None]) -> list[Path]:
    return sorted(paths, key=lambda p: (years.get(p) is None, years.get(p) or 0, p.name))


def series_plan(
    paths: list[Path], years: dict[Path, int | None], errors: dict[Path, str] | None = None
) -> Plan:
    """Order documents by year and compare each with the next; a document of unknown year is a reject.

    errors holds why a document's year could not be read from the document itself (it is unreadable).
    """
    errors = errors or {}
    known = [p for p in paths if years.get(p) is not None]
    rejects = [
        (str(p), errors.get(p) or "cannot tell the year of this document (put the year in its file name)")
        for p in paths
        if years.get(p) is None
    ]
    ordered = _by_year(known, years)
    notes = []
    for x, y in zip(ordered, ordered[1:], strict=False):
        if years[x] == years[y]:
            notes.append(f"{x.name} and {y.name} are both from {years[x]}; compared in name order")
    group = _common_region(ordered) or "series"
    pairs = [PairSpec(str(x), str(y), group=group) for x, y in zip(ordered, ordered[1:], strict=False)]
    return Plan(
        pairs, {group: [str(p) for p in ordered]} if len(ordered) > 1 else {}, notes, rejects, "series"
    )


def _common_region(paths: list[Path]) -> str:
    regions = {region_of(p) for p in paths}
    return regions.pop() if len(regions) == 1 else ""


FORMAT_PREFERENCE = {
    ".txt": 0,
    ".text": 0,
    ".md": 1,
    ".markdown": 1,
    ".html": 2,
    ".htm": 2,
    ".xhtml": 2,
    ".docx": 3,
    ".pdf": 4,
}


def by_name_plan(paths: list[Path]) -> Plan:
    """Group documents whose names differ only by the year and run each group as a series."""
    groups: dict[str, dict[int, Path]] = {}
    notes = []
    for p in paths:
        y = year_in_name(p)
        key = region_of(p)
        if y is None or not key:
            notes.append(f"left out {p.name}: no year in its name to pair it by")
            continue
        years = groups.setdefault(key, {})
        if y in years:
            keep, drop = sorted(
                (years[y], p), key=lambda q: (FORMAT_PREFERENCE.get(q.suffix.lower(), 9), q.name)
            )
            notes.append(f"two documents for {key} {y}: using {keep.name}, leaving out {drop.name}")
            years[y] = keep
        else:
            years[y] = p
    pairs: list[PairSpec] = []
    series: dict[str, list[str]] = {}
    for key in sorted(groups):
        docs = [groups[key][y] for y in sorted(groups[key])]
        if len(docs) < 2:
            notes.append(f"left out {docs[0].name}: no other year of {key}")
            continue
        series[key] = [str(p) for p in docs]
        pairs += [PairSpec(str(x), str(y), group=key) for x, y in zip(docs, docs[1:], strict=False)]
    return Plan(pairs, series, notes, [], "by-name")


def all_pairs_plan(paths: list[Path], years: dict[Path, int | None]) -> Plan:
    """Every pair of documents once, the earlier one (by year, then name) as A."""
    ordered = _by_year(paths, years)
    pairs = [PairSpec(str(x), str(y)) for i, x in enumerate(ordered) for y in ordered[i + 1 :]]
    return Plan(pairs, {}, [], [], "all-pairs")


MANIFEST_FIELDS = ("a", "b", "name", "title", "out")


def read_manifest(path: str | os.PathLike[str]) -> list[PairSpec]:
    """Pairs from a CSV (header a,b[,name,title,out]) or TOML ([[pair]]) manifest, paths relative to it."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"manifest not found: {path}", "give the path of a .csv or .toml manifest")
    suffix = path.suffix.lower()
    if suffix == ".toml":
        records = _toml_records(path)
    elif suffix == ".csv":
        records = _csv_records(path)
    else:
        raise UsageError(
            f"cannot read a manifest of type {suffix or '(none)'}",
            "use a .csv or .toml manifest",
            path=str(path),
        )
    base = path.parent
    pairs = []
    for i, rec in enumerate(records, 1):
        a, b = (str(rec.get(k) or "").strip() for k in ("a", "b"))
        if not a or not b:
            raise UsageError(
                f"manifest entry {i} lacks {'a' if not a else 'b'}",
                "give both a and b for every pair",
                path=str(path),
            )
        pairs.append(
            PairSpec(
                str(_resolve(base, a)),
                str(_resolve(base, b)),
                str(rec.get("name") or "").strip(),
                str(rec.get("title") or "").strip(),
                _strip_format(str(rec.get("out") or "").strip()),
            )
        )
    if not pairs:
        raise UsageError("the manifest lists no pairs", "add rows with columns a and b", path=str(path))
    return pairs


def _resolve(base: Path, p: str) -> Path:
    q = Path(p).expanduser()
    return q if q.is_absolute() else base / q


def _strip_format(out: str) -> str:
    for suffix in (*FORMAT_SUFFIX.values(), ".htm"):
        if out.lower().endswith(suffix):
            return out[: -len(suffix)]
    return out


def _csv_records(path: Path) -> list[dict[str, Any]]:
    import pandas as pd

    try:
        frame = pd.read_csv(
            path, dtype=str, keep_default_na=False, encoding="utf-8-sig", skipinitialspace=True
        )
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as e:
        raise UsageError(
            f"cannot read the CSV manifest: {e}", "save it as UTF-8 CSV with a header row a,b", path=str(path)
        ) from e
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    if not {"a", "b"} <= set(frame.columns):
        raise UsageError(
            "the CSV manifest needs columns a and b", "put a header row: a,b,name,title,out", path=str(path)
        )
    return [r for r in frame.to_dict("records") if any(str(v).strip() for v in r.values())]


def _toml_records(path: Path) -> list[dict[str, Any]]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ModuleNotFoundError as e:
            raise UsageError(
                "TOML manifests need Python 3.11 or the tomli package",
                "pip install tomli, or use a CSV manifest",
                path=str(path),
            ) from e
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise UsageError(
            f"cannot read the TOML manifest: {e}",
            "see the [[pair]] example in `compare batch --help`",
            path=str(path),
        ) from e
    records = data.get("pair", data.get("pairs", []))
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise UsageError(
            "the TOML manifest needs [[pair]] tables",
            'write [[pair]] then a = "…" and b = "…"',
            path=str(path),
        )
    return records


def plan_source(source: Path, mode: str | None, pattern: str | None = None) -> Plan:
    """The plan for a manifest file, or for a folder in one mode: series, by-name or all-pairs."""
    source = Path(source)
    if source.is_file():
        if mode:
            raise UsageError(f"--{mode} applies to a folder, not a manifest", "drop it or give a folder")
        return Plan(read_manifest(source))
    if not source.exists():
        raise UsageError(f"not found: {source}", "give a folder of documents or a .csv/.toml manifest")
    if not mode:
        raise UsageError("a folder needs a pairing mode", "add --series, --by-name or --all-pairs")
    docs = list_documents(source, pattern)
    if len(docs) < 2:
        raise UsageError(f"found {len(docs)} document(s) in {source}", "a batch needs at least two documents")
    if mode == "by-name":
        plan = by_name_plan(docs)
    else:
        years, errors = {}, {}
        for p in docs:
            years[p], err = document_year(p)
            if err:
                errors[p] = err
        plan = series_plan(docs, years, errors) if mode == "series" else all_pairs_plan(docs, years)
    if not plan.pairs and not plan.rejects:
        raise UsageError(
            f"no pairs to compare in {source}", "; ".join(plan.notes[:3]) or "check the file names"
        )
    return plan


def document_year(path: Path) -> tuple[int | None, str]:
    """The year in the file name, else the one the document states; with the read error when it has none."""
    y = year_in_name(path)
    if y is not None:
        return y, ""
    try:
        return cached_document(str(path)).year, ""
    except CompareError as e:
        return None, e.one_line()
