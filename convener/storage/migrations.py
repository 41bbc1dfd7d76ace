"""The schema, as the ordered list of migrations that build it.

A schema change is a new function at the end of this list, never an edit to one that has
shipped: databases in the field have already run the old ones. `PRAGMA user_version` mirrors
the number of migrations applied, which lets an older Convener refuse a newer file.

Conventions: times are ISO 8601 text in UTC (`2026-03-12T10:00:00+00:00`) with the IANA zone
they were planned in stored beside them; money is integer pence; taxonomy links are row ids.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "convener"
migrations = Migrations(MIGRATION_SET)
_NAMES: list[str] = []


def _migration(fn: Callable[[Database], None]) -> Callable[[Database], None]:
    """Register a migration; its place in the list becomes the schema version it leaves."""
    _NAMES.append(fn.__name__)
    version = len(_NAMES)

    def apply_and_stamp(db: Database) -> None:
        fn(db)
        db.execute(f"PRAGMA user_version = {version}")

    migrations(name=fn.__name__)(apply_and_stamp)
    return fn


@_migration
def m001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE levers (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            description TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE themes (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            description TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT '',
            retired INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE sectors (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            description TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT '',
            retired INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE jurisdictions (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            description TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT '',
            retired INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE organisations (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            sector_id INTEGER REFERENCES sectors(id),
            jurisdiction_id INTEGER REFERENCES jurisdictions(id),
            email TEXT,
            website TEXT,
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX organisations_name ON organisations(name COLLATE NOCASE);

        CREATE TABLE stakeholders (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            pseudonym TEXT,
            role TEXT,
            organisation_id INTEGER REFERENCES organisations(id),
            email TEXT,
            phone TEXT,
            sector_id INTEGER REFERENCES sectors(id),
            jurisdiction_id INTEGER REFERENCES jurisdictions(id),
            tags TEXT NOT NULL DEFAULT '[]',
            lived_experience INTEGER NOT NULL DEFAULT 0,
            intermediary_id INTEGER REFERENCES organisations(id),
            access_needs TEXT NOT NULL DEFAULT '',
            safe_contact_notes TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            erased_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX stakeholders_organisation ON stakeholders(organisation_id);
        CREATE INDEX stakeholders_sector ON stakeholders(sector_id);
        CREATE INDEX stakeholders_email ON stakeholders(email COLLATE NOCASE);
        CREATE INDEX stakeholders_name ON stakeholders(name COLLATE NOCASE);

        CREATE TABLE stakeholder_levers (
            stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
            lever_id INTEGER NOT NULL REFERENCES levers(id),
            PRIMARY KEY (stakeholder_id, lever_id)
        ) WITHOUT ROWID;
        CREATE INDEX stakeholder_levers_lever ON stakeholder_levers(lever_id);
        CREATE TABLE stakeholder_themes (
            stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
            theme_id INTEGER NOT NULL REFERENCES themes(id),
            PRIMARY KEY (stakeholder_id, theme_id)
        ) WITHOUT ROWID;
        CREATE INDEX stakeholder_themes_theme ON stakeholder_themes(theme_id);

        CREATE TABLE consent_events (
            id INTEGER PRIMARY KEY,
            stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
            purpose TEXT NOT NULL,
            given INTEGER NOT NULL,
            recorded_at TEXT NOT NULL,
            method TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            recorded_by TEXT NOT NULL DEFAULT '',
            wording_version TEXT NOT NULL DEFAULT '',
            wording_hash TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX consent_events_person ON consent_events(stakeholder_id, purpose);

        CREATE TABLE roundtables (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            theme_id INTEGER REFERENCES themes(id),
            purpose TEXT NOT NULL DEFAULT '',
            format TEXT NOT NULL DEFAULT 'online',
            location TEXT,
            online_url TEXT,
            starts_at TEXT NOT NULL,
            ends_at TEXT NOT NULL,
            tz TEXT NOT NULL DEFAULT 'Europe/London',
            organiser_name TEXT,
            organiser_email TEXT,
            capacity INTEGER,
            chatham_house INTEGER NOT NULL DEFAULT 1,
            budget_pence INTEGER,
            status TEXT NOT NULL DEFAULT 'draft',
            sequence INTEGER NOT NULL DEFAULT 0,
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX roundtables_starts ON roundtables(starts_at);

        CREATE TABLE agenda_items (
            id INTEGER PRIMARY KEY,
            roundtable_id INTEGER NOT NULL REFERENCES roundtables(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            title TEXT NOT NULL
        );
        CREATE INDEX agenda_items_roundtable ON agenda_items(roundtable_id, position);

        CREATE TABLE invitations (
            id INTEGER PRIMARY KEY,
            roundtable_id INTEGER NOT NULL REFERENCES roundtables(id) ON DELETE CASCADE,
            stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id),
            role TEXT NOT NULL DEFAULT 'participant',
            status TEXT NOT NULL DEFAULT 'proposed',
            reserve_rank INTEGER,
            fee_pence INTEGER,
            expenses_pence INTEGER,
            paid_on TEXT,
            access_needs TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (roundtable_id, stakeholder_id)
        );
        CREATE INDEX invitations_stakeholder ON invitations(stakeholder_id);

        CREATE TABLE findings (
            id INTEGER PRIMARY KEY,
            roundtable_id INTEGER NOT NULL REFERENCES roundtables(id) ON DELETE CASCADE,
            agenda_item_id INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
            kind TEXT NOT NULL DEFAULT 'insight',
            text TEXT NOT NULL,
            theme_id INTEGER REFERENCES themes(id),
            lever_id INTEGER REFERENCES levers(id),
            addressed_to TEXT,
            owner TEXT,
            due_on TEXT,
            attribution TEXT NOT NULL DEFAULT 'none',
            by_stakeholder_id INTEGER REFERENCES stakeholders(id),
            retracted_at TEXT,
            retraction_note TEXT,
            created_at TEXT NOT NULL
        );
        CREATE INDEX findings_roundtable ON findings(roundtable_id);

        CREATE TABLE disclosures (
            id INTEGER PRIMARY KEY,
            stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id),
            export_kind TEXT NOT NULL,
            audience TEXT NOT NULL,
            file_name TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX disclosures_person ON disclosures(stakeholder_id);

        CREATE TABLE erasures (
            id INTEGER PRIMARY KEY,
            stakeholder_id INTEGER NOT NULL,
            erased_at TEXT NOT NULL,
            reason TEXT NOT NULL
        );

        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        -- Full-text index over what staff type into the search box. Kept in step by the
        -- stakeholder store, because it joins in organisation names and tags.
        CREATE VIRTUAL TABLE stakeholder_search USING fts5(
            name, pseudonym, organisation, role, email, tags, notes,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        """
    )


