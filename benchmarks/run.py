"""Benchmark compare: per-stage and whole-process times, peak memory, growth, batch, cold start and baselines.

Run `python benchmarks/run.py` (full, several minutes) or `python benchmarks/run.py --quick` (seconds; CI).
It prints a table and writes every measurement as JSON (`--json`, default benchmarks/results.json).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT.parent / "shared" / "corpus"
# the headline pair: Zhejiang 2020 work points → 2022 一号工程升级版 (issues 12, 14, 15)
HTML_VARIANT = {"html": ["json", "html"]}
SEED_PAIR = ("seeds/zhejiang_2020_work_points.txt", "seeds/zhejiang_2022_no1_project_upgrade.txt")
LONGEST_PAIR = ("real/gwr_2025_guangdong.txt", "real/gwr_2026_guangdong.txt")
SYNTH_PAIR = ("real/gwr_2024_national.txt", "real/gwr_2025_national.txt")
PROVINCES = "provinces"
STAGES = ("read", "normalise", "outline", "targets", "align", "classify", "json", "docx", "pdf")
ENGINE_STAGES = STAGES[:6]  # what compare_files does: read → classify
FULL_SIZES = (1, 2, 4, 8, 16)
QUICK_SIZES = (1, 2)
BASELINES = ("difflib_chars", "difflib_lines", "cdist_tasks")


# --- measuring one child process --------------------------------------------------------------------------


def run_measured(cmd: list[str], timeout: float | None = None, cwd: Path | None = None) -> dict[str, Any]:
    """Run cmd once; its wall time, exit code, output and peak RSS (its own and its children's, via wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd)
        deadline = None if timeout is None else t0 + timeout
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                timed_out = True
                break
            time.sleep(0.002)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "rc": proc.returncode, "timed_out": timed_out,
                "peak_mb": usage.ru_maxrss * 1024 / 1e6,  # ru_maxrss is in KiB on Linux
                "stdout": out.read().decode("utf-8", "replace"), "stderr": err.read().decode("utf-8", "replace")}


def repeat_runs(once, repeat: int, budget: float) -> list[Any]:
    """Call once() up to `repeat` times; after the first call, stop early when `budget` seconds would be spent."""
    runs, spent = [], 0.0
    for i in range(repeat):
        t0 = time.perf_counter()
        runs.append(once())
        spent += time.perf_counter() - t0
        if budget and i + 1 < repeat and spent / (i + 1) * (i + 2) > budget:
            break
    return runs


def med(values: list[float]) -> float | None:
    """The median of the numbers given, None when there are none."""
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def compare_cmd() -> list[str]:
    """The `compare` console script beside this interpreter, else `python -m compare`."""
    exe = Path(sys.executable).parent / "compare"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "compare"]


def worker_cmd(*args: str) -> list[str]:
    """This script run as a worker in a fresh interpreter."""
    return [sys.executable, str(Path(__file__).resolve()), *args]


def _fail(what: str, r: dict[str, Any]) -> RuntimeError:
    """An error naming what failed, its exit code and the last lines it wrote."""
    tail = (r["stderr"] or r["stdout"]).strip().splitlines()[-5:]
    return RuntimeError(f"{what} failed (rc {r['rc']}): " + " | ".join(tail))


# --- workers (run in a fresh interpreter each) ------------------------------------------------------------


