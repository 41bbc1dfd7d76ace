"""A small roundtable whose participants' names span the scripts reports must print."""

from __future__ import annotations

from datetime import UTC, datetime

from convener.directory import add_stakeholder
from convener.domain import (
    ConsentPurpose,
    InvitationRole,
    InvitationStatus,
    RoundtableStatus,
    StakeholderDraft,
)
from convener.storage import Store, Taxonomy
from convener.storage.roundtables import RoundtableRecord

# Written out here by hand (not produced by the code under test), in NFC.
NAMES = {
    "Polish": ("Łucja Wójcik-Źdźbło", "Fundacja Przeciw Handlowi Ludźmi"),
    "Vietnamese": ("Nguyễn Thị Hương", "Trung tâm Hỗ trợ Người lao động"),
    "Welsh": ("Siân Llŷr ap Gwŵn", "Cymorth Cymru"),
    "Romanian": ("Ștefan Țurcanu", "Asociația Împreună Țară"),
    "Turkish": ("Gülşen Öztürk İşçioğlu", "Işık Dayanışma Derneği"),
    "Greek": ("Αλέξανδρος Παπαδόπουλος", "Πανεπιστήμιο Αθηνών"),
    "Cyrillic": ("Олена Коваленко", "Фонд «Свобода»"),
}


def roundtable(
    store: Store,
    title: str = "Cross-border prevention",
    purpose: str = "",
    location: str = "",
    *,
    chatham_house: bool = True,
) -> int:
    theme_id = store.taxonomy.resolve(Taxonomy.THEMES, "Prevention")
    return store.roundtables.insert(
        RoundtableRecord(
            title=title,
            theme_id=theme_id,
            starts_at=datetime(2026, 3, 4, 10, tzinfo=UTC),
            ends_at=datetime(2026, 3, 4, 12, tzinfo=UTC),
            tz="Europe/London",
            purpose=purpose,
            location=location or None,
            chatham_house=chatham_house,
            status=RoundtableStatus.REPORTED,
        )
    )


def person(
    store: Store,
    name: str,
    *,
    organisation: str | None = None,
    sector: str = "Charities and NGOs",
    named: bool = True,
    lived_experience: bool = False,
    pseudonym: str | None = None,
    intermediary: str | None = None,
) -> int:
    sid = add_stakeholder(
        store,
        StakeholderDraft(
            name=name,
            organisation=organisation,
            sector=sector,
            lived_experience=lived_experience,
            pseudonym=pseudonym,
            intermediary=intermediary,
        ),
    )
    if named:
        store.consent.record(sid, ConsentPurpose.NAMED, given=True)
    return sid


def attend(store: Store, roundtable_id: int, sid: int, **kwargs: object) -> None:
    store.roundtables.invite(
        roundtable_id,
        sid,
        role=kwargs.pop("role", InvitationRole.PARTICIPANT),  # type: ignore[arg-type]
        status=InvitationStatus.ATTENDED,
        **kwargs,  # type: ignore[arg-type]
    )


def many_scripts(store: Store) -> int:
    rid = roundtable(store)
    for name, organisation in NAMES.values():
        attend(store, rid, person(store, name, organisation=organisation))
    return rid
