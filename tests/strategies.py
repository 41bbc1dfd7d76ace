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

import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from anyascii import anyascii
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
    title_mentions: tuple[int, ...] = ()  # people named in the roundtable's own text
    spelling: int = 0  # where in `SPELLINGS` the names typed into text start


# How an author might type a name: every way the issue lists (tests/convener/
# test_redaction.py has each on its own; here they go through every output).
SPELLINGS = (
    lambda name: name,
    str.upper,
    lambda name: name[:2] + "\u200b" + name[2:],  # zero-width space
    lambda name: name[:3] + "\u00ad" + name[3:],  # soft hyphen
    lambda name: "\ufeff" + name.replace(" ", " \u2066") + "\u2069",  # BOM, bidi isolates
    lambda name: name[:1] + "\u034f" + name[1:],  # combining grapheme joiner
    lambda name: unicodedata.normalize("NFD", name),
    anyascii,  # no accents, no other scripts
    lambda name: name.replace(" ", "  \n "),
    lambda name: name.replace(" ", "\u00a0"),
)


def spelt(name: str, how: int) -> str:
    return SPELLINGS[how % len(SPELLINGS)](name)


def spelt_email(email: str, how: int) -> str:
    local, domain = email.split("@")
    return f"{local.upper() if how % 2 else local}@\u200b{domain}"


def spelt_phone(phone: str, how: int) -> str:
    digits = "".join(c for c in phone if c.isdigit())[2:]  # without +44
    return f"+44 (0){digits[:4]}-{digits[4:]}" if how % 2 else f"0{digits[:4]} {digits[4:]}"


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
    return DataSetSpec(
        tuple(people),
        tuple(findings),
        draw(st.booleans()),
        tuple(draw(st.lists(indices, max_size=3))),
        draw(st.integers(0, len(SPELLINGS) - 1)),
    )


def finding_text(spec: DataSetSpec, finding: FindingSpec, number: int) -> str:
    """Text an author might type: it names people, by name, pseudonym, email and phone, each
    spelt one of the ways in `SPELLINGS`."""
    words = [f"Finding {number}: practitioners described gaps in referral."]
    for at, index in enumerate(finding.mentions):
        person = spec.people[index]
        how = spec.spelling + number + at
        words.append(f"As {spelt(person.name, how)} put it,")
        if person.pseudonym:
            words.append(f"({person.pseudonym.upper()})")
        if person.email:
            words.append(f"write to {spelt_email(person.email, how)}")
        if person.phone:
            words.append(f"or call {spelt_phone(person.phone, how)}.")
    return " ".join(words)


def roundtable_text(spec: DataSetSpec) -> tuple[str, str, list[str]]:
    """The roundtable's title, purpose and agenda, naming `spec.title_mentions`: a lived
    experience expert by their surname alone in the title (as a name is written)."""
    people = [(spec.people[i], spec.spelling + n) for n, i in enumerate(spec.title_mentions)]
    in_title = [
        p.name.split()[-1] if p.lived_experience else spelt(p.name, how) for p, how in people
    ]
    named = ", ".join(spelt(p.name, how + 1) for p, how in people)
    title = "Prevention roundtable" + (f" with {' and '.join(in_title)}" if people else "")
    purpose = f"To hear from {named}." if people else ""
    agenda = [f"Welcome from {spelt(p.name, how + 2)}" for p, how in people]
    return title, purpose, agenda


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
        title, purpose, agenda = roundtable_text(spec)
        rid = store.roundtables.insert(
            RoundtableRecord(
                title=title,
                purpose=purpose,
                theme_id=None,
                starts_at=T0 + timedelta(days=30),
                ends_at=T0 + timedelta(days=30, hours=2),
                tz="Europe/London",
                organiser_name="Convening team",
                organiser_email="roundtables@office.example.org",
                chatham_house=spec.chatham_house,
            )
        )
        store.roundtables.replace_agenda(rid, agenda)
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
            if person.phone:  # also as it may be typed
                forbidden.update(spelt_phone(person.phone, how) for how in (0, 1))
        named = person.latest(ConsentPurpose.NAMED)
        if person.protected or person.lived_experience or not named:
            forbidden.add(person.name)
        if person.lived_experience:  # an expert's surname or given name alone
            forbidden.update(person.name.split())
        if person.pseudonym and not named and not own:
            forbidden.add(person.pseudonym)
    return forbidden


def forbidden_in_office(spec: DataSetSpec) -> set[str]:
    """What the office's own copies (the PUBLISH calendar) may not hold: a protected
    person's name, its parts and their contact details; the office sees everyone else."""
    forbidden: set[str] = set()
    for person in spec.people:
        if person.protected:
            forbidden.update([person.name, *person.name.split()])
            forbidden.update(d for d in (person.email, person.phone) if d)
    return forbidden
