"""Time one erasure (transaction, index rebuild, VACUUM, WAL truncate) on a large directory.

    python benchmarks/erasure.py [PEOPLE]

Generates PEOPLE stakeholders (default 20000) with notes, 200 roundtables and 2000 findings in a
temporary database, then erases one person and prints the timings.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from convener.directory import add_stakeholder
from convener.domain import FindingKind, StakeholderDraft
from convener.erasure import erase_person
from convener.storage import Store
from convener.storage.findings import FindingRecord
from convener.storage.roundtables import RoundtableRecord

WORDS = (
    "referral",
    "prevention",
    "survivors",
    "evidence",
    "supply",
    "chains",
    "policing",
    "care",
    "sector",
)


def main(people: int) -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "big.db") as store:
        start = time.perf_counter()
        with store.db.atomic():
            ids = [
                add_stakeholder(
                    store,
                    StakeholderDraft(
                        name=f"Person {i} Surname{i}",
                        email=f"p{i}@example.org",
                        notes=" ".join(rng.choices(WORDS, k=12)),
                        lived_experience=i % 10 == 0,
                    ),
                )
                for i in range(people)
            ]
            t0 = datetime(2025, 1, 1, tzinfo=UTC)
            for r in range(200):
                rid = store.roundtables.insert(
                    RoundtableRecord(
                        f"Roundtable {r}",
                        None,
                        t0 + timedelta(days=r),
                        t0 + timedelta(days=r, hours=2),
                        "UTC",
                    )
                )
                for sid in rng.sample(ids, 12):
                    store.roundtables.invite(rid, sid)
                for _ in range(10):
                    store.findings.add(
                        FindingRecord(rid, FindingKind.INSIGHT, " ".join(rng.choices(WORDS, k=30)))
                    )
        built = time.perf_counter() - start
        size = (Path(folder) / "big.db").stat().st_size
        start = time.perf_counter()
        erase_person(store, ids[people // 2], "benchmark")
        erased = time.perf_counter() - start
    print(f"{people} people: built in {built:.1f} s ({size / 1e6:.1f} MB); erasure {erased:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
