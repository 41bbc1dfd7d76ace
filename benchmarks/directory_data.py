"""A reproducible large directory for the benchmarks: N generated stakeholders.

Names mix scripts and diacritics like the real directory does; every person has a sector,
a jurisdiction, one or two levers and themes, and a third of them an organisation.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from convener.collation import sort_key
from convener.storage import Store, Taxonomy
from convener.storage.stakeholders import StakeholderRecord

_FIRST = [
    "Anna",
    "Łucja",
    "Émile",
    "Kemi",
    "Siân",
    "Олена",
    "María",
    "Piotr",
    "Nguyễn",
    "Chloe",
    "Arben",
    "Feven",
    "Gülşen",
    "Ștefan",
    "Ciarán",
    "Hannah",
    "Omar",
    "Priya",
    "Tomás",
    "Zoe",
]
_LAST = [
    "Okafor",
    "Wójcik",
    "Zieliński",
    "Ríos",
    "Коваленко",
    "O'Brien",
    "Țurcanu",
    "Öztürk",
    "Smith",
    "Jones",
    "Hoxha",
    "Tesfaye",
    "Santos",
    "Raman",
    "Adebayo",
    "Llŷr",
    "Evans",
    "Khan",
]


def generate(path: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with Store.open(path) as store:
        tax = store.taxonomy
        sectors = [t.id for t in tax.terms(Taxonomy.SECTORS)]
        places = [t.id for t in tax.terms(Taxonomy.JURISDICTIONS)]
        levers = [t.id for t in tax.terms(Taxonomy.LEVERS)]
        themes = [t.id for t in tax.terms(Taxonomy.THEMES)]
        with store.db.atomic():
            orgs = [store.organisations.add(f"Organisation {n:04d}") for n in range(2000)]
            for n in range(count):
                first, last = rng.choice(_FIRST), rng.choice(_LAST)
                lived = rng.random() < 0.05
                record = StakeholderRecord(
                    name=f"{first} {last} {n}",
                    pseudonym=f"Pseudonym {n}" if lived and rng.random() < 0.5 else None,
                    role="Officer",
                    organisation_id=rng.choice(orgs) if rng.random() < 0.33 else None,
                    email=f"{sort_key(first)}.{sort_key(last)}{n}@example.org".replace("'", ""),
                    phone=None,
                    sector_id=rng.choice(sectors),
                    jurisdiction_id=rng.choice(places),
                    tags=[],
                    lived_experience=lived,
                    intermediary_id=None,
                    access_needs="",
                    safe_contact_notes="",
                    notes="",
                    lever_ids=rng.sample(levers, rng.randint(1, 2)),
                    theme_ids=rng.sample(themes, rng.randint(1, 2)),
                )
                store.stakeholders.insert(record)


if __name__ == "__main__":
    target = Path(sys.argv[1])
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    began = time.perf_counter()
    generate(target, size)
    print(f"{size} stakeholders in {target} ({time.perf_counter() - began:.1f} s)")
