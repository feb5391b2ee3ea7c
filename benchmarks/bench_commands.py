"""What each command costs to start, beside its floors, in one run.

    .venv/bin/python benchmarks/bench_commands.py [-n 9]

For ``msgdesk list``, ``export --json`` and ``export --pdf`` on the North Ayrshire example:
the median wall time of the whole process, and its floor, the median of
``python -c "import <the libraries that command truly needs>"`` measured in the same run,
alternating.  Target (issue 9): each command within 1.3 x floor + 0.15 s.

Issue 22 sets a stricter floor for the read-only commands: a plain ``sqlite3`` script that
does the same reads and prints the same (``list``: the rounds with their rated proposals
and actions; ``export --json``: the round's rows written as JSON; ``--version`` and
``--help``: Python printing the same text).  Target: within 1.5 x that floor.

Beside it, for information only (no target): the same plain scripts plus the checks msgdesk
makes by design every time it opens a file (``OPEN_CHECKS``: the health check's reads and the
change counter, the schema revision, the network-drive test, whether a backup on opening is
due), written as plain sqlite3 and standard-library code, so that what is left of the gap can
be told apart: those checks, or msgdesk's own overhead.

Then opening a database of about 36 MB (about 100 rounds) against one of about 1 MB:
``msgdesk list`` on each, unchanged since its last opening (the usual case), and the first
opening after a change (which also makes a compressed, checked backup).  Target: the 36 MB
database costs no more than 1.2 x the 1 MB one.  Beside it, for information, the plain script
on both: the big one has 101 rounds to list, whose reads cost the plain script about 1.12 x
as well (an unchanged opening itself reads the same whatever the size: callgrind counts
148.9M instructions to open the 1 MB file and 148.6M the 36 MB one).

Statistics: every figure is alternated run by run with what it is compared with (its floor,
or the other database), and the median of 15 runs of each is taken (``-n``): the plain
floor's own run-to-run swing (0.04-0.07 s) is the start of a Python process on a loaded
machine, which alternation spreads over both sides instead of into the ratio.

Also ``--version`` and ``--help``, which must import no database or report library.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _result import result  # noqa: E402  (benchmarks/_result.py, beside this script)

EXAMPLE = ROOT / "resources" / "examples" / "north-ayrshire-2019.json"
P = "North Ayrshire Health and Social Care Partnership"
PY = sys.executable
ENV = dict(os.environ, PYTHONPATH=str(ROOT))

FLOORS = {
    "list": "import sqlite3, sqlalchemy.orm",
    "export --json": "import sqlite3, sqlalchemy.orm, json",
    "export --pdf": "import sqlite3, sqlalchemy.orm, typst",  # issue 18: the PDF engine is typst
}


PLAIN_RATIO = 1.5

#: ``msgdesk list`` done by hand: the same three reads, the same table printed.
PLAIN_LIST = """
import sqlite3, sys
con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rounds = con.execute("SELECT r.id, p.name, r.label, r.status FROM evaluation_round r JOIN partnership p"
                     " ON p.id = r.partnership_id ORDER BY p.name, r.label").fetchall()
rated = dict(con.execute("SELECT round_id, count(*) FROM response WHERE rating IS NOT NULL GROUP BY round_id"))
actions = dict(con.execute("SELECT r.round_id, count(a.id) FROM response r JOIN action a ON a.response_id = r.id"
                           " GROUP BY r.round_id"))
rows = [("Partnership", "Round", "Status", "Rated", "Actions")]
rows += [(name, label, status.title(), f"{rated.get(i, 0)} of 22 rated", str(actions.get(i, 0)))
         for i, name, label, status in rounds]
widths = [max(len(row[i]) for row in rows) for i in range(5)]
for row in rows:
    print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
