"""Help → User guide (F1): a short guide inside the app, offline, with pictures of the window.

The guide is resources/guide/guide.html with its screenshots beside it (made by
scripts/window_screenshots.py --guide from the real window).  A translated guide is
looked for first as guide.<language>.html (guide.gd.html for Gaelic).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from msgdesk.paths import resource_path
from msgdesk.ui.widgets.look import shortcut


def guide_file(locale: QLocale | None = None) -> Path:
    folder = resource_path("guide")
    language = (locale or QLocale()).name().split("_")[0]
    translated = folder / f"guide.{language}.html"
    return translated if translated.exists() else folder / "guide.html"


class UserGuide(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("userGuide")
        self.setWindowTitle(self.tr("msgdesk user guide"))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guideText")
        self.browser.setAccessibleName(self.tr("User guide"))
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        path = guide_file()
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(path)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        shortcut(QKeySequence(Qt.Key.Key_F1), self, self.close)
        self.resize(900, 700)

    def _link(self, url: QUrl) -> None:
        if url.isLocalFile() or not url.scheme():
            if url.hasFragment() and (not url.path() or url.path().endswith("guide.html")):
                self.browser.scrollToAnchor(url.fragment())
            else:
                self.browser.setSource(url)
        else:
            QDesktopServices.openUrl(url)


_open: dict[int, UserGuide] = {}


def show_user_guide(parent) -> UserGuide:
    """Show the guide beside the window (not modal: the officer can follow it while working)."""
    guide = _open.get(id(parent))
    if guide is None:
        guide = UserGuide(parent)
        _open[id(parent)] = guide
        guide.destroyed.connect(lambda *_: _open.pop(id(parent), None))
    guide.show()
    guide.raise_()
    guide.activateWindow()
    return guide