@_migration
def m002_conflicts_and_deliveries(db: Database) -> None:
    """Conflicts between people or organisations, and the log of invitation files sent."""
    db.executescript(
        """
        CREATE TABLE conflicts (
            id INTEGER PRIMARY KEY,
            stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
            other_stakeholder_id INTEGER REFERENCES stakeholders(id) ON DELETE CASCADE,
            organisation_id INTEGER REFERENCES organisations(id) ON DELETE CASCADE,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            CHECK ((other_stakeholder_id IS NULL) <> (organisation_id IS NULL))
        );
        CREATE INDEX conflicts_person ON conflicts(stakeholder_id);

        -- Which SEQUENCE of a roundtable each invitee was sent, so updates and
        -- cancellations reach exactly the people who had an earlier version.
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY,
            invitation_id INTEGER NOT NULL REFERENCES invitations(id) ON DELETE CASCADE,
            sequence INTEGER NOT NULL,
            method TEXT NOT NULL,
            file_name TEXT NOT NULL,
            sent_at TEXT NOT NULL
        );
        CREATE INDEX deliveries_invitation ON deliveries(invitation_id, sequence);
        """
    )


@_migration
def m003_calendar_replies(db: Database) -> None:
    """The calendar replies applied to invitations, so an older reply never undoes a newer."""
    db.executescript(
        """
        CREATE TABLE replies (
            id INTEGER PRIMARY KEY,
            invitation_id INTEGER NOT NULL REFERENCES invitations(id) ON DELETE CASCADE,
            sequence INTEGER NOT NULL,
            replied_at TEXT NOT NULL,  -- the reply's DTSTAMP, UTC
            partstat TEXT NOT NULL,
            file_name TEXT NOT NULL,
            applied_at TEXT NOT NULL
        );
        CREATE INDEX replies_invitation ON replies(invitation_id, sequence, replied_at);
        """
    )


