"""The command line: a thin click skin over the library (compare A B, targets, batch, track)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from compare import __version__
from compare.cli_batch import batch, track
from compare.cli_common import check_out_names, run_guarded
from compare.cli_options import brief_options, debug_option, output_options, semantic_option
from compare.errors import UsageError


class DefaultGroup(click.Group):
    """A group whose default command is the pair comparison: `compare A B` means `compare pair A B`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Route arguments that name no subcommand to `pair`."""
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["pair", *args]
        return super().parse_args(ctx, args)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="compare")
def main() -> None:
    """Compare two policy plans: what B adds, drops and raises against A.

    \b
    Example:
        compare plan_2020.txt plan_2022.docx --out brief.pdf --out brief.json
    """


@main.command("pair")
@click.argument("a", type=click.Path(path_type=Path))
@click.argument("b", type=click.Path(path_type=Path))
@output_options
@brief_options
@click.option("--corrections", type=click.Path(path_type=Path, dir_okay=False),
              help="An analyst's corrections (TOML) to apply; the HTML brief can write one.")
@semantic_option
@debug_option
def pair(a: Path, b: Path, outs: tuple[Path, ...], fmt: str | None, lang: str | None,
         template_dir: Path | None, font: Path | None, corrections: Path | None, semantic_model: Path | None,
         debug: bool) -> None:
    """Compare plan A with plan B and write the brief.

    Without --out, prints a short summary to the terminal.

    \b
    Example:
        compare plan_2020.txt plan_2022.docx --out brief.pdf
        compare plan_2020.txt plan_2022.docx --corrections fixes.toml --out brief.pdf
        compare plan_2020.txt plan_2022.docx --semantic-model ~/models/zh.vec --out brief.pdf
    """
    run_guarded(debug, _pair, a, b, outs, fmt, lang, template_dir, font, corrections, semantic_model)
    _QUICK_EXIT.add("pair")  # every output is closed and in place, every render process joined


def _pair(a: Path, b: Path, outs, fmt, lang, template_dir, font, corrections=None,
          semantic_model=None) -> None:
    from compare.render.registry import BriefOptions, format_of

    if fmt and len(outs) != 1:
        raise UsageError("--format applies to exactly one --out", "give one --out or drop --format")
    check_out_names(list(outs))
    targets = [(p, fmt or format_of(p)) for p in outs]
    from compare.outputs import check_output

    for p, _ in targets:
        check_output(p, [a, b] + ([corrections] if corrections else []))
    fixes = None
    if corrections:  # a bad file stops here, before any output; loaded only when given
        from compare.corrections import load_corrections

        fixes = load_corrections(corrections)
    semantic = None
    if semantic_model:  # a bad model stops here too, before any output
        from compare.semantic import load_embedder

        semantic = load_embedder(semantic_model)
    options = BriefOptions(lang=lang, template_dir=template_dir, font=font)
    workers = _render_workers(targets, options)
    try:
        _compare_and_write(a, b, targets, options, fixes, lang, workers, semantic)
    finally:
        if workers is not None:
            workers.close()


def _render_workers(targets: list[tuple[Path, str]], options):  # -> RenderWorkers | None
    """Processes for the slow formats, started now so they get ready while the documents are compared.

    The engine's modules are imported first, so the render processes share them instead of importing
    (and compiling the patterns of) their own copies.
    """
    from compare.render.registry import heavy_outputs, prepare, write_brief

    heavy = heavy_outputs(targets)
    if not heavy:
        return None
    from compare.render.workers import RenderWorkers, can_fork

    if not can_fork():
        return None
    from compare.pipeline import preload

    preload()
    return RenderWorkers(heavy, options, prepare, write_brief)


def _compare_and_write(a: Path, b: Path, targets, options, fixes, lang, workers, semantic=None) -> None:
    from compare.pipeline import compare_files
    from compare.render.registry import write_briefs

    brief = compare_files(a, b, semantic=semantic)
    data = brief.to_json()
    if fixes is not None:
        from compare.corrections import apply_corrections, report_lines

        data = apply_corrections(data, fixes)
        for line in report_lines(data):
            click.echo(line, err=True)
    if not targets:
        from compare.render.terminal import summary_text

        click.echo(summary_text(data, lang))
        return
    write_briefs(data, targets, options, on_written=lambda p: click.echo(f"wrote {p}", err=True),
                 workers=workers)


@main.command("targets")
@click.argument("doc", type=click.Path(path_type=Path))
@click.option("--out", "-o", "out", type=click.Path(path_type=Path),
              help="Write the targets as .csv, .xlsx or .json instead of printing a table.")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
def targets_cmd(doc: Path, out: Path | None, debug: bool) -> None:
    """List every quantitative target of one document, with its evidence.

    \b
    Example:
        compare targets plan_2022.docx
        compare targets plan_2022.docx --out targets.xlsx
    """
    run_guarded(debug, _targets, doc, out)


def _targets(doc: Path, out: Path | None) -> None:
    from compare.pipeline import extract, load_document

    ex = extract(load_document(doc))
    rows = [t.to_json() for t in ex.targets]
    if out is None:
        from compare.render.terminal import print_targets

        print_targets(ex.document, ex.targets)
        return
    from compare.outputs import check_output
    from compare.render.tables import write_targets

    check_out_names([out])
    check_output(out, [doc])
    d = ex.document
    write_targets(rows, {"path": d.path, "title": d.title, "year": d.year, "sha256": d.sha256}, out)
    click.echo(f"wrote {out} ({len(rows)} targets)", err=True)


main.add_command(batch)
main.add_command(track)

_QUICK_EXIT: set[str] = set()  # commands that finished with nothing left to clean up


def run() -> None:
    """The console script: run the command; after a comparison that finished, skip the interpreter's teardown.

    Start-up serves the engine's regular expressions from compiled programs kept between runs
    (compare.regex_cache). Freeing every module and object of a finished comparison one by one takes longer
    than some comparisons (about 0.05 s), and a comparison allocates in bursts that trigger many needless
    garbage scans.
    """
    import gc

    from compare import regex_cache

    gc.set_threshold(50_000, 20, 20)
    kept = regex_cache.install()
    try:
        main()  # click always ends with SystemExit
    except SystemExit as e:
        if kept is not None:
            kept.save()
        if e.code in (0, None) and _QUICK_EXIT:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            except OSError:
                raise e from None  # let the interpreter report it as usual
            os._exit(0)
        raise


if __name__ == "__main__":  # pragma: no cover
    run()
