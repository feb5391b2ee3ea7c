# Generated from forms/review_page.ui by scripts/compile_forms.py - do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'review_page.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSpacerItem, QTreeView, QVBoxLayout, QWidget)

class Ui_ReviewPage(object):
    def setupUi(self, ReviewPage):
        if not ReviewPage.objectName():
            ReviewPage.setObjectName(u"ReviewPage")
        ReviewPage.resize(800, 600)
        self.layout = QVBoxLayout(ReviewPage)
        self.layout.setObjectName(u"layout")
        self.titleLabel = QLabel(ReviewPage)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setStyleSheet(u"font-size: 13pt; font-weight: bold;")

        self.layout.addWidget(self.titleLabel)

        self.summaryLabel = QLabel(ReviewPage)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setWordWrap(True)

        self.layout.addWidget(self.summaryLabel)

        self.problemsView = QTreeView(ReviewPage)
        self.problemsView.setObjectName(u"problemsView")
        self.problemsView.setWordWrap(True)
        self.problemsView.setHeaderHidden(True)
        self.problemsView.setUniformRowHeights(False)

        self.layout.addWidget(self.problemsView)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.jumpButton = QPushButton(ReviewPage)
        self.jumpButton.setObjectName(u"jumpButton")

        self.buttons.addWidget(self.jumpButton)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons.addItem(self.spacer)

        self.markReadyButton = QPushButton(ReviewPage)
        self.markReadyButton.setObjectName(u"markReadyButton")

        self.buttons.addWidget(self.markReadyButton)

        self.markDraftButton = QPushButton(ReviewPage)
        self.markDraftButton.setObjectName(u"markDraftButton")

        self.buttons.addWidget(self.markDraftButton)

        self.approveButton = QPushButton(ReviewPage)
        self.approveButton.setObjectName(u"approveButton")

        self.buttons.addWidget(self.approveButton)


        self.layout.addLayout(self.buttons)

        self.historyLabel = QLabel(ReviewPage)
        self.historyLabel.setObjectName(u"historyLabel")
        self.historyLabel.setWordWrap(True)
        self.historyLabel.setProperty("textFormat", "PlainText")

        self.layout.addWidget(self.historyLabel)

        QWidget.setTabOrder(self.problemsView, self.jumpButton)
        QWidget.setTabOrder(self.jumpButton, self.markReadyButton)
        QWidget.setTabOrder(self.markReadyButton, self.markDraftButton)
        QWidget.setTabOrder(self.markDraftButton, self.approveButton)

        self.retranslateUi(ReviewPage)

        QMetaObject.connectSlotsByName(ReviewPage)
    # setupUi

    def retranslateUi(self, ReviewPage):
        self.titleLabel.setText(QCoreApplication.translate("ReviewPage", u"Check before IJB", None))
#if QT_CONFIG(accessibility)
        self.summaryLabel.setAccessibleName(QCoreApplication.translate("ReviewPage", u"Review summary", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.problemsView.setAccessibleName(QCoreApplication.translate("ReviewPage", u"What is missing or doubtful, by key feature and proposal", None))
#endif // QT_CONFIG(accessibility)
        self.jumpButton.setText(QCoreApplication.translate("ReviewPage", u"&Jump to selected", None))
#if QT_CONFIG(accessibility)
        self.jumpButton.setAccessibleName(QCoreApplication.translate("ReviewPage", u"Go to the selected problem", None))
#endif // QT_CONFIG(accessibility)
        self.markReadyButton.setText(QCoreApplication.translate("ReviewPage", u"Mark read&y for IJB", None))
#if QT_CONFIG(accessibility)
        self.markReadyButton.setAccessibleName(QCoreApplication.translate("ReviewPage", u"Mark ready for IJB", None))
#endif // QT_CONFIG(accessibility)
        self.markDraftButton.setText(QCoreApplication.translate("ReviewPage", u"Back to &draft", None))
#if QT_CONFIG(accessibility)
        self.markDraftButton.setAccessibleName(QCoreApplication.translate("ReviewPage", u"Back to draft", None))
#endif // QT_CONFIG(accessibility)
        self.approveButton.setText(QCoreApplication.translate("ReviewPage", u"Record IJB &approval\u2026", None))
#if QT_CONFIG(accessibility)
        self.approveButton.setAccessibleName(QCoreApplication.translate("ReviewPage", u"Record IJB approval", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.historyLabel.setAccessibleName(QCoreApplication.translate("ReviewPage", u"Round history", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi
