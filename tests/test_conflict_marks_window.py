"""A merge conflict waiting on a proposal is seen where the officer works (pytest-qt, the real
window at 1280x720): the side panel marks the proposal in words, in its screen-reader name
and its tooltip; the proposal's page says so with a button; one key (Round → Resolve this
proposal's conflicts…, Ctrl+Shift+C), enabled only there, opens the conflict view on it;
the view marks the words that differ with text as well as colour, the contributor's text
escaped, never markup."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from msgdesk.rounds.return_file import read_return_file, write_return_file
from msgdesk.store.workspace import Workspace
from msgdesk.ui.contributions.conflict_view import ConflictDialog
from msgdesk.ui.contributions.pack_dialogs import merge_file, send_pack
from msgdesk.ui.round.nav_model import CONFLICTS_ROLE

BASE = "The integrated budget is aligned to the strategic plan and reviewed every year by the board."
OURS = BASE.replace("strategic plan", "workforce plan")
THEIRS = BASE.replace("strategic plan", "<b>commissioning</b> & =SUM(A1) plan")


def _answer_yes(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: (_ for _ in ()).throw(AssertionError(a[2])))


def _conflict_on_2_3(window, tmp_path, for_whom="Bea Chalmers, Head of Governance"):
    """The lead sends 2.3, the contributor changes a word of its evidence, the lead another."""
    window.go_to("2.3")
    window.session.set_evidence("2.3", BASE)
    [pack] = send_pack(window, ["2.3"], for_whom, str(tmp_path / "pack.json"), None)
    with Workspace.open(tmp_path / "contributor.db", user="Bea Chalmers") as ws:
        round_id = ws.contributions.receive_pack(read_return_file(pack, ws.template))
        ws.rounds.set_evidence(round_id, "2.3", THEIRS)
        reply = tmp_path / "reply.json"
        write_return_file(reply, ws.contributions.reply(round_id), ws.template)
    window.session.set_evidence("2.3", OURS)
    result = merge_file(window, str(reply))
    assert result is not None and [c.proposal for c in result.conflicts] == ["2.3"]
    window.contributions.conflict_dialog.close()  # the merge opened it; the officer closes it
    return result


def _nav(window, proposal, role):
    return window.nav.index_of(proposal).data(role)


def _when_the_view_opens(qtbot, act, check, *, expected=True):
    """Do ``act`` (a key press); ``check(dialog)`` runs while the (modal) conflict view it
    opens is up, then the view is closed.  Returns the views seen."""
    seen: list = []
    failures: list[Exception] = []
    timer = QTimer()
    timer.setInterval(10)

    def look():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return
        timer.stop()
        seen.append(dialog)
        try:
            check(dialog)
        except Exception as exc:  # raised again below, once the view is closed
            failures.append(exc)
        finally:
            dialog.reject()

    timer.timeout.connect(look)
    timer.start()
    act()
    if expected:
        qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    else:
        qtbot.wait(300)  # a button's mnemonic clicks after a short animation
    timer.stop()
    if failures:
        raise failures[0]
    assert all(isinstance(d, ConflictDialog) for d in seen)
    return seen


def _press_resolve_key(qtbot, window, check, *, expected=True):
    """Ctrl+Shift+C on the window, as the officer presses it."""
    window.activateWindow()  # a window's keys reach only the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return _when_the_view_opens(qtbot, lambda: qtbot.keyClick(
        QApplication.focusWidget() or window, Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier), check, expected=expected)


def test_a_waiting_conflict_is_marked_in_the_panel_and_on_the_page_and_one_key_opens_it(
        qtbot, window, example_round, tmp_path, monkeypatch):
    _answer_yes(monkeypatch)
    window.open_round(example_round.id)
    here = window.contributions.actionConflictsHere
    window.go_to("2.3")
    assert not here.isEnabled() and not window.proposal_page.conflict_marker.isVisible()
    _conflict_on_2_3(window, tmp_path)

    # the side panel: words before the title, the screen reader's name and the tooltip
    shown = _nav(window, "2.3", Qt.ItemDataRole.DisplayRole)
    assert shown.startswith(("◔  2.3  ⚠ conflict", "●  2.3  ⚠ conflict", "◑  2.3  ⚠ conflict"))
    assert "A merge conflict waits: evidence (Bea Chalmers)." in _nav(window, "2.3", Qt.ItemDataRole.AccessibleTextRole)
    assert "Ctrl+Shift+C" in _nav(window, "2.3", Qt.ItemDataRole.ToolTipRole)
    assert _nav(window, "2.3", CONFLICTS_ROLE) == 1
    for other in ("1.1", "2.2", "2.4"):
        assert "conflict" not in _nav(window, other, Qt.ItemDataRole.DisplayRole)
        assert "conflict" not in _nav(window, other, Qt.ItemDataRole.AccessibleTextRole)
        assert _nav(window, other, CONFLICTS_ROLE) == 0

    # the page says so, with a button; the key is enabled on this proposal only
    marker = window.proposal_page.conflict_marker
    assert marker.isVisible() and "A merge conflict waits: evidence (Bea Chalmers)." in marker.label.text()
    assert marker.accessibleName().startswith("A merge conflict waits")
    assert here.isEnabled() and here.shortcut().toString() == "Ctrl+Shift+C"
    assert here in window.ui.menuRound.actions() and "&t" in here.text()
    window.go_to("1.1")
    assert not here.isEnabled() and not marker.isVisible()
    assert _press_resolve_key(qtbot, window, lambda d: None, expected=False) == []
    window.go_to("review")
    assert not here.isEnabled()

    # back on 2.3, the key opens the view on the conflict, its differing words marked
    window.go_to("2.3", focus=True)

    def check(dialog):
        assert dialog.current().proposal == "2.3"
        plain = dialog.diff_view.toPlainText()
        assert "[yours: workforce]" in plain
        assert "[theirs: <b>commissioning</b> & =SUM(A1)]" in plain
        html = dialog.diff_view.toHtml()
        assert "&lt;b&gt;commissioning&lt;/b&gt;" in html and "<b>commissioning" not in html
        assert "line-through" in html and "underline" in html
        assert "1 word only in yours, 3 only in theirs." == dialog.diff_view.accessibleDescription()

    assert len(_press_resolve_key(qtbot, window, check)) == 1

    # the page's button opens it too: Alt+S, its mnemonic, on the page; keep yours with Alt+K
    def keep_yours(dialog):
        assert dialog.current().proposal == "2.3"
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        qtbot.keyClick(dialog, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: dialog.conflicts == [], timeout=3000)  # a mnemonic clicks after an animation

    assert marker.button.text() == "Re&solve the conflict…"
    window.activateWindow()  # Alt+letters reach only the active window (the view was, a moment ago)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert len(_when_the_view_opens(qtbot, lambda: qtbot.keyClick(
        window.proposal_page.ui.evidenceEdit, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier), keep_yours)) == 1

    # resolved: the marks go, the key is off, the evidence is the lead's
    assert window.session.response("2.3").evidence == OURS
    assert not marker.isVisible() and not here.isEnabled()
    assert "conflict" not in _nav(window, "2.3", Qt.ItemDataRole.DisplayRole)
    # undone (Ctrl+Z): the conflict waits again and is marked again
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.ui.navView.setFocus(Qt.FocusReason.OtherFocusReason)  # the evidence box keeps Ctrl+Z for its typing
    qtbot.keyClick(window.ui.navView, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert marker.isVisible() and here.isEnabled()
    assert "⚠ conflict" in _nav(window, "2.3", Qt.ItemDataRole.DisplayRole)


def test_markup_in_a_contributor_name_stays_text_in_the_marks(qtbot, window, example_round, tmp_path, monkeypatch):
    _answer_yes(monkeypatch)
    window.open_round(example_round.id)
    _conflict_on_2_3(window, tmp_path, for_whom="<i>Bea</i> &amp; =HYPERLINK(\"x\"), Governance")
    marker = window.proposal_page.conflict_marker
    assert marker.label.textFormat() == Qt.TextFormat.PlainText
    assert "<i>Bea</i> &amp; =HYPERLINK(\"x\")" in marker.label.text()
    assert "<i>Bea</i>" in _nav(window, "2.3", Qt.ItemDataRole.AccessibleTextRole)
