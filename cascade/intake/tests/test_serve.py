"""``cascade serve`` in production mode: gunicorn with collected static files, the worker and the
clock, health and readiness."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def test_health_answers_without_signing_in():
    response = Client().get(reverse("health"))
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_ready_checks_the_database_migrations_and_static_files():
    response = Client().get(reverse("ready"))
    assert (response.status_code, response.json()) == (
        200,
        {"status": "ok", "checks": {"database": True, "migrations": True, "static_files": True}},
    )


@pytest.mark.slow
def test_serve_in_production_answers_pages_static_files_and_readiness(tmp_path):
    port = _free_port()
    env = dict(
        os.environ,
        CASCADE_VAR_DIR=str(tmp_path),
        CASCADE_PRODUCTION="1",
        CASCADE_SECRET_KEY="serve-test-" + "x" * 50,
        CASCADE_SSL_REDIRECT="0",
        CASCADE_LOG_FORMAT="json",
    )
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "cascade.cli", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                status, body, _headers = _get(f"{base}/ready/")
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("cascade serve did not answer")
        assert (status, json.loads(body)["status"]) == (200, "ok")
        status, page, _headers = _get(f"{base}/accounts/login/")
        assert status == 200
        # The page links the collected, hashed stylesheet, and WhiteNoise serves it.
        css = page.decode().split('href="/static/vendor/bootstrap/bootstrap.min.', 1)[1].split('"', 1)[0]
        status, _body, headers = _get(f"{base}/static/vendor/bootstrap/bootstrap.min.{css}")
        assert (status, headers["Content-Type"].startswith("text/css")) == (200, True)
        assert _get(f"{base}/")[0] == 200  # the sign-in page, after the redirect
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=60)
    assert server.returncode == 0
    assert "Starting worker" in output
    assert "cascade clock: queued the daily run for" in output
    access = [
        json.loads(line) for line in output.splitlines() if line.startswith('{"time"') and '"path"' in line
    ]
    assert {(entry["path"], entry["status"]) for entry in access} >= {
        ("/ready/", 200),
        ("/accounts/login/", 200),
    }