@_migration
def m004_stakeholder_sort_name(db: Database) -> None:
    """A folded sort key for the name lists show, so sorting ignores case and accents."""
    from convener.storage.people_index import refresh_sort_names

    db.execute("ALTER TABLE stakeholders ADD COLUMN sort_name TEXT NOT NULL DEFAULT ''")
    refresh_sort_names(db)
    db.execute("CREATE INDEX stakeholders_sort_name ON stakeholders(erased_at, sort_name)")


@_migration
def m005_roundtable_planning(db: Database) -> None:
    """What roundtable planning needs beyond m001: a target mix, extra themes, the levers
    sought, whether access needs were asked, and an index for the latest consent per person."""
    db.executescript(
        """
        -- JSON object {perspective: weight}; NULL means the default mix of the four voices.
        ALTER TABLE roundtables ADD COLUMN target_mix TEXT;

        CREATE TABLE roundtable_themes (
            roundtable_id INTEGER NOT NULL REFERENCES roundtables(id) ON DELETE CASCADE,
            theme_id INTEGER NOT NULL REFERENCES themes(id),
            PRIMARY KEY (roundtable_id, theme_id)
        ) WITHOUT ROWID;

        CREATE TABLE roundtable_levers (
            roundtable_id INTEGER NOT NULL REFERENCES roundtables(id) ON DELETE CASCADE,
            lever_id INTEGER NOT NULL REFERENCES levers(id),
            PRIMARY KEY (roundtable_id, lever_id)
        ) WITHOUT ROWID;

        -- "Access needs asked" is a fact of its own: an empty need may mean "none" or
        -- "nobody asked", and the principles check needs to tell them apart.
        ALTER TABLE invitations ADD COLUMN access_asked INTEGER NOT NULL DEFAULT 0;
        UPDATE invitations SET access_asked = 1 WHERE access_needs != '';

        -- The composer reads the latest contact consent of tens of thousands of people;
        -- with `given` in the index that is one index probe each, never a table read.
        CREATE INDEX consent_events_latest
            ON consent_events(stakeholder_id, purpose, recorded_at DESC, id DESC, given);
        """
    )


@_migration
def m006_privacy(db: Database) -> None:
    """Protected-contact rule in the schema, and the retention review log.

    The triggers make "no direct email or phone for someone reached through an intermediary"
    hold for every write, whichever code path (form, import, update, raw SQL) makes it.
    """
    db.executescript(
        """
        CREATE TRIGGER stakeholders_protected_contact_insert
        BEFORE INSERT ON stakeholders
        WHEN NEW.intermediary_id IS NOT NULL
             AND (coalesce(NEW.email, '') <> '' OR coalesce(NEW.phone, '') <> '')
        BEGIN
            SELECT RAISE(ABORT, 'protected contact: no direct email or phone with an intermediary');
        END;
        CREATE TRIGGER stakeholders_protected_contact_update
        BEFORE UPDATE OF intermediary_id, email, phone ON stakeholders
        WHEN NEW.intermediary_id IS NOT NULL
             AND (coalesce(NEW.email, '') <> '' OR coalesce(NEW.phone, '') <> '')
        BEGIN
            SELECT RAISE(ABORT, 'protected contact: no direct email or phone with an intermediary');
        END;

        -- A "keep" decision in the retention review: the person drops off the list until the
        -- review period has passed again.
        CREATE TABLE retention_reviews (
            id INTEGER PRIMARY KEY,
            stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
            reviewed_at TEXT NOT NULL,
            decision TEXT NOT NULL DEFAULT 'keep'
        );
        CREATE INDEX retention_reviews_person ON retention_reviews(stakeholder_id, reviewed_at);
        """
    )


