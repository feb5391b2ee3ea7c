# Generated from forms/main_window.ui by scripts/compile_forms.py - do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QAction, QBrush, QColor, QConicalGradient,
    QCursor, QFont, QFontDatabase, QGradient,
    QIcon, QImage, QKeySequence, QLinearGradient,
    QPainter, QPalette, QPixmap, QRadialGradient,
    QTransform)
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QHeaderView,
    QLabel, QMainWindow, QMenu, QMenuBar,
    QPushButton, QSizePolicy, QSpacerItem, QSplitter,
    QStackedWidget, QStatusBar, QTabWidget, QTreeView,
    QVBoxLayout, QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1240, 800)
        self.actionNewRound = QAction(MainWindow)
        self.actionNewRound.setObjectName(u"actionNewRound")
        self.actionRounds = QAction(MainWindow)
        self.actionRounds.setObjectName(u"actionRounds")
        self.actionImport = QAction(MainWindow)
        self.actionImport.setObjectName(u"actionImport")
        self.actionExportReturn = QAction(MainWindow)
        self.actionExportReturn.setObjectName(u"actionExportReturn")
        self.actionExportPdf = QAction(MainWindow)
        self.actionExportPdf.setObjectName(u"actionExportPdf")
        self.actionExportExcel = QAction(MainWindow)
        self.actionExportExcel.setObjectName(u"actionExportExcel")
        self.actionQuit = QAction(MainWindow)
        self.actionQuit.setObjectName(u"actionQuit")
        self.actionPrevious = QAction(MainWindow)
        self.actionPrevious.setObjectName(u"actionPrevious")
        self.actionNext = QAction(MainWindow)
        self.actionNext.setObjectName(u"actionNext")
        self.actionReview = QAction(MainWindow)
        self.actionReview.setObjectName(u"actionReview")
        self.actionFocusNavigation = QAction(MainWindow)
        self.actionFocusNavigation.setObjectName(u"actionFocusNavigation")
        self.actionMarkReady = QAction(MainWindow)
        self.actionMarkReady.setObjectName(u"actionMarkReady")
        self.actionMarkDraft = QAction(MainWindow)
        self.actionMarkDraft.setObjectName(u"actionMarkDraft")
        self.actionApprove = QAction(MainWindow)
        self.actionApprove.setObjectName(u"actionApprove")
        self.actionReopen = QAction(MainWindow)
        self.actionReopen.setObjectName(u"actionReopen")
        self.actionAbout = QAction(MainWindow)
        self.actionAbout.setObjectName(u"actionAbout")
        self.centralwidget = QWidget(MainWindow)
        self.centralwidget.setObjectName(u"centralwidget")
        self.centralLayout = QVBoxLayout(self.centralwidget)
        self.centralLayout.setSpacing(0)
        self.centralLayout.setObjectName(u"centralLayout")
        self.centralLayout.setContentsMargins(0, 0, 0, 0)
        self.banner = QFrame(self.centralwidget)
        self.banner.setObjectName(u"banner")
        self.banner.setStyleSheet(u"QFrame#banner { background: #fff4ce; border-bottom: 2px solid #c19c00; } QLabel { color: #3b2f00; }")
        self.bannerLayout = QHBoxLayout(self.banner)
        self.bannerLayout.setObjectName(u"bannerLayout")
        self.bannerLabel = QLabel(self.banner)
        self.bannerLabel.setObjectName(u"bannerLabel")
        self.bannerLabel.setWordWrap(True)

        self.bannerLayout.addWidget(self.bannerLabel)

        self.reopenButton = QPushButton(self.banner)
        self.reopenButton.setObjectName(u"reopenButton")

        self.bannerLayout.addWidget(self.reopenButton)

        self.bannerLayout.setStretch(0, 1)

        self.centralLayout.addWidget(self.banner)

        self.stack = QStackedWidget(self.centralwidget)
        self.stack.setObjectName(u"stack")
        self.startHost = QWidget()
        self.startHost.setObjectName(u"startHost")
        self.startLayout = QVBoxLayout(self.startHost)
        self.startLayout.setObjectName(u"startLayout")
        self.stack.addWidget(self.startHost)
        self.workspace = QWidget()
        self.workspace.setObjectName(u"workspace")
        self.workspaceLayout = QVBoxLayout(self.workspace)
        self.workspaceLayout.setObjectName(u"workspaceLayout")
        self.workspaceLayout.setContentsMargins(4, 4, 4, 0)
        self.tabs = QTabWidget(self.workspace)
        self.tabs.setObjectName(u"tabs")
        self.tabs.setDocumentMode(True)
        self.returnTab = QWidget()
        self.returnTab.setObjectName(u"returnTab")
        self.returnLayout = QHBoxLayout(self.returnTab)
        self.returnLayout.setObjectName(u"returnLayout")
        self.returnLayout.setContentsMargins(0, 4, 0, 0)
        self.splitter = QSplitter(self.returnTab)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.navPanel = QWidget(self.splitter)
        self.navPanel.setObjectName(u"navPanel")
        self.navLayout = QVBoxLayout(self.navPanel)
        self.navLayout.setObjectName(u"navLayout")
        self.navLayout.setContentsMargins(0, 0, 0, 0)
        self.roundLabel = QLabel(self.navPanel)
        self.roundLabel.setObjectName(u"roundLabel")
        self.roundLabel.setWordWrap(True)
        self.roundLabel.setStyleSheet(u"font-weight: bold;")

        self.navLayout.addWidget(self.roundLabel)

        self.progressLabel = QLabel(self.navPanel)
        self.progressLabel.setObjectName(u"progressLabel")

        self.navLayout.addWidget(self.progressLabel)

        self.navView = QTreeView(self.navPanel)
        self.navView.setObjectName(u"navView")
        self.navView.setHeaderHidden(True)
        self.navView.setUniformRowHeights(True)
        self.navView.setMinimumSize(QSize(180, 0))

        self.navLayout.addWidget(self.navView)

        self.splitter.addWidget(self.navPanel)
        self.pagePanel = QWidget(self.splitter)
        self.pagePanel.setObjectName(u"pagePanel")
        self.pageLayout = QVBoxLayout(self.pagePanel)
        self.pageLayout.setObjectName(u"pageLayout")
        self.pageLayout.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget(self.pagePanel)
        self.pages.setObjectName(u"pages")
        self.proposalHost = QWidget()
        self.proposalHost.setObjectName(u"proposalHost")
        self.proposalHostLayout = QVBoxLayout(self.proposalHost)
        self.proposalHostLayout.setObjectName(u"proposalHostLayout")
        self.proposalHostLayout.setContentsMargins(0, 0, 0, 0)
        self.pages.addWidget(self.proposalHost)
        self.reviewHost = QWidget()
        self.reviewHost.setObjectName(u"reviewHost")
        self.reviewHostLayout = QVBoxLayout(self.reviewHost)
        self.reviewHostLayout.setObjectName(u"reviewHostLayout")
        self.reviewHostLayout.setContentsMargins(0, 0, 0, 0)
        self.pages.addWidget(self.reviewHost)

        self.pageLayout.addWidget(self.pages)

        self.stepLayout = QHBoxLayout()
        self.stepLayout.setObjectName(u"stepLayout")
        self.previousButton = QPushButton(self.pagePanel)
        self.previousButton.setObjectName(u"previousButton")

        self.stepLayout.addWidget(self.previousButton)

        self.stepSpacerLeft = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.stepLayout.addItem(self.stepSpacerLeft)

        self.positionLabel = QLabel(self.pagePanel)
        self.positionLabel.setObjectName(u"positionLabel")

        self.stepLayout.addWidget(self.positionLabel)

        self.stepSpacerRight = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.stepLayout.addItem(self.stepSpacerRight)

        self.nextButton = QPushButton(self.pagePanel)
        self.nextButton.setObjectName(u"nextButton")

        self.stepLayout.addWidget(self.nextButton)


        self.pageLayout.addLayout(self.stepLayout)

        self.splitter.addWidget(self.pagePanel)

        self.returnLayout.addWidget(self.splitter)

        self.tabs.addTab(self.returnTab, "")
        self.trackerTab = QWidget()
        self.trackerTab.setObjectName(u"trackerTab")
        self.trackerLayout = QVBoxLayout(self.trackerTab)
        self.trackerLayout.setObjectName(u"trackerLayout")
        self.trackerPlaceholder = QLabel(self.trackerTab)
        self.trackerPlaceholder.setObjectName(u"trackerPlaceholder")
        self.trackerPlaceholder.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.trackerLayout.addWidget(self.trackerPlaceholder)

        self.tabs.addTab(self.trackerTab, "")

        self.workspaceLayout.addWidget(self.tabs)

        self.stack.addWidget(self.workspace)

        self.centralLayout.addWidget(self.stack)

        MainWindow.setCentralWidget(self.centralwidget)
        self.menubar = QMenuBar(MainWindow)
        self.menubar.setObjectName(u"menubar")
        self.menuFile = QMenu(self.menubar)
        self.menuFile.setObjectName(u"menuFile")
        self.menuEdit = QMenu(self.menubar)
        self.menuEdit.setObjectName(u"menuEdit")
        self.menuGo = QMenu(self.menubar)
        self.menuGo.setObjectName(u"menuGo")
        self.menuRound = QMenu(self.menubar)
        self.menuRound.setObjectName(u"menuRound")
        self.menuHelp = QMenu(self.menubar)
        self.menuHelp.setObjectName(u"menuHelp")
        MainWindow.setMenuBar(self.menubar)
        self.statusbar = QStatusBar(MainWindow)
        self.statusbar.setObjectName(u"statusbar")
        MainWindow.setStatusBar(self.statusbar)
        QWidget.setTabOrder(self.tabs, self.navView)
        QWidget.setTabOrder(self.navView, self.previousButton)
        QWidget.setTabOrder(self.previousButton, self.nextButton)
        QWidget.setTabOrder(self.nextButton, self.reopenButton)

        self.menubar.addAction(self.menuFile.menuAction())
        self.menubar.addAction(self.menuEdit.menuAction())
        self.menubar.addAction(self.menuGo.menuAction())
        self.menubar.addAction(self.menuRound.menuAction())
        self.menubar.addAction(self.menuHelp.menuAction())
        self.menuFile.addAction(self.actionNewRound)
        self.menuFile.addAction(self.actionRounds)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionImport)
        self.menuFile.addAction(self.actionExportReturn)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionExportPdf)
        self.menuFile.addAction(self.actionExportExcel)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionQuit)
        self.menuGo.addAction(self.actionPrevious)
        self.menuGo.addAction(self.actionNext)
        self.menuGo.addAction(self.actionReview)
        self.menuGo.addSeparator()
        self.menuGo.addAction(self.actionFocusNavigation)
        self.menuRound.addAction(self.actionMarkReady)
        self.menuRound.addAction(self.actionMarkDraft)
        self.menuRound.addAction(self.actionApprove)
        self.menuRound.addAction(self.actionReopen)
        self.menuHelp.addAction(self.actionAbout)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"msgdesk", None))
        self.actionNewRound.setText(QCoreApplication.translate("MainWindow", u"&New round\u2026", None))
        self.actionRounds.setText(QCoreApplication.translate("MainWindow", u"&Rounds and start page", None))
        self.actionImport.setText(QCoreApplication.translate("MainWindow", u"&Import return file\u2026", None))
        self.actionExportReturn.setText(QCoreApplication.translate("MainWindow", u"Export return &file\u2026", None))
        self.actionExportPdf.setText(QCoreApplication.translate("MainWindow", u"Export &PDF\u2026", None))
        self.actionExportExcel.setText(QCoreApplication.translate("MainWindow", u"Export &Excel\u2026", None))
        self.actionQuit.setText(QCoreApplication.translate("MainWindow", u"&Quit", None))
        self.actionPrevious.setText(QCoreApplication.translate("MainWindow", u"&Previous proposal", None))
        self.actionNext.setText(QCoreApplication.translate("MainWindow", u"&Next proposal", None))
        self.actionReview.setText(QCoreApplication.translate("MainWindow", u"&Check before IJB", None))
        self.actionFocusNavigation.setText(QCoreApplication.translate("MainWindow", u"&Proposal list", None))
        self.actionMarkReady.setText(QCoreApplication.translate("MainWindow", u"Mark &ready for IJB", None))
        self.actionMarkDraft.setText(QCoreApplication.translate("MainWindow", u"Back to &draft", None))
        self.actionApprove.setText(QCoreApplication.translate("MainWindow", u"Record IJB &approval\u2026", None))
        self.actionReopen.setText(QCoreApplication.translate("MainWindow", u"Re&open for amendment\u2026", None))
        self.actionAbout.setText(QCoreApplication.translate("MainWindow", u"&About msgdesk", None))
