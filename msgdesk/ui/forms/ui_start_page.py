# Generated from forms/start_page.ui by scripts/compile_forms.py - do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'start_page.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, QSize)
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListView, QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

from msgdesk.ui.widgets.date_edit import DateEdit

class Ui_StartPage(object):
    def setupUi(self, StartPage):
        if not StartPage.objectName():
            StartPage.setObjectName(u"StartPage")
        StartPage.resize(1000, 640)
        self.layout = QVBoxLayout(StartPage)
        self.layout.setObjectName(u"layout")
        self.welcomeLabel = QLabel(StartPage)
        self.welcomeLabel.setObjectName(u"welcomeLabel")
        self.welcomeLabel.setStyleSheet(u"font-size: 15pt; font-weight: bold;")

        self.layout.addWidget(self.welcomeLabel)

        self.introLabel = QLabel(StartPage)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.layout.addWidget(self.introLabel)

        self.columns = QHBoxLayout()
        self.columns.setObjectName(u"columns")
        self.newGroup = QGroupBox(StartPage)
        self.newGroup.setObjectName(u"newGroup")
        self.newForm = QFormLayout(self.newGroup)
        self.newForm.setObjectName(u"newForm")
        self.partnershipTitle = QLabel(self.newGroup)
        self.partnershipTitle.setObjectName(u"partnershipTitle")

        self.newForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.partnershipTitle)

        self.partnershipCombo = QComboBox(self.newGroup)
        self.partnershipCombo.setObjectName(u"partnershipCombo")
        self.partnershipCombo.setEditable(True)
        self.partnershipCombo.setMinimumSize(QSize(300, 0))

        self.newForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.partnershipCombo)

        self.roundTitle = QLabel(self.newGroup)
        self.roundTitle.setObjectName(u"roundTitle")

        self.newForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.roundTitle)

        self.roundEdit = QLineEdit(self.newGroup)
        self.roundEdit.setObjectName(u"roundEdit")

        self.newForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.roundEdit)

        self.contactTitle = QLabel(self.newGroup)
        self.contactTitle.setObjectName(u"contactTitle")

        self.newForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.contactTitle)

        self.contactEdit = QLineEdit(self.newGroup)
        self.contactEdit.setObjectName(u"contactEdit")

        self.newForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.contactEdit)

        self.completedTitle = QLabel(self.newGroup)
        self.completedTitle.setObjectName(u"completedTitle")

        self.newForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.completedTitle)

        self.completedEdit = DateEdit(self.newGroup)
        self.completedEdit.setObjectName(u"completedEdit")
        self.completedEdit.setCalendarPopup(True)

        self.newForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.completedEdit)

        self.previousTitle = QLabel(self.newGroup)
        self.previousTitle.setObjectName(u"previousTitle")

        self.newForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.previousTitle)

        self.previousCombo = QComboBox(self.newGroup)
        self.previousCombo.setObjectName(u"previousCombo")

        self.newForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.previousCombo)

        self.carryCheck = QCheckBox(self.newGroup)
        self.carryCheck.setObjectName(u"carryCheck")
        self.carryCheck.setChecked(True)

        self.newForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.carryCheck)

        self.createButton = QPushButton(self.newGroup)
        self.createButton.setObjectName(u"createButton")

        self.newForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.createButton)


        self.columns.addWidget(self.newGroup)

        self.openGroup = QGroupBox(StartPage)
        self.openGroup.setObjectName(u"openGroup")
        self.openLayout = QVBoxLayout(self.openGroup)
        self.openLayout.setObjectName(u"openLayout")
        self.roundsView = QListView(self.openGroup)
        self.roundsView.setObjectName(u"roundsView")

        self.openLayout.addWidget(self.roundsView)

        self.openButton = QPushButton(self.openGroup)
        self.openButton.setObjectName(u"openButton")

        self.openLayout.addWidget(self.openButton)

        self.exampleButton = QPushButton(self.openGroup)
        self.exampleButton.setObjectName(u"exampleButton")

        self.openLayout.addWidget(self.exampleButton)

        self.importButton = QPushButton(self.openGroup)
        self.importButton.setObjectName(u"importButton")

        self.openLayout.addWidget(self.importButton)


        self.columns.addWidget(self.openGroup)


        self.layout.addLayout(self.columns)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.partnershipTitle.setBuddy(self.partnershipCombo)
        self.roundTitle.setBuddy(self.roundEdit)
        self.contactTitle.setBuddy(self.contactEdit)
        self.completedTitle.setBuddy(self.completedEdit)
        self.previousTitle.setBuddy(self.previousCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.partnershipCombo, self.roundEdit)
        QWidget.setTabOrder(self.roundEdit, self.contactEdit)
        QWidget.setTabOrder(self.contactEdit, self.completedEdit)
        QWidget.setTabOrder(self.completedEdit, self.previousCombo)
        QWidget.setTabOrder(self.previousCombo, self.carryCheck)
        QWidget.setTabOrder(self.carryCheck, self.createButton)
        QWidget.setTabOrder(self.createButton, self.roundsView)
        QWidget.setTabOrder(self.roundsView, self.openButton)
        QWidget.setTabOrder(self.openButton, self.exampleButton)
        QWidget.setTabOrder(self.exampleButton, self.importButton)

        self.retranslateUi(StartPage)

        self.createButton.setDefault(True)


        QMetaObject.connectSlotsByName(StartPage)
    # setupUi

    def retranslateUi(self, StartPage):
        self.welcomeLabel.setText(QCoreApplication.translate("StartPage", u"MSG self-evaluation of progress with integration", None))
        self.introLabel.setText(QCoreApplication.translate("StartPage", u"Rate each of the 22 locally completed proposals against the printed descriptors, record the evidence and improvement actions. Everything is saved as you type.", None))
        self.newGroup.setTitle(QCoreApplication.translate("StartPage", u"Start a new round", None))
        self.partnershipTitle.setText(QCoreApplication.translate("StartPage", u"&Partnership", None))
