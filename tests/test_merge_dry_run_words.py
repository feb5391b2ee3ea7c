"""``msgdesk merge --dry-run`` as a real process shows the words that changed, in context
(``… the [-old-]{+new+} words …``), for a field the reply changed and for a conflict, not
the first 40 characters of each version; the officer's own markup, markers, formulas and
new lines stay text on one line each, and nothing is written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from msgdesk.rounds.return_file import read_return_file, write_return_file
from msgdesk.store.workspace import Workspace
from tests.conftest import EXAMPLE
from tests.dbdump import dump

NA = "North Ayrshire Health and Social Care Partnership"
ROUND = ["-p", NA, "-r", "2019"]
FILLER = " ".join(f"sentence{i} of the long evidence text." for i in range(60))


def msgdesk(*args: object) -> subprocess.CompletedProcess[str]:
    """The installed command (``.venv/bin/msgdesk``), as an officer runs it."""
    script = Path(sys.executable).with_name("msgdesk")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "msgdesk"]
    return subprocess.run([*command, *(str(a) for a in args)], capture_output=True, text=True, encoding="utf-8",
                          errors="backslashreplace", env={**os.environ, "COLUMNS": "200"}, timeout=120)


@pytest.fixture
def lead_db(tmp_path: Path) -> Path:
    db = tmp_path / "lead.db"
    done = msgdesk("import", EXAMPLE, "--db", db)
    assert done.returncode == 0, done.stderr
    return db


def _pack(db: Path, tmp_path: Path, proposals: str) -> Path:
    out = tmp_path / "pack.json"
    done = msgdesk("--db", db, "pack", *ROUND, "--proposals", proposals, "--for", "Alan Brown, CFO", "--out", out)
    assert done.returncode == 0, done.stderr
    return out


def _reply(tmp_path: Path, pack: Path, evidence: dict[str, str]) -> Path:
    """The contributor's side: the pack opened in their own database, evidence written, sent back."""
    with Workspace.open(tmp_path / "contributor.db", user="Alan Brown") as ws:
        round_id = ws.contributions.receive_pack(read_return_file(pack, ws.template))
        for proposal, text in evidence.items():
            ws.rounds.set_evidence(round_id, proposal, text)
        path = tmp_path / "reply.json"
        write_return_file(path, ws.contributions.reply(round_id), ws.template)
    return path


def _lead_writes(db: Path, evidence: dict[str, str]) -> None:
    with Workspace.open(db, user="Caroline Whyte") as ws:
        rid = ws.rounds.find_round(NA, "2019").id
        for proposal, text in evidence.items():
            ws.rounds.set_evidence(rid, proposal, text)


def test_dry_run_shows_the_changed_words_in_context_for_an_applied_change_and_a_conflict(lead_db, tmp_path):
    base = f"{FILLER} The budget is aligned to the strategic plan and reviewed each year. {FILLER}"
    _lead_writes(lead_db, {"2.1": base, "2.3": base})
    pack = _pack(lead_db, tmp_path, "2.1,2.3")
    reply = _reply(tmp_path, pack, {
        "2.1": base.replace("reviewed each year", "reviewed each quarter"),
        "2.3": base.replace("the strategic plan", "the commissioning plan"),
    })
    _lead_writes(lead_db, {"2.3": base.replace("the strategic plan", "the workforce plan")})
    before = dump(lead_db)

    done = msgdesk("--db", lead_db, "merge", reply, *ROUND, "--dry-run")

    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "apply  2.1 evidence: changed in the reply:" in out
    assert "… plan and reviewed each [-year.-]{+quarter.+} sentence0 of the long …" in out
    assert "hold   2.3 evidence: changed on both sides, yours -> theirs:" in out
    assert "… is aligned to the [-workforce-]{+commissioning+} plan and reviewed each …" in out
    # not the first 40 characters of each version, which hold only the filler
    assert "sentence0 of the long evidence text. sentence1" not in out
    assert dump(lead_db) == before


@pytest.mark.parametrize("hostile", [
    "<b>bold</b>", "[-not a marker-]", "{+nor this+}", "=SUM(A1:A9)", "line one\nline two", "x" * 3000,
])
def test_dry_run_prints_hostile_text_as_text_on_one_line(lead_db, tmp_path, hostile):
    base = "Before the change and after it."
    _lead_writes(lead_db, {"2.1": base})
    pack = _pack(lead_db, tmp_path, "2.1")
    reply = _reply(tmp_path, pack, {"2.1": f"Before the {hostile} and after it."})
    before = dump(lead_db)

    done = msgdesk("--db", lead_db, "merge", reply, *ROUND, "--dry-run")

    assert done.returncode == 0, done.stderr
    [line] = [x.strip() for x in done.stdout.splitlines() if "{+" in x and "[-change-]" in x]
    shown = line.split("[-change-]{+", 1)[1].rsplit("+} and after it.", 1)[0]
    if "\n" in hostile:
        assert shown == "line one ↵ line two"
    elif len(hostile) > 100:
        assert shown.startswith("x" * 30) and "…" in shown and len(line) < 200
    else:
        escaped = (hostile.replace("[-", "\\[-").replace("-]", "\\-]").replace("{+", "\\{+").replace("+}", "\\+}"))
        assert shown == escaped
    assert dump(lead_db) == before
