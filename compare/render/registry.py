"""The brief formats in one table: each a writer given the brief dict, a path and one BriefOptions value."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compare.errors import UsageError

if TYPE_CHECKING:
    from compare.render.workers import RenderWorkers


@dataclass(frozen=True)
class BriefOptions:
    """How a brief is written, whatever its format: label language, templates folder and CJK font."""

    lang: str | None = None  # zh | en; None: the documents' own language
    template_dir: Path | None = None  # a copy of templates/ with an organisation's styles and wording
    font: Path | None = None  # a TrueType CJK font instead of the bundled one

    @classmethod
    def of(cls, lang: str | None = None, template_dir: str | Path | None = None,
           font: str | Path | None = None) -> BriefOptions:
        """Options from loose values (strings or paths, empty meaning unset)."""
        return cls(lang=lang or None, template_dir=Path(template_dir) if template_dir else None,
                   font=Path(font) if font else None)


Writer = Callable[[dict[str, Any], Path, BriefOptions], None]


@dataclass(frozen=True)
class Format:
    """One output format: its name, the file extensions that ask for it and where its writer lives."""

    name: str
    extensions: tuple[str, ...]
    writer: str  # "module:function", imported only when a brief is written in this format
    heavy: bool = False  # its layout (or font subset) costs a second or more: written on its own core
    warm: tuple[str, ...] = ()  # what its first brief imports whatever the brief says (see prepare)

    def load(self) -> Writer:
        """The writer function."""
        module, _, name = self.writer.partition(":")
        fn: Writer = getattr(importlib.import_module(module), name)
        return fn


# what every page format with a chart imports
_PAGE = ("compare.render.common", "compare.render.chart", "compare.render.structure_map",
         "reportlab.graphics.shapes")
FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("json", (".json",), "compare.render.json:write_brief_json"),
    Format("docx", (".docx",), "compare.render:write_docx", heavy=True,
           warm=(*_PAGE, "compare.render.docx", "docx", "PIL.ImageDraw")),
    Format("pdf", (".pdf",), "compare.render:write_pdf", heavy=True,
           warm=("compare.render.common", "compare.render.pdf", "reportlab.platypus")),
    Format("html", (".html", ".htm"), "compare.render:write_html", heavy=True,
           warm=(*_PAGE, "compare.render.html", "compare.render.webfont")),
    Format("xlsx", (".xlsx",), "compare.render.xlsx:write_brief_xlsx"),
    Format("csv", (".csv",), "compare.render.tables:write_brief_csv"),
)}
NAMES = tuple(FORMATS)
EXTENSIONS = {ext: f.name for f in FORMATS.values() for ext in f.extensions}


def format_of(path: Path) -> str:
    """The output format a file name asks for."""
    fmt = EXTENSIONS.get(Path(path).suffix.lower())
    if fmt is None:
        raise UsageError(f"cannot tell the output format of {path}",
                         "use an extension among " + " ".join(sorted(EXTENSIONS)) + " or --format")
    return fmt


def get(fmt: str) -> Format:
    """The format of a name (json, docx, pdf, html, xlsx, csv), or a usage error naming them."""
    found = FORMATS.get(str(fmt).lower().lstrip("."))
    if found is None:
        raise UsageError(f"cannot write a brief as {fmt!r}", "use one of: " + ", ".join(NAMES))
    return found


def write_brief(data: dict[str, Any], path: Path, fmt: str, options: BriefOptions | None = None) -> None:
    """Write one brief dict in one format."""
    get(fmt).load()(data, Path(path), options or BriefOptions())


def prepare(fmt: str, options: BriefOptions) -> None:
    """Do ahead what a brief in this format needs whatever it says: import its writer, load its font.

    A render process runs this while the documents are still being compared; nothing here changes what is
    written (imports, and the font registration that would otherwise happen on first use).
    """
    from compare.render.accel import limit_accelerator

    limit_accelerator()  # before reportlab is imported
    found = get(fmt)
    found.load()
    for module in found.warm:
        importlib.import_module(module)
    if found.warm:
        from compare.render.fonts import prepare_fonts

        prepare_fonts(options.font, options.template_dir, web=fmt == "html")


def heavy_outputs(outputs: list[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """The outputs whose layouts are slow (PDF, DOCX, HTML): each is written in a process of its own."""
    return [(p, f) for p, f in outputs if get(f).heavy]


def write_briefs(data: dict[str, Any], outputs: list[tuple[Path, str]], options: BriefOptions | None = None,
                 *, parallel: bool = True, on_written: Callable[[Path], None] | None = None,
                 workers: RenderWorkers | None = None) -> None:
    """Write one brief in several formats; the slow ones (PDF, DOCX, HTML) run side by side on separate cores.

    `workers` are render processes started earlier for the heavy outputs (see compare.render.workers);
    without them, two or more heavy outputs get processes of their own here. `on_written` hears of each
    output as soon as it is complete, so a later failure still tells the user what was written before it.
    """
    opts = options or BriefOptions()
    done = on_written or (lambda _path: None)
    heavy = heavy_outputs(outputs)
    if workers is None and parallel and len(heavy) > 1:
        from compare.render.workers import RenderWorkers, can_fork

        if can_fork():
            workers = RenderWorkers(heavy, opts, prepare, write_brief)
    if workers is None:
        for p, f in outputs:
            write_brief(data, p, f, opts)
            done(p)
        return
    try:
        workers.send(data)
        for p, f in outputs:
            if (p, f) not in workers.outputs:
                write_brief(data, p, f, opts)
                done(p)
        for k, (p, _f) in enumerate(workers.outputs):
            workers.result(k)  # re-raises a worker's error here, with its exit code
            done(p)
    finally:
        workers.close()
