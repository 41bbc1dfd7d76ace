"""What erasure does with every text column of the schema: the one list, decided column by column.

A column missing here is a column nobody decided about, and a test compares this list with
the schema (`tests/convener/test_erasure_columns.py`): adding a text column to a migration
fails the test until it is listed here with what erasure does to it.
"""

from __future__ import annotations

from enum import Enum


class Erasure(Enum):
    FREE_TEXT = "every spelling of the person's names and contacts in it becomes [erased]"
    FILE_NAME = "a file name naming the person, in any spelling, becomes [erased].ext"
    OWN_RECORD = "emptied in the person's own record"
    SEARCH_INDEX = "the person's index row is deleted and the index rebuilt"
    NOT_PERSONAL = "holds no personal data: times, states, codes, categories, hashes"


_NOT_PERSONAL = Erasure.NOT_PERSONAL
_FREE = Erasure.FREE_TEXT

TEXT_COLUMNS: dict[tuple[str, str], Erasure] = {
    ("_sqlite_migrations", "migration_set"): _NOT_PERSONAL,
    ("_sqlite_migrations", "name"): _NOT_PERSONAL,
    ("_sqlite_migrations", "applied_at"): _NOT_PERSONAL,
    ("agenda_items", "title"): _FREE,
    ("conflicts", "note"): _FREE,
    ("conflicts", "created_at"): _NOT_PERSONAL,
    ("consent_events", "purpose"): _NOT_PERSONAL,
    ("consent_events", "recorded_at"): _NOT_PERSONAL,
    ("consent_events", "method"): _FREE,
    ("consent_events", "note"): _FREE,
    ("consent_events", "recorded_by"): _FREE,
    ("consent_events", "wording_version"): _NOT_PERSONAL,
    ("consent_events", "wording_hash"): _NOT_PERSONAL,
    ("deliveries", "method"): _NOT_PERSONAL,
    ("deliveries", "file_name"): Erasure.FILE_NAME,
    ("deliveries", "sent_at"): _NOT_PERSONAL,
    ("disclosures", "export_kind"): _NOT_PERSONAL,
    ("disclosures", "audience"): _NOT_PERSONAL,
    ("disclosures", "file_name"): Erasure.FILE_NAME,
    ("disclosures", "created_at"): _NOT_PERSONAL,
    ("erasure_log", "created_at"): _NOT_PERSONAL,
    ("erasure_log", "erased_at"): _NOT_PERSONAL,
    ("erasure_suppression", "kind"): _NOT_PERSONAL,
    ("erasure_suppression", "salt"): _NOT_PERSONAL,
    ("erasure_suppression", "digest"): _NOT_PERSONAL,  # one-way: see storage.suppression
    ("erasure_suppression", "erased_at"): _NOT_PERSONAL,
    ("erasures", "erased_at"): _NOT_PERSONAL,
    ("erasures", "reason"): _FREE,
    ("findings", "kind"): _NOT_PERSONAL,
    ("findings", "text"): _FREE,
    ("findings", "addressed_to"): _FREE,
    ("findings", "owner"): _FREE,
    ("findings", "due_on"): _NOT_PERSONAL,
    ("findings", "attribution"): _NOT_PERSONAL,
    ("findings", "retracted_at"): _NOT_PERSONAL,
    ("findings", "retraction_note"): _FREE,
    ("findings", "created_at"): _NOT_PERSONAL,
    ("invitations", "role"): _NOT_PERSONAL,
    ("invitations", "status"): _NOT_PERSONAL,
    ("invitations", "paid_on"): _NOT_PERSONAL,
    ("invitations", "access_needs"): _FREE,
    ("invitations", "created_at"): _NOT_PERSONAL,
    ("invitations", "updated_at"): _NOT_PERSONAL,
    # Taxonomy terms are categories; their descriptions are typed by staff and may name anyone.
    ("jurisdictions", "name"): _NOT_PERSONAL,
    ("jurisdictions", "description"): _FREE,
    ("jurisdictions", "kind"): _NOT_PERSONAL,
    ("levers", "name"): _NOT_PERSONAL,
    ("levers", "description"): _FREE,
    ("sectors", "name"): _NOT_PERSONAL,
    ("sectors", "description"): _FREE,
    ("sectors", "kind"): _NOT_PERSONAL,
    ("themes", "name"): _NOT_PERSONAL,
    ("themes", "description"): _FREE,
    ("themes", "kind"): _NOT_PERSONAL,
    # An organisation named after the person is renamed (storage.erasure).
    ("organisations", "name"): _FREE,
    ("organisations", "email"): _FREE,
    ("organisations", "website"): _FREE,
    ("organisations", "notes"): _FREE,
    ("organisations", "created_at"): _NOT_PERSONAL,
    ("organisations", "updated_at"): _NOT_PERSONAL,
    ("replies", "replied_at"): _NOT_PERSONAL,
    ("replies", "partstat"): _NOT_PERSONAL,
    ("replies", "file_name"): Erasure.FILE_NAME,
    ("replies", "applied_at"): _NOT_PERSONAL,
    ("retention_reviews", "reviewed_at"): _NOT_PERSONAL,
    ("retention_reviews", "decision"): _NOT_PERSONAL,
    ("roundtables", "uid"): _NOT_PERSONAL,
    ("roundtables", "title"): _FREE,
    ("roundtables", "purpose"): _FREE,
    ("roundtables", "format"): _NOT_PERSONAL,
    ("roundtables", "location"): _FREE,
    ("roundtables", "online_url"): _FREE,
    ("roundtables", "starts_at"): _NOT_PERSONAL,
    ("roundtables", "ends_at"): _NOT_PERSONAL,
    ("roundtables", "tz"): _NOT_PERSONAL,
    ("roundtables", "organiser_name"): _FREE,
    ("roundtables", "organiser_email"): _FREE,
    ("roundtables", "status"): _NOT_PERSONAL,
    ("roundtables", "notes"): _FREE,
    ("roundtables", "created_at"): _NOT_PERSONAL,
    ("roundtables", "updated_at"): _NOT_PERSONAL,
    ("roundtables", "target_mix"): _NOT_PERSONAL,  # JSON of perspective weights
    ("settings", "key"): _NOT_PERSONAL,
    ("settings", "value"): _FREE,
    ("stakeholder_search", "name"): Erasure.SEARCH_INDEX,
    ("stakeholder_search", "pseudonym"): Erasure.SEARCH_INDEX,
    ("stakeholder_search", "organisation"): Erasure.SEARCH_INDEX,
    ("stakeholder_search", "role"): Erasure.SEARCH_INDEX,
    ("stakeholder_search", "email"): Erasure.SEARCH_INDEX,
    ("stakeholder_search", "tags"): Erasure.SEARCH_INDEX,
    ("stakeholder_search", "notes"): Erasure.SEARCH_INDEX,
    ("stakeholders", "name"): Erasure.OWN_RECORD,
    ("stakeholders", "pseudonym"): Erasure.OWN_RECORD,
    ("stakeholders", "email"): Erasure.OWN_RECORD,
    ("stakeholders", "phone"): Erasure.OWN_RECORD,
    ("stakeholders", "sort_name"): Erasure.OWN_RECORD,
    # Other people's records may mention the person too: free text, beyond being emptied.
    ("stakeholders", "role"): _FREE,
    ("stakeholders", "tags"): _FREE,
    ("stakeholders", "access_needs"): _FREE,
    ("stakeholders", "safe_contact_notes"): _FREE,
    ("stakeholders", "notes"): _FREE,
    ("stakeholders", "erased_at"): _NOT_PERSONAL,
    ("stakeholders", "created_at"): _NOT_PERSONAL,
    ("stakeholders", "updated_at"): _NOT_PERSONAL,
}


def columns(decision: Erasure) -> tuple[tuple[str, str], ...]:
    """The (table, column) pairs with that decision, in a stable order."""
    return tuple(sorted(key for key, value in TEXT_COLUMNS.items() if value is decision))
