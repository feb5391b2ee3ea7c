# Generated from forms/approval_dialog.ui by scripts/compile_forms.py - do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'approval_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)
from PySide6.QtWidgets import (QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout)

from msgdesk.ui.widgets.date_edit import DateEdit

class Ui_ApprovalDialog(object):
    def setupUi(self, ApprovalDialog):
        if not ApprovalDialog.objectName():
            ApprovalDialog.setObjectName(u"ApprovalDialog")
        ApprovalDialog.resize(460, 180)
        self.layout = QVBoxLayout(ApprovalDialog)
        self.layout.setObjectName(u"layout")
        self.explainLabel = QLabel(ApprovalDialog)
        self.explainLabel.setObjectName(u"explainLabel")
        self.explainLabel.setWordWrap(True)

        self.layout.addWidget(self.explainLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.meetingTitle = QLabel(ApprovalDialog)
        self.meetingTitle.setObjectName(u"meetingTitle")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.meetingTitle)

        self.meetingDateEdit = DateEdit(ApprovalDialog)
        self.meetingDateEdit.setObjectName(u"meetingDateEdit")
        self.meetingDateEdit.setCalendarPopup(True)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.meetingDateEdit)

        self.minuteTitle = QLabel(ApprovalDialog)
        self.minuteTitle.setObjectName(u"minuteTitle")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.minuteTitle)

        self.minuteEdit = QLineEdit(ApprovalDialog)
        self.minuteEdit.setObjectName(u"minuteEdit")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.minuteEdit)


        self.layout.addLayout(self.form)

        self.buttonBox = QDialogButtonBox(parent=ApprovalDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.layout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.meetingTitle.setBuddy(self.meetingDateEdit)
        self.minuteTitle.setBuddy(self.minuteEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ApprovalDialog)
        self.buttonBox.accepted.connect(ApprovalDialog.accept)
        self.buttonBox.rejected.connect(ApprovalDialog.reject)

        QMetaObject.connectSlotsByName(ApprovalDialog)
    # setupUi

    def retranslateUi(self, ApprovalDialog):
        ApprovalDialog.setWindowTitle(QCoreApplication.translate("ApprovalDialog", u"Record IJB approval", None))
        self.explainLabel.setText(QCoreApplication.translate("ApprovalDialog", u"Once approved, the return is read-only. Reopening it for amendment is recorded with a reason.", None))
        self.meetingTitle.setText(QCoreApplication.translate("ApprovalDialog", u"IJB &meeting date", None))
#if QT_CONFIG(accessibility)
        self.meetingDateEdit.setAccessibleName(QCoreApplication.translate("ApprovalDialog", u"IJB meeting date", None))
#endif // QT_CONFIG(accessibility)
        self.meetingDateEdit.setDisplayFormat(QCoreApplication.translate("ApprovalDialog", u"d MMMM yyyy", None))
        self.minuteTitle.setText(QCoreApplication.translate("ApprovalDialog", u"Minute &reference", None))
#if QT_CONFIG(accessibility)
        self.minuteEdit.setAccessibleName(QCoreApplication.translate("ApprovalDialog", u"Minute reference", None))
#endif // QT_CONFIG(accessibility)
        self.minuteEdit.setPlaceholderText(QCoreApplication.translate("ApprovalDialog", u"e.g. IJB 2019/05 item 6", None))
    # retranslateUi
