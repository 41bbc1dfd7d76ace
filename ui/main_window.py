"""The main window: for now the stakeholder directory; other screens join it."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QTableView

from convener.storage import Store
from ui.stakeholder_model import StakeholderTableModel


class MainWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.setWindowTitle(f"Convener — {store.path.name}")
        self.model = StakeholderTableModel(store, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Stakeholders")
        self.table.setSortingEnabled(False)
        self.setCentralWidget(self.table)
        self.statusBar().showMessage(f"{self.model.rowCount()} stakeholders")
        self.resize(1100, 700)
