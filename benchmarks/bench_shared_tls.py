"""Benchmark: a save and a page turn on the shared database over verified TLS, against the
same over the server's plain Unix socket; the TLS figure may be at most 1.3 times the plain.

    export MSGDESK_TEST_PG_TLS="$(bash scripts/pg_test_server.sh start-tls)"
    .venv/bin/python benchmarks/bench_shared_tls.py [--repeat 60]
    bash scripts/pg_test_server.sh stop "$MSGDESK_TEST_PG_TLS"

One database on the TLS test server holds the 2019 example.  A "save" is what typing in a
proposal's evidence does (``set_evidence`` with the row version, one transaction); a "page
turn" reads the round as the window shows it (``rounds.snapshot``), which on a shared
database is read afresh so that others' edits show.  Each is timed ``--repeat`` times on
each connection, the two taking turns (engines warm: the TLS handshake is paid once per
pooled connection, as in the window); the medians are printed side by side with the median
of the paired ratios and the ceiling.  Exits 1
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
        with Workspace.open(socket_url) as plain, Workspace.open(tls_url) as tls:
            figures = _time({"plain socket": plain, "verified TLS": tls}, round_id, args.repeat)
    finally:
        databases.drop(database)
        databases.close()
    failed = False
    print(f"{'operation':<12} {'plain socket':>14} {'verified TLS':>14} {'ratio':>7} {'ceiling':>8}")
    for operation in ("save", "page turn"):
        plain, tls = figures["plain socket"][operation], figures["verified TLS"][operation]
        ratio = figures["ratio"][operation]
        failed |= ratio > CEILING
        print(f"{operation:<12} {plain * 1000:>11.2f} ms {tls * 1000:>11.2f} ms {ratio:>7.2f} {CEILING:>8.1f}"
              f"{'  TOO SLOW' if ratio > CEILING else ''}")
    return 1 if failed else 0


def _time(workspaces: dict, round_id: int, repeat: int) -> dict[str, dict[str, float]]:
    """Each connection in turn, operation by operation, so that both meet the same load on a
    shared machine (timed one after the other, the figures drift more than TLS costs)."""
    times: dict[str, dict[str, list[float]]] = {name: {"save": [], "page turn": []} for name in workspaces}
    for n in range(repeat + 5):  # the first five warm the pools and caches
        for name, ws in workspaces.items():
            started = time.perf_counter()
            ws.rounds.set_evidence(round_id, "1.1", f"Evidence, edit {n} via {name}")
            saved = time.perf_counter()
            ws.rounds.snapshot(round_id)
            turned = time.perf_counter()
            if n >= 5:
                times[name]["save"].append(saved - started)
                times[name]["page turn"].append(turned - saved)
    figures = {name: {op: statistics.median(values) for op, values in ops.items()} for name, ops in times.items()}
    # The ratio is the median of each pair's ratio (the two operations ran back to back), which a
    # burst of load on the machine moves far less than a ratio of two medians.
    plain, tls = times["plain socket"], times["verified TLS"]
    figures["ratio"] = {op: statistics.median(t / p for p, t in zip(plain[op], tls[op], strict=True))
                        for op in ("save", "page turn")}
    return figures


if __name__ == "__main__":
    sys.exit(main())
