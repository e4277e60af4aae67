"""reportlab's C helpers (the rl-accel package) for number formatting and stream encoding, nothing else.

reportlab writes every coordinate through `fp_str` and every stream through ASCII85; their pure-Python
versions take a third of a long PDF's time. The C module also replaces text measurement and fragment
merging, and those do not give the same answers: its widths differ from the Python sum in the last bit
(a line that exactly fills a cell could break differently) and it compares fragments with missing
attributes differently. So those stay reportlab's Python code, and a PDF is the same byte for byte
whether the accelerator is installed or not.
"""

from __future__ import annotations

import importlib
import sys

# the C functions whose results differ from reportlab's Python fallbacks
PYTHON_ONLY = ("instanceStringWidthTTF", "instanceStringWidthT1", "unicode2T1", "sameFrag")


def limit_accelerator() -> None:
    """Before reportlab is imported: let it take only the C helpers that give the same bytes as its Python."""
    if "reportlab.lib.rl_accel" in sys.modules:
        return  # reportlab already chose (someone imported it first); nothing safe to change now
    try:
        c_module = importlib.import_module("_rl_accel")
    except ImportError:
        return
    for name in PYTHON_ONLY:
        if hasattr(c_module, name):
            delattr(c_module, name)  # reportlab's `from _rl_accel import name` then falls back to Python