"""

#: ``msgdesk export --json`` done by hand: the round's rows read and written as the same return
#: file, byte for byte (responses in the template's order, empty ones left out), through a
#: temporary file, flushed to disk and renamed into place as msgdesk writes it.
PLAIN_JSON = """
import json, os, sqlite3, sys
from datetime import datetime
db, out, name, label = sys.argv[1:5]
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
rid, partnership, label, contact, completed = con.execute(
    "SELECT r.id, p.name, r.label, r.contact, r.completed_on FROM evaluation_round r JOIN partnership p"
    " ON p.id = r.partnership_id WHERE p.name = ? AND r.label = ?", (name, label)).fetchone()
def when(value):
    return datetime.fromisoformat(value).strftime("%Y-%m-%dT%H:%M:%SZ") if value else None
def day(value):
    return value[:10] if value else None
actions = {}
for response_id, uid, text, delivery, timescale, lead, due, at, by in con.execute(
        "SELECT a.response_id, a.uid, a.text, a.delivery, a.timescale, a.lead, a.due_date_override, a.updated_at,"
        " a.updated_by FROM action a JOIN response r ON r.id = a.response_id WHERE r.round_id = ?"
        " ORDER BY a.response_id, a.position, a.id", (rid,)):
    actions.setdefault(response_id, []).append({
        "id": uid or None, "action": text, "delivery": delivery, "timescale": timescale, "lead": lead,
        "due_date": day(due), "updated_at": when(at), "updated_by": by})
responses = []
for response_id, proposal, rating, previous, evidence, at, by in con.execute(
        "SELECT id, proposal_id, rating, previous_rating, evidence, updated_at, updated_by FROM response"
        " WHERE round_id = ?", (rid,)):
    listed = actions.get(response_id, [])
    if rating or previous or evidence or listed:
        responses.append({"proposal": proposal, "rating": rating, "previous_rating": previous, "evidence": evidence,
                          "updated_at": when(at), "updated_by": by, "actions": listed})
responses.sort(key=lambda r: tuple(int(n) for n in r["proposal"].split(".")))
document = {"format": "msgdesk-return", "version": 2, "partnership": partnership, "round": label,
            "contact": contact, "completed_on": day(completed), "responses": responses}
part = out + ".part"
with open(part, "wb") as fh:
    fh.write((json.dumps(document, ensure_ascii=False, indent=2) + "\\n").encode("utf-8"))
    fh.flush()
    os.fsync(fh.fileno())
os.replace(part, out)
print(f"Wrote {out}")
"""


#: The checks msgdesk makes by design every time it opens an SQLite file, written as plain
#: sqlite3 and standard-library code (informational, not a target: issue 22 asks the read-only
#: commands to be within 1.5 x the plain script; this row shows how much of what is left is
#: these checks and how much msgdesk's own overhead).  As ``msgdesk.store.workspace``'s
#: ``_open_reader`` does: may the folder be written (else read as immutable, no backup); the
#: file's health (``msgdesk.store.health``: application id, tables, schema revision, change
#: counter, and SQLite's full ``integrity_check`` when the file changed since its last good
#: check), read as immutable when no journal is beside it and then read through a connection
#: of its own; a network drive (``/proc/self/mountinfo``); and whether the newest backup was
#: taken at this change counter (else msgdesk takes one: the benchmark's warm-up has taken it).
OPEN_CHECKS = """
import json, os, re, sqlite3, sys
from pathlib import Path
db = Path(os.path.abspath(sys.argv[1]))
writable = os.access(db.parent, os.W_OK) and os.access(db, os.W_OK)
def stat_pair(path):
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return 0, 0
    return st.st_size, st.st_mtime_ns
