"""Dialogs of the Directions tab: the form to draft a direction (also to vary one: the
new draft comes pre-filled), and one small dialog for each dated act — issuing, revoking,
completing, a delivery issue, a progress update, a milestone met.

Each dialog hands its values to a ``save`` callback when OK is pressed; if the store
refuses them (a typed error), the reason is shown and the dialog stays open with
everything typed, so nothing is lost."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Self

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from msgdesk.directions.money import AmountError, parse_pounds, pounds_text
from msgdesk.directions.values import Bodies, Direction, DirectionRecord, Milestone, Partner, ResourceBasis
from msgdesk.domain.dates import parse_date
from msgdesk.domain.errors import InputError, MsgdeskError
from msgdesk.domain.text import clean_text
from msgdesk.ui.widgets.date_edit import NO_DATE, DateEdit, pydate, qdate
from msgdesk.ui.widgets.look import named
from msgdesk.ui.widgets.mnemonics import resolve


def _date_field(name: str, prompt: str, value: date | None) -> DateEdit:
    field = named(DateEdit(), name)
    field.setDisplayFormat("dd/MM/yyyy")
    field.allow_no_date(prompt)
    if value is not None:
        field.setDate(qdate(value))
    return field


def _date_of(field: DateEdit) -> date | None:
    return pydate(field.date()) if field.has_date() and field.date() != NO_DATE else None


def _text_box(name: str, text: str, height: int = 80) -> QPlainTextEdit:
    box = named(QPlainTextEdit(text), name)
    box.setTabChangesFocus(True)  # Tab moves on, as in every other field
    box.setFixedHeight(height)  # a longer text scrolls inside it
    return box


def read_amount(text: str) -> int | None:
    """Pence from what an officer types: "1250000", "1,250,000.00" or "£1,250,000" all do."""
    plain = text.strip().replace("£", "").replace(",", "").replace(" ", "")
    if not plain:
        return None
    try:
        return parse_pounds(plain)
    except AmountError as exc:
        raise InputError(f"resource: {exc}") from None


class _SavingDialog(QDialog):
    """OK hands the values to ``save``; a refusal is shown and the dialog stays open."""

    def __init__(self, parent: QWidget, title: str, save: Callable[[Self], DirectionRecord | None]) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save: Callable[[Self], DirectionRecord | None] = save
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        self.result_value: DirectionRecord | None = None

    def _ok(self: Self) -> None:
        try:
            self.result_value = self._save(self)
        except MsgdeskError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.accept()

    def fit(self, width: int, height: int) -> None:
        """``width`` x ``height``, or less on a small screen (150% scaling): the form scrolls."""
        parent = self.parentWidget()
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(width, int(screen.width() * 0.95)), min(height, int(screen.height() * 0.9)))

    def finish(self) -> None:
        resolve([self])


class DirectionDialog(_SavingDialog):
    """Draft a direction (or change a draft); ``save(dialog)`` stores ``dialog.direction()``."""

    def __init__(self, parent: QWidget, bodies: Bodies, save: Callable[[DirectionDialog], DirectionRecord | None],
                 data: Direction | None = None,
                 title: str = ""):
        super().__init__(parent, title or parent.tr("Draft a direction"), save)
        self.setObjectName("directionDialog")
        data = data or Direction("", "", [], (), "")
        self._supersedes = data.supersedes
        form_host = QWidget()
        form = QFormLayout(form_host)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        def row(label: str, widget) -> None:
            text = QLabel(label)
            text.setBuddy(widget)
            form.addRow(text, widget)

        if data.supersedes:
            varies = QLabel(self.tr("This direction varies {ref}: once issued, it supersedes it.").format(
                ref=data.supersedes))
            varies.setTextFormat(Qt.TextFormat.PlainText)
            varies.setWordWrap(True)
            varies.setObjectName("variesNote")
            form.addRow(varies)
        self.reference = named(QLineEdit(data.reference), self.tr("Log reference"),
                                self.tr("The direction's number in the log, e.g. NAIJB-2021-04"))
        row(self.tr("Log &reference"), self.reference)
        self.title = named(QLineEdit(data.title), self.tr("Title"))
        row(self.tr("&Title"), self.title)
        self.functions = _text_box(self.tr("Functions covered, one per line"), "\n".join(data.functions), 60)
        row(self.tr("&Function(s), one a line"), self.functions)
        partners = QWidget()
        line = QHBoxLayout(partners)
        line.setContentsMargins(0, 0, 0, 0)
        # a body's name is text, never a mnemonic ("NHS Ayrshire & Arran")
        self.to_health_board = named(QCheckBox(bodies.name(Partner.HEALTH_BOARD).replace("&", "&&")),
                                      self.tr("Issued to the Health Board"))
        self.to_local_authority = named(QCheckBox(bodies.name(Partner.LOCAL_AUTHORITY).replace("&", "&&")),
                                         self.tr("Issued to the Local Authority"))
        self.to_health_board.setChecked(Partner.HEALTH_BOARD in data.issued_to)
        self.to_local_authority.setChecked(Partner.LOCAL_AUTHORITY in data.issued_to)
        line.addWidget(self.to_health_board)
        line.addWidget(self.to_local_authority)
        line.addStretch(1)
        label = QLabel(self.tr("Issued t&o"))
        label.setBuddy(self.to_health_board)
        form.addRow(label, partners)
        self.ijb_meeting = _date_field(self.tr("IJB meeting that decided it"), self.tr("Type the date"),
                                       data.ijb_meeting)
        row(self.tr("IJB &meeting"), self.ijb_meeting)
        self.ijb_report = named(QLineEdit(data.ijb_report), self.tr("IJB report"))
        row(self.tr("IJB re&port"), self.ijb_report)
        self.minute = named(QLineEdit(data.minute_reference), self.tr("Minute reference"))
        row(self.tr("Min&ute reference"), self.minute)
        self.instruction = _text_box(self.tr("What is to be delivered"), data.instruction, 130)
        row(self.tr("&What is to be delivered"), self.instruction)
        self.outcomes = _text_box(self.tr("Outcomes"), data.outcomes, 60)
        row(self.tr("Out&comes"), self.outcomes)
        money = QWidget()
        line = QHBoxLayout(money)
        line.setContentsMargins(0, 0, 0, 0)
        self.resource = named(QLineEdit(pounds_text(data.resource_pence) if data.resource_pence is not None else ""),
                               self.tr("Total resource committed, in pounds"),
                               self.tr("Pounds and pence, e.g. 1250000.00 or £1,250,000.00"))
        self.resource.setPlaceholderText("1250000.00")
        self.basis = named(QComboBox(), self.tr("Payment or sum set aside"))
        self.basis.addItem(self.tr("(no resource)"), None)
        for basis in ResourceBasis:
            self.basis.addItem(basis.label, basis.value)
        chosen = data.resource_basis.value if data.resource_basis else None
        self.basis.setCurrentIndex(max(0, self.basis.findData(chosen)))
        line.addWidget(self.resource, 1)
        basis_label = QLabel(self.tr("&as"))
        basis_label.setBuddy(self.basis)
        line.addWidget(basis_label)
        line.addWidget(self.basis)
        row(self.tr("Re&source (£)"), money)
        self.timescale = named(QLineEdit(data.timescale), self.tr("Overall timescale"),
                                self.tr("Free text, read as a date where it names one: \"By 31 March 2021\", "
                                        "\"Q4 2021/22\", \"6 months\" (from the date of issue)"))
        row(self.tr("Time&scale"), self.timescale)
        self.review_date = _date_field(self.tr("Review date"), self.tr("Type the date"), data.review_date)
        row(self.tr("Re&view date"), self.review_date)

        self.milestones = named(QTableWidget(0, 3), self.tr("Milestones"),
                                 self.tr("Each milestone with its timescale and, if you wish, a due date set by hand "
                                         "(dd/mm/yyyy)"))
        self.milestones.setHorizontalHeaderLabels([self.tr("Milestone"), self.tr("Timescale"),
                                                   self.tr("Due date (optional)")])
        self.milestones.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # "Due date (optional)" was cut to "Due date (opti" at 100%
        self.milestones.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.milestones.setTabKeyNavigation(False)
        self.milestones.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.milestones.setFixedHeight(130)
        for m in data.milestones:
            self._add_milestone(m)
        buttons = QHBoxLayout()
        self.add_milestone = QPushButton(self.tr("Add milestone"))
        self.add_milestone.clicked.connect(lambda: self._add_milestone(focus=True))
        self.remove_milestone = QPushButton(self.tr("Remove milestone"))
        self.remove_milestone.clicked.connect(self._remove_milestone)
        buttons.addWidget(self.add_milestone)
        buttons.addWidget(self.remove_milestone)
        buttons.addStretch(1)
        milestones = QWidget()
        column = QVBoxLayout(milestones)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.milestones)
        column.addLayout(buttons)
        row(self.tr("M&ilestones"), milestones)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save draft"))
        layout.addWidget(self.buttons)
        self.fit(760, 640)
        self.finish()
        self.reference.setFocus(Qt.FocusReason.OtherFocusReason)

    def _add_milestone(self, m: Milestone | None = None, focus: bool = False) -> None:
        row = self.milestones.rowCount()
        self.milestones.insertRow(row)
        due = f"{m.due_date:%d/%m/%Y}" if m is not None and m.due_date else ""
        for column, text in enumerate((m.milestone if m else "", m.timescale if m else "", due)):
            self.milestones.setItem(row, column, QTableWidgetItem(text))
        if focus:
            self.milestones.setFocus(Qt.FocusReason.OtherFocusReason)
            self.milestones.setCurrentCell(row, 0)
            self.milestones.editItem(self.milestones.item(row, 0))

    def _remove_milestone(self) -> None:
        row = self.milestones.currentRow()
        if row >= 0:
            self.milestones.removeRow(row)

    def direction(self) -> Direction:
        """The values typed, as a draft; InputError (saying where) for what cannot be read."""
        self.milestones.setCurrentCell(-1, -1)  # commits a cell still being edited

        def one_line(widget: QLineEdit) -> str:
            return clean_text(widget.text(), single_line=True).strip()

        milestones = []
        for row in range(self.milestones.rowCount()):
            cells = [self.milestones.item(row, c).text() if self.milestones.item(row, c) else "" for c in range(3)]
            due = None
            if cells[2].strip():
                due = parse_date(cells[2])
                if due is None:
                    raise InputError(self.tr("milestone {n}: “{text}” is not a date (write it as 31/03/2022)").format(
                        n=row + 1, text=cells[2].strip()))
            if any(c.strip() for c in cells):
                milestones.append(Milestone(clean_text(cells[0]).strip(), clean_text(cells[1]).strip(), due))
        pence = read_amount(self.resource.text())
        basis = self.basis.currentData()
        partners = tuple(p for p, box in ((Partner.HEALTH_BOARD, self.to_health_board),
                                          (Partner.LOCAL_AUTHORITY, self.to_local_authority)) if box.isChecked())
        return Direction(
            reference=one_line(self.reference), title=one_line(self.title),
            functions=[f.strip() for f in clean_text(self.functions.toPlainText()).splitlines() if f.strip()],
            issued_to=partners, instruction=clean_text(self.instruction.toPlainText()),
            ijb_meeting=_date_of(self.ijb_meeting), ijb_report=one_line(self.ijb_report),
            minute_reference=one_line(self.minute), outcomes=clean_text(self.outcomes.toPlainText()),
            resource_pence=pence, resource_basis=ResourceBasis(basis) if basis else None,
            timescale=clean_text(self.timescale.text(), single_line=True).strip(),
            review_date=_date_of(self.review_date), milestones=milestones, supersedes=self._supersedes,
        )


class ActDialog(_SavingDialog):
    """A dated act: the date (not in the future), and as asked a text, who records it, or a
    milestone to choose.  ``save(dialog)`` reads ``dialog.values()``."""

    def __init__(self, parent: QWidget, title: str, intro: str, save: Callable[[ActDialog], DirectionRecord | None],
                 *, today: date,
                 date_label: str, text_label: str = "", author: str | None = None, choices: list[str] | None = None,
                 choice_label: str = ""):
        super().__init__(parent, title, save)
        self.setObjectName("directionActDialog")
        layout = QVBoxLayout(self)
        note = QLabel(intro)
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        note.setObjectName("actIntro")
        layout.addWidget(note)
        form = QFormLayout()
        layout.addLayout(form)
        self.choice: QComboBox | None = None
        if choices is not None:
            self.choice = named(QComboBox(), choice_label.replace("&", ""))
            for text in choices:
                self.choice.addItem(" ".join(text.split())[:120], text)
            label = QLabel(choice_label)
            label.setBuddy(self.choice)
            form.addRow(label, self.choice)
        self.on_date = named(DateEdit(qdate(today)), date_label.replace("&", ""))
        self.on_date.setDisplayFormat("dd/MM/yyyy")
        label = QLabel(date_label)
        label.setBuddy(self.on_date)
        form.addRow(label, self.on_date)
        self.text: QPlainTextEdit | None = None
        if text_label:
            self.text = _text_box(text_label.replace("&", ""), "", 90)
            label = QLabel(text_label)
            label.setBuddy(self.text)
            form.addRow(label, self.text)
        self.author: QLineEdit | None = None
        if author is not None:
            self.author = named(QLineEdit(author), self.tr("Recorded by"))
            label = QLabel(self.tr("Recorded &by"))
            label.setBuddy(self.author)
            form.addRow(label, self.author)
        layout.addWidget(self.buttons)
        self.fit(520, 300 if text_label else 160)
        self.finish()
        first = self.choice or self.on_date
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def values(self) -> tuple[date, str, str, int]:
        """(date, text, recorded by, chosen index)."""
        text = clean_text(self.text.toPlainText()).strip() if self.text is not None else ""
        author = clean_text(self.author.text(), single_line=True).strip() if self.author is not None else ""
        return pydate(self.on_date.date()), text, author, self.choice.currentIndex() if self.choice else -1
