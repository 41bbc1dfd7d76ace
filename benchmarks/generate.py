"""A seeded generator of realistic Convener databases at several sizes, cached on disk.

The data is shaped like the office's own: people from many naming traditions and scripts,
spread over the default sectors and jurisdictions, each reachable through one to three levers
and working on one to three themes; lived experience experts, some known only by a pseudonym and
some reached only through an intermediary organisation (so with no email or phone of their
own), with access needs; consent histories with withdrawals; roundtables over six years in
several time zones, with agendas, invite lists that always include lived experience experts
(with fees, expenses and payment dates) and findings, a few of them retracted.

Everything is written through the stores, inside one transaction, using the bulk path for
people (`StakeholderStore.insert_many`) so that the stress size (100k people) builds in well
under a minute. The same size and seed always give the same data; the file is cached under
the cache folder keyed by size, seed, schema version and a hash of this generator's source,
so a changed generator or a new migration builds afresh.

    python -m benchmarks.generate --size office            # builds or reuses, prints the path
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import os
import random
import time
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks import vocabulary
from convener.domain import (
    Attribution,
    ConsentMethod,
    ConsentPurpose,
    FindingKind,
    InvitationRole,
    InvitationStatus,
    RoundtableStatus,
)
from convener.storage import Store, Taxonomy
from convener.storage.findings import FindingRecord
from convener.storage.migrations import latest_version
from convener.storage.roundtables import RoundtableRecord
from convener.storage.stakeholders import StakeholderRecord

DEFAULT_SEED = 20261123
DEFAULT_CACHE = Path(__file__).resolve().parent.parent / ".bench-cache"

# Statuses are derived from this fixed "today", so the data does not change with the date.
TODAY = datetime(2026, 6, 1, tzinfo=UTC)  # also "now" for benchmarks that ask
_FIRST_DAY = date(2021, 1, 4)
_LAST_DAY = date(2027, 6, 30)


@dataclass(frozen=True, slots=True)
class Size:
    name: str
    stakeholders: int
    roundtables: int
    findings: int
    organisations: int


SIZES: dict[str, Size] = {
    size.name: size
    for size in (
        Size("small", 300, 12, 150, 60),  # for the test suite: seconds, not minutes
        Size("office", 2_000, 100, 2_000, 300),
        Size("large", 20_000, 500, 10_000, 2_000),
        Size("stress", 100_000, 2_000, 40_000, 8_000),
    )
}


@dataclass(frozen=True, slots=True)
class Dataset:
    size: Size
    seed: int
    path: Path
    build_seconds: float | None  # None when it came from the cache


# Letters that are not "a letter plus an accent" in Unicode, so NFKD does not fold them.
_SPECIAL_LETTERS = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss", "æ": "ae"}
)


def ascii_fold(text: str) -> str:
    """The text as someone would type it on a UK keyboard: accents dropped."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _roman(entry: str) -> str:
    return entry.rsplit("|", maxsplit=1)[-1]


def _native(entry: str) -> str:
    return entry.split("|", maxsplit=1)[0]


def generator_fingerprint() -> str:
    """Changes whenever this generator or its name lists change, so caches are rebuilt."""
    digest = hashlib.sha256()
    for module in (__file__, vocabulary.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()[:10]


def cache_path(size: Size, seed: int, cache_dir: Path) -> Path:
    return cache_dir / (
        f"{size.name}-seed{seed}-schema{latest_version()}-gen{generator_fingerprint()}.db"
    )


def dataset(size: Size, seed: int = DEFAULT_SEED, cache_dir: Path = DEFAULT_CACHE) -> Dataset:
    """The generated database for this size and seed, built now if it is not cached yet."""
    path = cache_path(size, seed, cache_dir)
    if path.exists():
        return Dataset(size, seed, path, None)
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".building-{os.getpid()}")
    partial.unlink(missing_ok=True)
    started = time.perf_counter()
    try:
        build(partial, size, seed)
        os.replace(partial, path)
    finally:
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
    return Dataset(size, seed, path, time.perf_counter() - started)


