"""The pre-publication check: what the author should look at before a report goes out.

Two kinds of passage, from the free text the report prints (the roundtables' title,
purpose, location and agenda, and their findings):
- "redacted": where the matcher replaced a name, an e-mail or a phone number. The passage is
  shown as it will be printed, so the check itself never repeats the name as typed (it may
  be pasted into an e-mail or a ticket);
- "possible-name": two or more capitalised words in a row, as printed, that are not a known
  organisation, theme, sector, jurisdiction, the roundtable's own place, nor a person the
  audience may see by that name: perhaps someone who is not in the directory at all.
Nothing is written: the same gathering as the report, without the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from convener.consent import ConsentState
from convener.domain import Roundtable, Stakeholder
from convener.findings_output import findings_and_text
from convener.free_text import FreeText
from convener.privacy import Audience, render_person
from convener.redaction import replace, term_key
from convener.storage import Store, Taxonomy

REDACTED = "redacted"
POSSIBLE_NAME = "possible-name"
_CONTEXT = 30  # characters shown either side of a replacement
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
# Capitalised words that start sentences and headings far more often than names do.
_NOT_NAMES = frozenset(
    {
        "a", "an", "and", "as", "at", "but", "by", "for", "from", "how", "in", "it", "its",
        "no", "not", "of", "on", "one", "or", "our", "so", "some", "that", "the", "their",
        "there", "these", "this", "those", "to", "two", "we", "what", "when", "where", "which",
        "who", "why", "with", "you", "your", "agenda", "item", "finding", "session", "welcome",
        "introduction", "introductions", "close", "closing", "break", "lunch", "next", "steps",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class CheckItem:
    where: str  # which text: "roundtable 4 title", "finding 12", ...
    text: str  # the passage as it will be printed
    kind: str  # REDACTED or POSSIBLE_NAME


def check_roundtables(
    store: Store, roundtable_ids: Sequence[int], audience: Audience
) -> list[CheckItem]:
    """Every passage of these roundtables' reports the author should review (module doc)."""
    roundtables = store.roundtables.get_many(list(roundtable_ids))
    lists = store.roundtables.invitation_lists([r.id for r in roundtables])
    ids = sorted({i.stakeholder_id for invitations in lists.values() for i in invitations})
    consent = store.consent.states(ids)
    known = {p.id: (p, consent[p.id]) for p in store.stakeholders.get_many(ids)}
    _, text = findings_and_text(
        store,
        [r.id for r in roundtables],
        audience,
        invited=known,
        roundtables={r.id: r for r in roundtables},
        roundtable_text=True,
    )
    allowed = _known_words(store, roundtables, text, audience)
    findings = store.findings.for_roundtables([r.id for r in roundtables])
    items: list[CheckItem] = []
    for roundtable in roundtables:
        fields = list(_roundtable_fields(roundtable))
        for f in findings[roundtable.id]:
            fields += [
                (f"finding {f.id}", f.text),
                (f"finding {f.id}, addressed to", f.addressed_to or ""),
                (f"finding {f.id}, owner", f.owner or ""),
            ]
        for where, typed in fields:
            if typed:
                items += _review(where, typed, text, allowed)
    return items


def _roundtable_fields(roundtable: Roundtable) -> Iterator[tuple[str, str]]:
    at = f"roundtable {roundtable.id}"
    yield f"{at} title", roundtable.title
    yield f"{at} purpose", roundtable.purpose
    yield f"{at} location", roundtable.location or ""
    for item in roundtable.agenda:
        yield f"{at} agenda item {item.position}", item.title


def _review(where: str, typed: str, text: FreeText, allowed: set[str]) -> list[CheckItem]:
    matches = text.find(typed)
    printed = replace(typed, matches)
    items = []
    shift = 0
    for match in matches:
        start = match.start + shift
        end = start + len(match.replacement)
        shift += len(match.replacement) - (match.end - match.start)
        items.append(CheckItem(where, _passage(printed, start, end), REDACTED))
    for start, end in _capitalised_runs(printed):
        if term_key(printed[start:end]) not in allowed and not _within_known(
            printed[start:end], allowed
        ):
            items.append(CheckItem(where, _passage(printed, start, end), POSSIBLE_NAME))
    return items


def _passage(text: str, start: int, end: int) -> str:
    before = max(0, start - _CONTEXT)
    after = min(len(text), end + _CONTEXT)
    passage = " ".join(text[before:after].split())
    return ("…" if before else "") + passage + ("…" if after < len(text) else "")


def _capitalised_runs(text: str) -> Iterator[tuple[int, int]]:
    """Spans of two or more capitalised words separated only by spaces, without the common
    words that begin sentences."""
    run: list[tuple[int, int]] = []
    for word in _WORD.finditer(text):
        capital = _starts_run(word.group())
        if capital and (not run or not text[run[-1][1] : word.start()].strip()):
            run.append(word.span())
            continue
        if len(run) >= 2:
            yield run[0][0], run[-1][1]
        run = [word.span()] if capital else []
    if len(run) >= 2:
        yield run[0][0], run[-1][1]


def _starts_run(word: str) -> bool:
    return word[0].isupper() and word.casefold() not in _NOT_NAMES


def _within_known(passage: str, allowed: Iterable[str]) -> bool:
    key = term_key(passage)
    return any(key in known for known in allowed)


def _known_words(
    store: Store, roundtables: Iterable[Roundtable], text: FreeText, audience: Audience
) -> set[str]:
    """Folded names that are not a person's, or are a person the audience may see so."""
    known = {term_key(o.name) for o in store.organisations.all()}
    for taxonomy in Taxonomy:
        known.update(term_key(t.name) for t in store.taxonomy.terms(taxonomy, include_retired=True))
    known.update(term_key(r.location) for r in roundtables if r.location)
    known.update(_shown_names(text.people.values(), audience))
    return {k for k in known if k}


def _shown_names(
    people: Iterable[tuple[Stakeholder, ConsentState]], audience: Audience
) -> Iterator[str]:
    rules = Audience.PUBLIC if audience is Audience.INVITEE else audience
    for person, consent in people:
        view = render_person(person, consent, rules)
        if view is not None:
            yield term_key(view.name)
