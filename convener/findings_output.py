"""Findings as an output may show them: never retracted, names only as the policy allows.

Reports, exports and anything else that prints findings for an audience asks here, so a
retraction or a withdrawn consent takes effect in everything generated afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from convener.consent import ConsentState
from convener.domain import (
    Attribution,
    ConsentPurpose,
    Finding,
    FindingKind,
    Roundtable,
    Stakeholder,
)
from convener.free_text import FreeText, free_text_for, roundtable_texts
from convener.privacy import Audience, render_person
from convener.redaction import mentions
from convener.storage import Store


@dataclass(frozen=True, slots=True)
class OutputFinding:
    id: int
    roundtable_id: int
    kind: FindingKind
    text: str
    theme: str | None
    lever: str | None
    addressed_to: str | None
    owner: str | None
    due_on: date | None
    attributed_to: str | None  # a name, a pseudonym or a sector; None under Chatham House
    # Where it sits and who it is by, so a report can group it and word its attribution.
    agenda_item_id: int | None = None
    attribution: Attribution = Attribution.NONE
    by_stakeholder_id: int | None = None
    # People whose shown name is in the printed text, for the disclosure ledger. A plain
    # substring match: the ledger may over-report a file, it must never miss one.
    named: tuple[int, ...] = ()


def _authors(
    store: Store, findings: Iterable[Finding], known: Mapping[int, tuple[Stakeholder, ConsentState]]
) -> dict[int, tuple[Stakeholder, ConsentState]]:
    """The people who said the findings, with their consent (read unless `known`)."""
    ids = sorted({f.by_stakeholder_id for f in findings if f.by_stakeholder_id is not None})
    unread = [sid for sid in ids if sid not in known]
    states = store.consent.states(unread)
    by = {sid: known[sid] for sid in ids if sid in known}
    by.update((p.id, (p, states[p.id])) for p in store.stakeholders.get_many(unread))
    return by


def findings_for_output(
    store: Store,
    roundtable_ids: Iterable[int],
    audience: Audience,
    *,
    invited: Mapping[int, tuple[Stakeholder, ConsentState]] | None = None,
    roundtables: Mapping[int, Roundtable] | None = None,
) -> list[OutputFinding]:
    """The unretracted findings of these roundtables, rendered for `audience`.

    `invited` may hold people already read with their current consent (a report's
    invitees), and `roundtables` the roundtables, when the caller has read them already (a
    report prints them); then they are not read again.
    """
    findings, _ = findings_and_text(
        store, roundtable_ids, audience, invited=invited, roundtables=roundtables
    )
    return findings


def findings_and_text(
    store: Store,
    roundtable_ids: Iterable[int],
    audience: Audience,
    *,
    invited: Mapping[int, tuple[Stakeholder, ConsentState]] | None = None,
    roundtables: Mapping[int, Roundtable] | None = None,
    roundtable_text: bool = False,
) -> tuple[list[OutputFinding], FreeText]:
    """`findings_for_output`, and the matcher it used. With `roundtable_text` the matcher
    also covers the roundtables' own title, purpose, location and agenda, so a report
    prints them through the same matcher as its findings."""
    ids = list(dict.fromkeys(roundtable_ids))
    if roundtables is None:
        roundtables = {r.id: r for r in store.roundtables.get_many(ids)}
    chatham = {rid: roundtables[rid].chatham_house for rid in ids if rid in roundtables}
    by_roundtable = store.findings.for_roundtables(ids)
    findings = [f for rid in ids for f in by_roundtable[rid]]
    if invited is None:
        invited = {}
    # Findings sent to an invitee leave the office just as a report does.
    rules = Audience.PUBLIC if audience is Audience.INVITEE else audience
    # Authors may name anyone in the directory, invited or not (a story retold): the matcher
    # is built over everyone the texts could name, and the findings' authors.
    by = _authors(store, findings, invited)
    texts = [t for f in findings for t in (f.text, f.addressed_to, f.owner) if t]
    if roundtable_text:
        texts += [t for r in roundtables.values() for t in roundtable_texts(r)]
    redact = free_text_for(store, texts, rules, known=invited, also=by)
    people = {sid: person for sid, (person, _) in redact.people.items()}
    consents = {sid: consent for sid, (_, consent) in redact.people.items()}
    people.update((sid, person) for sid, (person, _) in by.items())
    consents.update((sid, consent) for sid, (_, consent) in by.items())

    named_in = mentions(
        {
            p.id: view.name.casefold()
            for p in people.values()
            if (view := render_person(p, consents[p.id], rules)) is not None and view.name.strip()
        }
    )

    def output(f: Finding) -> OutputFinding:
        text, addressed_to = redact(f.text), redact.clean(f.addressed_to)
        owner = redact.clean(f.owner)
        printed = " ".join(t for t in (text, addressed_to, owner) if t).casefold()
        return OutputFinding(
            f.id,
            f.roundtable_id,
            f.kind,
            text,
            f.theme,
            f.lever,
            addressed_to,
            owner,
            f.due_on,
            _attribution(f, people, consents, rules, chatham[f.roundtable_id]),
            f.agenda_item_id,
            f.attribution,
            f.by_stakeholder_id,
            named_in(printed),
        )

    return [output(f) for f in findings], redact


def _attribution(
    finding: Finding,
    people: dict[int, Stakeholder],
    consents: dict[int, ConsentState],
    audience: Audience,
    chatham_house: bool,
) -> str | None:
    """Who said it, as `audience` may see it; None when it must not be attributed.

    Outside the office, a roundtable held under the Chatham House rule attributes nothing.
    A sector attribution shows the sector the policy shows; a named one in public also needs
    current consent to be quoted (and to be named, which `render_person` checks).
    """
    person = people.get(finding.by_stakeholder_id) if finding.by_stakeholder_id else None
    if person is None or person.erased or finding.attribution is Attribution.NONE:
        return None
    public = audience is Audience.PUBLIC
    if public and chatham_house:
        return None
    consent = consents[person.id]
    view = render_person(person, consent, audience)
    if view is None:
        return None
    if finding.attribution is Attribution.SECTOR:
        return view.sector
    if public and not consent.allows(ConsentPurpose.QUOTED):
        return None
    return view.name