def build(path: Path, size: Size, seed: int) -> None:
    """Write a complete generated database to `path` (a new file)."""
    rng = random.Random(seed)
    with Store.open(path) as store:
        with store.db.atomic():
            _Generator(store, rng, size).run()
        # Leave one self-contained file behind, with no -wal beside it.
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@dataclass
class _Person:
    id: int
    sector: str
    lived_experience: bool
    protected: bool
    theme_ids: Sequence[int]


@dataclass
class _Generator:
    store: Store
    rng: random.Random
    size: Size
    sectors: dict[str, int] = field(default_factory=dict)
    jurisdictions: dict[str, int] = field(default_factory=dict)
    themes: dict[str, int] = field(default_factory=dict)
    levers: dict[str, int] = field(default_factory=dict)
    organisations: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    people: list[_Person] = field(default_factory=list)

    def run(self) -> None:
        for taxonomy, target in (
            (Taxonomy.SECTORS, self.sectors),
            (Taxonomy.JURISDICTIONS, self.jurisdictions),
            (Taxonomy.THEMES, self.themes),
            (Taxonomy.LEVERS, self.levers),
        ):
            target.update({t.name: t.id for t in self.store.taxonomy.terms(taxonomy)})
        self._organisations()
        self._people()
        self._roundtables()

    # -- organisations ---------------------------------------------------------------------

    def _organisations(self) -> None:
        rng = self.rng
        sectors = list(vocabulary.SECTOR_WEIGHTS)
        weights = list(itertools.accumulate(vocabulary.SECTOR_WEIGHTS.values()))
        seen: set[str] = set()
        by_sector: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for n in range(self.size.organisations):
            # Every sector has a few bodies, then they follow the sector weights.
            sector = (
                sectors[n] if n < len(sectors) else rng.choices(sectors, cum_weights=weights)[0]
            )
            name = self._organisation_name(sector)
            if name.casefold() in seen:
                name = f"{name} ({rng.choice(vocabulary.PLACES)})"
            if name.casefold() in seen:
                name = f"{name} {n}"
            seen.add(name.casefold())
            domain = self._domain(name, sector)
            oid = self.store.organisations.add(
                name,
                sector=sector,
                jurisdiction=self._jurisdiction(),
                email=f"info@{domain}",
                website=f"https://www.{domain}/",
            )
            by_sector[sector].append((oid, domain))
        self.organisations = dict(by_sector)

    def _organisation_name(self, sector: str) -> str:
        rng = self.rng
        pattern = rng.choice(vocabulary.ORGANISATION_PATTERNS[sector])
        tradition = vocabulary.TRADITIONS[0]
        return pattern.format(
            place=rng.choice(vocabulary.PLACES),
            unit=rng.choice(vocabulary.UNITS),
            adjective=rng.choice(vocabulary.ADJECTIVES),
            family=rng.choice(tradition.family),
            family2=rng.choice(tradition.family),
        )

    @staticmethod
    def _domain(name: str, sector: str) -> str:
        slug = "".join(c for c in ascii_fold(name).lower() if c.isalnum())[:24] or "org"
        suffix = {
            "Central government": "gov.uk",
            "Devolved administrations": "gov.uk",
            "Law enforcement": "police.uk",
            "Health": "nhs.uk",
            "Local authorities": "gov.uk",
            "Research and academia": "ac.uk",
            "Business": "co.uk",
        }.get(sector, "org.uk")
        return f"{slug}.{suffix}"

    def _jurisdiction(self) -> str:
        return self.rng.choices(
            list(vocabulary.JURISDICTION_WEIGHTS),
            weights=list(vocabulary.JURISDICTION_WEIGHTS.values()),
        )[0]

    # -- people ----------------------------------------------------------------------------

    def _people(self) -> None:
        rng = self.rng
        traditions = vocabulary.TRADITIONS
        tradition_weights = list(itertools.accumulate(t.weight for t in traditions))
        sectors = list(vocabulary.SECTOR_WEIGHTS)
        sector_weights = list(itertools.accumulate(vocabulary.SECTOR_WEIGHTS.values()))
        lever_ids = list(self.levers.values())
        theme_ids = list(self.themes.values())
        intermediaries = self.organisations.get("Survivor-led organisations", []) + (
            self.organisations.get("Charities and NGOs", [])
        )
        records: list[StakeholderRecord] = []
        shapes: list[tuple[str, bool, bool]] = []
        for _ in range(self.size.stakeholders):
            tradition = traditions[
                bisect.bisect_right(tradition_weights, rng.randrange(tradition_weights[-1]))
            ]
            given, family = rng.choice(tradition.given), rng.choice(tradition.family)
            first, last = (family, given) if tradition.family_first else (given, family)
            name = f"{_native(first)} {_native(last)}"
            sector = sectors[bisect.bisect_right(sector_weights, rng.randrange(sector_weights[-1]))]
            lived = sector == "Lived experience experts" or (
                sector == "Survivor-led organisations" and rng.random() < 0.5
            )
            pseudonym = rng.choice(vocabulary.PSEUDONYMS) if lived and rng.random() < 0.4 else None
            via = lived and sector == "Lived experience experts" and rng.random() < 0.3
            intermediary_id = rng.choice(intermediaries)[0] if via and intermediaries else None
            own_orgs = self.organisations.get(sector)
            organisation = rng.choice(own_orgs) if own_orgs and not via else None
            local = ascii_fold(f"{_roman(given)[0]}.{_roman(family)}").lower().replace(" ", "")
            local = "".join(c for c in local if c.isalnum() or c in ".-")
            email = phone = None
            if intermediary_id is None:
                if organisation and rng.random() < 0.9:
                    email = f"{local}@{organisation[1]}"
                elif rng.random() < 0.6:
                    email = f"{local}{rng.randrange(10, 99)}@example.org"
                if rng.random() < 0.5:
                    phone = f"+44 7{rng.randrange(100, 999)} {rng.randrange(100000, 999999)}"
            themes = rng.sample(theme_ids, rng.randint(1, 3))
            protected = lived and (pseudonym is not None or intermediary_id is not None)
            records.append(
                StakeholderRecord(
                    name=name,
                    pseudonym=pseudonym,
                    role=None
                    if lived
                    else rng.choice(vocabulary.ROLES.get(sector, vocabulary.DEFAULT_ROLES)),
                    organisation_id=organisation[0] if organisation else None,
                    email=email,
                    phone=phone,
                    sector_id=self.sectors[sector],
                    jurisdiction_id=self.jurisdictions[self._jurisdiction()],
                    tags=rng.sample(vocabulary.TAGS, rng.choice((0, 0, 1, 1, 2, 3))),
                    lived_experience=lived,
                    intermediary_id=intermediary_id,
                    access_needs=rng.choice(vocabulary.ACCESS_NEEDS)
                    if lived and rng.random() < 0.6
                    else "",
                    safe_contact_notes=(
                        "Contact only through the intermediary; never by phone"
                        if intermediary_id
                        else ""
                    ),
                    notes=rng.choice(("", "", "", "Met at the regional partnership meeting.")),
                    lever_ids=rng.sample(lever_ids, rng.randint(1, 3)),
                    theme_ids=themes,
                )
            )
            shapes.append((sector, lived, protected))
        ids = self.store.stakeholders.insert_many(records)
        self.people = [
            _Person(sid, sector, lived, protected, record.theme_ids)
            for sid, record, (sector, lived, protected) in zip(ids, records, shapes, strict=True)
        ]
        self._consent()

    def _consent(self) -> None:
        rng = self.rng
        consent = self.store.consent
        span = (TODAY - datetime(2019, 1, 1, tzinfo=UTC)).days
        for person in self.people:
            at = TODAY - timedelta(days=rng.randrange(30, span), minutes=rng.randrange(1440))
            method = (
                ConsentMethod.VIA_INTERMEDIARY
                if person.protected and rng.random() < 0.7
                else rng.choice((ConsentMethod.EMAIL, ConsentMethod.IN_PERSON, ConsentMethod.PHONE))
            )
            if rng.random() < 0.92:
                consent.record(
                    person.id, ConsentPurpose.CONTACT, given=True, method=method, recorded_at=at
                )
            named_share = 0.1 if person.lived_experience else 0.35
            if rng.random() < named_share:
                later = at + timedelta(days=rng.randrange(1, 400))
                consent.record(
                    person.id, ConsentPurpose.NAMED, given=True, method=method, recorded_at=later
                )
                if rng.random() < 0.1:  # some change their minds
                    consent.record(
                        person.id,
                        ConsentPurpose.NAMED,
                        given=False,
                        method=method,
                        note="Asked not to be named in reports any more",
                        recorded_at=later + timedelta(days=rng.randrange(1, 300)),
                    )
            if person.lived_experience and rng.random() < 0.3:
                consent.record(
                    person.id,
                    ConsentPurpose.QUOTED,
                    given=rng.random() < 0.7,
                    method=method,
                    recorded_at=at + timedelta(days=rng.randrange(1, 200)),
                )

    # -- roundtables -----------------------------------------------------------------------

    def _roundtables(self) -> None:
        rng = self.rng
        by_theme: dict[int, list[_Person]] = defaultdict(list)
        for person in self.people:
            for theme_id in person.theme_ids:
                by_theme[theme_id].append(person)
        experts = [p for p in self.people if p.lived_experience] or self.people
        zones = [z for z, _ in vocabulary.ZONES]
        zone_weights = [w for _, w in vocabulary.ZONES]
        days = (_LAST_DAY - _FIRST_DAY).days
        held: list[tuple[int, int, list[int], list[int]]] = []
        for _ in range(self.size.roundtables):
            theme_name = rng.choice(list(self.themes))
            theme_id = self.themes[theme_name]
            tz = rng.choices(zones, weights=zone_weights)[0]
            day = _FIRST_DAY + timedelta(days=rng.randrange(days))
            start_local = datetime(day.year, day.month, day.day, rng.choice((9, 10, 14)), 0)
            starts = start_local.replace(tzinfo=ZoneInfo(tz)).astimezone(UTC)
            ends = starts + timedelta(hours=rng.choice((2, 2, 3)))
            past = ends < TODAY
            if rng.random() < 0.03:
                status = RoundtableStatus.CANCELLED
            elif past:
                status = rng.choice((RoundtableStatus.HELD, RoundtableStatus.REPORTED))
            else:
                status = rng.choice((RoundtableStatus.DRAFT, RoundtableStatus.INVITATIONS_SENT))
            fmt = rng.choices(("online", "in person", "hybrid"), weights=(6, 2, 2))[0]
            rid = self.store.roundtables.insert(
                RoundtableRecord(
                    title=rng.choice(vocabulary.TITLES).format(topic=rng.choice(vocabulary.TOPICS)),
                    theme_id=theme_id,
                    starts_at=starts,
                    ends_at=ends,
                    tz=tz,
                    purpose=f"To hear what works on {theme_name.lower()} and what does not.",
                    format=fmt,
                    location=None
                    if fmt == "online"
                    else f"{rng.choice(vocabulary.PLACES)} Town Hall",
                    online_url=None
                    if fmt == "in person"
                    else f"https://meet.example.org/{_meeting_slug(rng)}",
                    organiser_name="Office of the Commissioner",
                    organiser_email="events@example.gov.uk",
                    capacity=rng.choice((20, 30, 40)),
                    budget_pence=rng.choice((150_000, 300_000, 500_000)),
                    status=status,
                )
            )
            agenda = [
                self.store.roundtables.add_agenda_item(rid, title)
                for title in vocabulary.AGENDA[: rng.randint(3, len(vocabulary.AGENDA))]
            ]
            invited = self._invite(rid, status, by_theme[theme_id] or self.people, experts)
            if status in (RoundtableStatus.HELD, RoundtableStatus.REPORTED):
                held.append((rid, theme_id, agenda, invited))
        self._findings(held)

    def _invite(
        self,
        rid: int,
        status: RoundtableStatus,
        pool: list[_Person],
        experts: list[_Person],
    ) -> list[int]:
        rng = self.rng
        chosen: dict[int, InvitationRole] = {}
        for person in rng.sample(experts, min(len(experts), rng.randint(2, 4))):
            chosen[person.id] = InvitationRole.PARTICIPANT
        chosen[next(iter(chosen))] = InvitationRole.CO_DESIGNER
        for person in rng.sample(pool, min(len(pool), rng.randint(12, 30))):
            chosen.setdefault(person.id, InvitationRole.PARTICIPANT)
        others = [sid for sid, role in chosen.items() if role is InvitationRole.PARTICIPANT]
        for sid, role in zip(
            others,
            (InvitationRole.CHAIR, InvitationRole.SPEAKER, InvitationRole.NOTE_TAKER),
            strict=False,
        ):
            chosen[sid] = role
        past = status in (RoundtableStatus.HELD, RoundtableStatus.REPORTED)
        experts_ids = {p.id for p in experts}
        for sid, role in chosen.items():
            if status is RoundtableStatus.DRAFT:
                reply = InvitationStatus.PROPOSED
            elif past:
                reply = rng.choices(
                    (
                        InvitationStatus.ATTENDED,
                        InvitationStatus.DECLINED,
                        InvitationStatus.NO_SHOW,
                    ),
                    weights=(8, 2, 1),
                )[0]
            else:
                reply = rng.choices(
                    (
                        InvitationStatus.INVITED,
                        InvitationStatus.ACCEPTED,
                        InvitationStatus.TENTATIVE,
                        InvitationStatus.DECLINED,
                    ),
                    weights=(3, 5, 1, 1),
                )[0]
            paid = sid in experts_ids
            self.store.roundtables.invite(
                rid,
                sid,
                role=role,
                status=reply,
                fee_pence=rng.choice((15_000, 20_000, 25_000)) if paid else None,
                expenses_pence=rng.choice((0, 2_350, 4_780, 11_200)) if paid else None,
                paid_on=(TODAY.date() - timedelta(days=rng.randrange(1, 60)))
                if paid and past and rng.random() < 0.85
                else None,
                access_needs=rng.choice(vocabulary.ACCESS_NEEDS)
                if paid and rng.random() < 0.4
                else "",
            )
        return list(chosen)

    def _findings(self, held: list[tuple[int, int, list[int], list[int]]]) -> None:
        rng = self.rng
        if not held:
            return
        kinds = list(FindingKind)
        lever_ids = list(self.levers.values())
        for n in range(self.size.findings):
            rid, theme_id, agenda, invited = held[n % len(held)]
            by = rng.choice(invited) if rng.random() < 0.15 else None
            fid = self.store.findings.add(
                FindingRecord(
                    roundtable_id=rid,
                    kind=rng.choices(kinds, weights=(6, 3, 1, 1))[0],
                    text=" ".join(
                        (
                            rng.choice(vocabulary.FINDING_OPENINGS),
                            rng.choice(vocabulary.FINDING_CLAIMS) + ".",
                            rng.choice(vocabulary.FINDING_ENDINGS),
                        )
                    ).strip(),
                    agenda_item_id=rng.choice(agenda) if agenda and rng.random() < 0.7 else None,
                    theme_id=theme_id,
                    lever_id=rng.choice(lever_ids) if rng.random() < 0.5 else None,
                    attribution=Attribution.SECTOR
                    if by and rng.random() < 0.5
                    else Attribution.NONE,
                    by_stakeholder_id=by,
                )
            )
            if rng.random() < 0.02:
                self.store.findings.retract(fid, "Withdrawn by the contributor")


def _meeting_slug(rng: random.Random) -> str:
    return "".join(rng.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(10))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=list(SIZES), default="office")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args(argv)
    made = dataset(SIZES[args.size], args.seed, args.cache)
    how = "cached" if made.build_seconds is None else f"built in {made.build_seconds:.1f} s"
    print(f"{made.path} ({how})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
