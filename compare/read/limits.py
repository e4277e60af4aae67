"""Resource limits for reading untrusted input, and the checks that enforce them."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from compare.errors import UnsupportedInputError, UsageError

ENV_PREFIX = "COMPARE_LIMIT_"  # COMPARE_LIMIT_MAX_BYTES=100M raises Limits.max_bytes for a run of the CLI
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Limits:
    """Caps that keep a hostile or broken file from exhausting time or memory.

    Every field can be set from the environment when no Limits is passed: COMPARE_LIMIT_<FIELD>, e.g.
    COMPARE_LIMIT_MAX_BYTES=200M or COMPARE_LIMIT_MAX_READ_SECONDS=600 (K, M and G are powers of 1024).
    """

    max_bytes: int = 50 * 1024 * 1024  # larger files are refused before reading
    max_unzipped_bytes: int = 200 * 1024 * 1024  # docx: sum of declared uncompressed sizes
    max_docx_xml_bytes: int = 64 * 1024 * 1024  # docx: uncompressed XML parts, what python-docx must parse
    max_docx_elements: int = 3_000_000  # docx: XML elements of the main part (each costs python-docx memory)
    max_pdf_pages: int = 2000
    max_line_chars: int = 2_000_000  # an extracted line longer than this is refused
    max_chars: int = 4_000_000  # extracted text longer than this (about 2,000 pages) is refused
    max_html_tags: int = 1_000_000  # HTML (or text carrying HTML) with more tags than this is refused
    max_read_seconds: float = 120.0  # PDF text extraction is stopped, checked between pages, after this long
    max_pair_seconds: float = 600.0  # batch: a pair still running after this long fails; the rest go on

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """The defaults, with any COMPARE_LIMIT_<FIELD> variables applied."""
        env = os.environ if environ is None else environ
        changes: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(env_name(f.name))
            if raw is None or not raw.strip():
                continue
            m = _SIZE.match(raw.replace("_", "").replace(",", ""))
            if m is None:
                raise UsageError(f"{env_name(f.name)}={raw!r} is not a number",
                                 "give a number such as 100000000, 100M or 2G, or unset it")
            value = float(m.group(1)) * 1024 ** " kmg".index((m.group(2) or " ").lower())
            changes[f.name] = value if f.name.endswith("seconds") else int(value)
        return replace(cls(), **changes) if changes else cls()


def env_name(field: str) -> str:
    """The environment variable that sets a Limits field."""
    return ENV_PREFIX + field.upper()


def raise_hint(field: str) -> str:
    """How a user raises a limit: the environment variable for the CLI, the field for the library."""
    return f"or raise the limit with {env_name(field)} (Limits.{field})"


def check_text_size(text: str, limits: Limits, path: str) -> None:
    """Refuse extracted text too long for the later stages to handle in bounded time and memory."""
    if len(text) > limits.max_chars:
        raise UnsupportedInputError(
            f"has {len(text):,} characters of text (limit {limits.max_chars:,}, about 2,000 pages)",
            f"compare the relevant part: split the document, {raise_hint('max_chars')}", path=path)


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
                f"split the text into paragraphs, {raise_hint('max_line_chars')}",
                path=path,
            )
        start = end + 1