def stage_worker(a: str, b: str, out_dir: str) -> dict[str, Any]:
    """Time each pipeline stage in this fresh process, mirroring compare.pipeline and the CLI, first call each."""
    from compare import __version__
    from compare.model import Brief, Document
    from compare.normalise import normalise
    from compare.outline import build_outline, number_tasks
    from compare.pipeline import Extraction, infer_year
    from compare.read import read_raw

    times: dict[str, float | None] = {}
    errors: dict[str, str] = {}
    clock = time.perf_counter

    t = clock()
    raws = [read_raw(p) for p in (a, b)]
    times["read"] = clock() - t

    t = clock()
    docs = []
    for p, raw in zip((a, b), raws, strict=True):
        doc = Document(path=str(p), text=normalise(raw.text), sha256=raw.sha256, format=raw.format,
                       title=raw.metadata.get("title", "").strip(), date=raw.metadata.get("date", ""))
        doc.year = infer_year(doc, Path(p).name)
        docs.append(doc)
    times["normalise"] = clock() - t

    t = clock()
    outlines = []
    for doc, side in zip(docs, "ab", strict=True):
        outline = build_outline(doc.text, doc.title, doc.year)
        if not doc.title:
            doc.title = outline.title or Path(doc.path).stem
        number_tasks(outline.tasks, side)
        outlines.append(outline)
    times["outline"] = clock() - t

    from compare.targets import extract_targets

    t = clock()
    ex = [Extraction(doc, ol, ol.tasks, extract_targets(doc.text, ol, doc.year, side))
          for doc, ol, side in zip(docs, outlines, "ab", strict=True)]
    times["targets"] = clock() - t

    from compare.align import align_tasks

    t = clock()
    alignment = align_tasks(ex[0], ex[1])
    times["align"] = clock() - t

    from compare.classify import classify_changes

    t = clock()
    changes = classify_changes(ex[0], ex[1], alignment)
    brief = Brief(ex[0].document, ex[1].document, ex[0].tasks, ex[1].tasks, ex[0].targets, ex[1].targets,
                  alignment, changes, tool_version=__version__)
    times["classify"] = clock() - t

    from compare.render.json import write_json

    out = Path(out_dir)
    t = clock()
    data = brief.to_json()
    write_json(data, out / "brief.json")
    times["json"] = clock() - t

    for fmt in ("docx", "pdf"):
        try:
            from compare.render import render
        except Exception as e:  # the renderer is optional while it is being built
            times[fmt], errors[fmt] = None, f"import: {type(e).__name__}: {e}"
            continue
        t = clock()
        try:
            render(data, out / f"brief.{fmt}", fmt)
            times[fmt] = clock() - t
        except Exception as e:
            times[fmt], errors[fmt] = None, f"{type(e).__name__}: {e}"
    counts = {"chars": [d.chars for d in docs], "tasks": [len(e.tasks) for e in ex],
              "targets": [len(e.targets) for e in ex], "pairs": len(alignment), "changes": len(changes)}
    return {"stages": times, "errors": errors, "counts": counts}


def baseline_worker(kind: str, a: str, b: str, repeat: int, budget: float) -> dict[str, Any]:
    """Time an alternative a user has, on the same normalised texts (preparation untimed)."""
    from compare.pipeline import extract, load_document

    da, db = load_document(a), load_document(b)
    if kind == "difflib_chars":
        import difflib

        def once():
            """Character-level opcodes: the redline a user would get from difflib."""
            return len(difflib.SequenceMatcher(None, da.text, db.text).get_opcodes())
    elif kind == "difflib_lines":
        import difflib

        la, lb = da.text.splitlines(), db.text.splitlines()

        def once():
            """Paragraph-level opcodes, like `diff` on the two texts."""
            return len(difflib.SequenceMatcher(None, la, lb).get_opcodes())
    elif kind == "cdist_tasks":
        from rapidfuzz import fuzz, process

        ea, eb = extract(da, "a"), extract(db, "b")
        ta = [da.text[t.start:t.end] for t in ea.tasks]
        tb = [db.text[t.start:t.end] for t in eb.tasks]

        def once():
            """Every A task against every B task with fuzz.ratio, then each A task's best B task."""
            m = process.cdist(ta, tb, scorer=fuzz.ratio, workers=1)
            return int(m.argmax(axis=1).shape[0]) if m.size else 0
    else:
        raise SystemExit(f"unknown baseline {kind}")
    timed = []

    def timed_once():
        """One timed call of the baseline."""
        t = time.perf_counter()
        size = once()
        timed.append(time.perf_counter() - t)
        return size

    sizes = repeat_runs(timed_once, repeat, budget)
    return {"runs": timed, "median_s": med(timed), "result_size": sizes[0]}


def profile_worker(a: str, b: str, out_dir: str, top: int) -> dict[str, Any]:
    """cProfile of compare_files + JSON + DOCX + PDF in this fresh process: the top compare.* functions."""
    import cProfile
    import pstats

    prof = cProfile.Profile()
    t = time.perf_counter()
    prof.enable()
    from compare.pipeline import compare_files
    from compare.render import render
    from compare.render.json import write_json

    data = compare_files(a, b).to_json()
    write_json(data, Path(out_dir) / "profile.json")
    for fmt in ("docx", "pdf"):
        render(data, Path(out_dir) / f"profile.{fmt}", fmt)
    prof.disable()
    wall = time.perf_counter() - t
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    rows = []
    for (file, line, func), (_cc, calls, tottime, cumtime, _callers) in stats.items():
        if f"{os.sep}compare{os.sep}" in file and "benchmarks" not in file:
            rel = file[file.rindex(f"{os.sep}compare{os.sep}") + 1:]
            rows.append({"function": f"{rel}:{line}({func})", "calls": calls, "tottime_s": tottime,
                         "cumtime_s": cumtime})
    rows.sort(key=lambda r: -r["cumtime_s"])
    return {"profiled_wall_s": wall, "top_cumulative": rows[:top],
            "top_self": sorted(rows, key=lambda r: -r["tottime_s"])[:top]}


