# Generated from forms/proposal_page.ui by scripts/compile_forms.py - do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'proposal_page.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, QSize)
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QGridLayout, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QScrollArea, QSizePolicy, QSpacerItem, QTableView, QVBoxLayout, QWidget)

class Ui_ProposalPage(object):
    def setupUi(self, ProposalPage):
        if not ProposalPage.objectName():
            ProposalPage.setObjectName(u"ProposalPage")
        ProposalPage.resize(960, 900)
        self.outerLayout = QVBoxLayout(ProposalPage)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(ProposalPage)
        self.scroll.setObjectName(u"scroll")
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.scroll.setProperty("focusPolicy", "NoFocus")
        self.content = QWidget()
        self.content.setObjectName(u"content")
        self.contentLayout = QVBoxLayout(self.content)
        self.contentLayout.setSpacing(6)
        self.contentLayout.setObjectName(u"contentLayout")
        self.contentLayout.setContentsMargins(8, 6, 8, 6)
        self.keyFeatureLabel = QLabel(self.content)
        self.keyFeatureLabel.setObjectName(u"keyFeatureLabel")
        self.keyFeatureLabel.setWordWrap(True)
        self.keyFeatureLabel.setStyleSheet(u"color: #1f4e79; font-weight: bold;")

        self.contentLayout.addWidget(self.keyFeatureLabel)

        self.proposalLabel = QLabel(self.content)
        self.proposalLabel.setObjectName(u"proposalLabel")
        self.proposalLabel.setWordWrap(True)
        self.proposalLabel.setProperty("textInteractionFlags", "TextSelectableByMouse")
        self.proposalLabel.setStyleSheet(u"font-size: 13pt; font-weight: bold;")

        self.contentLayout.addWidget(self.proposalLabel)

        self.timescaleLabel = QLabel(self.content)
        self.timescaleLabel.setObjectName(u"timescaleLabel")
        self.timescaleLabel.setWordWrap(True)

        self.contentLayout.addWidget(self.timescaleLabel)

        self.nationalLabel = QLabel(self.content)
        self.nationalLabel.setObjectName(u"nationalLabel")
        self.nationalLabel.setWordWrap(True)
        self.nationalLabel.setStyleSheet(u"background: #e8e8e8; color: #333; padding: 16px; font-size: 12pt; font-weight: bold; border: 1px solid #aaa;")

        self.contentLayout.addWidget(self.nationalLabel)

        self.ratingGroup = QFrame(self.content)
        self.ratingGroup.setObjectName(u"ratingGroup")
        self.ratingLayout = QVBoxLayout(self.ratingGroup)
        self.ratingLayout.setObjectName(u"ratingLayout")
        self.ratingLayout.setContentsMargins(0, -1, 0, -1)
        self.ratingHeader = QHBoxLayout()
        self.ratingHeader.setObjectName(u"ratingHeader")
        self.ratingTitle = QLabel(self.ratingGroup)
        self.ratingTitle.setObjectName(u"ratingTitle")
        self.ratingTitle.setStyleSheet(u"font-weight: bold;")

        self.ratingHeader.addWidget(self.ratingTitle)

        self.ratingSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.ratingHeader.addItem(self.ratingSpacer)

        self.legendLabel = QLabel(self.ratingGroup)
        self.legendLabel.setObjectName(u"legendLabel")
        self.legendLabel.setProperty("textFormat", "RichText")

        self.ratingHeader.addWidget(self.legendLabel)


        self.ratingLayout.addLayout(self.ratingHeader)

        self.ratingGrid = QGridLayout()
        self.ratingGrid.setSpacing(6)
        self.ratingGrid.setObjectName(u"ratingGrid")

        self.ratingLayout.addLayout(self.ratingGrid)


        self.contentLayout.addWidget(self.ratingGroup)

        self.evidenceTitle = QLabel(self.content)
        self.evidenceTitle.setObjectName(u"evidenceTitle")
        self.evidenceTitle.setStyleSheet(u"font-weight: bold;")

        self.contentLayout.addWidget(self.evidenceTitle)

        self.evidenceEdit = QPlainTextEdit(self.content)
        self.evidenceEdit.setObjectName(u"evidenceEdit")
        self.evidenceEdit.setMinimumSize(QSize(0, 80))
        self.evidenceEdit.setTabChangesFocus(True)

        self.contentLayout.addWidget(self.evidenceEdit)

        self.actionButtons = QHBoxLayout()
        self.actionButtons.setObjectName(u"actionButtons")
        self.actionsTitle = QLabel(self.content)
        self.actionsTitle.setObjectName(u"actionsTitle")
        self.actionsTitle.setStyleSheet(u"font-weight: bold;")

        self.actionButtons.addWidget(self.actionsTitle)

        self.actionSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actionButtons.addItem(self.actionSpacer)

        self.addActionButton = QPushButton(self.content)
        self.addActionButton.setObjectName(u"addActionButton")

        self.actionButtons.addWidget(self.addActionButton)

        self.deleteActionButton = QPushButton(self.content)
        self.deleteActionButton.setObjectName(u"deleteActionButton")

        self.actionButtons.addWidget(self.deleteActionButton)

        self.moveUpButton = QPushButton(self.content)
        self.moveUpButton.setObjectName(u"moveUpButton")

        self.actionButtons.addWidget(self.moveUpButton)

        self.moveDownButton = QPushButton(self.content)
        self.moveDownButton.setObjectName(u"moveDownButton")

        self.actionButtons.addWidget(self.moveDownButton)


        self.contentLayout.addLayout(self.actionButtons)

        self.actionsView = QTableView(self.content)
        self.actionsView.setObjectName(u"actionsView")
        self.actionsView.setMinimumSize(QSize(0, 90))
        self.actionsView.setWordWrap(True)
        self.actionsView.setTabKeyNavigation(False)
        self.actionsView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.actionsView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

        self.contentLayout.addWidget(self.actionsView)

        self.timescaleHint = QLabel(self.content)
        self.timescaleHint.setObjectName(u"timescaleHint")
        self.timescaleHint.setWordWrap(True)

        self.contentLayout.addWidget(self.timescaleHint)

        self.pageEnd = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.contentLayout.addItem(self.pageEnd)

        self.scroll.setWidget(self.content)

        self.outerLayout.addWidget(self.scroll)

