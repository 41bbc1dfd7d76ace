"""The invite list as an editable table: role, status, payment and access edited inline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from convener.consent import NO_CONSENT
from convener.domain import Invitation, InvitationRole, InvitationStatus
from convener.errors import ConvenerError
from convener.invitations import InvitationChange, update_invitation
from convener.invite_list import counts_toward_capacity
from convener.privacy import Audience, render_person
from convener.storage import Store
from ui.roundtables.formatting import parse_pounds, pounds
from ui.table_model import ListTableModel

_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 3  # the values a combo-box editor offers


class Column(IntEnum):
    NAME = 0
    ROLE = 1
    STATUS = 2
    SEAT = 3
    LIVED_EXPERIENCE = 4
    FEE = 5
    EXPENSES = 6
    PAID_ON = 7
    ACCESS_ASKED = 8
    ACCESS_NEEDS = 9


_HEADERS = {
    Column.NAME: "Name",
    Column.ROLE: "Role",
    Column.STATUS: "Status",
    Column.SEAT: "Seat",
    Column.LIVED_EXPERIENCE: "Lived experience",
    Column.FEE: "Fee",
    Column.EXPENSES: "Expenses",
    Column.PAID_ON: "Paid on",
    Column.ACCESS_ASKED: "Access asked",
    Column.ACCESS_NEEDS: "Access and support needs",
}
_EDITABLE = {
    Column.ROLE,
    Column.STATUS,
    Column.FEE,
    Column.EXPENSES,
    Column.PAID_ON,
    Column.ACCESS_ASKED,
    Column.ACCESS_NEEDS,
}
ROLE_CHOICES = [r.value for r in InvitationRole]
STATUS_CHOICES = [s.value for s in InvitationStatus]


@dataclass(frozen=True, slots=True)
class InvitationRow:
    invitation: Invitation
    name: str
    lived_experience: bool


class InvitationTableModel(ListTableModel):
    """Edits go straight to the core (one transaction each); `list_changed` says one happened.

    `failed` carries the message of an edit the core refused, for the page to show.
    """

    list_changed = Signal()
    failed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._roundtable_id: int | None = None
        self.rows: list[InvitationRow] = []

    @property
    def roundtable_id(self) -> int | None:
        return self._roundtable_id

    def load(self, roundtable_id: int | None) -> None:
        self.beginResetModel()
        self._roundtable_id = roundtable_id
        self.rows = self._read(roundtable_id) if roundtable_id is not None else []
        self.endResetModel()

    def reload(self) -> None:
        self.load(self._roundtable_id)

    def _read(self, roundtable_id: int) -> list[InvitationRow]:
        invitations = self._store.roundtables.invitations(roundtable_id)
        people = {
            p.id: p
            for p in self._store.stakeholders.get_many([i.stakeholder_id for i in invitations])
        }
        rows = []
        for invitation in invitations:
            person = people.get(invitation.stakeholder_id)
            view = render_person(person, NO_CONSENT, Audience.INTERNAL) if person else None
            name = view.name if view else "(erased)"
            lee = bool(person and person.lived_experience)
            rows.append(InvitationRow(invitation, name, lee))
        return rows

    def row(self, row: int) -> InvitationRow:
        return self.rows[row]

    headers = tuple(_HEADERS[c] for c in Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and Column(section) is Column.SEAT
        ):
            return (
                "Chair, co-designer, speaker and participant take a seat; observers and "
                "note-takers do not count toward capacity."
            )
        return super().headerData(section, orientation, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = Column(index.column())
        if column is Column.ACCESS_ASKED:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        if column in _EDITABLE:
            return flags | Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.rows[index.row()]
        column = Column(index.column())
        if role == CHOICES_ROLE:
            return {Column.ROLE: ROLE_CHOICES, Column.STATUS: STATUS_CHOICES}.get(column)
        if column is Column.ACCESS_ASKED and role == Qt.ItemDataRole.CheckStateRole:
            asked = item.invitation.access_asked
            return Qt.CheckState.Checked if asked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.EditRole:
            return _texts(item).get(column) if column in _EDITABLE else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, SORT_ROLE):
            text = _texts(item)[column]
            return text.casefold() if role == SORT_ROLE else text
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        column = Column(index.column())
        try:
            change = self._change(column, value, role)
        except ValueError as exc:
            self.failed.emit(str(exc))
            return False
        if change is None:
            return False
        item = self.rows[index.row()]
        try:
            update_invitation(self._store, item.invitation.id, change)
        except ConvenerError as exc:
            self.failed.emit(str(exc))
            return False
        fresh = self._store.roundtables.invitation(item.invitation.id)
        self.rows[index.row()] = InvitationRow(fresh, item.name, item.lived_experience)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(Column) - 1))
        self.list_changed.emit()
        return True

    @staticmethod
    def _change(column: Column, value: Any, role: int) -> InvitationChange | None:
        if column is Column.ACCESS_ASKED:
            if role != Qt.ItemDataRole.CheckStateRole:
                return None
            return InvitationChange(access_asked=Qt.CheckState(value) == Qt.CheckState.Checked)
        if role != Qt.ItemDataRole.EditRole or column not in _PARSERS:
            return None
        return _PARSERS[column](str(value).strip())


def _texts(item: InvitationRow) -> dict[Column, str]:
    """Every cell of a row as text (cheap: ten short strings)."""
    inv = item.invitation
    if inv.reserve_rank is not None:
        seat = f"Reserve {inv.reserve_rank}"
    else:
        seat = "Takes a seat" if counts_toward_capacity(inv.role) else "No seat"
    return {
        Column.NAME: item.name,
        Column.ROLE: inv.role.value,
        Column.STATUS: inv.status.value,
        Column.SEAT: seat,
        Column.LIVED_EXPERIENCE: "Yes" if item.lived_experience else "",
        Column.FEE: pounds(inv.fee_pence),
        Column.EXPENSES: pounds(inv.expenses_pence),
        Column.PAID_ON: inv.paid_on.isoformat() if inv.paid_on else "",
        Column.ACCESS_ASKED: "Yes" if inv.access_asked else "No",
        Column.ACCESS_NEEDS: inv.access_needs,
    }


def _money(key: str) -> Callable[[str], InvitationChange | None]:
    def parse(text: str) -> InvitationChange | None:
        try:
            amount = parse_pounds(text)
        except ValueError:
            raise ValueError(f"'{text}' is not an amount in pounds (e.g. 150.00)") from None
        return None if amount is None else InvitationChange(**{key: amount})

    return parse


def _paid_on(text: str) -> InvitationChange | None:
    if not text:
        return None
    try:
        return InvitationChange(paid_on=date.fromisoformat(text))
    except ValueError:
        raise ValueError(f"'{text}' is not a date (use e.g. 2027-02-14)") from None


def _role(text: str) -> InvitationChange:
    return InvitationChange(role=InvitationRole(text))


def _status(text: str) -> InvitationChange:
    return InvitationChange(status=InvitationStatus(text))


def _access_needs(text: str) -> InvitationChange:
    return InvitationChange(access_needs=text, access_asked=True)


_PARSERS: dict[Column, Callable[[str], InvitationChange | None]] = {
    Column.ROLE: _role,
    Column.STATUS: _status,
    Column.FEE: _money("fee_pence"),
    Column.EXPENSES: _money("expenses_pence"),
    Column.PAID_ON: _paid_on,
    Column.ACCESS_NEEDS: _access_needs,
}