#if QT_CONFIG(accessibility)
        self.banner.setAccessibleName(QCoreApplication.translate("MainWindow", u"Round status banner", None))
#endif // QT_CONFIG(accessibility)
        self.bannerLabel.setText(QCoreApplication.translate("MainWindow", u"Approved by the IJB: this round is read-only.", None))
        self.reopenButton.setText(QCoreApplication.translate("MainWindow", u"Reopen for amendment\u2026", None))
#if QT_CONFIG(accessibility)
        self.reopenButton.setAccessibleName(QCoreApplication.translate("MainWindow", u"Reopen for amendment", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.tabs.setAccessibleName(QCoreApplication.translate("MainWindow", u"Return and tracker", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.progressLabel.setAccessibleName(QCoreApplication.translate("MainWindow", u"Progress", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.navView.setAccessibleName(QCoreApplication.translate("MainWindow", u"Key features and proposals", None))
#endif // QT_CONFIG(accessibility)
        self.previousButton.setText(QCoreApplication.translate("MainWindow", u"\u25c0  Previous", None))
#if QT_CONFIG(accessibility)
        self.previousButton.setAccessibleName(QCoreApplication.translate("MainWindow", u"Previous proposal", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.previousButton.setToolTip(QCoreApplication.translate("MainWindow", u"Previous proposal (Ctrl+Page Up)", None))
#endif // QT_CONFIG(tooltip)
        self.nextButton.setText(QCoreApplication.translate("MainWindow", u"Next  \u25b6", None))
#if QT_CONFIG(accessibility)
        self.nextButton.setAccessibleName(QCoreApplication.translate("MainWindow", u"Next proposal", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.nextButton.setToolTip(QCoreApplication.translate("MainWindow", u"Next proposal (Ctrl+Page Down)", None))
#endif // QT_CONFIG(tooltip)
        self.tabs.setTabText(self.tabs.indexOf(self.returnTab), QCoreApplication.translate("MainWindow", u"&Return", None))
        self.trackerPlaceholder.setText(QCoreApplication.translate("MainWindow", u"The action tracker is not available in this build.", None))
        self.tabs.setTabText(self.tabs.indexOf(self.trackerTab), QCoreApplication.translate("MainWindow", u"&Tracker", None))
        self.menuFile.setTitle(QCoreApplication.translate("MainWindow", u"&File", None))
        self.menuEdit.setTitle(QCoreApplication.translate("MainWindow", u"&Edit", None))
        self.menuGo.setTitle(QCoreApplication.translate("MainWindow", u"&Go", None))
        self.menuRound.setTitle(QCoreApplication.translate("MainWindow", u"R&ound", None))
        self.menuHelp.setTitle(QCoreApplication.translate("MainWindow", u"&Help", None))
    # retranslateUi
