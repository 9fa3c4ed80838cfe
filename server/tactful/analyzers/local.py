"""A LanguageTool server started from a local installation (Java 17 and LanguageTool's jars).

``languagetool_local`` names the LanguageTool directory (the one holding
``languagetool-server.jar``) or the jar itself. On first use Tactful starts
``java -cp languagetool-server.jar org.languagetool.server.HTTPServer --port N``
in the background on a free port (LanguageTool listens on localhost only
unless given ``--public``) and talks to it over HTTP like any other server.
Nothing is downloaded: language_tool_python's own launcher would fetch a
LanguageTool release when none is found, so it is not used here. Until the
server answers, grammar is skipped with the reason "starting".
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request

from .grammar import _OPENER

START_TIMEOUT = 90.0
MAIN_CLASS = "org.languagetool.server.HTTPServer"


def find_jar(path: str) -> str:
    """The server jar inside a LanguageTool installation, or '' if there is none."""
    if os.path.isfile(path):
        return path
    jar = os.path.join(path, "languagetool-server.jar")
    return jar if os.path.isfile(jar) else ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalServer:
    """One LanguageTool process for this Python process; `state` is 'starting', 'ready' or 'failed'."""

    def __init__(self, path: str, java: str | None = None, start_timeout: float = START_TIMEOUT) -> None:
        self.path = path
        self.java = java or shutil.which("java") or ""
        self.jar = find_jar(path)
        self.start_timeout = start_timeout
        self.url = ""
        self.state = "starting"
        self.reason = "the local LanguageTool is starting"
        self._process: subprocess.Popen | None = None
        self._started = threading.Event()
        self._lock = threading.Lock()

    def ensure_started(self) -> None:
        """Start the server once, in the background; returns at once."""
        with self._lock:
            if self._started.is_set():
                return
            self._started.set()
        if not self.java:
            self._fail("Java is not installed (LanguageTool needs Java 17)")
        elif not self.jar:
            self._fail(f"no languagetool-server.jar in {self.path}")
        else:
            threading.Thread(target=self._run, name="tactful-languagetool-start", daemon=True).start()

    def _fail(self, reason: str) -> None:
        self.state, self.reason = "failed", f"the local LanguageTool could not start: {reason}"

    def _run(self) -> None:
        port = _free_port()
        try:
            self._process = subprocess.Popen(
                [self.java, "-cp", self.jar, MAIN_CLASS, "--port", str(port)],
                cwd=os.path.dirname(os.path.abspath(self.jar)),
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError as exc:
            self._fail(str(exc))
            return
        atexit.register(self.stop)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                self._fail(f"java exited with status {self._process.returncode}")
                return
            try:
                with _OPENER.open(urllib.request.Request(url + "/v2/languages"), timeout=1.0) as response:
                    if response.status == 200:
                        self.url, self.state, self.reason = url, "ready", ""
                        return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        self._fail(f"it did not answer within {self.start_timeout:g} s")

    def stop(self) -> None:
        process = self._process
        if process and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
