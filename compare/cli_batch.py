"""The `compare batch` and `compare track` commands: thin click skins over compare.batch and compare.track."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from compare.cli_common import BRIEF_FORMATS, check_out_names, run_guarded
from compare.cli_options import semantic_option


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    """Parse --format pdf,docx,json (repeats dropped, order kept)."""
    out: list[str] = []
    for f in (v.strip().lower().lstrip(".") for v in value.split(",")):
        if not f:
            continue
        if f not in BRIEF_FORMATS:
            raise click.BadParameter(f"{f!r} is not one of {', '.join(BRIEF_FORMATS)}")
        if f not in out:
            out.append(f)
    if not out:
        raise click.BadParameter("give at least one format")
    return tuple(out)


@click.command("batch")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--series", is_flag=True,
              help="Folder: order the documents by year and compare each with the next.")
@click.option("--by-name", is_flag=True,
              help="Folder: pair documents whose names differ only by the year (2025_zhejiang.docx ↔ "
                   "2026_zhejiang.txt); each region's documents run as a series.")
@click.option("--all-pairs", is_flag=True, help="Folder: compare every document with every other one.")
@click.option("--glob", "pattern", metavar="PATTERN",
              help="Folder: only the files matching this pattern (e.g. 'gwr_*').")
@click.option("--out-dir", "-o", type=click.Path(path_type=Path, file_okay=False), default=Path("reports"),
              show_default=True, help="Where the briefs, timelines and the index go.")
@click.option("--format", "-f", "formats", default="pdf,json", show_default=True, callback=_formats,
              help="Comma-separated brief formats: " + ",".join(BRIEF_FORMATS) + ".")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes [default: all cores].")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Run the pairs on a Dask distributed cluster instead (pip install 'compare[dask]'); "
                   "inputs and --out-dir must be visible to its workers.")
@click.option("--force", is_flag=True,
              help="Redo every pair, even those whose inputs and options are unchanged.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary; the exit code tells.")
@click.option("--track/--no-track", default=None,
              help="Write a target timeline per series [default: with --series, and --by-name regions of 3+ "
                   "documents].")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Label language (default: zh).")
@click.option("--template", "template_dir", type=click.Path(path_type=Path, file_okay=False),
              help="A copy of templates/ with your organisation's styles and wording.")
@click.option("--font", type=click.Path(path_type=Path, dir_okay=False),
              help="A TrueType CJK font for the PDF.")
@semantic_option
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
def batch(source: Path, series: bool, by_name: bool, all_pairs: bool, pattern: str | None, out_dir: Path,
          formats: tuple[str, ...], jobs: int | None, scheduler: str | None, force: bool, quiet: bool,
          track: bool | None, lang: str | None, template_dir: Path | None, font: Path | None,
          semantic_model: Path | None, debug: bool) -> None:
    """Compare many pairs at once and write every brief plus an index.

    SOURCE is a manifest (.csv with columns a,b[,name,title,out], or .toml with
    [[pair]] tables) or a folder with --series, --by-name or --all-pairs.
    Outputs go to --out-dir with index.csv, index.xlsx and index.html; pairs
    whose inputs and options are unchanged since the last run are skipped.
    A bad document fails its pairs only: it is listed in the index with its
    error and the exit code is 1. Ctrl-C leaves no half-written file (130).

    \b
    Examples:
        compare batch provinces/ --by-name --format pdf,json
        compare batch plans/ --series -o reports/ -j 4
        compare batch pairs.csv --format docx,xlsx --scheduler tcp://10.0.0.5:8786
    \b
    pairs.csv:
        a,b,name,title
        plans/2024_zj.docx,plans/2025_zj.txt,zj,浙江 2024→2025
    """
    run_guarded(debug, _batch, source, series, by_name, all_pairs, pattern, out_dir, formats, jobs, scheduler,
                force, quiet, track, lang, template_dir, font, semantic_model)


def _use_semantic_model(path: Path | None) -> None:
    """Check the model now (a bad one fails here, not in every pair) and name it to every worker."""
    if path:
        from compare.semantic import ENV_VAR, load_embedder

        load_embedder(path)
        os.environ[ENV_VAR] = str(Path(path).expanduser().resolve())


def _batch(source: Path, series: bool, by_name: bool, all_pairs: bool, pattern: str | None, out_dir: Path,
           formats: tuple[str, ...], jobs: int | None, scheduler: str | None, force: bool, quiet: bool,
           track: bool | None, lang: str | None, template_dir: Path | None, font: Path | None,
           semantic_model: Path | None = None) -> None:
    from compare.batch import BatchInterrupted, BatchOptions, plan_source, reporter_for, run_batch
    from compare.errors import ExitCode, UsageError

    modes = [m for m, on in (("series", series), ("by-name", by_name), ("all-pairs", all_pairs)) if on]
    if len(modes) > 1:
        raise UsageError("choose one of --series, --by-name and --all-pairs", "give only one")
    _check_style_files(template_dir, font)
    _use_semantic_model(semantic_model)
    plan = plan_source(source, modes[0] if modes else None, pattern)
    if track and plan.mode not in ("series", "by-name"):
        raise UsageError("--track follows a series", "use it with --series or --by-name")
    if not quiet:
        for note in plan.notes:
            click.echo(f"compare: {note}", err=True)
    opts = BatchOptions(out_dir, formats, jobs, scheduler, force, lang, template_dir, font, track,
                        corrections_dir=source if source.is_dir() else source.parent)
    try:
        with _sigterm_as_interrupt():
            result = run_batch(plan, opts, reporter_for(quiet))
    except BatchInterrupted as e:
        done = e.result.count("ok")
        click.echo(f"compare: interrupted after {done} pair(s); {out_dir / 'index.csv'} lists what finished, "
                   "run the same command again to complete the rest", err=True)
        sys.exit(int(ExitCode.INTERRUPTED))  # said in one line: not again by run_guarded
    if not quiet:
        _summarise(result, out_dir)
    if result.exit_code:
        sys.exit(int(result.exit_code))


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (kill, a service manager, a CI timeout) stops a batch as Ctrl-C does."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _check_style_files(template_dir: Path | None, font: Path | None) -> None:
    """A --template folder and a --font file must exist before any pair runs."""
    from compare.errors import UsageError

    if template_dir is not None and not template_dir.is_dir():
        raise UsageError(f"template folder not found: {template_dir}",
                         "copy the templates/ folder and point at it")
    if font is not None and not font.is_file():
        raise UsageError(f"font not found: {font}", "give the path of a .ttf or .ttc file")


def _summarise(result: Any, out_dir: Path) -> None:
    """The closing lines of a batch on stderr: counts, where the index is, and each timeline."""
    bad = sum(1 for r in result.rows if not r.ok)
    ok, skipped = result.count("ok"), result.count("skipped")
    click.echo(f"compare: {len(result.rows)} pairs: {ok} done, {skipped} up to date, {bad} failed; "
               f"index: {out_dir / 'index.html'}", err=True)
    for t in result.tracks:
        if t.status == "failed":
            click.echo(f"compare: timeline {t.group} failed: {t.error}", err=True)
        elif t.outputs:
            click.echo(f"compare: timeline {t.group}: {t.outputs[0]} ({t.status})", err=True)


@click.command("track")
@click.argument("docs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "-o", "outs", multiple=True, type=click.Path(path_type=Path),
              help="Output file: .xlsx, .csv, .json, or .pdf/.docx with a chart. Repeatable.")
@click.option("--keep-order", is_flag=True, help="Keep the documents in the order given instead of by year.")
@click.option("--min-years", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only metrics with a figure in at least this many documents.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Label language of the PDF/DOCX.")
@click.option("--font", type=click.Path(path_type=Path, dir_okay=False),
              help="A TrueType CJK font for the PDF.")
@semantic_option
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
def track(docs: tuple[Path, ...], outs: tuple[Path, ...], keep_order: bool, min_years: int, lang: str | None,
          font: Path | None, semantic_model: Path | None, debug: bool) -> None:
    """Follow every target across a series of plans: one row per metric, one column per year.

    Neighbouring documents are paired the way a brief pairs them, and the pairs
    are chained into rows. Each cell is the figure as written; between years a
    mark says how it moved: ↑ raised, ↓ lowered, = unchanged, ≈ rebased (unit
    or basis changed). Without --out, prints the table.

    \b
    Example:
        compare track gwr_2022_national.txt gwr_2023_national.txt gwr_2024_national.txt \\
            gwr_2025_national.txt --out timeline.xlsx --out timeline.pdf
    """
    run_guarded(debug, _track, docs, outs, keep_order, min_years, lang, font, semantic_model)


def _track(docs: tuple[Path, ...], outs: tuple[Path, ...], keep_order: bool, min_years: int, lang: str | None,
           font: Path | None, semantic_model: Path | None = None) -> None:
    from compare.outputs import check_output
    from compare.track import print_track, track_documents, track_format, write_track

    check_out_names(list(outs))
    _use_semantic_model(semantic_model)
    targets = [(p, track_format(p)) for p in outs]
    for p, _ in targets:
        check_output(p, list(docs))
    table = track_documents(list(docs), keep_order=keep_order).keep(min_years)
    if not targets:
        print_track(table)
        return
    for p, fmt in targets:
        write_track(table, p, fmt, lang=lang, font=font)
        click.echo(f"wrote {p} ({len(table.rows)} metrics across {len(table.columns)} documents)", err=True)
