"""The conflict view, for the README: a pack sent, the contributor's reply and the lead's own
edit both changing 2.3's evidence, merged, and Round → Resolve merge conflicts open.

    python scripts/conflict_screenshot.py docs/conflict-view.png [--scale 1.5] [--history HISTORY.png] [--guide]

Runs offscreen on a fresh database holding the North Ayrshire 2019 example.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", default="1")
    parser.add_argument("--history", type=Path, help="also the window with the History panel open")
    parser.add_argument("--guide", action="store_true",
                        help="also the user guide's picture (resources/guide/conflicts.png)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QT_SCALE_FACTOR"] = args.scale
    work = Path(tempfile.mkdtemp(prefix="msgdesk-conflict-"))
    os.environ["MSGDESK_SETTINGS"] = str(work / "settings.ini")
    for var in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        os.environ[var] = str(work / var.lower())

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from msgdesk.rounds.return_file import dump_return, parse_return, read_return_file
    from msgdesk.store.workspace import Workspace
    from msgdesk.ui.app import build_window
    from msgdesk.ui.settings import open_settings

    workspace = Workspace.open(work / "msgdesk.db", user="Caroline Whyte")
    data = read_return_file(ROOT / "resources" / "examples" / "north-ayrshire-2019.json", workspace.template)
    info = workspace.rounds.import_return(data)
    pack = workspace.contributions.cut_pack(info.id, ["2.1", "2.2", "2.3"], "Fiona Grant, Chief Finance Officer")
    old = workspace.rounds.load_round_by_id(info.id).response("2.3").evidence
    workspace.rounds.set_evidence(info.id, "2.3", old + "\n• Budget-setting timetable agreed with both partners "
                                  "(lead officer, March)")
    reply = parse_return(dump_return(pack), workspace.template)
    reply.response("2.3").evidence = old + "\n• Integrated budget report to every IJB meeting since April " \
                                           "(Chief Finance Officer)"
    reply.response("2.1").rating = "established"
    reply.pack.reply_by, reply.pack.reply_at = "Fiona Grant", datetime(2026, 3, 12, 10, 0)
    workspace.contributions.merge_reply(info.id, parse_return(dump_return(reply), workspace.template))

    window = build_window(workspace, open_settings(), warm_up=False)
    window.resize(1280, 720)
    window.show()
    window.open_round(info.id)
    window.go_to("2.3")
    from msgdesk.ui.contributions.pack_dialogs import show_conflicts

    dialog = show_conflicts(window, modal=False)
    dialog.resize(1180, 640)
    dialog._put_both()
    for _ in range(20):
        app.processEvents()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(args.out))
    if args.guide:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QImage

        # as scripts/window_screenshots.py does: 256 colours are sharp enough inside the app
        image = QImage(str(args.out)).convertToFormat(QImage.Format.Format_Indexed8,
                                                      Qt.ImageConversionFlag.ThresholdDither)
        image.save(str(ROOT / "resources" / "guide" / "conflicts.png"), "PNG", 9)
    if args.history:
        dialog.close()
        window.actionHistory.trigger()
        for _ in range(20):
            app.processEvents()
        window.grab().save(str(args.history))
    print(f"Wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
