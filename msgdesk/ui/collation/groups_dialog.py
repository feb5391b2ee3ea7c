"""Comparator groups, edited in the window: the groups down the side; for the one chosen,
its name and a tick beside each partnership in it.  Save writes through
``Workspace.groups`` (one transaction); a refusal (no name, no partnership, a name taken)
is said in words and nothing is changed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
)

from msgdesk.domain.errors import MsgdeskError

NEW = None  # the group being made, not yet saved


class GroupsDialog(QDialog):
    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.setObjectName("groupsDialog")
        self.setWindowTitle(self.tr("Comparator groups"))
        self.workspace = workspace
        self.editing: str | None = NEW
        grid = QGridLayout(self)

        self.group_list = QListWidget()
        self.group_list.setObjectName("groupList")
        self.group_list.setAccessibleName(self.tr("Groups"))
        groups_label = QLabel(self.tr("&Groups"))
        groups_label.setBuddy(self.group_list)
        grid.addWidget(groups_label, 0, 0)
        grid.addWidget(self.group_list, 1, 0, 2, 1)
        side = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&New group"))
        self.delete_button = QPushButton(self.tr("&Delete group"))
        side.addWidget(self.new_button)
        side.addWidget(self.delete_button)
        grid.addLayout(side, 3, 0)

        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("groupName")
        self.name_edit.setAccessibleName(self.tr("Group name"))
        self.name_edit.setPlaceholderText(self.tr("for example: Island authorities"))
        name_label = QLabel(self.tr("N&ame:"))
        name_label.setBuddy(self.name_edit)
        grid.addWidget(name_label, 0, 1)
        grid.addWidget(self.name_edit, 0, 2)
        self.member_list = QListWidget()
        self.member_list.setObjectName("groupMembers")
        self.member_list.setAccessibleName(self.tr("Partnerships in the group"))
        self.member_list.setAccessibleDescription(self.tr("Space ticks or unticks the partnership"))
        members_label = QLabel(self.tr("&Partnerships in it (Space ticks):"))
        members_label.setBuddy(self.member_list)
        grid.addWidget(members_label, 1, 1, 1, 2)
        grid.addWidget(self.member_list, 2, 1, 1, 2)
        self.save_button = QPushButton(self.tr("&Save group"))
        self.save_button.setDefault(True)
        self.message = QLabel("")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Saved"))
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.save_button)
        grid.addLayout(row, 3, 1, 1, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        grid.addWidget(buttons, 4, 0, 1, 3)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(2, 1)

        self.group_list.currentItemChanged.connect(self._chosen)
        self.new_button.clicked.connect(self.new_group)
        self.delete_button.clicked.connect(self.delete_group)
        self.save_button.clicked.connect(self.save)
        self._partnerships = workspace.groups.partnerships()
        self.refresh()
        self.resize(760, 520)

    def refresh(self, select: str | None = None) -> None:
        self.groups = {g.name: g for g in self.workspace.groups.list_groups()}
        self.group_list.blockSignals(True)
        self.group_list.clear()
        for name in self.groups:
            self.group_list.addItem(name)
        self.group_list.blockSignals(False)
        names = list(self.groups)
        if select in names:
            self.group_list.setCurrentRow(names.index(select))
        elif names:
            self.group_list.setCurrentRow(0)
        else:
            self.new_group()
        self.delete_button.setEnabled(bool(names))

    def _show(self, name: str, members: tuple[str, ...]) -> None:
        self.name_edit.setText(name)
        self.member_list.clear()
        for partnership in self._partnerships:
            item = QListWidgetItem(partnership)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if partnership in members else Qt.CheckState.Unchecked)
            self.member_list.addItem(item)

    def _chosen(self, item, _previous=None) -> None:
        if item is None:
            return
        group = self.groups[item.text()]
        self.editing = group.name
        self._show(group.name, group.members)
        self.message.setText("")

    def new_group(self) -> None:
        self.editing = NEW
        self.group_list.clearSelection()
        self._show("", ())
        self.message.setText(self.tr("Name the group and tick its partnerships, then Save."))
        self.name_edit.setFocus()

    def ticked(self) -> list[str]:
        return [self.member_list.item(i).text() for i in range(self.member_list.count())
                if self.member_list.item(i).checkState() == Qt.CheckState.Checked]

    def save(self) -> bool:
        name = self.name_edit.text()
        try:
            info = self.workspace.groups.set_group(name, self.ticked(), was=self.editing)
        except MsgdeskError as exc:
            QMessageBox.warning(self, self.tr("Comparator groups"), str(exc))
            return False
        self.refresh(select=info.name)
        self.message.setText(self.tr("Saved {name}: {n} partnerships.").format(name=info.name, n=len(info.members)))
        return True

    def delete_group(self) -> None:
        if self.editing is NEW:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete group"),
            self.tr("Delete the group “{name}”? Its partnerships and their returns stay.").format(name=self.editing),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.workspace.groups.delete_group(self.editing)
        except MsgdeskError as exc:
            QMessageBox.warning(self, self.tr("Comparator groups"), str(exc))
        self.refresh()

