"""`make lab`, the README's first command, started for real.

It must start for whoever can run `make test` — root included, as in a container or on a CI
machine, where JupyterLab refuses to start unless told it may — serve every notebook of
notebooks/ with a kernel they name, listen on this machine only, and stop without leaving a
process behind. The server is started and stopped by ``browser_support.Server`` (own session,
free port, random token, Jupyter's dirs in a temporary folder); only its command differs: the
Makefile's recipe, with extra options passed through ``LAB_ARGS``.
"""

import json
import os
import shutil
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from browser_support import REPO, Server, _alive, _children

NOTEBOOKS = REPO / "notebooks"
MAKE = shutil.which("make")


class MakeLab(Server):
    """The JupyterLab that ``make lab`` starts, with no browser, on a free port and a known token."""

    def __init__(self, workdir: Path):
        super().__init__("lab", workdir)

    def _command(self) -> list[str]:
        lab_args = " ".join([
            "--no-browser", f"--port={self.port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
        ])
        return [
            MAKE, "--no-print-directory", "-C", str(REPO),
            # -o: never reinstall the venv here (minutes, and a network); the recipe under
            # test is the `jupyter lab` line. BIN: the Jupyter of the Python running the tests,
            # which under `make test` is the recipe's own .venv/bin.
            "-o", ".venv/.installed", f"BIN={Path(sys.executable).parent}",
            "lab", f"LAB_ARGS={lab_args}",
        ]

    def _env(self) -> dict:
        env = super()._env()
        # Under `make test` the outer make's flags would reach this make too.
        for name in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
            env.pop(name, None)
        return env

    def get(self, path: str) -> dict:
        with urllib.request.urlopen(f"{self.base}{path}?token={self.token}", timeout=30) as reply:
            return json.load(reply)


def _listening_addresses(port: int) -> list[str]:
    """Local addresses (hex, as in /proc/net/tcp*) of the sockets listening on ``port``."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if int(hex_port, 16) == port and fields[3] == "0A":  # 0A: LISTEN
                found.append(address)
    return found


LOOPBACK = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1 and ::1


@pytest.fixture(scope="module")
def make_lab(tmp_path_factory):
    if MAKE is None:
        reason = "`make` is not installed: the `make lab` recipe cannot be started."
        if os.environ.get("CI") == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    server = MakeLab(tmp_path_factory.mktemp("make_lab"))
    server.start(timeout=120)
    processes = [server.process.pid] + _children(server.process.pid)
    try:
        yield server
    finally:
        server.stop(timeout=20)
    # make goes at once; JupyterLab may take a moment to shut down after SIGTERM.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(p) for p in processes):
        time.sleep(0.2)
    left = [p for p in processes if _alive(p)]
    assert left == [], f"`make lab` left processes behind after SIGTERM to its group: {left}"
    assert _listening_addresses(server.port) == [], "the port still listens after `make lab` stopped"


def test_make_lab_lists_every_notebook(make_lab):
    listing = make_lab.get("/api/contents/")
    served = sorted(item["name"] for item in listing["content"] if item["type"] == "notebook")
    on_disk = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))
    assert on_disk, "no notebook found in notebooks/"
    assert served == on_disk, (
        f"`make lab` serves {served}; notebooks/ holds {on_disk}\n{make_lab.log()}"
    )


def test_make_lab_offers_the_kernel_every_notebook_names(make_lab):
    offered = set(make_lab.get("/api/kernelspecs")["kernelspecs"])
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        wanted = json.loads(path.read_text(encoding="utf-8"))["metadata"]["kernelspec"]["name"]
        assert wanted in offered, (
            f"{path.name} asks for the kernel {wanted!r}; `make lab` offers {sorted(offered)}"
        )


def test_make_lab_listens_on_this_machine_only(make_lab):
    # It runs with --allow-root: only loopback and the token keep it private.
    addresses = _listening_addresses(make_lab.port)
    assert addresses, f"nothing listens on port {make_lab.port}"
    assert set(addresses) <= LOOPBACK, (
        f"`make lab` listens on {addresses} (hex, /proc/net/tcp); expected 127.0.0.1 or ::1 only"
    )
