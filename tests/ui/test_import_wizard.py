"""The import wizard end to end on a real file and database, and its models."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from convener.directory import add_stakeholder
from convener.domain import StakeholderDraft
from convener.importing import Decision, Field, FileFormat, ImportSummary, choose_mapping
from convener.importing.matching import Match, MatchReason
from convener.importing.runner import Duplicate
from convener.storage import StakeholderFilter, Store
from tests.convener.test_import_formats import OUTLOOK_HEADERS, row_for, write_csv
from ui.import_models import DecisionColumn, DecisionModel, MappingColumn, MappingModel
from ui.import_wizard import ImportWizard
from ui.tasks import TaskManager


def drop_file(wizard: ImportWizard, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    point = QPointF(10, 10)
    buttons = Qt.MouseButton.LeftButton
    drop = QDropEvent(
        point, Qt.DropAction.CopyAction, mime, buttons, Qt.KeyboardModifier.NoModifier
    )
    wizard.dropEvent(drop)  # what Qt calls when a drag from the file manager ends here
    assert drop.isAccepted()


def outlook_file(tmp_path: Path) -> Path:
    def person(first: str, last: str, email: str, company: str = "") -> list[str]:
        return row_for(
            OUTLOOK_HEADERS,
            **{"First Name": first, "Last Name": last, "E-mail Address": email, "Company": company},
        )

    return write_csv(
        tmp_path / "outlook.csv",
        [
            OUTLOOK_HEADERS,
            person("José", "Müller", "jose.new@example.org", "Caritas"),
            person("Priya", "Shah", "priya@example.org"),
            person("Ann", "Lee", "ann@example.org"),
        ],
        encoding="cp1252",
    )


def test_the_wizard_imports_a_dropped_file_with_per_row_decisions(
    qtbot: QtBot, store: Store, db_path: Path, tmp_path: Path
) -> None:
    jose = add_stakeholder(store, StakeholderDraft(name="José Müller", organisation="Caritas"))
    priya = add_stakeholder(store, StakeholderDraft(name="Priya Shah", email="priya@example.org"))
    tasks = TaskManager(db_path)
    wizard = ImportWizard(tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    path = outlook_file(tmp_path)
    drop_file(wizard, path)
    assert wizard.file_page.path() == path
    assert wizard.file_page.isComplete()

    wizard.next()
    qtbot.waitUntil(wizard.mapping_page.isComplete)
    about = wizard.mapping_page.about.text()
    assert "Windows-1252" in about and str(FileFormat.OUTLOOK) in about and "3 rows" in about
    assert wizard.mapping_page.model.mapping()["Company"] is Field.ORGANISATION

    wizard.next()
    qtbot.waitUntil(wizard.check_page.isComplete)
    decisions = wizard.check_page.model
    assert decisions.rowCount() == 2
    looks_like = {
        decisions.index(r, DecisionColumn.ROW).data(): decisions.index(
            r, DecisionColumn.MATCHES
        ).data()
        for r in range(2)
    }
    assert looks_like == {2: f"#{jose} José Müller (Caritas)", 3: f"#{priya} Priya Shah"}
    # Update José (close name at the same organisation); leave Priya on the default, skip.
    assert decisions.setData(decisions.index(0, DecisionColumn.DECISION), "update")

    with qtbot.waitSignal(wizard.imported, timeout=10000) as imported:
        wizard.next()
    summary = imported.args[0]
    assert isinstance(summary, ImportSummary)
    assert (summary.created, summary.updated, summary.skipped) == (1, 1, 1)
    qtbot.waitUntil(wizard.run_page.isComplete)
    assert "1 created, 1 updated, 1 skipped" in wizard.run_page.status.text()
    assert store.stakeholders.get(jose).email == "jose.new@example.org"
    assert len(store.stakeholders.find(StakeholderFilter(search="Ann Lee"))) == 1
    assert summary.file_format is FileFormat.OUTLOOK
    # The mapping was remembered for the next file with the same columns.
    remembered = choose_mapping(store, tuple(OUTLOOK_HEADERS))
    assert remembered.file_format is FileFormat.SAVED
    assert remembered.mapping["Company"] is Field.ORGANISATION
    qtbot.waitUntil(lambda: not tasks.busy)


def test_a_file_with_bad_rows_cannot_be_imported_from_the_wizard(
    qtbot: QtBot, store: Store, db_path: Path, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "bad.csv", [["Name", "Email"], ["Ann", "ann@example.org"], ["Bo", "bo@"]]
    )
    tasks = TaskManager(db_path)
    wizard = ImportWizard(tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    qtbot.waitUntil(wizard.mapping_page.isComplete)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.check_page.result is not None)
    assert not wizard.check_page.isComplete()
    assert "Row 3: 'bo@' is not a valid email address" in wizard.check_page.errors.toPlainText()
    assert store.stakeholders.count() == 0
    qtbot.waitUntil(lambda: not tasks.busy)


def test_the_mapping_can_be_edited_and_a_name_is_required(qtbot: QtBot) -> None:
    model = MappingModel()
    model.load(("Who", "Mail"), [("Ann", "a@example.org"), ("Bo", "")], {"Mail": Field.EMAIL})
    assert model.index(0, MappingColumn.EXAMPLE).data() == "Ann | Bo"
    assert model.index(0, MappingColumn.FIELD).data() == "(not imported)"
    with qtbot.waitSignal(model.mapping_changed):
        assert model.setData(model.index(0, MappingColumn.FIELD), Field.NAME.value)
    assert model.mapping() == {"Who": Field.NAME, "Mail": Field.EMAIL}
    assert not model.setData(model.index(0, MappingColumn.FIELD), "shoe size")
    assert model.setData(model.index(1, MappingColumn.FIELD), "")
    assert model.mapping() == {"Who": Field.NAME}


def test_models_pass_the_model_tester(qtmodeltester: object) -> None:
    mapping = MappingModel()
    mapping.load(("Name", "Email"), [("Ann", "a@example.org")], {"Name": Field.NAME})
    qtmodeltester.check(mapping)  # type: ignore[attr-defined]
    decisions = DecisionModel()
    match = Match(7, MatchReason.SAME_EMAIL, 100.0)
    decisions.load(
        [Duplicate(2, "Ann", "a@example.org", None, match, Decision.SKIP)], {7: "#7 Ann"}
    )
    qtmodeltester.check(decisions)  # type: ignore[attr-defined]
    decisions.set_all(Decision.UPDATE)
    assert decisions.decisions() == {2: Decision.UPDATE}
