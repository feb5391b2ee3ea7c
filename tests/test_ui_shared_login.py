"""Signing in to the shared database from the window: the password is asked for (never
stored), and a reader's window says "you can read but not change this database" and
changes nothing.  Real servers (TLS test server; the socket server with roles)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from msgdesk.domain.errors import PasswordRequiredError
from msgdesk.store.workspace import Workspace


def test_the_window_asks_for_the_password_until_the_server_accepts_it(qtbot, tls_servers, tls_database,
                                                                       monkeypatch, tmp_path):
    from PySide6.QtWidgets import QInputDialog

    from msgdesk.ui.dialogs.password import open_shared

    monkeypatch.delenv("PGPASSWORD")
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    answers = iter([("wrong", True), (tls_servers.password, True)])
    asked = []

    def answer(_parent, _title, label, _mode):
        asked.append(label)
        return next(answers)

    monkeypatch.setattr(QInputDialog, "getText", answer)
    url = tls_servers.url("tls", f"?sslrootcert={tls_servers.ca}").replace("/postgres", f"/{tls_database}")
    ws = Workspace(url)
    open_shared(ws)
    try:
        assert ws.is_open and len(asked) == 2
        assert "has none from msgdesk" in asked[0] and "did not accept" in asked[1]
        assert tls_servers.password not in ws.target.to_url() and tls_servers.password not in ws.describe()
    finally:
        ws.close()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a: ("", False))  # Cancel
    with pytest.raises(PasswordRequiredError):
        open_shared(Workspace(url))


def test_a_readers_window_shows_everything_and_changes_nothing(qtbot, pg_roles, example_data, settings):
    from msgdesk.ui.app import build_window

    with Workspace.open(pg_roles.database) as owner:
        round_id = owner.rounds.import_return(example_data).id
        pg_roles.set_up(owner.engine)
    reader = Workspace.open(pg_roles.target("reader"))
    win = build_window(reader, settings, warm_up=False)
    qtbot.addWidget(win)
    try:
        win.show()
        win.open_round(round_id)
        win.go_to("1.1")
        page = win.proposal_page
        assert "you can read but not change this database" in page.ui.ratingTitle.text()
        assert page.ui.evidenceEdit.isReadOnly()
        before = page.ui.evidenceEdit.toPlainText()
        qtbot.keyClick(page.cards[0], "4")
        win.flush_edits()
        with reader.engine.connect() as con:
            saved = con.execute(text("SELECT rating, evidence FROM response WHERE round_id = :r AND "
                                     "proposal_id = '1.1'"), {"r": round_id}).one()
        assert saved.rating != "exemplary" and saved.evidence == before
    finally:
        win.close()
        reader.close()
