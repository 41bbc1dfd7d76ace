"""The disclosure policy, case by case: who may see what of whom."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from convener.consent import current_consent
from convener.domain import ConsentEvent, ConsentPurpose, Stakeholder
from convener.privacy import Audience, PersonView, render_person

OFFICER = Stakeholder(
    id=1,
    name="Grace Adeyemi",
    email="grace@example.org",
    phone="+44 7700 900123",
    organisation="National Crime Agency",
    sector="Law enforcement",
)
LEE_PSEUDONYM = Stakeholder(
    id=2,
    name="Real Name One",
    pseudonym="Mira",
    email="mira@example.org",
    sector="Lived experience experts",
    lived_experience=True,
)
LEE_INTERMEDIARY = Stakeholder(
    id=3,
    name="Real Name Two",
    pseudonym="Selam",
    intermediary_id=9,
    intermediary="Harbour Trust",
    intermediary_email="panel@harbour.example.org",
    sector="Lived experience experts",
    lived_experience=True,
)
LEE_NO_PSEUDONYM = Stakeholder(
    id=4,
    name="Kemi Adebayo",
    email="kemi@example.org",
    organisation="Northlight Panel",
    sector="Lived experience experts",
    lived_experience=True,
)
LEE_INTERMEDIARY_NO_PSEUDONYM = replace(LEE_INTERMEDIARY, id=5, pseudonym=None)


def _consent(*decisions: bool) -> list[ConsentEvent]:
    return [
        ConsentEvent(n, 0, ConsentPurpose.NAMED, given, datetime(2026, 1, n + 1, tzinfo=UTC))
        for n, given in enumerate(decisions)
    ]


NONE: tuple[bool, ...] = ()
GIVEN = (True,)
WITHDRAWN = (True, False)
REGIVEN = (True, False, True)

P = Audience.PUBLIC
OFFICE = Audience.INTERNAL
V = Audience.INVITEE
R = Audience.RECORD

CASES = [
    # person, named-consent history, audience, expected view
    (OFFICER, NONE, P, None),
    (
        OFFICER,
        GIVEN,
        P,
        PersonView("Grace Adeyemi", organisation="National Crime Agency", sector="Law enforcement"),
    ),
    (OFFICER, WITHDRAWN, P, None),
    (
        OFFICER,
        REGIVEN,
        P,
        PersonView("Grace Adeyemi", organisation="National Crime Agency", sector="Law enforcement"),
    ),
    (
        OFFICER,
        NONE,
        OFFICE,
        PersonView(
            "Grace Adeyemi",
            "grace@example.org",
            "+44 7700 900123",
            "National Crime Agency",
            "Law enforcement",
        ),
    ),
    (
        OFFICER,
        NONE,
        V,
        PersonView(
            "Grace Adeyemi", "grace@example.org", None, "National Crime Agency", "Law enforcement"
        ),
    ),
    (LEE_PSEUDONYM, NONE, P, None),
    (LEE_PSEUDONYM, GIVEN, P, PersonView("Mira", sector="Lived experience experts")),
    (LEE_PSEUDONYM, WITHDRAWN, P, None),
    (LEE_PSEUDONYM, GIVEN, OFFICE, PersonView("Mira", sector="Lived experience experts")),
    (
        LEE_PSEUDONYM,
        NONE,
        V,
        PersonView("Mira", "mira@example.org", sector="Lived experience experts"),
    ),
    (
        LEE_PSEUDONYM,
        NONE,
        R,
        PersonView("Real Name One", "mira@example.org", None, None, "Lived experience experts"),
    ),
    (LEE_INTERMEDIARY, GIVEN, P, PersonView("Selam", sector="Lived experience experts")),
    (LEE_INTERMEDIARY, NONE, OFFICE, PersonView("Selam", sector="Lived experience experts")),
    (
        LEE_INTERMEDIARY,
        NONE,
        V,
        PersonView("Selam", "panel@harbour.example.org", sector="Lived experience experts"),
    ),
    # A lived experience expert without a pseudonym is never named in public, consent or not.
    (LEE_NO_PSEUDONYM, GIVEN, P, None),
    (
        LEE_NO_PSEUDONYM,
        NONE,
        OFFICE,
        PersonView(
            "Kemi Adebayo", "kemi@example.org", None, "Northlight Panel", "Lived experience experts"
        ),
    ),
    (
        LEE_INTERMEDIARY_NO_PSEUDONYM,
        NONE,
        OFFICE,
        PersonView("Protected participant #5", sector="Lived experience experts"),
    ),
    (LEE_INTERMEDIARY_NO_PSEUDONYM, GIVEN, P, None),
]


@pytest.mark.parametrize(("person", "history", "audience", "expected"), CASES)
def test_disclosure_table(
    person: Stakeholder,
    history: tuple[bool, ...],
    audience: Audience,
    expected: PersonView | None,
) -> None:
    assert render_person(person, current_consent(_consent(*history)), audience) == expected


@pytest.mark.parametrize("audience", list(Audience))
@pytest.mark.parametrize("person", [OFFICER, LEE_PSEUDONYM, LEE_INTERMEDIARY])
def test_erased_people_appear_nowhere(person: Stakeholder, audience: Audience) -> None:
    erased = replace(person, erased=True)
    assert render_person(erased, current_consent(_consent(True)), audience) is None


@pytest.mark.parametrize("audience", [OFFICE, V, P])
@pytest.mark.parametrize("person", [LEE_PSEUDONYM, LEE_INTERMEDIARY])
def test_protected_real_name_only_in_own_record(person: Stakeholder, audience: Audience) -> None:
    view = render_person(person, current_consent(_consent(True)), audience)
    assert view is None or person.name not in repr(view)