def _batch_one(a: str, b: str, out_dir: str) -> str:
    """One region of the emulated batch: compare_files, then JSON and PDF."""
    from compare.pipeline import compare_files
    from compare.render import render
    from compare.render.json import write_json

    stem = Path(b).stem.split("_", 1)[-1]
    data = compare_files(a, b).to_json()
    write_json(data, Path(out_dir) / f"{stem}.json")
    render(data, Path(out_dir) / f"{stem}.pdf", "pdf")
    return stem


def region_pairs(folder: Path) -> list[tuple[Path, Path]]:
    """(2025_X.docx, 2026_X.txt) for every region X with both files."""
    pairs = []
    for a in sorted(folder.glob("2025_*.docx")):
        b = folder / ("2026_" + a.stem.split("_", 1)[1] + ".txt")
        if b.exists():
            pairs.append((a, b))
    return pairs


def batch_worker(folder: str, jobs: int, out_dir: str) -> dict[str, Any]:
    """Emulate `compare batch`: a process pool of `jobs` workers over every region pair, JSON + PDF each."""
    from concurrent.futures import ProcessPoolExecutor

    pairs = region_pairs(Path(folder))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        done = list(pool.map(_batch_one, [str(a) for a, _ in pairs], [str(b) for _, b in pairs],
                             [out_dir] * len(pairs)))
    return {"regions": len(done)}


# --- measurements -----------------------------------------------------------------------------------------


def measure_cold(repeat: int) -> dict[str, Any]:
    """Cold start: `compare --version`, bare python, and import times of the library's layers."""
    py = sys.executable
    probes = {
        "compare --version": [*compare_cmd(), "--version"],
        "python -c pass": [py, "-c", "pass"],
        "import compare": [py, "-c", "import compare"],
        "import compare.cli": [py, "-c", "import compare.cli"],
        "import engine": [py, "-c", "import compare.pipeline, compare.read, compare.normalise, compare.outline, "
                          "compare.targets, compare.align, compare.classify, rjieba, rapidfuzz.fuzz"],
        "import renderers": [py, "-c", "import compare.render, compare.render.docx, compare.render.pdf, "
                             "docx, reportlab.platypus"],
    }
    out: dict[str, Any] = {}
    for name, cmd in probes.items():
        runs = [run_measured(cmd) for _ in range(max(3, repeat))]
        bad = [r for r in runs if r["rc"] != 0]
        if bad:
            out[name] = {"error": _fail(name, bad[0]).args[0]}
            continue
        out[name] = {"median_s": med([r["wall_s"] for r in runs]), "runs": [r["wall_s"] for r in runs],
                     "peak_mb": max(r["peak_mb"] for r in runs)}
    out["importtime_top"] = _importtime_top(probes["import engine"][-1], 12)
    return out


def _importtime_top(code: str, n: int) -> list[dict[str, Any]]:
    """The modules with the largest cumulative import time (python -X importtime), top n."""
    r = run_measured([sys.executable, "-X", "importtime", "-c", code])
    rows = []
    for line in r["stderr"].splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        parts = [p.strip() for p in line[len("import time:"):].split("|")]
        if len(parts) == 3 and parts[1].isdigit():
            rows.append({"module": parts[2].strip(), "self_ms": int(parts[0]) / 1000,
                         "cumulative_ms": int(parts[1]) / 1000, "top_level": not parts[2].startswith(" ")})
    return sorted((r for r in rows if r["top_level"]), key=lambda r: -r["cumulative_ms"])[:n]


