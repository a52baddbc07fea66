"""A throw-away PostgreSQL server, the Python twin of ``scripts/postgres.sh``.

The server runs on a temporary data directory and a free loopback port with
durability switched off (``fsync=off``): it is for benchmarks and tests only.
initdb refuses to run as root, so as root the server runs as the system user
``doorstroom-pg`` (created when missing).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

PG_USER = "doorstroom-pg"


@dataclass(frozen=True)
class PostgresServer:
    """A running throw-away server: its directory, port and ``DATABASE_URL``."""

    directory: Path
    port: int

    @property
    def url(self) -> str:
        """The ``DATABASE_URL`` of the ``doorstroom`` database."""
        return f"postgres://doorstroom@127.0.0.1:{self.port}/doorstroom"


def _bindir() -> Path:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if not found:
        raise RuntimeError("PostgreSQL is not installed (/usr/lib/postgresql/*/bin)")
    return Path(found[-1]).parent


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (free at the time of asking)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", PG_USER, "--", *command]
    return command


def start_postgres() -> PostgresServer:
    """Create, start and return a throw-away server with a ``doorstroom`` database.

    Returns
    -------
    PostgresServer
        Stop it with :func:`stop_postgres`.
    """
    bindir = _bindir()
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(PG_USER)
        except KeyError:
            subprocess.run(
                [
                    "useradd",
                    "--system",
                    "--no-create-home",
                    "--shell",
                    "/usr/sbin/nologin",
                    PG_USER,
                ],
                check=True,
            )
    directory = Path(tempfile.mkdtemp(prefix="doorstroom-pg."))
    if os.geteuid() == 0:
        shutil.chown(directory, user=PG_USER)
    port = free_port()
    server = PostgresServer(directory=directory, port=port)
    try:
        subprocess.run(
            _as_server_user(
                [
                    str(bindir / "initdb"),
                    "-D",
                    str(directory / "data"),
                    "-A",
                    "trust",
                    "-U",
                    "doorstroom",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = (
            f"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        subprocess.run(
            _as_server_user(
                [
                    str(bindir / "pg_ctl"),
                    "-D",
                    str(directory / "data"),
                    "-l",
                    str(directory / "server.log"),
                    "-w",
                    "-s",
                    "-o",
                    options,
                    "start",
                ]
            ),
            check=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        subprocess.run(
            _as_server_user(
                [
                    str(bindir / "createdb"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(port),
                    "-U",
                    "doorstroom",
                    "doorstroom",
                ]
            ),
            check=True,
        )
    except BaseException:
        stop_postgres(server)
        raise
    return server


def stop_postgres(server: PostgresServer) -> None:
    """Stop the server (fast shutdown) and delete its directory."""
    data = server.directory / "data"
    if (data / "postmaster.pid").exists():
        subprocess.run(
            _as_server_user(
                [
                    str(_bindir() / "pg_ctl"),
                    "-D",
                    str(data),
                    "-m",
                    "fast",
                    "-w",
                    "-s",
                    "stop",
                ]
            ),
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    shutil.rmtree(server.directory, ignore_errors=True)
