"""Screenshots of the real window, page by page, for the README, the user guide and review.

    python scripts/window_screenshots.py OUT_DIR [--size 1280x720] [--scale 1.5] [--guide]

Runs the window offscreen (no display needed) on a fresh database holding the North
Ayrshire 2019 example and a 2021 round started from it, and saves one PNG per page:
start page, a proposal, a national proposal, Check before IJB, the tracker, Find, the
print preview and the user guide.  ``--guide`` also writes the pictures the user guide
shows (resources/guide/*.png) and the README's (docs/*.png).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--scale", default="1")
    parser.add_argument("--guide", action="store_true", help="also refresh resources/guide/ and docs/ pictures")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QT_SCALE_FACTOR"] = args.scale
    work = Path(tempfile.mkdtemp(prefix="msgdesk-shots-"))
    os.environ["MSGDESK_SETTINGS"] = str(work / "settings.ini")
    for var in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        os.environ[var] = str(work / var.lower())
    width, height = (int(v) for v in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from msgdesk.ui.app import build_window, install_translator
    from msgdesk.ui.settings import open_settings

    install_translator(app)
    db = work / "msgdesk.db"
    from msgdesk.store.workspace import Workspace

    window = build_window(Workspace(db), open_settings(), warm_up=False)
    window.resize(width, height)
    window.show()

    def settle(ms: int = 150) -> None:
        # one event loop run, not a loop of processEvents() calls: PySide6 6.12 loses a
        # reference to None on each of those, and a few thousand of them crash Python
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    shots: dict[str, Path] = {}

    def shoot(name: str, widget=None) -> None:
        settle()
        target = widget or window
        path = args.out / f"{name}.png"
        target.grab().save(str(path))
        shots[name] = path
        print(path)

    shoot("01-start")
    window.open_example()
    example_id = window.session.round_id
    window.go_to("1.1")
    shoot("02-proposal")
    national = next(p.id for p in window.template.proposals if not p.local)
    window.go_to(national)
    shoot("03-national")
    from msgdesk.ui.round.nav_model import REVIEW

    window.go_to(REVIEW)
    shoot("04-review")
    # a 2021 round started from 2019, with the open actions carried forward
    window.create_round({"partnership": window.session.snap.partnership, "label": "2021", "contact": "",
                         "completed_on": date(2021, 4, 30), "previous_round_id": example_id,
                         "carry_forward": True})
    window.go_to("2.3")
    shoot("05-carried")
    window.go_to(REVIEW)
    shoot("06-review-new-round")
    window.ui.tabs.setCurrentWidget(window.ui.trackerTab)
    if window.tracker is not None:
        window.tracker.set_today(date(2022, 5, 1))
        window.tracker.table.selectRow(0)
    shoot("07-tracker")
    window.ui.tabs.setCurrentWidget(window.ui.returnTab)
    window.go_to("1.1")
    window.show_find()
    window.find_panel.edit.setText("partnership")
    window.find_panel.search("partnership")
    window.find_panel.next_hit()
    shoot("08-find")
    window.find_panel.close_panel()
    preview = window.open_print_preview(modal=False)
    if preview is not None:
        preview.resize(min(width, 1100), height)
        settle(400)
        shoot("09-print-preview", preview)
        preview.close()
    guide = window.show_user_guide()
    if guide is not None:
        guide.resize(min(width, 1000), height)
        shoot("10-user-guide", guide)
        guide.close()
    if args.guide:
        _publish(shots)
    window.close()
    window.workspace.close()
    return 0


def _publish(shots: dict[str, Path]) -> None:
    """Copy the pictures the user guide and the README show into the repository."""
    import shutil

    guide = ROOT / "resources" / "guide"
    docs = ROOT / "docs"
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    for name in ("01-start", "02-proposal", "04-review", "05-carried", "07-tracker", "08-find", "09-print-preview"):
        if name in shots:
            # the guide ships inside the app: 1000 px wide in 256 colours is sharp enough on
            # screen and a third of the size
            image = QImage(str(shots[name]))
            if image.width() > 1000:
                image = image.scaledToWidth(1000, Qt.TransformationMode.SmoothTransformation)
            image = image.convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
            image.save(str(guide / f"{name[3:]}.png"), "PNG", 9)
    for name, target in (("02-proposal", "proposal-page.png"), ("07-tracker", "tracker.png"),
                         ("04-review", "review-page.png")):
        if name in shots:
            shutil.copyfile(shots[name], docs / target)


if __name__ == "__main__":
    sys.exit(main())
