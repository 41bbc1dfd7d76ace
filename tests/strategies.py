"""Hypothesis strategies for whole data sets, and what public output must never contain.

`data_sets()` draws people (lived experience experts, pseudonyms, intermediaries, contact
details) with random consent histories, one roundtable they are all invited to, and findings
whose text names some of them (some retracted). `build(store, spec)` writes it into a real
database through the core. `forbidden_in_public(spec)` says, from the spec alone and without
asking the code under test, which strings no public output may contain.

Names are made of rare syllables (with accents and non-Latin letters) so that no name is
inside another, or inside any fixed text an export prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from hypothesis import strategies as st

from convener.consent_recording import record_consent
from convener.directory import add_stakeholder
from convener.domain import Attribution, ConsentPurpose, FindingKind, StakeholderDraft
from convener.storage import Store
from convener.storage.findings import FindingRecord
from convener.storage.roundtables import RoundtableRecord

T0 = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
INTERMEDIARY = "Safe Passage Support Network"
_SYLLABLES = (
    "zor",
    "vek",
    "quil",
    "brax",
    "dröm",
    "ñal",
    "kyth",
    "wuz",
    "ijö",
    "žar",
    "ølf",
    "Ђур",
    "παξ",
    "xyn",
    "fjå",
)


@st.composite
def _word(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(_SYLLABLES), min_size=2, max_size=3))
    return "".join(parts).capitalize()


@dataclass(frozen=True)
class PersonSpec:
    name: str
    pseudonym: str | None
    email: str | None
    phone: str | None
    lived_experience: bool
    via_intermediary: bool
    consent: tuple[tuple[ConsentPurpose, bool], ...]  # in the order recorded

    def latest(self, purpose: ConsentPurpose) -> bool:
        decisions = [given for p, given in self.consent if p is purpose]
        return bool(decisions) and decisions[-1]

    @property
    def protected(self) -> bool:
        return self.lived_experience and (self.pseudonym is not None or self.via_intermediary)


@dataclass(frozen=True)
class FindingSpec:
    by: int | None  # index into people
    attribution: Attribution
    mentions: tuple[int, ...]  # people named in the text
    retracted: bool


@dataclass(frozen=True)
class DataSetSpec:
    people: tuple[PersonSpec, ...]
    findings: tuple[FindingSpec, ...] = field(default=())
    chatham_house: bool = True  # when False, public outputs may attribute with consent


@st.composite
def people_specs(draw: st.DrawFn, unique_words: list[str], index: int) -> PersonSpec:
    name = f"{unique_words.pop()} {unique_words.pop()}"
    lived = draw(st.booleans())
    via = lived and draw(st.booleans())
    pseudonym = unique_words.pop() if lived and draw(st.booleans()) else None
    # Contact details are unique per person (the index is part of them), so one person's own
    # invitation cannot look like a leak of someone else's address.
    slug = "".join(draw(st.lists(st.sampled_from("bcdfghjkmnpqrstvwxz"), min_size=6, max_size=6)))
    email = None if via else draw(st.sampled_from([None, f"p{index}.{slug}@example.org"]))
    phone = None if via else draw(st.sampled_from([None, f"+44 7700 {900100 + index}"]))
    # Half the people consent to everything, so named and quoted output is drawn often.
    everything = [(purpose, True) for purpose in ConsentPurpose]
    consent = draw(
        st.one_of(
            st.lists(st.tuples(st.sampled_from(list(ConsentPurpose)), st.booleans()), max_size=6),
            st.just(everything),
        )
    )
    return PersonSpec(name, pseudonym, email, phone, lived, via, tuple(consent))


@st.composite
def data_sets(draw: st.DrawFn, max_people: int = 8) -> DataSetSpec:
    count = draw(st.integers(min_value=1, max_value=max_people))
    words = draw(st.lists(_word(), min_size=3 * count, max_size=3 * count, unique_by=str.casefold))
    # No word may contain another, or a shorter name could be found inside a longer one.
    words = [w for w in words if not any(w != o and w.casefold() in o.casefold() for o in words)]
    people: list[PersonSpec] = []
    for index in range(count):
        if len(words) < 3:
            break
        people.append(draw(people_specs(words, index)))
    if not people:
        return DataSetSpec(())
    indices = st.integers(min_value=0, max_value=len(people) - 1)
    findings = draw(
        st.lists(
            st.builds(
                FindingSpec,
                by=st.one_of(st.none(), indices),
                attribution=st.sampled_from(list(Attribution)),
                mentions=st.lists(indices, max_size=3).map(tuple),
                retracted=st.booleans(),
            ),
            max_size=5,
        )
    )
    return DataSetSpec(tuple(people), tuple(findings), draw(st.booleans()))


def finding_text(spec: DataSetSpec, finding: FindingSpec, number: int) -> str:
    """Text an author might type: it names people, by name, pseudonym and email."""
    words = [f"Finding {number}: practitioners described gaps in referral."]
    for index in finding.mentions:
        person = spec.people[index]
        words.append(f"As {person.name} put it,")
        if person.pseudonym:
            words.append(f"({person.pseudonym.upper()})")
        if person.email:
            words.append(f"write to {person.email}")
    return " ".join(words)


@dataclass(frozen=True)
class Built:
    ids: tuple[int, ...]  # stakeholder id per person, in spec order
    roundtable_id: int
    finding_ids: tuple[int, ...]


def build(store: Store, spec: DataSetSpec) -> Built:
    """Write the data set through the core, as the app would."""
    if store.organisations.find_by_name(INTERMEDIARY) is None:
        store.organisations.add(INTERMEDIARY, email="referrals@safe-passage.example.org")
    ids: list[int] = []
    clock = T0
    for person in spec.people:
        sid = add_stakeholder(
            store,
            StakeholderDraft(
                name=person.name,
                pseudonym=person.pseudonym,
                email=person.email,
                phone=person.phone,
                lived_experience=person.lived_experience,
                intermediary=INTERMEDIARY if person.via_intermediary else None,
                sector="Lived experience experts" if person.lived_experience else None,
                notes=f"Met {person.name} at the spring forum.",
            ),
        )
        ids.append(sid)
        for purpose, given in person.consent:
            clock += timedelta(minutes=1)
            record_consent(store, sid, purpose, given=given, recorded_at=clock, recorded_by="t")
    with store.db.atomic():
        rid = store.roundtables.insert(
            RoundtableRecord(
                title="Prevention roundtable",
                theme_id=None,
                starts_at=T0 + timedelta(days=30),
                ends_at=T0 + timedelta(days=30, hours=2),
                tz="Europe/London",
                organiser_name="Convening team",
                organiser_email="roundtables@office.example.org",
                chatham_house=spec.chatham_house,
            )
        )
        for sid in ids:
            store.roundtables.invite(rid, sid)
        finding_ids: list[int] = []
        for number, finding in enumerate(spec.findings):
            fid = store.findings.add(
                FindingRecord(
                    roundtable_id=rid,
                    kind=FindingKind.INSIGHT,
                    text=finding_text(spec, finding, number),
                    attribution=finding.attribution if finding.by is not None else Attribution.NONE,
                    by_stakeholder_id=ids[finding.by] if finding.by is not None else None,
                )
            )
            if finding.retracted:
                store.findings.retract(fid, "withdrawn")
            finding_ids.append(fid)
    return Built(tuple(ids), rid, tuple(finding_ids))


def forbidden_in_public(spec: DataSetSpec, *, except_person: int | None = None) -> set[str]:
    """Strings no public output may contain, derived from the spec and the rules alone.

    Protected people: real name, email, phone. Anyone without current consent to be named:
    every name they have. Lived experience experts: their real name in any case. Everyone:
    contact details. `except_person` leaves out one person's own details: their own invitation
    may carry their address, and their name unless they are protected.
    """
    forbidden: set[str] = set()
    for index, person in enumerate(spec.people):
        own = index == except_person
        if own and not person.protected:
            continue
        if not own:  # an invitation is delivered to its own invitee's contact route
            forbidden.update(d for d in (person.email, person.phone) if d)
        named = person.latest(ConsentPurpose.NAMED)
        if person.protected or person.lived_experience or not named:
            forbidden.add(person.name)
        if person.pseudonym and not named and not own:
            forbidden.add(person.pseudonym)
    return forbidden
