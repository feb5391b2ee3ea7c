"""Benchmark: a save and a page turn on the shared database over verified TLS, against the
same over the server's plain Unix socket; the TLS figure may be at most 1.3 times the plain.

    export MSGDESK_TEST_PG_TLS="$(bash scripts/pg_test_server.sh start-tls)"
    .venv/bin/python benchmarks/bench_shared_tls.py [--repeat 60]
    bash scripts/pg_test_server.sh stop "$MSGDESK_TEST_PG_TLS"

One database on the TLS test server holds the 2019 example.  A "save" is what typing in a
proposal's evidence does (``set_evidence`` with the row version, one transaction); a "page
turn" reads the round as the window shows it (``rounds.snapshot``), which on a shared
database is read afresh so that others' edits show.  Each is timed ``--repeat`` times on
each connection (engines warm: the TLS handshake is paid once per pooled connection, as in
the window); the medians are printed side by side with the ratio and the ceiling.  Exits 1
if a ratio is above 1.3.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CEILING = 1.3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=60)
    args = parser.parse_args()
    folder = os.environ.get("MSGDESK_TEST_PG_TLS")
    if not folder:
        print("set MSGDESK_TEST_PG_TLS to the folder 'scripts/pg_test_server.sh start-tls' prints", file=sys.stderr)
        return 2
    from msgdesk.domain.template import load_template
    from msgdesk.rounds.return_file import read_return_file
    from msgdesk.store.workspace import Workspace
    from tests.pgfixtures import PgDatabases, TlsServers

    servers = TlsServers(Path(folder))
    os.environ["PGPASSWORD"] = servers.password
    databases = PgDatabases(servers.socket_target("tls"))
    database = databases.create()
    try:
        socket_url = database.to_url()
        tls_url = servers.url("tls", f"?sslrootcert={servers.ca}").replace("/postgres", f"/{database.database}")
        example = Path(__file__).resolve().parents[1] / "resources" / "examples" / "north-ayrshire-2019.json"
        with Workspace.open(socket_url) as ws:
            round_id = ws.rounds.import_return(read_return_file(example, load_template())).id
        figures = {}
        for name, url in (("plain socket", socket_url), ("verified TLS", tls_url)):
            with Workspace.open(url) as ws:
                figures[name] = _time(ws, round_id, args.repeat)
    finally:
        databases.drop(database)
        databases.close()
    failed = False
    print(f"{'operation':<12} {'plain socket':>14} {'verified TLS':>14} {'ratio':>7} {'ceiling':>8}")
    for operation in ("save", "page turn"):
        plain, tls = figures["plain socket"][operation], figures["verified TLS"][operation]
        ratio = tls / plain
        failed |= ratio > CEILING
        print(f"{operation:<12} {plain * 1000:>11.2f} ms {tls * 1000:>11.2f} ms {ratio:>7.2f} {CEILING:>8.1f}"
              f"{'  TOO SLOW' if ratio > CEILING else ''}")
    return 1 if failed else 0


def _time(ws, round_id: int, repeat: int) -> dict[str, float]:
    saves, turns = [], []
    for n in range(repeat + 5):  # the first five warm the pool and caches
        started = time.perf_counter()
        ws.rounds.set_evidence(round_id, "1.1", f"Evidence, edit {n}")
        saved = time.perf_counter()
        ws.rounds.snapshot(round_id)
        turned = time.perf_counter()
        if n >= 5:
            saves.append(saved - started)
            turns.append(turned - saved)
    return {"save": statistics.median(saves), "page turn": statistics.median(turns)}


if __name__ == "__main__":
    sys.exit(main())