#if QT_CONFIG(shortcut)
        self.evidenceTitle.setBuddy(self.evidenceEdit)
        self.actionsTitle.setBuddy(self.actionsView)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.evidenceEdit, self.actionsView)
        QWidget.setTabOrder(self.actionsView, self.addActionButton)
        QWidget.setTabOrder(self.addActionButton, self.deleteActionButton)
        QWidget.setTabOrder(self.deleteActionButton, self.moveUpButton)
        QWidget.setTabOrder(self.moveUpButton, self.moveDownButton)

        self.retranslateUi(ProposalPage)

        QMetaObject.connectSlotsByName(ProposalPage)
    # setupUi

    def retranslateUi(self, ProposalPage):
        self.nationalLabel.setText(QCoreApplication.translate("ProposalPage", u"Not for local completion \u2014 national bodies responsible", None))
#if QT_CONFIG(accessibility)
        self.nationalLabel.setAccessibleName(QCoreApplication.translate("ProposalPage", u"Not for local completion", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.ratingGroup.setAccessibleName(QCoreApplication.translate("ProposalPage", u"Our rating", None))
#endif // QT_CONFIG(accessibility)
        self.ratingTitle.setText(QCoreApplication.translate("ProposalPage", u"Our rating \u2014 choose one (keys 1\u20134)", None))
        self.evidenceTitle.setText(QCoreApplication.translate("ProposalPage", u"E&vidence / Notes", None))
#if QT_CONFIG(accessibility)
        self.evidenceEdit.setAccessibleName(QCoreApplication.translate("ProposalPage", u"Evidence / Notes", None))
#endif // QT_CONFIG(accessibility)
        self.evidenceEdit.setPlaceholderText(QCoreApplication.translate("ProposalPage", u"What shows where you are: reports, inspections, minutes, plans\u2026", None))
        self.actionsTitle.setText(QCoreApplication.translate("ProposalPage", u"Proposed improvement &actions", None))
        self.addActionButton.setText(QCoreApplication.translate("ProposalPage", u"A&dd action", None))
#if QT_CONFIG(accessibility)
        self.addActionButton.setAccessibleName(QCoreApplication.translate("ProposalPage", u"Add improvement action", None))
#endif // QT_CONFIG(accessibility)
        self.deleteActionButton.setText(QCoreApplication.translate("ProposalPage", u"De&lete action", None))
#if QT_CONFIG(accessibility)
        self.deleteActionButton.setAccessibleName(QCoreApplication.translate("ProposalPage", u"Delete selected improvement action", None))
#endif // QT_CONFIG(accessibility)
        self.moveUpButton.setText(QCoreApplication.translate("ProposalPage", u"Move &up", None))
#if QT_CONFIG(accessibility)
        self.moveUpButton.setAccessibleName(QCoreApplication.translate("ProposalPage", u"Move selected action up", None))
#endif // QT_CONFIG(accessibility)
        self.moveDownButton.setText(QCoreApplication.translate("ProposalPage", u"Move do&wn", None))
#if QT_CONFIG(accessibility)
        self.moveDownButton.setAccessibleName(QCoreApplication.translate("ProposalPage", u"Move selected action down", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.actionsView.setAccessibleName(QCoreApplication.translate("ProposalPage", u"Proposed improvement actions", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.timescaleHint.setAccessibleName(QCoreApplication.translate("ProposalPage", u"Timescale interpretation", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi
