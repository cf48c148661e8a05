"""The task worker beside the web server: ``cascade demo`` and ``cascade serve`` start it."""

from __future__ import annotations

import subprocess
import sys


def start_worker() -> subprocess.Popen:
    """``cascade db_worker`` in a process of its own (background work: spreadsheet imports)."""
    return subprocess.Popen([sys.executable, "-m", "cascade.cli", "db_worker", "--no-reload"])


def stop(process: subprocess.Popen, timeout: float = 20) -> None:
    """Ask ``process`` to finish its work and end; kill it when it does not within ``timeout``."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
