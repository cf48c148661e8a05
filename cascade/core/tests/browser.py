"""A person's journey through Cascade's pages in Debian's Chromium, driven by Playwright.

``Journey`` signs in through the sign-in page as a real user would, in one language and at
one window width, and keeps watch while the test walks on: no request ever goes to the
admin, no page logs a script or policy error, and no page scrolls sideways. Tests find
what to click by URL and field name, and read the page's words through ``gettext`` in the
journey's language, so one journey runs in English and in Chinese alike.

Playwright's sync API runs an event loop in the test's thread, which Django's ORM takes
for async code: ``allow_queries_beside_the_browser`` lets a test read the database between steps.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from cascade.access.tests.factories import TEST_PASSWORD

CHROMIUM = os.environ.get("CASCADE_CHROMIUM", "/usr/bin/chromium")
# As the machine's probe runs it: no sandbox as root, and no calls home on a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = 390
DESKTOP = 1280
# (language, window width): each journey once on a desktop in English, once on a phone in Chinese.
WAYS = [pytest.param("en", DESKTOP, id="en-desktop"), pytest.param("zh-hans", PHONE, id="zh-phone")]
LOCALES = {"en": "en-GB", "zh-hans": "zh-CN"}
_ANSWERED = re.compile(r"Failed to load resource: the server responded with a status of (400|403|422)\b")
_HAS_CLASS = "contains(concat(' ', normalize-space(@class), ' '), ' %s ')"


def allow_queries_beside_the_browser(monkeypatch) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@contextmanager
def chromium() -> Iterator:
    from playwright.sync_api import sync_playwright

    assert os.path.exists(CHROMIUM), f"{CHROMIUM} is missing: `make test` installs Debian's chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Journey:
    def __init__(self, browser, base_url: str, *, language: str, width: int):
        self.base_url = base_url
        self.language = language
        self.width = width
        self.context = browser.new_context(
            viewport={"width": width, "height": 900}, locale=LOCALES[language], timezone_id="UTC"
        )
        self.context.set_default_timeout(15_000)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(urlsplit(r.url).path))

    def _console(self, message) -> None:
        # A refusal or a form answered with its errors is the page's answer, not a fault.
        if message.type == "error" and not _ANSWERED.search(message.text):
            self.errors.append(message.text)

    # --- words --------------------------------------------------------------------------

    def _(self, message: str, **params) -> str:
        """``message`` as the journey's language shows it."""
        with translation.override(self.language):
            text = translation.gettext(message)
        return text % params if params else text

    # --- moving -------------------------------------------------------------------------

    def go(self, path: str) -> None:
        self.page.goto(self.base_url + path)
        self.settle()

    def settle(self) -> None:
        self.page.wait_for_load_state("domcontentloaded")
        self.check_page()

    def click(self, selector: str) -> None:
        """Click what ``selector`` finds, as a person would reach it: on a phone the main menu
        opens first, and a link in a dropdown opens its dropdown first."""
        target = self.page.locator(selector).first
        if not target.is_visible():
            toggler = self.page.locator(".navbar-toggler")
            if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
                toggler.click()
                self.page.locator("#main-nav.show").wait_for()
            dropdown = target.locator(f"xpath=ancestor::*[{_HAS_CLASS % 'dropdown'}][1]")
            if dropdown.count():
                dropdown.locator(".dropdown-toggle").first.click()
            target.wait_for(state="visible")
        with self.page.expect_navigation():
            target.click()
        self.settle()

    def follow(self, path: str) -> None:
        """Click the link to ``path`` on the current page (it must be there)."""
        self.click(f'a[href="{path}"]')
        assert self.path == urlsplit(path).path, (self.path, path)

    def fill(self, values: dict[str, str]) -> None:
        """Type into the main form's fields by name (selects pick the option with that value or label)."""
        for name, value in values.items():
            field = self.page.locator(f'main [name="{name}"]').first
            tag = field.evaluate("e => e.tagName.toLowerCase()")
            kind = field.get_attribute("type") or ""
            if tag == "select":
                options = field.locator("option")
                values_ = options.evaluate_all("os => os.map(o => o.value)")
                if value in values_:
                    field.select_option(value=value)
                else:
                    field.select_option(label=value)
            elif kind == "checkbox":
                field.set_checked(bool(value))
            else:
                field.fill(value)

    def submit(self, selector: str = 'main form button[type="submit"]') -> None:
        with self.page.expect_navigation():
            self.page.locator(selector).last.click()
        self.settle()

    def sign_in(self, username: str, password: str = TEST_PASSWORD) -> None:
        self.go(reverse("login"))
        assert self.page.locator("html").get_attribute("lang") == self.language
        self.fill({"username": username, "password": password})
        self.submit()
        assert self.path != reverse("login"), self.text

    # --- looking ------------------------------------------------------------------------

    @property
    def path(self) -> str:
        return urlsplit(self.page.url).path

    @property
    def text(self) -> str:
        return self.page.inner_text("main")

    def sees(self, *texts: str) -> None:
        main = self.text
        missing = [t for t in texts if t not in main]
        assert missing == [], f"{self.path}: {missing} not in {main[:2000]!r}"

    def status_of(self, path: str, method: str = "get", data: dict | None = None) -> int:
        """The status a request from this signed-in browser gets (POSTs carry the CSRF token)."""
        token = next((c["value"] for c in self.context.cookies() if c["name"] == "csrftoken"), "")
        request = self.context.request
        url = self.base_url + path
        if method == "get":
            return request.get(url, max_redirects=0).status
        return request.post(url, form=data or {}, headers={"X-CSRFToken": token, "Referer": url}).status

    def check_page(self) -> None:
        assert self.page.evaluate("document.documentElement.scrollWidth") <= self.width, (
            f"{self.path} scrolls sideways at {self.width}px"
        )
        assert self.errors == [], f"{self.path}: {self.errors}"
        assert [p for p in self.requests if re.match(r"^/admin(/|$)", p)] == []

    def close(self) -> None:
        self.check_page()
        self.context.close()
