"""The disclosure policy: how a person may be shown to each audience.

Every export asks `render_person` and shows only what comes back. None of them decides on its
own whether a name, an address or an organisation may appear, so a new export cannot leak a
protected person by forgetting a rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from convener.consent import ConsentState
from convener.domain import ConsentPurpose, Stakeholder
from convener.redaction import substitutions

WITHHELD = "[withheld]"


class Audience(StrEnum):
    RECORD = "record"  # the person's own record in the app: the only place with everything
    INTERNAL = "internal"  # the office: lists, internal reports, internal CSV
    INVITEE = "invitee"  # an invitation addressed to this person (and only them)
    PUBLIC = "public"  # reports and anything published


@dataclass(frozen=True, slots=True)
class PersonView:
    """What one audience may see of one person; None means "leave it out"."""

    name: str
    email: str | None = None
    phone: str | None = None
    organisation: str | None = None
    sector: str | None = None


def protected_label(person: Stakeholder) -> str:
    """The stand-in name of a protected person who has no pseudonym."""
    return f"Protected participant #{person.id}"


def _for_record(person: Stakeholder, consent: ConsentState) -> PersonView | None:
    return PersonView(person.name, person.email, person.phone, person.organisation, person.sector)


def _for_office(person: Stakeholder, consent: ConsentState) -> PersonView | None:
    if person.is_protected:
        return PersonView(person.pseudonym or protected_label(person), sector=person.sector)
    return _for_record(person, consent)


def _for_invitee(person: Stakeholder, consent: ConsentState) -> PersonView | None:
    if person.is_protected:
        # Reached only through their intermediary, under the name they chose.
        address = person.intermediary_email if person.intermediary_id else person.email
        return PersonView(
            person.pseudonym or protected_label(person), email=address, sector=person.sector
        )
    return PersonView(person.name, person.email, None, person.organisation, person.sector)


def _for_public(person: Stakeholder, consent: ConsentState) -> PersonView | None:
    # A name only with current consent to be named; a lived experience expert only ever
    # under a pseudonym they chose; never a contact detail.
    if not consent.allows(ConsentPurpose.NAMED):
        return None
    if person.lived_experience:
        return PersonView(person.pseudonym, sector=person.sector) if person.pseudonym else None
    return PersonView(person.name, organisation=person.organisation, sector=person.sector)


_RULES = {
    Audience.RECORD: _for_record,
    Audience.INTERNAL: _for_office,
    Audience.INVITEE: _for_invitee,
    Audience.PUBLIC: _for_public,
}


def render_person(
    person: Stakeholder, consent: ConsentState, audience: Audience
) -> PersonView | None:
    """Show `person` to `audience`, or return None when they must not appear at all."""
    if person.erased:
        return None
    return _RULES[audience](person, consent)


def redaction_terms(person: Stakeholder) -> tuple[str, ...]:
    """Every term `text_redactor` may look for in a text on this person's account."""
    return tuple(t for t in (person.name, person.pseudonym, person.email, person.phone) if t)


def text_redactor(
    people: Iterable[tuple[Stakeholder, ConsentState]], audience: Audience
) -> Callable[[str], str]:
    """Rewrite free text (a finding, a note) so it names `people` only as `audience` may see them.

    Authors type names into findings; the policy applies to those words too. A person the
    audience may not see at all has their names and contact details replaced by "[withheld]";
    a person shown under a pseudonym has their real name replaced by it. Where two people
    share a name and only one may be shown, the name is withheld.
    """
    shown: dict[str, str] = {}
    withheld: list[str | None] = []
    for person, consent in people:
        view = render_person(person, consent, audience)
        if view is None:
            withheld += redaction_terms(person)
            continue
        if view.name.casefold() != person.name.casefold():
            shown[person.name] = view.name
        withheld += [d for d in (person.email, person.phone) if d not in (view.email, view.phone)]
    shown.update({term: WITHHELD for term in withheld if term})
    return substitutions(shown, WITHHELD)
