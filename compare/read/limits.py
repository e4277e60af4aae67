"""Resource limits for reading untrusted input, and the checks that enforce them."""

from __future__ import annotations

from dataclasses import dataclass

from compare.errors import UnsupportedInputError


@dataclass(frozen=True)
class Limits:
    """Caps that keep a hostile or broken file from exhausting time or memory."""

    max_bytes: int = 50 * 1024 * 1024  # larger files are refused before reading
    max_unzipped_bytes: int = 200 * 1024 * 1024  # docx: sum of declared uncompressed sizes
    max_pdf_pages: int = 2000
    max_line_chars: int = 2_000_000  # an extracted line longer than this is refused


def check_line_lengths(text: str, limits: Limits, path: str) -> None:
    """Refuse extracted text with a line longer than the limit (a sign of a broken or hostile file)."""
    if len(text) <= limits.max_line_chars:
        return
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        if end - start > limits.max_line_chars:
            raise UnsupportedInputError(
                f"has a line of {end - start:,} characters (limit {limits.max_line_chars:,})",
                "split the text into paragraphs, or raise Limits.max_line_chars",
                path=path,
            )
        start = end + 1
