"""The engagement-principle checks: does a roundtable's list follow the twelve principles?

The checks are data: each definition names its parameters and their defaults, and the office
tunes them in the `settings` table under `checks.<key>.<parameter>` (for example
`checks.sector_diversity.min_sectors = 4`, or `checks.cross_uk.on_problem = fail`).
Every result is pass, warn or fail with one sentence saying why and what to do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from convener.domain import Invitation, InvitationStatus, InviteeFacts, Roundtable
from convener.domain import RoundtableStatus as Status
from convener.invite_list import CAPACITY_ROLES, is_active, seats_taken


class Outcome(StrEnum):
    PASS = "pass"  # noqa: S105 - an outcome, not a password
    WARN = "warn"
    FAIL = "fail"


@dataclass(frozen=True, slots=True)
class CheckResult:
    key: str
    title: str
    outcome: Outcome
    message: str
    stakeholder_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanFacts:
    """A roundtable and its list as the checks see them."""

    roundtable: Roundtable
    invitations: Sequence[Invitation]
    people: Mapping[int, InviteeFacts]
    today: date

    @property
    def active(self) -> list[Invitation]:
        return [i for i in self.invitations if is_active(i)]

    def lees(self) -> list[Invitation]:
        return [i for i in self.active if self._lee(i)]

    def _lee(self, invitation: Invitation) -> bool:
        facts = self.people.get(invitation.stakeholder_id)
        return bool(facts and facts.lived_experience)

    @property
    def before_sending(self) -> bool:
        return self.roundtable.status is Status.DRAFT

    @property
    def after_event(self) -> bool:
        """Held or reported: what was missed can no longer be put right for this event."""
        return self.roundtable.status in (Status.HELD, Status.REPORTED)


class Params:
    """A check's parameters: the office's setting where there is one, else the default."""

    def __init__(self, key: str, defaults: Mapping[str, str], settings: Mapping[str, str]):
        self._key = key
        self._values = {
            name: settings.get(f"checks.{key}.{name}", default)
            for name, default in defaults.items()
        }

    def text(self, name: str) -> str:
        return self._values[name]

    def number(self, name: str) -> int:
        try:
            return int(self._values[name])
        except ValueError:
            return 0

    def names(self, name: str) -> list[str]:
        return [part.strip() for part in self._values[name].split(";") if part.strip()]

    @property
    def on_problem(self) -> Outcome:
        try:
            return Outcome(self._values.get("on_problem", "fail"))
        except ValueError:
            return Outcome.FAIL


Evaluate = Callable[[PlanFacts, Params], tuple[Outcome, str, tuple[int, ...]]]


@dataclass(frozen=True, slots=True)
class CheckDefinition:
    key: str
    title: str
    principle: str  # which of the twelve principles it serves
    defaults: Mapping[str, str]
    evaluate: Evaluate


def _ids(invitations: Sequence[Invitation]) -> tuple[int, ...]:
    return tuple(i.stakeholder_id for i in invitations)


def _people(n: int, one: str = "person", many: str = "people") -> str:
    return f"{n} {one if n == 1 else many}"


def _lone_lee(f: PlanFacts, p: Params) -> tuple[Outcome, str, tuple[int, ...]]:
    lees, least = f.lees(), p.number("min_lee")
    if not lees:
        return Outcome.PASS, "No lived experience experts are on the list, so none is alone.", ()
    if len(lees) >= least:
        return Outcome.PASS, f"{len(lees)} lived experience experts are on the list.", ()
    return (
        p.on_problem,
        f"Only {len(lees)} lived experience expert is on the list: invite at least {least} "
        "so nobody is there alone to legitimise the discussion.",
        _ids(lees),
    )


def _lee_codesign(f: PlanFacts, p: Params) -> tuple[Outcome, str, tuple[int, ...]]:
    roles = set(p.names("roles"))
    designers = [i for i in f.lees() if i.role.value in roles]
    if designers:
        return Outcome.PASS, "A lived experience expert is involved in designing it.", ()
    if f.before_sending:
        return (
            Outcome.WARN,
            "No lived experience expert has a co-design role yet: give one the role of "
            f"{' or '.join(sorted(roles))} before the invitations go out.",
            (),
        )
    return (
        p.on_problem,
        "The invitations went out without a lived experience expert in a co-design role: "
        "involve one in shaping the agenda now and plan it from the start next time.",
        (),
    )


def _lee_fees(f: PlanFacts, p: Params) -> tuple[Outcome, str, tuple[int, ...]]:
    lees = f.lees()
    missing = [i for i in lees if i.fee_pence is None or i.expenses_pence is None]
    if not lees:
        return Outcome.PASS, "No lived experience experts need a fee or expenses set.", ()
    if not missing:
        return Outcome.PASS, "Fee and expenses are set for every lived experience expert.", ()
    return (
        p.on_problem,
        f"Fee or expenses are not set for {_people(len(missing))} with lived experience: set "
        "both (zero if they chose no fee) so the cost is budgeted at the outset.",
        _ids(missing),
    )


def _lee_payment(f: PlanFacts, p: Params) -> tuple[Outcome, str, tuple[int, ...]]:
    days = p.number("days")
    ended = f.roundtable.ends_at.date()
    due = ended + timedelta(days=days)
    owed = [
        i
        for i in f.invitations
        if f.people.get(i.stakeholder_id)
        and f.people[i.stakeholder_id].lived_experience
        and i.status in (InvitationStatus.ATTENDED, InvitationStatus.ACCEPTED)
        and i.reserve_rank is None
        and (i.fee_pence or 0) + (i.expenses_pence or 0) > 0
    ]
    if f.today <= ended or not owed:
        return (
            Outcome.PASS,
            f"Fees and expenses fall due within {days} days of the event, by {due.isoformat()}.",
            (),
        )
    late = [i for i in owed if i.paid_on is not None and i.paid_on > due]
    unpaid = [i for i in owed if i.paid_on is None]
    if unpaid and f.today > due:
        return (
            p.on_problem,
            f"{_people(len(unpaid))} with lived experience {'is' if len(unpaid) == 1 else 'are'} "
            f"still unpaid more than {days} days after the event: pay them now and record the "
            "date.",
            _ids(unpaid),
        )
    if late:
        return (
            p.on_problem,
            f"{_people(len(late))} with lived experience {'was' if len(late) == 1 else 'were'} "
            f"paid more than {days} days after the event: find out what held it up.",
            _ids(late),
        )
    if unpaid:
        return (
            Outcome.WARN,
            f"{_people(len(unpaid))} with lived experience {'is' if len(unpaid) == 1 else 'are'} "
            f"not paid yet: pay by {due.isoformat()} and record the date.",
            _ids(unpaid),
        )
    return Outcome.PASS, f"Every lived experience expert was paid within {days} days.", ()


def _contact_consent(f: PlanFacts, p: Params) -> tuple[Outcome, str, tuple[int, ...]]:
    missing = [
        i
        for i in f.active
        if not (f.people.get(i.stakeholder_id) and f.people[i.stakeholder_id].contact_consent)
    ]
    if not missing:
        return Outcome.PASS, "Everyone on the list has current consent to be contacted.", ()
    who = f"{_people(len(missing))} on the list {'has' if len(missing) == 1 else 'have'}"
    if f.after_event:
        return (
            Outcome.WARN,
            f"{who} no current consent to be contacted now: do not send them follow-up "
            "about this roundtable.",
            _ids(missing),
        )
    return (
        p.on_problem,
        f"{who} no current consent to be contacted: record their consent or take them off "
        "the list.",
        _ids(missing),
    )


def _access_asked(f: PlanFacts, p: Params) -> tuple[Outcome, str, tuple[int, ...]]:
    missing = [i for i in f.active if not i.access_asked]
    if not missing:
        return Outcome.PASS, "Everyone on the list has been asked about access and support.", ()
    who = f"{_people(len(missing))} {'was' if len(missing) == 1 else 'were'}"
    if f.after_event:
        return (
            Outcome.WARN,
            f"{who} not recorded as asked about access and support needs: ask everyone when "
            "inviting them next time.",
            _ids(missing),
        )
    outcome = Outcome.WARN if f.before_sending else p.on_problem
    return (
        outcome,
        f"{_people(len(missing))} {'has' if len(missing) == 1 else 'have'} not been asked about "
        "access and support needs: ask them (record the need, not the reason).",
        _ids(missing),
    )


def _sector_diversity(f: PlanFacts, p: Params) -> tuple[Outcome, str, tuple[int, ...]]:
    least = p.number("min_sectors")
    sectors = {
        f.people[i.stakeholder_id].sector
        for i in f.active
        if i.stakeholder_id in f.people and f.people[i.stakeholder_id].sector
    }
    if len(sectors) >= least:
        return Outcome.PASS, f"The list spans {len(sectors)} sectors.", ()
    return (
        p.on_problem,
        f"The list spans {len(sectors)} sector{'s' if len(sectors) != 1 else ''}: add people "
        f"from other sectors to reach at least {least}.",
        (),
    )


def _capacity(f: PlanFacts, p: Params) -> tuple[Outcome, str, tuple[int, ...]]:
    capacity = f.roundtable.capacity
    taken = seats_taken(f.invitations)
    counted = ", ".join(sorted(r.value for r in CAPACITY_ROLES))
    if capacity is None:
        return Outcome.PASS, f"No capacity is set; {taken} seats are taken ({counted}).", ()
    if taken <= capacity:
        return Outcome.PASS, f"{taken} of {capacity} seats are taken ({counted}).", ()
    return (
        p.on_problem,
        f"{taken} people hold seats but there are only {capacity}: move some to the reserve "
        "list or raise the capacity.",
        (),
    )


_NATIONS = ("England", "Wales", "Scotland", "Northern Ireland")


def _cross_uk(f: PlanFacts, p: Params) -> tuple[Outcome, str, tuple[int, ...]]:
    wanted = {name.casefold() for name in p.names("themes")}
    themes = [f.roundtable.theme or "", *f.roundtable.extra_themes]
    if not any(t.casefold() in wanted for t in themes):
        return Outcome.PASS, "This theme does not call for a cross-UK spread.", ()
    least = p.number("min_nations")
    nations = sorted(
        {
            facts.jurisdiction
            for i in f.active
            if (facts := f.people.get(i.stakeholder_id)) and facts.jurisdiction in _NATIONS
        }
    )
    if len(nations) >= least:
        return Outcome.PASS, f"The list covers {', '.join(nations)}.", ()
    covered = ", ".join(nations) if nations else "no single nation"
    return (
        p.on_problem,
        f"The theme calls for a cross-UK view but the list covers {covered}: invite people "
        f"from at least {least} of England, Wales, Scotland and Northern Ireland.",
        (),
    )


def _how_to_join(f: PlanFacts, p: Params) -> tuple[Outcome, str, tuple[int, ...]]:
    return joining_problem(f.roundtable, p.on_problem)


def joining_problem(
    roundtable: Roundtable, on_problem: Outcome = Outcome.WARN
) -> tuple[Outcome, str, tuple[int, ...]]:
    """Whether invitations would say how to join: a link online, a place in person, both
    for a hybrid roundtable. The export asks before sending invitations that do not."""
    online = roundtable.format in ("online", "hybrid")
    in_person = roundtable.format in ("in person", "hybrid")
    missing = [
        what
        for what, needed, given in (
            ("joining link", online, roundtable.online_url),
            ("location", in_person, roundtable.location),
        )
        if needed and not (given or "").strip()
    ]
    if not missing:
        return Outcome.PASS, "Invitations say how to join.", ()
    return (
        on_problem,
        f"This {roundtable.format} roundtable has no {' and no '.join(missing)}: invitations "
        "would not say how to join. Add it before sending them.",
        (),
    )


CHECKS: tuple[CheckDefinition, ...] = (
    CheckDefinition(
        "lone_lee", "No lone lived experience expert", "3. Avoid tokenism",
        {"min_lee": "2", "on_problem": "fail"}, _lone_lee,
    ),
    CheckDefinition(
        "lee_codesign", "Lived experience in the design", "6. Early co-production",
        {"roles": "co-designer", "on_problem": "fail"}, _lee_codesign,
    ),
    CheckDefinition(
        "lee_fees", "Fees and expenses set", "9. Fair remuneration",
        {"on_problem": "fail"}, _lee_fees,
    ),
    CheckDefinition(
        "lee_payment", "Paid on time", "9. Fair remuneration",
        {"days": "30", "on_problem": "fail"}, _lee_payment,
    ),
    CheckDefinition(
        "contact_consent", "Consent to be contacted", "10. Informed consent",
        {"on_problem": "fail"}, _contact_consent,
    ),
    CheckDefinition(
        "access_asked", "Access needs asked", "4. Trauma-informed practice",
        {"on_problem": "fail"}, _access_asked,
    ),
    CheckDefinition(
        "sector_diversity", "Sector diversity", "7. Inclusion and diversity",
        {"min_sectors": "3", "on_problem": "fail"}, _sector_diversity,
    ),
    CheckDefinition(
        "capacity", "Within capacity", "8. Safeguarding and wellbeing",
        {"on_problem": "fail"}, _capacity,
    ),
    CheckDefinition(
        "cross_uk", "Cross-UK spread", "7. Inclusion and diversity",
        {
            "themes": "Prevention; Survivor identification and support; "
            "Law enforcement and criminal justice; Domestic and global supply chains",
            "min_nations": "2",
            "on_problem": "warn",
        },
        _cross_uk,
    ),
    CheckDefinition(
        "how_to_join", "Says how to join", "12. Equity",
        {"on_problem": "warn"}, _how_to_join,
    ),
)  # fmt: skip


def setting_keys() -> list[str]:
    """Every settings key the checks read, for loading them in one go."""
    return [f"checks.{d.key}.{name}" for d in CHECKS for name in d.defaults]


def run_checks(facts: PlanFacts, settings: Mapping[str, str] | None = None) -> list[CheckResult]:
    results = []
    for definition in CHECKS:
        params = Params(definition.key, definition.defaults, settings or {})
        outcome, message, ids = definition.evaluate(facts, params)
        results.append(CheckResult(definition.key, definition.title, outcome, message, ids))
    return results
