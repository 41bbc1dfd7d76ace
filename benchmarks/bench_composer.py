"""Time invite-list suggestions for one roundtable over a large generated directory.

    python benchmarks/bench_composer.py [--people 100000] [--runs 15] [--db PATH]

Generates the directory once through the storage layer in a single transaction (people with
sectors, themes, levers, jurisdictions and consent histories, plus a year of past roundtables
with invite lists so breadth and burden have something to count), then times
`suggestions_for` repeatedly and prints the median. The goal is at most 150 ms at 100k people.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from convener.domain import ConsentPurpose, InvitationStatus
from convener.roundtables import RoundtableDraft, create_roundtable
from convener.storage import Store, Taxonomy
from convener.storage.roundtables import RoundtableRecord
from convener.storage.stakeholders import StakeholderRecord

NOW = datetime(2027, 1, 10, 12, 0, tzinfo=UTC)


def generate(store: Store, people: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    taxonomy = store.taxonomy
    sectors = [t.id for t in taxonomy.terms(Taxonomy.SECTORS)]
    lee_sector = taxonomy.resolve(Taxonomy.SECTORS, "Lived experience experts")
    themes = [t.id for t in taxonomy.terms(Taxonomy.THEMES)]
    levers = [t.id for t in taxonomy.terms(Taxonomy.LEVERS)]
    places = [t.id for t in taxonomy.terms(Taxonomy.JURISDICTIONS)]
    with store.db.atomic():
        orgs = [store.organisations.add(f"Organisation {n}") for n in range(2000)]
        ids: list[int] = []
        for n in range(people):
            lee = rng.random() < 0.08
            sid = store.stakeholders.insert(
                StakeholderRecord(
                    name=f"Person {n}", pseudonym=f"P{n}" if lee else None, role=None,
                    organisation_id=None if lee else rng.choice(orgs),
                    email=None if lee else f"person{n}@example.org", phone=None,
                    sector_id=lee_sector if lee else rng.choice(sectors),
                    jurisdiction_id=rng.choice(places), tags=(), lived_experience=lee,
                    intermediary_id=None, access_needs="", safe_contact_notes="", notes="",
                    lever_ids=rng.sample(levers, rng.randint(1, 2)),
                    theme_ids=rng.sample(themes, rng.randint(1, 3)),
                )
            )  # fmt: skip
            ids.append(sid)
            if rng.random() < 0.85:
                at = NOW - timedelta(days=rng.randint(30, 900))
                store.consent.record(sid, ConsentPurpose.CONTACT, given=True, recorded_at=at)
                if rng.random() < 0.05:
                    later = at + timedelta(days=10)
                    store.consent.record(
                        sid, ConsentPurpose.CONTACT, given=False, recorded_at=later
                    )
        # A year of roundtables, about 15 people each.
        for week in range(300):
            start = NOW - timedelta(days=365) + timedelta(days=week * 1.3)
            rid = store.roundtables.insert(
                RoundtableRecord(
                    title=f"Roundtable {week}", theme_id=rng.choice(themes), starts_at=start,
                    ends_at=start + timedelta(hours=2), tz="Europe/London",
                )
            )  # fmt: skip
            for sid in rng.sample(ids, 15):
                store.roundtables.invite(rid, sid, status=InvitationStatus.ATTENDED)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--size", type=int, default=15)
    parser.add_argument("--db", type=Path, help="reuse or keep this database file")
    args = parser.parse_args()

    from convener.suggestions import suggestions_for

    folder = tempfile.TemporaryDirectory()
    path = args.db or Path(folder.name) / "bench.db"
    fresh = not path.exists()
    with Store.open(path) as store:
        if fresh:
            started = time.perf_counter()
            generate(store, args.people)
            print(f"generated {args.people} people in {time.perf_counter() - started:.1f} s")
        count = store.stakeholders.count()
        for label, extra in (("one theme", []), ("two themes", ["Research and data"])):
            rid = create_roundtable(
                store,
                RoundtableDraft(
                    title=f"Benchmark, {label}", theme="Prevention", start="2027-02-10T10:00",
                    end="2027-02-10T12:00", extra_themes=extra,
                ),
            )  # fmt: skip
            theme_ids = [store.taxonomy.resolve(Taxonomy.THEMES, t) for t in ["Prevention", *extra]]
            lever_ids = [store.taxonomy.resolve(Taxonomy.LEVERS, "Convening")]
            loads, totals = [], []
            for _ in range(args.runs):
                started = time.perf_counter()
                pool = store.candidates.for_roundtable(
                    rid, theme_ids, lever_ids, now=NOW, burden_days=90
                )
                loads.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                report = suggestions_for(store, rid, args.size, now=NOW)
                totals.append((time.perf_counter() - started) * 1000)
            print(
                f"{label}: {len(pool)} candidates of {count} stakeholders, "
                f"{len(report.suggestions)} suggested; suggestions_for median "
                f"{statistics.median(totals):.1f} ms (min {min(totals):.1f}, max "
                f"{max(totals):.1f}) over {args.runs} runs, of which loading candidates median "
                f"{statistics.median(loads):.1f} ms"
            )
    folder.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