@_migration
def m007_search_prefix_index(db: Database) -> None:
    """Prefix indexes for one- and two-letter prefixes in the full-text index.

    Search as you type asks for a prefix at every keystroke. Without these, a short prefix
    merges the lists of every word that starts with it: a first letter took 30-40 ms on 100k
    people, a second word's first letter ("aoife m") 10 ms instead of 0.6 ms
    (docs/performance.md). FTS5 options cannot be changed in place, so the index is rebuilt
    from the people it holds, one statement at a time to stay inside the migration's transaction.
    """
    db.execute("DROP TABLE stakeholder_search")
    db.execute(
        """CREATE VIRTUAL TABLE stakeholder_search USING fts5(
               name, pseudonym, organisation, role, email, tags, notes,
               tokenize = 'unicode61 remove_diacritics 2',
               prefix = '1 2'
           )"""
    )
    db.execute(
        """INSERT INTO stakeholder_search
               (rowid, name, pseudonym, organisation, role, email, tags, notes)
           SELECT s.id, convener_fold(s.name), convener_fold(s.pseudonym),
                  convener_fold(o.name), convener_fold(s.role), convener_fold(s.email),
                  convener_fold((SELECT group_concat(value, ' ') FROM json_each(s.tags))),
                  convener_fold(s.notes)
           FROM stakeholders s LEFT JOIN organisations o ON o.id = s.organisation_id
           WHERE s.erased_at IS NULL"""
    )


@_migration
def m008_lived_experience_index(db: Database) -> None:
    """An index to find the lived experience experts without reading everyone.

    Every output that prints findings checks their text for the experts' names (a story may
    name one who was not invited); reading the experts from a scan of the whole directory took
    106 ms at 100k people, through this index 9 ms (docs/performance.md).
    """
    db.execute(
        "CREATE INDEX stakeholders_lived_experience ON stakeholders(lived_experience, erased_at)"
    )


@_migration
def m009_erasure_log_and_suppression(db: Database) -> None:
    """The erasure log inside the file, and the suppression list of erased people.

    The log (which record was erased, and when) travels in every backup made afterwards, so
    opening or restoring one erases the person again; before this it lived only in a file
    beside the database. The suppression list holds one-way hashes of an erased person's
    normalised email, phone and name with organisation (storage.suppression), so an import
    of an old contacts file does not bring them back.
    """
    db.executescript(
        """
        CREATE TABLE erasure_log (
            stakeholder_id INTEGER NOT NULL,
            created_at TEXT NOT NULL,  -- the record's own stamp: ids repeat across files
            erased_at TEXT NOT NULL,
            PRIMARY KEY (stakeholder_id, created_at)
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO erasure_log (stakeholder_id, created_at, erased_at)
            SELECT s.id, s.created_at, s.erased_at FROM stakeholders s
            WHERE s.erased_at IS NOT NULL;

        CREATE TABLE erasure_suppression (
            kind TEXT NOT NULL,
            salt TEXT NOT NULL,
            digest TEXT NOT NULL,
            erased_at TEXT NOT NULL,
            PRIMARY KEY (kind, salt, digest)
        ) WITHOUT ROWID;
        """
    )


def latest_version() -> int:
    return len(_NAMES)


def migration_names() -> tuple[str, ...]:
    return tuple(_NAMES)
