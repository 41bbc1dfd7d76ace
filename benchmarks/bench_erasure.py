"""Erasing one person: the transaction, the search index, VACUUM and the WAL truncated.

`erase_person` rewrites the whole database file (VACUUM, so nothing of the person survives in
free pages) and truncates the write-ahead log, so its cost grows with the file: it runs at every
size, on a private copy, erasing a different person on each call. The issue's figure is the
stress size (100k people).
"""

from __future__ import annotations

from benchmarks.harness import Context, Operation, benchmark
from convener.erasure import erase_person
from convener.storage import StakeholderFilter, Store


@benchmark("erasure of one person", repeats=5, warmup=1)
def erasure(ctx: Context) -> Operation:
    """erase_person on successive people spread over the directory."""
    store = Store.open(ctx.scratch_copy())
    ctx.on_cleanup(store.close)
    ids = store.stakeholders.ids(StakeholderFilter())
    people = iter(ids[len(ids) // 3 :: max(len(ids) // 50, 1)])

    def run() -> int:
        return erase_person(store, next(people), "benchmark: asked to be forgotten").audit_id

    return run
