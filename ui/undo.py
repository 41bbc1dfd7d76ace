"""Edit ▸ Undo and Redo: one QUndoStack for the window, one command per user action.

Each command is pushed after its action has been done (and succeeded), so its first `redo`
does nothing; later undos and redos call the core (`convener.reversible`), which knows each
action's inverse. After either, `UndoHistory` says what changed, and the window refreshes
only the pages that show it. Consent is append-only: undoing a decision records a
correcting event, redoing records the decision again; nothing is ever deleted from it.

An undo the data no longer allows (a person added, then invited, cannot be un-added) tells
the user why and is dropped from the history.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from convener import reversible
from convener.consent_recording import record_consent
from convener.directory import update_stakeholder
from convener.domain import ConsentEvent, Invitation, StakeholderDraft
from convener.errors import ConvenerError
from convener.storage import Store, Taxonomy


class UndoHistory(QObject):
    """The window's undo stack and the news of what an undo or redo changed."""

    directory_changed = Signal()
    invite_list_changed = Signal(int)  # roundtable id
    taxonomy_changed = Signal()
    consent_changed = Signal(int)  # stakeholder id
    failed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.stack = QUndoStack(self)

    def push_done(self, command: DoneCommand) -> None:
        self.stack.push(command)


class DoneCommand(QUndoCommand):
    """A command for an action already done: its first redo is the action itself."""

    def __init__(self, history: UndoHistory, text: str) -> None:
        super().__init__(text)
        self.history = history
        self.store = history.store
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._run(self.do_again, "redo")

    def undo(self) -> None:
        self._run(self.do_undo, "undo")

    def _run(self, step: Callable[[], None], verb: str) -> None:
        try:
            step()
        except ConvenerError as exc:
            self.setObsolete(True)  # the stack drops it: it can no longer be done or undone
            self.history.failed.emit(f"Could not {verb} “{self.text()}”: {exc}.")
        self.announce()

    def do_undo(self) -> None:
        raise NotImplementedError

    def do_again(self) -> None:
        raise NotImplementedError

    def announce(self) -> None:
        raise NotImplementedError


class _DirectoryCommand(DoneCommand):
    def announce(self) -> None:
        self.history.directory_changed.emit()


class EditStakeholder(_DirectoryCommand):
    def __init__(
        self,
        history: UndoHistory,
        stakeholder_id: int,
        before: StakeholderDraft,
        after: StakeholderDraft,
    ) -> None:
        super().__init__(history, f"edit {after.name or before.name}")
        self.stakeholder_id, self.before, self.after = stakeholder_id, before, after

    def do_undo(self) -> None:
        update_stakeholder(self.store, self.stakeholder_id, self.before)

    def do_again(self) -> None:
        update_stakeholder(self.store, self.stakeholder_id, self.after)


class AddStakeholder(_DirectoryCommand):
    def __init__(self, history: UndoHistory, stakeholder_id: int, draft: StakeholderDraft) -> None:
        super().__init__(history, f"add {draft.name}")
        self.stakeholder_id, self.draft = stakeholder_id, draft

    def do_undo(self) -> None:
        reversible.delete_stakeholder(self.store, self.stakeholder_id)

    def do_again(self) -> None:
        reversible.readd_stakeholder(self.store, self.stakeholder_id, self.draft)


class DeleteStakeholder(_DirectoryCommand):
    def __init__(self, history: UndoHistory, deleted: reversible.DeletedStakeholder) -> None:
        super().__init__(history, f"delete {deleted.draft.name}")
        self.deleted = deleted

    def do_undo(self) -> None:
        reversible.restore_stakeholder(self.store, self.deleted)

    def do_again(self) -> None:
        self.deleted = reversible.delete_stakeholder(self.store, self.deleted.stakeholder_id)


class _ListCommand(DoneCommand):
    def __init__(self, history: UndoHistory, text: str, roundtable_id: int) -> None:
        super().__init__(history, text)
        self.roundtable_id = roundtable_id

    def announce(self) -> None:
        self.history.invite_list_changed.emit(self.roundtable_id)