def measure_case(name: str, a: Path, b: Path, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Stages in-process (fresh interpreter per repeat), whole process to JSON and to all formats, baselines."""
    print(f"  {name}: stages", end="", flush=True)
    case: dict[str, Any] = {"a": _rel(a), "b": _rel(b)}
    out = work / name
    out.mkdir(parents=True, exist_ok=True)

    def stages_once():
        """One stage-worker run in a fresh interpreter."""
        r = run_measured(worker_cmd("--stage-worker", str(a), str(b), str(out)))
        if r["rc"] != 0:
            raise _fail(f"stage worker for {name}", r)
        return json.loads(r["stdout"])

    runs = repeat_runs(stages_once, args.repeat, args.item_budget)
    case["counts"] = runs[0]["counts"]
    case["stage_errors"] = runs[0]["errors"]
    case["stage_runs"] = {s: [r["stages"].get(s) for r in runs] for s in STAGES}
    case["stages"] = {s: med(case["stage_runs"][s]) for s in STAGES}
    case["engine_s"] = sum(case["stages"][s] for s in ENGINE_STAGES)
    case["whole"] = {}
    # the HTML goal (its embedded font over JSON alone) is measured on the seed pair
    variants = {"json": ["json"], "all": ["json", "docx", "pdf"], **(HTML_VARIANT if name == "seed" else {})}
    for variant, fmts in variants.items():
        print(f", whole {variant}", end="", flush=True)
        cmd = [*compare_cmd(), str(a), str(b)]
        for f in fmts:
            cmd += ["--out", str(out / f"cli_{variant}.{f}")]

        def whole_once(cmd=cmd, variant=variant):
            """One run of the CLI; a failure stops this variant."""
            r = run_measured(cmd)
            if r["rc"] != 0:
                raise _fail(f"compare ({variant}) on {name}", r)
            return r

        try:
            rs = repeat_runs(whole_once, args.repeat, args.item_budget)
        except RuntimeError as e:
            case["whole"][variant] = {"error": str(e)}
            continue
        case["whole"][variant] = {"median_s": med([r["wall_s"] for r in rs]), "runs": [r["wall_s"] for r in rs],
                                  "cpu_s": med([r["cpu_s"] for r in rs]), "peak_mb": max(r["peak_mb"] for r in rs)}
    case["baselines"] = {}
    for kind in BASELINES:
        print(f", {kind}", end="", flush=True)
        r = run_measured(worker_cmd("--baseline-worker", kind, str(a), str(b), str(args.repeat),
                                    str(args.item_budget)), timeout=args.baseline_timeout)
        if r["timed_out"]:
            case["baselines"][kind] = {"timed_out_after_s": args.baseline_timeout, "median_s": None}
        elif r["rc"] != 0:
            case["baselines"][kind] = {"error": _fail(kind, r).args[0], "median_s": None}
        else:
            case["baselines"][kind] = json.loads(r["stdout"])
    analysis = sum(case["stages"][s] for s in ("outline", "targets", "align", "classify"))
    case["analysis_s"] = analysis
    for res in case["baselines"].values():
        theirs = res.get("median_s")
        res["ratio_analysis"] = analysis / theirs if theirs else None  # ours (outline→classify) / theirs
        res["ratio_engine"] = case["engine_s"] / theirs if theirs else None  # ours (read→classify) / theirs
    print(" ✓", flush=True)
    return case


def measure_profiles(pairs: dict[str, tuple[Path, Path]], work: Path, sizes: list[int]) -> dict[str, Any]:
    """cProfile (in a fresh interpreter) of the longest real pair and the largest synthetic pair."""
    out = {}
    for name in ("real_longest", f"synth_x{max(sizes)}"):
        print(f"  profile {name}", flush=True)
        r = run_measured(worker_cmd("--profile-worker", *map(str, pairs[name]), str(work)))
        out[name] = json.loads(r["stdout"]) if r["rc"] == 0 else {"error": _fail("profile", r).args[0]}
    return out


def batch_available() -> bool:
    """True when the installed CLI has `compare batch --by-name`."""
    r = run_measured([*compare_cmd(), "batch", "--help"])
    return r["rc"] == 0 and "--by-name" in r["stdout"]


def measure_batch(work: Path, args: argparse.Namespace) -> dict[str, Any]:
    """The 31-region batch to JSON + PDF at -j1 and -j2 (runs interleaved), via `compare batch` when it exists."""
    folder = CORPUS / PROVINCES
    use_cli = batch_available()
    res: dict[str, Any] = {"mode": "compare batch CLI" if use_cli else "emulated (ProcessPoolExecutor over "
                           "compare_files + JSON/PDF writers)", "regions": len(region_pairs(folder)),
                           "repeat": args.batch_repeat, "capacity_before": parallel_capacity()}
    runs: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
    failed: dict[int, str] = {}
    print("  batch", end="", flush=True)
    for i in range(args.batch_repeat):  # j1, j2, j1, j2…: both see the same machine over time
        for jobs in (1, 2):
            if jobs in failed:
                continue
            out = work / f"batch_j{jobs}_{i}"
            out.mkdir(parents=True, exist_ok=True)
            if use_cli:
                cmd = [*compare_cmd(), "batch", "--by-name", str(folder), "--format", "json,pdf", "-j", str(jobs),
                       "--out-dir", str(out)]
            else:
                cmd = worker_cmd("--batch-worker", str(folder), str(jobs), str(out))
            r = run_measured(cmd)
            if r["rc"] != 0:
                failed[jobs] = _fail(f"batch -j{jobs}", r).args[0]
                continue
            r["outputs"] = len(list(out.glob("*.json"))) + len(list(out.glob("*.pdf")))
            runs[jobs].append(r)
            shutil.rmtree(out, ignore_errors=True)
            print(f" j{jobs} {r['wall_s']:.1f}s", end="", flush=True)
    print(flush=True)
    res["capacity_after"] = parallel_capacity()
    for jobs, rs in runs.items():
        if jobs in failed:
            res[f"j{jobs}"] = {"error": failed[jobs]}
        elif rs:
            walls = [r["wall_s"] for r in rs]
            res[f"j{jobs}"] = {"median_s": med(walls), "best_s": min(walls), "runs": walls,
                               "cpu_s": med([r["cpu_s"] for r in rs]),
                               "peak_mb": max(r["peak_mb"] for r in rs), "outputs": rs[0]["outputs"]}
    j1, j2 = (res.get(k, {}) for k in ("j1", "j2"))
    res["speedup"] = j1["median_s"] / j2["median_s"] if j1.get("median_s") and j2.get("median_s") else None
    res["speedup_best"] = j1["best_s"] / j2["best_s"] if j1.get("best_s") and j2.get("best_s") else None
    return res


def parallel_capacity(seconds: float = 1.0) -> float | None:
    """How many CPUs two busy processes really get now (2.0 on an idle 2-core machine), from a fixed spin loop."""
    code = ("import sys, time\nfrom multiprocessing import Pool\n"
            "def spin(n):\n    s = 0\n    for i in range(n):\n        s += i\n    return s\n"
            "if __name__ == '__main__':\n    n = int(sys.argv[1])\n    t = time.perf_counter(); spin(n)\n"
            "    one = time.perf_counter() - t\n    with Pool(2) as p:\n        p.map(spin, [1], 1)\n"
            "        t = time.perf_counter(); p.map(spin, [n, n], 1)\n        two = time.perf_counter() - t\n"
            "    print(2 * one / two)\n")
    r = run_measured([sys.executable, "-c", code, str(int(20_000_000 * seconds))])
    try:
        return round(float(r["stdout"].strip()), 2)
    except ValueError:
        return None


def growth(cases: dict[str, Any], sizes: list[int]) -> dict[str, Any]:
    """Cost at k× relative to 1×, overall and per stage, with the fitted exponent (1 = linear, 2 = quadratic)."""
    base = cases.get("synth_x1")
    if not base:
        return {}
    rows = {}
    for k in sizes:
        c = cases.get(f"synth_x{k}")
        if not c:
            continue
        chars = sum(c["counts"]["chars"]) / sum(base["counts"]["chars"])
        row: dict[str, Any] = {"k": k, "chars_ratio": chars}
        for key, t, t1 in (("engine", c["engine_s"], base["engine_s"]),
                           ("whole_json", _whole(c, "json"), _whole(base, "json")),
                           ("whole_all", _whole(c, "all"), _whole(base, "all")),
                           *((s, c["stages"][s], base["stages"][s]) for s in STAGES)):
            if t and t1:
                row[f"{key}_ratio"] = t / t1
                row[f"{key}_exponent"] = math.log(t / t1) / math.log(chars) if chars > 1.01 else None
        rows[f"x{k}"] = row
    return rows


def _whole(case: dict[str, Any] | None, variant: str) -> float | None:
    """A case's median whole-process time for a variant ('json' or 'all'), None when not measured."""
    return ((case or {}).get("whole", {}).get(variant) or {}).get("median_s")


def evaluate_goals(res: dict[str, Any]) -> list[dict[str, Any]]:
    """Each goal of issue 7 with the measured value, its limit and whether it passes (None: not measured)."""
    cases, goals = res["cases"], []

    def add(name: str, value: float | None, limit: float, unit: str, higher_is_better: bool = False) -> None:
        """Record one goal."""
        ok = None if value is None else (value >= limit if higher_is_better else value <= limit)
        goals.append({"goal": name, "value": value, "limit": limit, "unit": unit, "pass": ok,
                      "comparison": ">=" if higher_is_better else "<="})

    add("seed pair → JSON, whole process", _whole(cases.get("seed"), "json"), 0.5, "s")
    add("seed pair → JSON+DOCX+PDF, whole process", _whole(cases.get("seed"), "all"), 1.2, "s")
    add("longest real pair → JSON+DOCX+PDF, whole process", _whole(cases.get("real_longest"), "all"), 2.0, "s")
    html, json_only = _whole(cases.get("seed"), "html"), _whole(cases.get("seed"), "json")
    add("seed pair: JSON+HTML over JSON alone, whole process", None if html is None or json_only is None
        else html - json_only, 0.5, "s")
    g16 = res.get("growth", {}).get("x16", {})
    add("16× input: engine time vs 1× (read→JSON, in-process)",
        _ratio(cases, "x16", lambda c: c["engine_s"] + c["stages"]["json"]), 20.0, "×")
    add("16× input: whole process to JSON vs 1×", g16.get("whole_json_ratio"), 20.0, "×")
    batch = res.get("batch") or {}
    add("31-region batch: -j2 speedup over -j1", batch.get("speedup"), 1.7, "×", higher_is_better=True)
    add("31-region batch → JSON+PDF at -j2", (batch.get("j2") or {}).get("median_s"), 40.0, "s")
    add("cold start: compare --version", (res["cold_start"].get("compare --version") or {}).get("median_s"),
        0.25, "s")
    peaks = [(cases.get(c) or {}).get("whole", {}).get(v, {}).get("peak_mb")
             for c in ("seed", "real_longest") for v in ("json", "all")]
    peaks = [p for p in peaks if p]
    add("peak memory of one pair (seed and longest real, all formats)", max(peaks) if peaks else None, 300.0, "MB")
    return goals


def _ratio(cases: dict[str, Any], size: str, fn) -> float | None:
    """fn of the synthetic pair at `size` over fn of the 1× pair."""
    a, b = cases.get("synth_x1"), cases.get(f"synth_{size}")
    try:
        return fn(b) / fn(a) if a and b else None
    except TypeError:
        return None


# --- output -----------------------------------------------------------------------------------------------


def _fmt(v: Any) -> str:
    """A table cell: '—' for missing, 3 decimals, 2 significant digits below 0.1, none at 100 and above."""
    if v is None:
        return "—"
    if isinstance(v, float):
        if abs(v) >= 100:
            return f"{v:.0f}"
        return f"{v:.3f}" if abs(v) >= 0.1 or v == 0 else f"{v:.2g}"
    return str(v)


def table(headers: list[str], rows: list[list[Any]]) -> str:
    """A plain-text table with right-aligned columns (the first left-aligned)."""
    cells = [[str(h) for h in headers]] + [[_fmt(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for n, r in enumerate(cells):
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths,
                                                                                                     strict=True))))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def report(res: dict[str, Any]) -> str:
    """The readable report of a results dict."""
    cases, parts = res["cases"], []
    m = res["meta"]
    parts.append(f"compare {m['version']} · Python {m['python']} · {m['cpus']} CPUs · repeat {m['repeat']} "
                 f"(medians; large items capped by --item-budget {m['item_budget']} s) · {m['started']}"
                 f"\nmachine at start {m.get('machine_start')}, at end {m.get('machine_end')}")
    parts.append("\nPer-stage time, in-process, fresh interpreter per run, first call (s, median)")
    parts.append(table(["case", "chars A+B", *STAGES, "engine"],
                       [[n, sum(c["counts"]["chars"]), *(c["stages"][s] for s in STAGES), c["engine_s"]]
                        for n, c in cases.items()]))
    parts.append("\nWhole process: the compare CLI (s, median; peak RSS MB)")
    rows = []
    for n, c in cases.items():
        w = c["whole"]
        rows.append([n, "{}/{}".format(*c["counts"]["tasks"]), "{}/{}".format(*c["counts"]["targets"]),
                     c["counts"]["pairs"], c["counts"]["changes"], _whole(c, "json"), w.get("json", {}).get("cpu_s"),
                     w.get("json", {}).get("peak_mb"), _whole(c, "all"), w.get("all", {}).get("cpu_s"),
                     w.get("all", {}).get("peak_mb"), len(w.get("all", {}).get("runs", []))])
    parts.append(table(["case", "tasks A/B", "targets A/B", "pairs", "changes", "→JSON s", "cpu s", "MB", "→all s",
                        "cpu s", "MB", "n"], rows))
    if res.get("growth"):
        parts.append("\nGrowth of synthetic k× pairs against 1× (time ratio; exponent 1 = linear, 2 = quadratic)")
        rows = []
        for key, g in res["growth"].items():
            rows.append([key, g["chars_ratio"], g.get("engine_ratio"), g.get("whole_json_ratio"),
                         g.get("whole_all_ratio"), *(g.get(f"{s}_exponent") for s in ("outline", "targets", "align",
                                                                                      "classify", "docx", "pdf"))])
        parts.append(table(["size", "chars×", "engine×", "whole JSON×", "whole all×", "exp outline", "exp targets",
                            "exp align", "exp classify", "exp docx", "exp pdf"], rows))
    parts.append("\nAgainst the obvious alternatives (s, median; ratio = ours / theirs)")
    rows = []
    for n, c in cases.items():
        bl = c["baselines"]

        def t(k, bl=bl):
            """A baseline's median, or '>limit' when it timed out."""
            r = bl.get(k, {})
            return ">" + _fmt(float(r["timed_out_after_s"])) if r.get("timed_out_after_s") else r.get("median_s")

        rows.append([n, c["analysis_s"], c["engine_s"], t("difflib_chars"), bl["difflib_chars"].get("ratio_engine"),
                     t("difflib_lines"), bl["difflib_lines"].get("ratio_engine"), t("cdist_tasks"),
                     bl["cdist_tasks"].get("ratio_analysis")])
    parts.append(table(["case", "ours analysis", "ours engine", "difflib chars", "engine/difflib",
                        "difflib lines", "engine/lines", "cdist tasks", "analysis/cdist"], rows))
    b = res.get("batch")
    if b:
        parts.append(f"\n31-region batch → JSON+PDF ({b['mode']}; {b['regions']} regions, median of {b['repeat']}; "
                     "cpu and peak cover only processes their parents waited for: not forkserver workers)")
        parts.append(table(["jobs", "wall s", "best s", "cpu s", "peak MB", "outputs"],
                           [[k, b.get(k, {}).get("median_s"), b.get(k, {}).get("best_s"), b.get(k, {}).get("cpu_s"),
                             b.get(k, {}).get("peak_mb"), b.get(k, {}).get("outputs")] for k in ("j1", "j2")]
                           + [["speedup", b.get("speedup"), b.get("speedup_best"), None, None, None]]))
        parts.append(f"  CPUs two busy processes actually got: {b.get('capacity_before')} before the batch, "
                     f"{b.get('capacity_after')} after (2.0 = both cores free)")
    cs = res["cold_start"]
    parts.append("\nCold start (s, median of subprocess wall time)")
    parts.append(table(["probe", "s", "peak MB"], [[k, v.get("median_s"), v.get("peak_mb")]
                                                     for k, v in cs.items() if isinstance(v, dict)]))
    if cs.get("importtime_top"):
        parts.append("  slowest imports of the engine: " + ", ".join(
            f"{r['module']} {r['cumulative_ms']:.0f} ms" for r in cs["importtime_top"][:6]))
    for name, prof in (res.get("profiles") or {}).items():
        if "top_cumulative" not in prof:
            continue
        parts.append(f"\nHotspots of {name} (cProfile, compare.* by cumulative time; profiled wall "
                     f"{prof['profiled_wall_s']:.2f} s)")
        parts.append(table(["function", "calls", "self s", "cumulative s"],
                           [[r["function"], r["calls"], r["tottime_s"], r["cumtime_s"]]
                            for r in prof["top_cumulative"][:15]]))
    parts.append("\nGoals")
    parts.append(table(["goal", "measured", "limit", "result"],
                       [[g["goal"], (_fmt(g["value"]) + " " + g["unit"]) if g["value"] is not None else None,
                         f"{g['comparison']} {g['limit']:g} {g['unit']}",
                         {True: "PASS", False: "FAIL", None: "not measured"}[g["pass"]]] for g in res["goals"]]))
    return "\n".join(parts)