quiet = not any(os.path.exists(f"{db}{suffix}") for suffix in ("-wal", "-shm", "-journal"))
size, mtime = stat_pair(db)
wal_size, wal_mtime = stat_pair(f"{db}-wal")
check = sqlite3.connect(db.as_uri() + "?mode=ro" + ("&immutable=1" if quiet else ""), uri=True, isolation_level=None)
check.execute("BEGIN")
application_id = check.execute("PRAGMA application_id").fetchone()[0]
schema_version = check.execute("PRAGMA schema_version").fetchone()[0]
tables = {row[0] for row in check.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
revision = check.execute("SELECT version_num FROM alembic_version").fetchone()[0]
changes = check.execute("SELECT changes FROM store_meta WHERE id = 1").fetchone()[0]
assert writable and application_id == @APPLICATION_ID@ and revision == "@HEAD@" and "response" in tables
backups = db.parent / "backups"
now = {"changes": changes, "schema_version": schema_version, "size": size, "mtime_ns": mtime,
       "wal_size": wal_size, "wal_mtime_ns": wal_mtime if wal_size else 0}
try:
    record = json.loads((backups / f".{db.name}.checked.json").read_text(encoding="utf-8"))
except (OSError, ValueError):
    record = None
if record != now:
    assert check.execute("PRAGMA integrity_check(20)").fetchall() == [("ok",)]
if quiet:
    check.close()
    con = sqlite3.connect(db.as_uri() + "?mode=ro", uri=True, isolation_level=None)
    con.execute("PRAGMA busy_timeout = 5000")
else:
    check.execute("ROLLBACK")
    con = check
target, best, kind = str(db.resolve()), "", ""
for line in Path("/proc/self/mountinfo").read_text().splitlines():
    left, _, right = line.partition(" - ")
    point = left.split()[4]
    if (target == point or target.startswith(point.rstrip("/") + "/")) and len(point) >= len(best):
        best, kind = point, right.split()[0]
assert kind not in ("nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "fuse.sshfs")
newest = json.loads((backups / f".{db.name}.newest-backup.json").read_text(encoding="utf-8"))
name = re.compile(r"^(?P<stem>.+)-(?P<stamp>\\d{8}-\\d{6})(?:-(?P<n>\\d+))?-(?P<reason>[a-z-]+)\\.(?P<ext>zip|db)$")
found = sorted(((m["stamp"], int(m["n"] or 1), path.name) for path in backups.glob(f"{db.stem}-*")
                if (m := name.match(path.name)) and m["stem"] == db.stem), reverse=True)
assert newest["changes"] == changes and found and found[0][2] == newest["backup"], "no backup at this counter"
con.execute("BEGIN")
"""


def with_open_checks(script: str) -> str:
    """``script`` (PLAIN_LIST, PLAIN_JSON) reading through the connection the checks leave."""
    from msgdesk.store.schema import APPLICATION_ID, SCHEMA_HEAD

    lines = script.splitlines()
    connect = [line for line in lines if line.startswith("con = sqlite3.connect(")]
    assert len(connect) == 1, "the plain script opens one connection"
    checks = OPEN_CHECKS.replace("@HEAD@", SCHEMA_HEAD).replace("@APPLICATION_ID@", str(APPLICATION_ID))
    return checks + "\n".join(line for line in lines if line is not connect[0]) + "\n"


def same_output(argv: list[str], floor_argv: list[str], files: tuple[Path, Path] | None) -> None:
    """The floor is honest only if it prints (and writes) what msgdesk does, byte for byte."""
    ours = subprocess.run(argv, capture_output=True, env=ENV, check=True).stdout
    theirs = subprocess.run(floor_argv, capture_output=True, env=ENV, check=True).stdout
    if files is not None:
        ours, theirs = ours.replace(str(files[0]).encode(), b"OUT"), theirs.replace(str(files[1]).encode(), b"OUT")
        if files[0].read_bytes() != files[1].read_bytes():
            raise SystemExit(f"the floor writes other bytes than msgdesk: compare {files[0]} with {files[1]}")
    if ours != theirs:
        raise SystemExit(f"the floor prints other bytes than msgdesk:\n{ours.decode()}\n---\n{theirs.decode()}")


def timed(argv: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, env=ENV)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode()}")
    return elapsed


def msgdesk(*args: str) -> list[str]:
    return [PY, "-m", "msgdesk", *args]


def fill(db: Path, rounds: int) -> None:
    """``rounds`` copies of the example under other round names, with long evidence."""
    import json

    from msgdesk.rounds.return_file import parse_return
    from msgdesk.store.workspace import Workspace

    base = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    with Workspace.open(db, backup_on_open=False) as ws:
        for n in range(rounds):
            doc = dict(base, round=str(1900 + n))
            doc["responses"] = [dict(r, evidence=(r.get("evidence") or "") * 19) for r in base["responses"]]
            ws.rounds.import_return(parse_return(json.dumps(doc), ws.template))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=15, help="runs of each (default %(default)s)")
    n = parser.parse_args().n
    with tempfile.TemporaryDirectory() as folder:
        # Bytecode cached on both sides, as an installed msgdesk has it, whatever this shell
        # says (PYTHONDONTWRITEBYTECODE would make msgdesk compile ~80 modules at every run
        # while the floor compiles one line): kept in a folder of this run's own.
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        ENV["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
        small, big = Path(folder) / "small.db", Path(folder) / "big.db"
        subprocess.run(msgdesk("import", str(EXAMPLE), "--db", str(small)), check=True, capture_output=True, env=ENV)
        fill(big, 100)
        subprocess.run(msgdesk("import", str(EXAMPLE), "--db", str(big)), check=True, capture_output=True, env=ENV)
        out = Path(folder) / "out"
        commands = {
            "list": msgdesk("list", "--db", str(small)),
            "export --json": msgdesk("export", "-p", P, "-r", "2019", "--json", f"{out}.json", "--db", str(small)),
            "export --pdf": msgdesk("export", "-p", P, "-r", "2019", "--pdf", f"{out}.pdf", "--db", str(small)),
        }
        for argv in commands.values():  # warm the file cache and the first-opening backup
            timed(argv)
        print(f"{'command':<16}{'median':>9}{'floor':>9}{'target':>9}  within")
        for name, argv in commands.items():
            runs, floors = [], []
            timed([PY, "-c", FLOORS[name]])  # its bytecode cached too
            for _ in range(n):
                floors.append(timed([PY, "-c", FLOORS[name]]))
                runs.append(timed(argv))
            median, floor = statistics.median(runs), statistics.median(floors)
            target = 1.3 * floor + 0.15
            print(f"{name:<16}{median:>8.3f}s{floor:>8.3f}s{target:>8.3f}s  {'yes' if median <= target else 'NO'}")
        for name in ("--version", "--help"):
            print(f"{name:<16}{statistics.median(timed(msgdesk(name)) for _ in range(n)):>8.3f}s")

        print(f"\nread-only commands beside a plain sqlite3 script doing the same (target {PLAIN_RATIO} x)")
        version = subprocess.run(msgdesk("--version"), capture_output=True, text=True, env=ENV).stdout
        help_text = subprocess.run(msgdesk("--help"), capture_output=True, text=True, env=ENV).stdout
        plain = {
            "list": (commands["list"], [PY, "-c", PLAIN_LIST, str(small)]),
            "export --json": (commands["export --json"], [PY, "-c", PLAIN_JSON, str(small), f"{out}-plain.json", P,
                                                          "2019"]),
            "--version": (msgdesk("--version"), [PY, "-c", f"print({version.strip()!r})"]),
            "--help": (msgdesk("--help"), [PY, "-c", f"print({help_text.rstrip()!r})"]),
        }
        for name, (argv, floor_argv) in plain.items():
            written = (Path(f"{out}.json"), Path(f"{out}-plain.json")) if name == "export --json" else None
            same_output(argv, floor_argv, written)
            runs, floors = [], []
            for _ in range(n):
                floors.append(timed(floor_argv))
                runs.append(timed(argv))
            median, floor = statistics.median(runs), statistics.median(floors)
            print(f"  {name:<14}{median:>8.3f}s  plain {floor:.3f}s  ratio {median / floor:.2f}")
            result(f"msgdesk {name} (SQLite)", median, "s", f"<= {PLAIN_RATIO} x plain sqlite3",
                   median <= PLAIN_RATIO * floor, floor)

        print("\n(informational) the same plain scripts plus the checks msgdesk makes on every opening "
              "(health, schema revision, network drive, backup on opening: OPEN_CHECKS)")
        for name, floor_argv in (("list", plain["list"][1]), ("export --json", plain["export --json"][1])):
            argv = plain[name][0]
            checked_argv = [PY, "-c", with_open_checks(floor_argv[2]), *floor_argv[3:]]
            written = (Path(f"{out}.json"), Path(f"{out}-plain.json")) if name == "export --json" else None
            same_output(argv, checked_argv, written)
            runs, floors, checked = [], [], []
            for _ in range(n):
                floors.append(timed(floor_argv))
                checked.append(timed(checked_argv))
                runs.append(timed(argv))
            median, floor, with_checks = (statistics.median(x) for x in (runs, floors, checked))
            print(f"  {name:<14}plain {floor:.3f}s  plain + checks {with_checks:.3f}s "
                  f"(checks {with_checks - floor:+.3f}s)  msgdesk {median:.3f}s: {median / floor:.2f} x plain, "
                  f"{median / with_checks:.2f} x plain + checks")

        sizes = {db.name: db.stat().st_size / 1e6 for db in (small, big)}
        print(f"\nopening: small.db {sizes['small.db']:.1f} MB, big.db {sizes['big.db']:.1f} MB (101 rounds)")
        # Alternating, as figure and floor do above: the machine's load drifts over a run, and
        # all of one database's runs before the other's turned that drift into their ratio.
        samples: dict[str, list[float]] = {small.name: [], big.name: []}
        for db in (small, big):
            timed(msgdesk("list", "--db", str(db)))
        for _ in range(n):
            for db in (small, big):
                samples[db.name].append(timed(msgdesk("list", "--db", str(db))))
        steady = {name: statistics.median(runs) for name, runs in samples.items()}
        ratio = steady["big.db"] / steady["small.db"]
        print(f"  list, unchanged since last opened: small {steady['small.db']:.3f}s, big {steady['big.db']:.3f}s, "
              f"ratio {ratio:.2f} (target 1.2): {'yes' if ratio <= 1.2 else 'NO'}")
        result("msgdesk list, 36 MB database", steady["big.db"], "s", "<= 1.2 x the 1 MB one", ratio <= 1.2,
               steady["small.db"])
        # (informational) what of that ratio is the reads themselves: the plain script on both.
        # The big file has 101 rounds to print, and counting each round's rated proposals reads
        # every response's row (2,200 pages there: the rating is in no index), whoever reads it.
        plain_samples: dict[str, list[float]] = {small.name: [], big.name: []}
        for _ in range(n):
            for db in (small, big):
                plain_samples[db.name].append(timed([PY, "-c", PLAIN_LIST, str(db)]))
        plain_steady = {name: statistics.median(runs) for name, runs in plain_samples.items()}
        print(f"  (informational) the plain sqlite3 script on each: small {plain_steady['small.db']:.3f}s, "
              f"big {plain_steady['big.db']:.3f}s, ratio {plain_steady['big.db'] / plain_steady['small.db']:.2f}")
        changed = {}
        for db in (small, big):
            samples = []
            for i in range(max(3, n // 3)):
                con = __import__("sqlite3").connect(db)
                con.execute("UPDATE response SET evidence = evidence || ? WHERE id = 1", (str(i),))
                con.commit()
                con.close()
                samples.append(timed(msgdesk("list", "--db", str(db))))
            changed[db.name] = statistics.median(samples)
        print(f"  list, first opening after a change (integrity check + backup): small {changed['small.db']:.3f}s, "
              f"big {changed['big.db']:.3f}s")
        backups = Path(folder) / "backups"
        total = sum(p.stat().st_size for p in backups.iterdir()) / 1e6
        print(f"  backups folder: {len(list(backups.iterdir()))} files, {total:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
