"""The disclosure policy: how a person may be shown to each audience.

Every export asks `render_person` and shows only what comes back. None of them decides on its
own whether a name, an address or an organisation may appear, so a new export cannot leak a
protected person by forgetting a rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from convener.consent import ConsentState
from convener.domain import ConsentPurpose, Stakeholder
from convener.redaction import Matcher, Term, TermKind, name_parts, term_key

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


def text_terms(person: Stakeholder, consent: ConsentState, audience: Audience) -> list[Term]:
    """What to look for in free text on this person's account, and what replaces it.

    Their name is replaced by the name `audience` may see (a pseudonym, or "[withheld]"), or
    kept where it may be seen as written. A lived experience expert who may not be seen by
    name is also looked for by each part of their name alone (a surname or given name,
    written capitalised). A pseudonym the audience may not see, and every contact detail the
    audience's view leaves out, become "[withheld]". Erased people have nothing left to find.
    """
    if person.erased:
        return []
    view = render_person(person, consent, audience)
    if view is None:
        shown = WITHHELD
    elif term_key(view.name) != term_key(person.name):
        shown = view.name
    else:
        shown = None
    terms = [Term(person.name, TermKind.NAME, shown)]
    if person.pseudonym:
        seen = view is not None and term_key(view.name) == term_key(person.pseudonym)
        terms.append(Term(person.pseudonym, TermKind.NAME, None if seen else WITHHELD))
    if person.lived_experience and shown is not None:
        terms += [Term(part, TermKind.PART, shown) for part in name_parts(person.name)]
    if person.email and (view is None or view.email != person.email):
        terms.append(Term(person.email, TermKind.EMAIL, WITHHELD))
    if person.phone and (view is None or view.phone != person.phone):
        terms.append(Term(person.phone, TermKind.PHONE, WITHHELD))
    return terms


def text_redactor(
    people: Iterable[tuple[Stakeholder, ConsentState]], audience: Audience
) -> Matcher:
    """Rewrite free text (a finding, a title, an agenda) so it names `people` only as
    `audience` may see them (see `text_terms` and `convener.redaction`).

    Where two people share a name and only one may be shown, the name is withheld.
    """
    return Matcher(
        (term for person, consent in people for term in text_terms(person, consent, audience)),
        WITHHELD,
    )