#if QT_CONFIG(accessibility)
        self.partnershipCombo.setAccessibleName(QCoreApplication.translate("StartPage", u"Partnership", None))
#endif // QT_CONFIG(accessibility)
        self.roundTitle.setText(QCoreApplication.translate("StartPage", u"&Round (year)", None))
#if QT_CONFIG(accessibility)
        self.roundEdit.setAccessibleName(QCoreApplication.translate("StartPage", u"Round (year)", None))
#endif // QT_CONFIG(accessibility)
        self.roundEdit.setPlaceholderText(QCoreApplication.translate("StartPage", u"e.g. 2021", None))
        self.contactTitle.setText(QCoreApplication.translate("StartPage", u"&Contact", None))
#if QT_CONFIG(accessibility)
        self.contactEdit.setAccessibleName(QCoreApplication.translate("StartPage", u"Contact", None))
#endif // QT_CONFIG(accessibility)
        self.contactEdit.setPlaceholderText(QCoreApplication.translate("StartPage", u"Name, email", None))
        self.completedTitle.setText(QCoreApplication.translate("StartPage", u"&Date of completion", None))
#if QT_CONFIG(accessibility)
        self.completedEdit.setAccessibleName(QCoreApplication.translate("StartPage", u"Date of completion", None))
#endif // QT_CONFIG(accessibility)
        self.completedEdit.setDisplayFormat(QCoreApplication.translate("StartPage", u"d MMMM yyyy", None))
        self.previousTitle.setText(QCoreApplication.translate("StartPage", u"&Start from", None))
#if QT_CONFIG(accessibility)
        self.previousCombo.setAccessibleName(QCoreApplication.translate("StartPage", u"Start from the previous round", None))
#endif // QT_CONFIG(accessibility)
        self.carryCheck.setText(QCoreApplication.translate("StartPage", u"Carry forward the open improvement &actions", None))
#if QT_CONFIG(accessibility)
        self.carryCheck.setAccessibleName(QCoreApplication.translate("StartPage", u"Carry forward open improvement actions", None))
#endif // QT_CONFIG(accessibility)
        self.createButton.setText(QCoreApplication.translate("StartPage", u"Crea&te round", None))
#if QT_CONFIG(accessibility)
        self.createButton.setAccessibleName(QCoreApplication.translate("StartPage", u"Create round", None))
#endif // QT_CONFIG(accessibility)
        self.openGroup.setTitle(QCoreApplication.translate("StartPage", u"Open a round", None))
#if QT_CONFIG(accessibility)
        self.roundsView.setAccessibleName(QCoreApplication.translate("StartPage", u"Rounds in this database", None))
#endif // QT_CONFIG(accessibility)
        self.openButton.setText(QCoreApplication.translate("StartPage", u"Open se&lected round", None))
#if QT_CONFIG(accessibility)
        self.openButton.setAccessibleName(QCoreApplication.translate("StartPage", u"Open selected round", None))
#endif // QT_CONFIG(accessibility)
        self.exampleButton.setText(QCoreApplication.translate("StartPage", u"Open the North Ayrshire 2019 e&xample", None))
#if QT_CONFIG(accessibility)
        self.exampleButton.setAccessibleName(QCoreApplication.translate("StartPage", u"Open the North Ayrshire 2019 example", None))
#endif // QT_CONFIG(accessibility)
        self.importButton.setText(QCoreApplication.translate("StartPage", u"&Import a return file\u2026", None))
#if QT_CONFIG(accessibility)
        self.importButton.setAccessibleName(QCoreApplication.translate("StartPage", u"Import a return file", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi
