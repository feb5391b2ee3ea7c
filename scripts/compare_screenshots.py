"""Pictures of the national picture, from the real window and the real report, for the README.

    python scripts/compare_screenshots.py OUT_DIR [--size 1280x720] [--scale 1.5] [--docs]

Makes a database of 31 partnerships' returns for 2019 and 2021 (deterministic synthetic
ratings, with two partnerships missing a 2021 return and an "Island authorities" group),
opens the window offscreen at the size and scale asked, and saves the Compare tab's heat
map (with a tooltip's words in the status of the cell hovered), its changes view and "Where
we stand"; then the collation PDF's first heat-map page, rendered with PDFium.  ``--docs``
also writes the README's pictures (docs/compare-*.png, docs/collation-heat-map.png).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NAMES = (
    "Aberdeen City", "Aberdeenshire", "Angus", "Argyll and Bute", "Clackmannanshire and Stirling",
    "Dumfries and Galloway", "Dundee City", "East Ayrshire", "East Dunbartonshire", "East Lothian",
    "East Renfrewshire", "Edinburgh", "Falkirk", "Fife", "Glasgow City", "Highland", "Inverclyde", "Midlothian",
    "Moray", "North Ayrshire Health and Social Care Partnership", "North Lanarkshire", "Orkney Health and Care",
    "Perth and Kinross", "Renfrewshire", "Scottish Borders", "Shetland", "South Ayrshire", "South Lanarkshire",
    "West Dunbartonshire", "West Lothian", "Western Isles",
)
MISSING_2021 = {"Fife", "Inverclyde"}


def fill(db: Path) -> None:
    from msgdesk.domain.return_values import RATINGS, ActionData, ResponseData, ReturnData
    from msgdesk.store.workspace import Workspace

    rng = random.Random(14)
    with Workspace.open(db, backup_on_open=False) as ws:
        local = ws.template.local_proposals
        for name in NAMES:
            level = rng.randint(0, 2)
            for step, label in enumerate(("2019", "2021")):
                if label == "2021" and name in MISSING_2021:
                    continue
                responses = [ResponseData(p.id, RATINGS[max(0, min(3, level + step + rng.randint(-1, 1)))],
                                          evidence="Evidence considered by the IJB.",
                                          actions=[ActionData("Review the arrangements with partners",
                                                              "Through the strategic planning group", "March 2022")])
                             for p in local]
                ws.rounds.import_return(ReturnData(name, label, completed_on=date(int(label), 4, 18),
                                                   responses=responses))
        ws.groups.set_group("Island authorities", ["Orkney", "Shetland", "Western Isles"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--scale", default="1")
    parser.add_argument("--docs", action="store_true", help="also write the README's pictures in docs/")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QT_SCALE_FACTOR"] = args.scale
    work = Path(tempfile.mkdtemp(prefix="msgdesk-compare-shots-"))
    os.environ["MSGDESK_SETTINGS"] = str(work / "settings.ini")
    for var in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        os.environ[var] = str(work / var.lower())
    width, height = (int(v) for v in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    db = work / "msgdesk.db"
    fill(db)

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from msgdesk.ui.app import build_window, install_translator
    from msgdesk.ui.settings import open_settings

    install_translator(app)
    from msgdesk.store.workspace import Workspace

    window = build_window(Workspace.open(db, backup_on_open=False), open_settings(), warm_up=False)
    window.resize(width, height)
    window.show()

    def settle(ms: int = 200) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    shots: list[Path] = []

    def shoot(name: str, widget=None) -> None:
        settle()
        path = args.out / f"{name}.png"
        (widget or window).grab().save(str(path))
        shots.append(path)
        print(path)

    orkney = window.workspace.rounds.find_round("Orkney Health and Care", "2021").id
    window.open_round(orkney)
    window.ui.tabs.setCurrentWidget(window.compare_tab)
    view = window.compare
    view.heat_table.setFocus()
    view.heat_table.setCurrentIndex(view.heat_proxy.index(3, 5))
    shoot("compare-heat-map")
    view.views.setCurrentIndex(1)
    shoot("compare-changes")
    view.group_combo.setCurrentIndex(view.group_combo.findData("Island authorities"))
    view.views.setCurrentIndex(2)
    shoot("compare-where-we-stand")
    view.group_combo.setCurrentIndex(0)
    view.views.setCurrentIndex(0)
    viewer = view.heat_table
    from msgdesk.ui.collation.view import open_return_read_only

    dialog = open_return_read_only(window, window.workspace, "Angus", "2021", "2.3")
    shoot("compare-return-read-only", dialog)
    dialog.close()
    from msgdesk.ui.collation.groups_dialog import GroupsDialog

    groups = GroupsDialog(window.workspace, window)
    groups.show()
    shoot("compare-groups", groups)
    groups.close()
    del viewer

    from msgdesk.collation.collate import collation_for
    from msgdesk.reports import collation_pdf

    collation = collation_for(window.workspace, "2021", "2019", as_at=date(2022, 3, 31))
    pdf = collation_pdf.render(collation)
    (args.out / "collation.pdf").write_bytes(pdf)
    from msgdesk.reports.typeset import compile_png

    # the pages as typst draws them (the same engine and template as the PDF)
    pages = compile_png(collation_pdf.TEMPLATE, collation_pdf.document(collation), ppi=110)
    for number, name in ((1, "collation-heat-map"), (len(pages) - 1, "collation-partnerships")):
        path = args.out / f"{name}.png"
        path.write_bytes(pages[number])
        shots.append(path)
        print(path)
    if args.docs:
        import shutil

        for path in shots:
            if path.stem in ("compare-heat-map", "compare-where-we-stand", "collation-heat-map"):
                shutil.copy(path, ROOT / "docs" / path.name)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
