"""A real Secret Service for one test: a private D-Bus session bus with gnome-keyring on it.

Nothing of the user's is reached: the bus is a new ``dbus-daemon`` with its own
configuration (no service activation, so no password prompter can start and a locked
keyring fails at once instead of waiting for a window), and gnome-keyring keeps its
keyrings under the test's ``XDG_DATA_HOME`` and its control socket under a new runtime
folder. The login keyring is created with a known password, unlocked, and is what the
Secret Service's ``default`` alias names. Both daemons are children of the test and are
stopped (and reaped) when it ends.

Needs the OS packages ``dbus-daemon``, ``gnome-keyring`` and ``libsecret-tools``
(``secret-tool``, an independent client to check what the app stored); a test that
cannot find them fails and says what to install. ``dbus-x11`` is named too: it meets
gnome-keyring's need of a session bus, which apt would otherwise meet with
dbus-user-session and systemd.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import secretstorage
from jeepney.io.blocking import open_dbus_connection

APT_PACKAGES = "dbus-daemon dbus-x11 gnome-keyring libsecret-tools"
LOGIN_PASSWORD = "login password of the test user"
STARTUP_SECONDS = 10.0

_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.fail(f"{name} is missing: the real-keyring tests need the OS packages "
                    f"{APT_PACKAGES} (apt-get install --no-install-recommends {APT_PACKAGES})")
    return found


@dataclass(frozen=True)
class SecretService:
    """The running keyring: where it listens, and what a test does to it from outside."""

    address: str
    runtime_dir: Path
    keyrings_dir: Path

    def env(self) -> dict[str, str]:
        """For a subprocess: the keyring library talks to this Secret Service only."""
        return {"DBUS_SESSION_BUS_ADDRESS": self.address,
                "XDG_RUNTIME_DIR": str(self.runtime_dir),
                "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring"}

    def secret_tool(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        """libsecret's command-line client (a second, independent Secret Service client)."""
        environment = {**os.environ, **self.env()}
        return subprocess.run([_tool("secret-tool"), *args], input=stdin, text=True,
                              capture_output=True, timeout=20, env=environment, check=False)

    def connection(self) -> closing[Any]:
        return closing(open_dbus_connection(self.address))

    def items(self, attributes: dict[str, str]) -> list[tuple[dict[str, str], bytes]]:
        """Every item (in any collection) with these attributes, and its secret."""
        with self.connection() as bus:
            return [(item.get_attributes(), item.get_secret())
                    for item in secretstorage.search_items(bus, attributes)]

    def lock(self) -> None:
        """Lock the default collection, as the desktop does after a while or on request."""
        with self.connection() as bus:
            collection = secretstorage.get_default_collection(bus)
            collection.lock()
            assert collection.is_locked()

    def is_locked(self) -> bool:
        with self.connection() as bus:
            return secretstorage.get_default_collection(bus).is_locked()


def _wait_for_bus(address: str, daemon: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        with contextlib.suppress(Exception), closing(open_dbus_connection(address)) as bus:
            collection = secretstorage.get_default_collection(bus)
            if not collection.is_locked():
                return
        if daemon.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"gnome-keyring-daemon did not offer an unlocked login keyring "
                        f"(exit status {daemon.poll()}): {log.read_text(errors='replace')}")
        time.sleep(0.05)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def running_secret_service(data_home: Path, log_dir: Path) -> Iterator[SecretService]:
    """A private session bus and an unlocked gnome-keyring on it, for the ``with`` block.

    ``data_home`` is the XDG data folder gnome-keyring keeps its keyrings in. The
    runtime folder (bus and control sockets) is a new short path under the system's temp
    folder, since a socket's path may not be longer than 107 bytes."""
    dbus_daemon, keyring_daemon = _tool("dbus-daemon"), _tool("gnome-keyring-daemon")
    runtime_dir = Path(tempfile.mkdtemp(prefix="tkg-keyring-"))  # mode 0700
    socket = runtime_dir / "bus"
    config = runtime_dir / "bus.conf"
    config.write_text(_BUS_CONFIG.format(socket=socket))
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS",
                                  "GNOME_KEYRING_CONTROL", "SSH_AUTH_SOCK")}
    environment |= {"XDG_RUNTIME_DIR": str(runtime_dir), "XDG_DATA_HOME": str(data_home)}
    processes: list[subprocess.Popen[bytes]] = []
    try:
        bus = subprocess.Popen([dbus_daemon, f"--config-file={config}", "--nofork",
                                "--print-address=1"], stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, env=environment)
        processes.append(bus)
        assert bus.stdout is not None
        address = bus.stdout.readline().decode().strip()
        bus.stdout.close()
        if not address:
            pytest.fail(f"dbus-daemon did not start (exit status {bus.wait(timeout=5)})")
        environment["DBUS_SESSION_BUS_ADDRESS"] = address
        log = log_dir / "gnome-keyring-daemon.log"
        with log.open("wb") as log_file:
            keyring = subprocess.Popen(
                [keyring_daemon, "--foreground", "--unlock", "--components=secrets"],
                stdin=subprocess.PIPE, stdout=log_file, stderr=subprocess.STDOUT,
                env=environment)
        processes.append(keyring)
        assert keyring.stdin is not None
        # --unlock reads the login password from standard input (and creates the login
        # keyring with it, the first time).
        keyring.stdin.write(LOGIN_PASSWORD.encode())
        keyring.stdin.close()
        _wait_for_bus(address, keyring, log)
        yield SecretService(address, runtime_dir, data_home / "keyrings")
    finally:
        for process in reversed(processes):
            _stop(process)
        shutil.rmtree(runtime_dir, ignore_errors=True)
