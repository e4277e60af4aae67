"""Batch briefs: many pairs at once, with timelines of series and an index (plan → jobs → executor → index).

The modules, bottom up: plan (naming, pairing modes, manifests), jobs (Job, IndexRow, one pair's run,
resuming), progress (reporters), executor (in-process, process pool, Dask), index (index.csv/xlsx/html)
and run (run_batch).
This package re-exports what the command line and library users call.
"""

from __future__ import annotations

from compare.batch.executor import Runner, default_workers, execute, sweep_partials
from compare.batch.index import index_frame, index_html, write_index
from compare.batch.jobs import (
    INDEX_COLUMNS,
    JOURNAL,
    STATUSES,
    BatchOptions,
    BatchResult,
    IndexRow,
    Job,
    TrackInfo,
    error_line,
    fill_row,
    load_prior,
    make_jobs,
    row_for,
    run_pair,
    up_to_date,
)
from compare.batch.plan import (
    DOC_SUFFIXES,
    FORMAT_SUFFIX,
    PairSpec,
    Plan,
    all_pairs_plan,
    by_name_plan,
    document_year,
    list_documents,
    pair_name,
    plan_source,
    read_manifest,
    region_of,
    safe_name,
    series_plan,
    track_stem,
    unique_names,
    year_in_name,
)
from compare.batch.progress import LineReporter, Reporter, RichReporter, reporter_for
from compare.batch.run import TRACK_FORMATS, BatchInterrupted, run_batch, write_tracks
from compare.cache import brief_data, cached_document, cached_extraction, clear_cache, content_key, file_hash

__all__ = [
    "DOC_SUFFIXES",
    "FORMAT_SUFFIX",
    "INDEX_COLUMNS",
    "JOURNAL",
    "STATUSES",
    "TRACK_FORMATS",
    "BatchInterrupted",
    "BatchOptions",
    "BatchResult",
    "IndexRow",
    "Job",
    "LineReporter",
    "PairSpec",
    "Plan",
    "Reporter",
    "RichReporter",
    "Runner",
    "TrackInfo",
    "all_pairs_plan",
    "brief_data",
    "by_name_plan",
    "cached_document",
    "cached_extraction",
    "clear_cache",
    "content_key",
    "default_workers",
    "document_year",
    "error_line",
    "execute",
    "file_hash",
    "fill_row",
    "index_frame",
    "index_html",
    "list_documents",
    "load_prior",
    "make_jobs",
    "pair_name",
    "plan_source",
    "read_manifest",
    "region_of",
    "reporter_for",
    "row_for",
    "run_batch",
    "run_pair",
    "safe_name",
    "series_plan",
    "sweep_partials",
    "track_stem",
    "unique_names",
    "up_to_date",
    "write_index",
    "write_tracks",
    "year_in_name",
]
