"""Plain typed objects the rest of the core passes around.

They hold data only; storage builds them from rows and the services and exports read them.
Taxonomy links are kept as names here (resolved by storage), because that is what every
reader wants to show; the database links by id so that renames never lose a link.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import NamedTuple


class ConsentPurpose(StrEnum):
    CONTACT = "contact"  # may be contacted and invited
    NAMED = "named"  # may be named in outputs that leave the office
    QUOTED = "quoted"  # words may be attributed to them
    RECORDED = "recorded"  # may be photographed or recorded


class ConsentStatus(StrEnum):
    GIVEN = "given"
    WITHDRAWN = "withdrawn"
    NOT_RECORDED = "not recorded"


class ConsentMethod(StrEnum):
    IN_PERSON = "in person"
    EMAIL = "email"
    PHONE = "phone"
    VIA_INTERMEDIARY = "via intermediary"
    WITH_INTERPRETER = "with interpreter"


@dataclass(frozen=True, slots=True)
class Term:
    """One entry of a taxonomy (a theme, sector, jurisdiction or lever)."""

    id: int
    name: str
    description: str = ""
    kind: str = ""
    retired: bool = False


@dataclass(frozen=True, slots=True)
class Organisation:
    id: int
    name: str
    sector: str | None = None
    jurisdiction: str | None = None
    website: str | None = None
    notes: str = ""
    email: str | None = None


@dataclass(frozen=True, slots=True)
class ConsentEvent:
    id: int
    stakeholder_id: int
    purpose: ConsentPurpose
    given: bool
    recorded_at: datetime  # UTC
    method: str = ""
    note: str = ""
    recorded_by: str = ""
    wording_version: str = ""
    wording_hash: str = ""


@dataclass(frozen=True, slots=True)
class Stakeholder:
    id: int
    name: str
    pseudonym: str | None = None
    role: str | None = None
    organisation_id: int | None = None
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None
    sector: str | None = None
    levers: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    jurisdiction: str | None = None
    tags: tuple[str, ...] = ()
    lived_experience: bool = False
    intermediary_id: int | None = None
    intermediary: str | None = None
    intermediary_email: str | None = None
    access_needs: str = ""
    safe_contact_notes: str = ""
    notes: str = ""
    erased: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def is_protected(self) -> bool:
        """A lived experience expert who uses a pseudonym or is reached through an intermediary.

        Their real name and details are shown only in their own record, never in lists or
        anything exported.
        """
        return self.lived_experience and (bool(self.pseudonym) or self.intermediary_id is not None)


@dataclass(slots=True)
class StakeholderDraft:
    """What a person types or imports to create or change a stakeholder, before validation."""

    name: str
    pseudonym: str | None = None
    role: str | None = None
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None
    sector: str | None = None
    levers: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    jurisdiction: str | None = None
    tags: list[str] = field(default_factory=list)
    lived_experience: bool = False
    intermediary: str | None = None
    access_needs: str = ""
    safe_contact_notes: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Engagement:
    """One line of a person's engagement history: a roundtable they were on the list for."""

    roundtable_id: int
    title: str
    starts_at: datetime
    role: str
    status: str


class RoundtableStatus(StrEnum):
    DRAFT = "draft"
    INVITATIONS_SENT = "invitations_sent"
    HELD = "held"
    REPORTED = "reported"
    CANCELLED = "cancelled"


class InvitationRole(StrEnum):
    CHAIR = "chair"
    CO_DESIGNER = "co-designer"
    SPEAKER = "speaker"
    PARTICIPANT = "participant"
    OBSERVER = "observer"
    NOTE_TAKER = "note-taker"


class InvitationStatus(StrEnum):
    PROPOSED = "proposed"
    INVITED = "invited"
    ACCEPTED = "accepted"
    TENTATIVE = "tentative"
    DECLINED = "declined"
    ATTENDED = "attended"
    NO_SHOW = "no-show"


class FindingKind(StrEnum):
    INSIGHT = "insight"
    RECOMMENDATION = "recommendation"
    ACTION = "action"
    EVIDENCE_GAP = "evidence-gap"


class Attribution(StrEnum):
    NONE = "none"
    SECTOR = "sector"
    NAMED = "named"


@dataclass(frozen=True, slots=True)
class AgendaItem:
    id: int
    position: int
    title: str


@dataclass(frozen=True, slots=True)
class Roundtable:
    id: int
    uid: str
    title: str
    theme: str | None
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC
    tz: str  # the IANA zone it was planned in
    purpose: str = ""
    format: str = "online"
    location: str | None = None
    online_url: str | None = None
    organiser_name: str | None = None
    organiser_email: str | None = None
    capacity: int | None = None
    chatham_house: bool = True
    budget_pence: int | None = None
    status: RoundtableStatus = RoundtableStatus.DRAFT
    sequence: int = 0
    agenda: tuple[AgendaItem, ...] = ()
    extra_themes: tuple[str, ...] = ()
    levers: tuple[str, ...] = ()  # the levers this roundtable serves (composer: lever fit)
    target_mix: dict[str, int] | None = None  # {perspective: weight}; None = the default mix


@dataclass(frozen=True, slots=True)
class Invitation:
    id: int
    roundtable_id: int
    stakeholder_id: int
    role: InvitationRole
    status: InvitationStatus
    reserve_rank: int | None = None
    fee_pence: int | None = None
    expenses_pence: int | None = None
    paid_on: date | None = None
    access_needs: str = ""
    access_asked: bool = False


@dataclass(frozen=True, slots=True)
class Finding:
    id: int
    roundtable_id: int
    kind: FindingKind
    text: str
    agenda_item_id: int | None = None
    theme: str | None = None
    lever: str | None = None
    addressed_to: str | None = None
    owner: str | None = None
    due_on: date | None = None
    attribution: Attribution = Attribution.NONE
    by_stakeholder_id: int | None = None
    retracted: bool = False
    retraction_note: str | None = None


class Candidate(NamedTuple):
    """What the composer knows about one person it may suggest, loaded in bulk by storage.

    A named tuple rather than a frozen dataclass: tens of thousands are built per suggestion
    run, and a tuple is several times cheaper to make.
    """

    id: int
    sector: str | None
    perspective: str | None  # a taxonomy.Perspective value, from the sector or lived experience
    jurisdiction: str | None
    organisation_id: int | None
    lived_experience: bool
    primary_theme: bool  # holds the roundtable's main theme
    extra_themes: int  # how many of its other themes they hold
    levers: frozenset[str]  # which of the levers sought they matter through
    last_engaged: datetime | None  # start of the latest roundtable they took part in
    recent_asks: int  # invitations to roundtables starting in the burden window


@dataclass(frozen=True, slots=True)
class Conflict:
    """A recorded conflict between a person and another person or an organisation."""

    id: int
    stakeholder_id: int
    other_stakeholder_id: int | None
    organisation_id: int | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class InviteeFacts:
    """What the composer and the principle checks need to know about someone on a list."""

    stakeholder_id: int
    sector: str | None
    perspective: str | None
    jurisdiction: str | None
    organisation_id: int | None
    lived_experience: bool
    contact_consent: bool  # current consent to be contacted
