"""Servers and a browser for tests/test_browser.py: Voilà, JupyterLab and Debian's Chromium.

Each server runs on a free loopback port with a random token, in its own session (so its
own process group), with Jupyter's config, data, runtime and IPython dirs in a temporary
folder (the venv's kernel spec and lab extensions are still found under sys.prefix). ``stop()`` ends the whole process group, then any kernel the server
started in a group of its own, so no process outlives a test.

Nothing here installs anything: Chromium comes from the system (``apt-get install
chromium``; ``.ci/run`` does it) and Playwright never downloads a browser.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "06_playground.ipynb"
#: The playground app (`make playground`) and the folder of its Voilà configuration (voila.py).
APP_NOTEBOOK = REPO / "app" / "playground.ipynb"
APP_CONFIG = REPO / "app"
BIN = Path(sys.executable).parent

#: Flags for a headless Chromium on a machine without network access: no sandbox (root),
#: no GPU, and none of the background connections that would be refused anyway.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
MISSING_CHROMIUM = (
    "Chromium not found: install Debian's chromium (apt-get install chromium) — .ci/run does "
    "this. Playwright must use the system browser; never run `playwright install`."
)


def find_chromium() -> str | None:
    """The system Chromium's path, or None.

    ``DLSNOTES_CHROMIUM=/path/to/chromium`` picks another binary; pointing it at a path
    that does not exist shows what a machine without Chromium does (skip, or fail in CI).
    """
    override = os.environ.get("DLSNOTES_CHROMIUM")
    if override is not None:
        return override if os.access(override, os.X_OK) else None
    for candidate in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_local(url: str) -> bool:
    """Whether a request stays on this machine (tests block everything else)."""
    return url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "blob:", "data:", "about:"))


def _children(pid: int) -> list[int]:
    """All descendants of ``pid``, read from /proc (Linux)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name may contain spaces: fields after the last ')' are fixed.
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        kids = [p for p, parent in parents.items() if parent == current]
        found += kids
        frontier += kids
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class Server:
    """A Jupyter-family server (Voilà or JupyterLab) started for one test.

    Parameters
    ----------
    kind : {"voila", "lab"}
    workdir : pathlib.Path
        A fresh temporary folder; Jupyter's dirs and the log go there.
    notebook : pathlib.Path
        Voilà: the notebook to serve. JupyterLab: a copy in ``workdir/root`` is served.
    options : list of str
        More command-line options, e.g. ``APP_OPTIONS`` for the app's configuration (what
        ``make playground`` passes) or ``--MappingKernelManager.cull_idle_timeout=3``.
    """

    def __init__(self, kind: str, workdir: Path, notebook: Path = NOTEBOOK, options=()):
        self.kind = kind
        self.options = list(options)
        self.workdir = Path(workdir)
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.log_path = self.workdir / f"{kind}.log"
        self.process = None
        self.notebook = notebook
        self._kids = []

    # ------------------------------------------------------------------ start
    def _env(self) -> dict:
        env = dict(os.environ)
        for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
            path = self.workdir / name.lower()
            path.mkdir(exist_ok=True)
            env[name] = str(path)
        env["MPLBACKEND"] = "Agg"
        env.pop("JUPYTER_TOKEN", None)
        return env

    def _command(self) -> list[str]:
        if self.kind == "voila":
            return [
                str(BIN / "voila"), str(self.notebook), "--no-browser", f"--port={self.port}",
                "--Voila.ip=127.0.0.1", f"--token={self.token}", *self.options,
            ]
        root = self.workdir / "root"
        root.mkdir(exist_ok=True)
        _stripped_copy(self.notebook, root / self.notebook.name)
        settings = self.workdir / "lab-settings"
        _quiet_lab_settings(settings)
        return [
            str(BIN / "jupyter"), "lab", "--no-browser", f"--port={self.port}",
            "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={root}", "--ServerApp.allow_root=True",
            "--ServerApp.terminals_enabled=False",
            "--LabApp.news_url=None", "--LabApp.extension_manager=readonly",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={self.workdir / 'lab-workspaces'}",
        ]

    def start(self, timeout: float = 90.0) -> "Server":
        """Start the server and wait until its HTTP endpoint answers."""
        log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            self._command(), cwd=str(self.workdir), env=self._env(), stdout=log,
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.kind} exited with {self.process.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.status_url, timeout=2):
                    return self
            except urllib.error.HTTPError:
                return self  # any HTTP answer means the server is up
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"{self.kind} did not answer within {timeout:.0f} s:\n{self.log()}")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def status_url(self) -> str:
        # A static file for Voilà: its page would start a kernel just to answer.
        path = "/voila/static/voila.js" if self.kind == "voila" else "/api/status"
        return f"{self.base}{path}?token={self.token}"

    @property
    def url(self) -> str:
        """The page a person would open."""
        if self.kind == "voila":
            return f"{self.base}/?token={self.token}"
        return f"{self.base}/lab/tree/{self.notebook.name}?token={self.token}"

    def kernels(self) -> list[int]:
        """Process ids of the kernels this server runs now (read from /proc)."""
        if self.process is None:
            return []
        found = []
        for pid in _children(self.process.pid):
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            if b"ipykernel" in cmdline and _alive(pid):
                found.append(pid)
        return found

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return ""

    # ------------------------------------------------------------------ stop
    def stop(self, timeout: float = 15.0):
        """SIGTERM to the server's process group (it shuts its kernels down), then
        SIGKILL to anything of it still alive, kernels in their own groups included."""
        if self.process is None:
            return
        pid = self.process.pid
        self._kids = _children(pid)
        try:
            os.killpg(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
        for target in [pid] + self._kids:
            if _alive(target):
                for kill in (os.killpg, os.kill):
                    try:
                        kill(target, signal.SIGKILL)
                    except (ProcessLookupError, PermissionError):
                        pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        self.process = None

    def leftovers(self) -> list[int]:
        """Processes of this server still alive after :meth:`stop` (should be none)."""
        return [p for p in self._kids if _alive(p)]


def _stripped_copy(source: Path, target: Path):
    """Copy a notebook without outputs or saved widget state, so a test sees only what
    it runs itself."""
    nb = json.loads(source.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    nb.get("metadata", {}).pop("widgets", None)
    target.write_text(json.dumps(nb, indent=1), encoding="utf-8")


def _quiet_lab_settings(folder: Path):
    """User settings that keep JupyterLab from asking about (or fetching) news and updates."""
    path = folder / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8")


#: The options `make playground` gives Voilà: read the app's configuration (app/voila.py).
APP_OPTIONS = [f"--Voila.config_file_paths={APP_CONFIG}"]


@contextmanager
def serve(kind: str, workdir: Path, notebook: Path = NOTEBOOK, options=()):
    """A started :class:`Server`; on exit it is stopped and must leave no process behind."""
    server = Server(kind, workdir, notebook=notebook, options=options).start()
    try:
        yield server
    finally:
        server.stop()
        assert server.leftovers() == [], f"{kind} left processes behind: {server.leftovers()}"
