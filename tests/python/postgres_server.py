"""A throwaway PostgreSQL server for the tests: initdb into a temporary folder, started on a
free loopback port with trust authentication, stopped (and deleted) at the end. Uses the
server binaries of the machine (PostgreSQL 15 under /usr/lib/postgresql); initdb refuses to
run as root, so as root the server runs as the `postgres` user."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def find_binaries() -> Path | None:
    """The bin folder holding initdb and pg_ctl, newest version first; None when absent."""
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def postgres_server():
    """Yield the connection settings of a running server: host, port, user, dbname."""
    binaries = find_binaries()
    if binaries is None:
        raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) were not found")
    work = Path(tempfile.mkdtemp(prefix="saas_retention_pg_"))
    data, sockets = work / "data", work / "sockets"
    sockets.mkdir()
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        shutil.chown(work, "postgres")
        shutil.chown(sockets, "postgres")
    port = free_port()
    subprocess.run([*prefix, str(binaries / "initdb"), "-D", str(data), "-U", "postgres",
                    "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"],
                   check=True, capture_output=True)
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run([*prefix, str(binaries / "pg_ctl"), "-D", str(data), "-o", options,
                    "-l", str(work / "server.log"), "-w", "start"], check=True,
                   capture_output=True)
    try:
        yield {"host": "127.0.0.1", "port": port, "user": "postgres", "dbname": "postgres"}
    finally:
        subprocess.run([*prefix, str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast",
                        "-w", "stop"], check=False, capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
