"""Free text as an audience may see it: who could be named in it, and the matcher for them.

Authors type names anywhere: into findings, a roundtable's title, purpose, agenda and
location. Whoever is named, invited or not, the disclosure policy decides how they appear:
this module finds, out of the whole directory, the people a set of texts could name (by the
words of their names, their e-mail addresses and phone numbers) and builds the one matcher
(`convener.redaction`) over them for an audience. Every output that prints free text asks
here, so none can print a name the policy would not.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from convener.consent import ConsentState
from convener.domain import AgendaItem, Roundtable, Stakeholder
from convener.privacy import Audience, text_redactor
from convener.redaction import (
    Match,
    Matcher,
    Term,
    TermKind,
    name_parts,
    phone_key,
    vocabulary,
)
from convener.storage import Store
from convener.storage.stakeholders import Identifiers

People = Mapping[int, tuple[Stakeholder, ConsentState]]


@dataclass(frozen=True, slots=True)
class FreeText:
    """The matcher for a set of texts and an audience, and whom it was built over."""

    matcher: Matcher
    people: dict[int, tuple[Stakeholder, ConsentState]]  # everyone who could be named

    def __call__(self, text: str) -> str:
        return self.matcher(text)

    def clean(self, text: str | None) -> str | None:
        return self.matcher(text) if text else text

    def find(self, text: str) -> list[Match]:
        return self.matcher.find(text)


def roundtable_texts(roundtable: Roundtable) -> list[str]:
    """The roundtable's own free text: what an author typed about it."""
    texts = [roundtable.title, roundtable.purpose, roundtable.location or ""]
    return [t for t in texts + [item.title for item in roundtable.agenda] if t]


def people_who_could_be_named(
    store: Store, texts: Iterable[str], known: People | None = None
) -> dict[int, tuple[Stakeholder, ConsentState]]:
    """Everyone in the directory whose name, pseudonym, e-mail or phone could be in `texts`.

    The full-text index narrows the directory to people with a word of their name among the
    texts' words (a name can only match where each of its words is a word of the text); a
    light read of their identifiers then keeps those with a term that could match, and
    only they are read whole. `known` people (already read, with their consent) are not
    read again.
    """
    words = vocabulary(texts)
    found = {
        sid
        for sid, who in store.stakeholders.named_by_words(words.words, words.emails).items()
        if any(words.may_hold(t) for t in _identifying(who))
    }
    if words.phone_digits:
        found.update(
            sid
            for sid, phone in store.stakeholders.phones()
            if (key := phone_key(phone)) and any(key in d for d in words.phone_digits)
        )
    known = known or {}
    people = {sid: known[sid] for sid in found if sid in known}
    unread = sorted(found - people.keys())
    states = store.consent.states(unread)
    people.update((p.id, (p, states[p.id])) for p in store.stakeholders.get_many(unread))
    return people


def _identifying(who: Identifiers) -> list[Term]:
    """Everything a text could name someone by: what `privacy.text_terms` may look for
    (the parts of a name alone only for lived experience experts)."""
    parts = name_parts(who.name) if who.lived_experience else ()
    names = [who.name, *parts, who.pseudonym]
    terms = [Term(n, TermKind.NAME, None) for n in names if n]
    if who.email:
        terms.append(Term(who.email, TermKind.EMAIL, None))
    if who.phone:
        terms.append(Term(who.phone, TermKind.PHONE, None))
    return terms


def free_text_for(
    store: Store,
    texts: Iterable[str],
    audience: Audience,
    known: People | None = None,
    also: People | None = None,
) -> FreeText:
    """The matcher that rewrites `texts` for `audience`, over everyone they could name.

    `also` adds people to look for whatever the texts' words are (a finding's author).
    """
    texts = list(texts)
    people = people_who_could_be_named(store, texts, known)
    people.update(also or {})
    return FreeText(text_redactor(people.values(), audience), people)


def redacted_roundtable(roundtable: Roundtable, text: FreeText) -> Roundtable:
    """The roundtable with its title, purpose, location and agenda rewritten by `text`."""
    return dataclasses.replace(
        roundtable,
        title=text(roundtable.title),
        purpose=text(roundtable.purpose),
        location=text.clean(roundtable.location),
        agenda=tuple(AgendaItem(i.id, i.position, text(i.title)) for i in roundtable.agenda),
    )


def roundtable_for(store: Store, roundtable: Roundtable, audience: Audience) -> Roundtable:
    """The roundtable as `audience` may read its own text (an invitation, a calendar)."""
    return redacted_roundtable(
        roundtable, free_text_for(store, roundtable_texts(roundtable), audience)
    )