class AddToList(_ListCommand):
    def __init__(
        self, history: UndoHistory, roundtable_id: int, stakeholder_ids: Sequence[int]
    ) -> None:
        count = len(stakeholder_ids)
        super().__init__(
            history, f"add {count} {'person' if count == 1 else 'people'} to the list",
            roundtable_id,
        )  # fmt: skip
        self.stakeholder_ids = list(stakeholder_ids)
        self.places: list[Invitation] = []

    def do_undo(self) -> None:
        self.places = reversible.take_off_list(self.store, self.roundtable_id, self.stakeholder_ids)

    def do_again(self) -> None:
        reversible.put_back_on_list(self.store, self.places)


class RemoveFromList(_ListCommand):
    def __init__(
        self, history: UndoHistory, roundtable_id: int, removed: Sequence[Invitation]
    ) -> None:
        count = len(removed)
        super().__init__(
            history, f"remove {count} {'person' if count == 1 else 'people'} from the list",
            roundtable_id,
        )  # fmt: skip
        self.removed = list(removed)

    def do_undo(self) -> None:
        reversible.put_back_on_list(self.store, self.removed)

    def do_again(self) -> None:
        self.removed = reversible.take_off_list(
            self.store, self.roundtable_id, [i.stakeholder_id for i in self.removed]
        )


class _TermCommand(DoneCommand):
    def __init__(self, history: UndoHistory, text: str, taxonomy: Taxonomy, term_id: int) -> None:
        super().__init__(history, text)
        self.taxonomy, self.term_id = taxonomy, term_id

    def announce(self) -> None:
        self.history.taxonomy_changed.emit()


class AddTerm(_TermCommand):
    def __init__(self, history: UndoHistory, taxonomy: Taxonomy, term_id: int, name: str) -> None:
        super().__init__(history, f"add {taxonomy.singular} {name}", taxonomy, term_id)
        self.name = name

    def do_undo(self) -> None:
        reversible.remove_term(self.store, self.taxonomy, self.term_id)

    def do_again(self) -> None:
        reversible.add_term(self.store, self.taxonomy, self.name, self.term_id)


class RenameTerm(_TermCommand):
    def __init__(
        self, history: UndoHistory, taxonomy: Taxonomy, term_id: int, old: str, new: str
    ) -> None:
        super().__init__(history, f"rename {old} to {new}", taxonomy, term_id)
        self.old, self.new = old, new

    def do_undo(self) -> None:
        reversible.rename_term(self.store, self.taxonomy, self.term_id, self.old)

    def do_again(self) -> None:
        reversible.rename_term(self.store, self.taxonomy, self.term_id, self.new)


class RetireTerm(_TermCommand):
    def __init__(
        self, history: UndoHistory, taxonomy: Taxonomy, term_id: int, name: str, retired: bool
    ) -> None:
        super().__init__(
            history, f"{'retire' if retired else 'bring back'} {name}", taxonomy, term_id
        )
        self.retired = retired

    def do_undo(self) -> None:
        reversible.set_term_retired(self.store, self.taxonomy, self.term_id, not self.retired)

    def do_again(self) -> None:
        reversible.set_term_retired(self.store, self.taxonomy, self.term_id, self.retired)


class RecordConsent(DoneCommand):
    """Undo appends a correcting event; redo appends the decision again. Nothing is deleted."""

    def __init__(self, history: UndoHistory, event: ConsentEvent) -> None:
        decision = "given" if event.given else "withdrawn"
        super().__init__(history, f"record {event.purpose} consent {decision}")
        self.event = event

    def do_undo(self) -> None:
        reversible.correct_consent(self.store, self.event, self.event.recorded_by)

    def do_again(self) -> None:
        record_consent(
            self.store,
            self.event.stakeholder_id,
            self.event.purpose,
            given=self.event.given,
            method=self.event.method or None,
            note="Recorded again (redone in the app) after an undo.",
            recorded_by=self.event.recorded_by,
        )

    def announce(self) -> None:
        self.history.consent_changed.emit(self.event.stakeholder_id)
