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
from convener.privacy import Audience, redaction_terms, render_person, text_redactor
from convener.redaction import could_occur, mentions
from convener.storage import StakeholderFilter, Store


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


def findings_for_output(
    store: Store,
    roundtable_ids: Iterable[int],
    audience: Audience,
    invited: Mapping[int, tuple[Stakeholder, ConsentState]] | None = None,
    roundtables: Mapping[int, Roundtable] | None = None,
) -> list[OutputFinding]:
    """The unretracted findings of these roundtables, rendered for `audience`.

    `invited` may hold everyone on these roundtables' invite lists with their current
    consent, and `roundtables` the roundtables, when the caller has read them already (a
    report prints them); then they are not read again.
    """
    ids = list(dict.fromkeys(roundtable_ids))
    if roundtables is None:
        roundtables = {r.id: r for r in store.roundtables.get_many(ids)}
    chatham = {rid: roundtables[rid].chatham_house for rid in ids if rid in roundtables}
    by_roundtable = store.findings.for_roundtables(ids)
    findings = [f for rid in ids for f in by_roundtable[rid]]
    concerned = {f.by_stakeholder_id for f in findings if f.by_stakeholder_id is not None}
    if invited is None:
        invited = {}
        for invitations in store.roundtables.invitation_lists(ids).values():
            concerned.update(i.stakeholder_id for i in invitations)
    else:
        concerned.update(invited)
    # Authors may name a lived experience expert who was not on the list (a story retold):
    # their names are always part of the redaction, whoever the roundtable invited. Only
    # those whose names or contact details could occur in these texts need reading whole.
    may_occur = could_occur(
        text for f in findings for text in (f.text, f.addressed_to, f.owner) if text
    )
    concerned.update(
        sid
        for sid, terms in store.stakeholders.identifiers(StakeholderFilter(lived_experience=True))
        if any(may_occur(term) for term in terms)
    )
    people = {sid: invited[sid][0] for sid in concerned if sid in invited}
    consents = {sid: invited[sid][1] for sid in people}
    read = store.stakeholders.get_many(sorted(concerned - people.keys()))
    people.update((p.id, p) for p in read)
    consents.update(store.consent.states([p.id for p in read]))
    # Findings sent to an invitee leave the office just as a report does.
    rules = Audience.PUBLIC if audience is Audience.INVITEE else audience
    # Only people whose names or contact details could occur in these texts can change them,
    # so the redaction is built for those alone: most of a report's invitees are named in none.
    redact = text_redactor(
        ((p, consents[p.id]) for p in people.values() if any(map(may_occur, redaction_terms(p)))),
        rules,
    )

    named_in = mentions(
        {
            p.id: view.name.casefold()
            for p in people.values()
            if (view := render_person(p, consents[p.id], rules)) is not None and view.name.strip()
        }
    )

    def clean(text: str | None) -> str | None:
        return redact(text) if text else text

    def output(f: Finding) -> OutputFinding:
        text, addressed_to, owner = redact(f.text), clean(f.addressed_to), clean(f.owner)
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

    return [output(f) for f in findings]


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
