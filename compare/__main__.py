"""Run the command line: python -m compare."""

from compare.cli import run

run()
