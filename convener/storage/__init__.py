"""The only package that speaks SQL. Everything else asks a store."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from convener.storage.candidates import CandidateStore
from convener.storage.consent import ConsentStore
from convener.storage.coverage import CoverageStore
from convener.storage.database import check_health, open_database
from convener.storage.deliveries import DeliveryStore
from convener.storage.disclosures import DisclosureStore
from convener.storage.erasure import ErasureStore
from convener.storage.findings import FindingStore
from convener.storage.merging import MergeStore
from convener.storage.organisations import OrganisationStore
from convener.storage.retention import RetentionStore
from convener.storage.roundtables import RoundtableStore
from convener.storage.settings import SettingsStore
from convener.storage.stakeholders import SortKey, StakeholderFilter, StakeholderStore
from convener.storage.subject_access import SubjectAccessStore
from convener.storage.suppression import SuppressionStore
from convener.storage.taxonomy import Taxonomy, TaxonomyStore

__all__ = [
    "SortKey",
    "StakeholderFilter",
    "Store",
    "Taxonomy",
    "open_database",
]


@dataclass
class Store:
    """One open database and the stores over it. Belongs to the thread that opened it."""

    db: Database
    path: Path
    taxonomy: TaxonomyStore = field(init=False)
    organisations: OrganisationStore = field(init=False)
    stakeholders: StakeholderStore = field(init=False)
    consent: ConsentStore = field(init=False)
    roundtables: RoundtableStore = field(init=False)
    findings: FindingStore = field(init=False)
    settings: SettingsStore = field(init=False)
    disclosures: DisclosureStore = field(init=False)
    deliveries: DeliveryStore = field(init=False)
    coverage: CoverageStore = field(init=False)
    merging: MergeStore = field(init=False)
    candidates: CandidateStore = field(init=False)
    erasures: ErasureStore = field(init=False)
    retention: RetentionStore = field(init=False)
    subject_access: SubjectAccessStore = field(init=False)
    suppression: SuppressionStore = field(init=False)

    def __post_init__(self) -> None:
        self.taxonomy = TaxonomyStore(self.db)
        self.organisations = OrganisationStore(self.db)
        self.stakeholders = StakeholderStore(self.db)
        self.consent = ConsentStore(self.db)
        self.roundtables = RoundtableStore(self.db)
        self.findings = FindingStore(self.db)
        self.settings = SettingsStore(self.db)
        self.disclosures = DisclosureStore(self.db)
        self.deliveries = DeliveryStore(self.db)
        self.coverage = CoverageStore(self.db)
        self.merging = MergeStore(self.db)
        self.candidates = CandidateStore(self.db)
        self.erasures = ErasureStore(self.db)
        self.retention = RetentionStore(self.db)
        self.subject_access = SubjectAccessStore(self.db)
        self.suppression = SuppressionStore(self.db)

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        backups_dir: Path | None = None,
        check: bool = True,
        create: bool = True,
    ) -> Store:
        """Open the file; `check=False` defers the full health check, `create=False` refuses
        a missing file (see open_database)."""
        db = open_database(path, backups_dir=backups_dir, check=check, create=create)
        store = cls(db, Path(path))
        store.taxonomy.seed_defaults()
        return store

    def check_health(self) -> None:
        """SQLite's quick check of the whole file; raises DatabaseError on damage."""
        check_health(self.db, self.path)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
