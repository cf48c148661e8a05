"""Test-wide setup: every test run gets its own throw-away var directory.

pytest-django reads ``DJANGO_SETTINGS_MODULE`` from pyproject.toml and imports the
settings while pytest is still starting, before this file is imported, so by now
``cascade.settings`` has already taken ``CASCADE_VAR_DIR`` from the environment. This file
therefore does two things:

- it sets ``CASCADE_VAR_DIR`` for anything started from the tests (``cascade`` subprocesses,
  a server under test), and for the case where the settings are not loaded yet;
- it points the loaded settings (var directory, SQLite file, media, collected static files)
  at the same temporary directory, so no test reads or writes ``var/cascade.sqlite3`` or
  real uploads.

It also puts a fast password hasher first, as Django's testing docs advise: Argon2 with
production parameters costs about a tenth of a second per user created. Hashes made with
Argon2 still verify, since it stays in the list.

Every test ends in the default language (``_default_language``). The temporary directory is
removed when the run ends. Tests that read the bundled
scenario ask for the ``scenario`` fixture: loaded once per test module, rolled back after it
(``cascade/tests/scenario_copy.py``: loaded through the domain once per process, copied after).
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

TEST_VAR_DIR = Path(tempfile.mkdtemp(prefix="cascade-test-var-")).resolve()
os.environ["CASCADE_VAR_DIR"] = str(TEST_VAR_DIR)


def _isolate_settings() -> None:
    from django.conf import settings

    if not settings.configured:
        return  # settings load later and read CASCADE_VAR_DIR themselves
    settings.VAR_DIR = TEST_VAR_DIR
    settings.MEDIA_ROOT = TEST_VAR_DIR / "media"
    settings.STATIC_ROOT = TEST_VAR_DIR / "static"
    # WhiteNoise warns on every request when STATIC_ROOT does not exist.
    settings.MEDIA_ROOT.mkdir(exist_ok=True)
    settings.STATIC_ROOT.mkdir(exist_ok=True)
    default = settings.DATABASES["default"]
    if default["ENGINE"] == "django.db.backends.sqlite3":
        # Mutated in place: the connection handler holds this same dict. The test database
        # itself is in memory; this only keeps stray non-test connections off var/.
        default["NAME"] = TEST_VAR_DIR / "cascade.sqlite3"
    elif default["ENGINE"] == "django.db.backends.postgresql":
        # A test database need not survive a crash: commits do not wait for the disk.
        options = default.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()
    # Tasks run at once, in the test's own transaction; progress stays in this process.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *settings.PASSWORD_HASHERS]
    from django.contrib.auth.hashers import get_hashers, get_hashers_by_algorithm

    get_hashers.cache_clear()
    get_hashers_by_algorithm.cache_clear()


_isolate_settings()


@pytest.fixture(scope="module")
def scenario(django_db_setup, django_db_blocker):
    """The bundled scenario, loaded once for the module that asks for it and rolled back after
    it; yields the row counts the load made."""
    from django.db import transaction

    from cascade.tests import scenario_copy

    with django_db_blocker.unblock(), transaction.atomic():
        yield scenario_copy.load()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in Chinese leaves its language
    active in the thread, which code called outside a request would otherwise inherit."""
    yield
    from django.utils import translation

    translation.deactivate()


def pytest_unconfigure(config) -> None:
    shutil.rmtree(TEST_VAR_DIR, ignore_errors=True)