def _loadavg() -> dict[str, Any] | None:
    """Load averages and CPU pressure (share of time something waited for a CPU): other work skews wall times."""
    try:
        out: dict[str, Any] = {"load": [round(x, 2) for x in os.getloadavg()]}
    except OSError:
        return None
    try:
        some = Path("/proc/pressure/cpu").read_text().splitlines()[0].split()
        out["cpu_pressure_pct"] = {k: float(v) for k, v in (f.split("=") for f in some[1:4])}
    except (OSError, ValueError, IndexError):
        pass
    return out


def _rel(p: Path) -> str:
    """A path relative to the corpus when it is inside it, else its file name."""
    try:
        return str(Path(p).resolve().relative_to(CORPUS.resolve()))
    except ValueError:
        return Path(p).name


# --- main -------------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    p = argparse.ArgumentParser(description="Benchmark compare (issue 7).")
    p.add_argument("--quick", action="store_true", help="1 repeat, sizes 1× and 2× only, no batch (for CI)")
    p.add_argument("--repeat", type=int, default=5, help="repeats per measurement; the median is reported")
    p.add_argument("--json", type=Path, default=HERE / "results.json", help="where to write the results")
    p.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=None,
                   help="synthetic sizes, e.g. 1,2,4,8,16")
    p.add_argument("--skip-batch", action="store_true", help="skip the 31-region batch")
    p.add_argument("--batch-repeat", type=int, default=None, help="repeats of each batch run (default min(repeat, 3))")
    p.add_argument("--item-budget", type=float, default=60.0,
                   help="stop repeating one item once its repeats would pass this many seconds (0: never)")
    p.add_argument("--baseline-timeout", type=float, default=300.0, help="give up on one baseline run after this")
    p.add_argument("--keep", type=Path, default=None, help="keep synthetic inputs and outputs in this folder")
    p.add_argument("--stage-worker", nargs=3, metavar=("A", "B", "OUT"), help=argparse.SUPPRESS)
    p.add_argument("--baseline-worker", nargs=5, metavar=("KIND", "A", "B", "REPEAT", "BUDGET"),
                   help=argparse.SUPPRESS)
    p.add_argument("--profile", action="store_true",
                   help="also cProfile the longest real pair and the largest synthetic pair (top compare.* functions)")
    p.add_argument("--profile-worker", nargs=3, metavar=("A", "B", "OUT"), help=argparse.SUPPRESS)
    p.add_argument("--batch-worker", nargs=3, metavar=("DIR", "JOBS", "OUT"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.quick:
        args.repeat, args.skip_batch = 1, True
        args.sizes = args.sizes or list(QUICK_SIZES)
    args.sizes = args.sizes or list(FULL_SIZES)
    if 1 not in args.sizes:
        args.sizes = [1, *args.sizes]
    args.batch_repeat = args.batch_repeat or min(args.repeat, 3)
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or one worker), print the table and write the JSON."""
    args = parse_args(argv)
    if args.stage_worker:
        print(json.dumps(stage_worker(*args.stage_worker)))
        return 0
    if args.baseline_worker:
        kind, a, b, rep, budget = args.baseline_worker
        print(json.dumps(baseline_worker(kind, a, b, int(rep), float(budget))))
        return 0
    if args.profile_worker:
        print(json.dumps(profile_worker(*args.profile_worker, 25)))
        return 0
    if args.batch_worker:
        folder, jobs, out = args.batch_worker
        print(json.dumps(batch_worker(folder, int(jobs), out)))
        return 0
    if not CORPUS.is_dir():
        print(f"benchmark: the corpus is missing at {CORPUS}", file=sys.stderr)
        return 2
    from compare import __version__

    sys.path.insert(0, str(HERE))
    import synth

    started = time.time()
    res: dict[str, Any] = {"meta": {
        "version": __version__, "python": platform.python_version(), "platform": platform.platform(),
        "cpus": os.cpu_count(), "repeat": args.repeat, "quick": args.quick, "sizes": args.sizes,
        "item_budget": args.item_budget, "machine_start": _loadavg(),
        "started": _dt.datetime.now().isoformat(timespec="seconds"),
        "stage_timing": "in a fresh interpreter per run: each stage's first call, lazy imports included",
        "whole_timing": "subprocess wall time of the compare CLI; peak_mb is ru_maxrss from wait4"}}
    work_ctx = tempfile.TemporaryDirectory(prefix="compare-bench-") if args.keep is None else None
    work = Path(work_ctx.name) if work_ctx else args.keep
    work.mkdir(parents=True, exist_ok=True)
    try:
        print("cold start", flush=True)
        res["cold_start"] = measure_cold(args.repeat)
        pairs = {"seed": tuple(CORPUS / p for p in SEED_PAIR), "real_longest": tuple(CORPUS / p for p in LONGEST_PAIR)}
        for k in args.sizes:
            pairs[f"synth_x{k}"] = synth.build_pair(*(CORPUS / p for p in SYNTH_PAIR), k, work / "synth")
        res["cases"] = {}
        print("pairs", flush=True)
        for name, (a, b) in pairs.items():
            res["cases"][name] = measure_case(name, a, b, work, args)
        res["growth"] = growth(res["cases"], args.sizes)
        if args.profile:
            res["profiles"] = measure_profiles(pairs, work, args.sizes)
        if not args.skip_batch:
            print("batch", flush=True)
            res["batch"] = measure_batch(work, args)
        res["goals"] = evaluate_goals(res)
        res["meta"]["duration_s"] = time.time() - started
        res["meta"]["machine_end"] = _loadavg()
    finally:
        if work_ctx:
            work_ctx.cleanup()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print()
    print(report(res))
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
