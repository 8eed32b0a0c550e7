"""Browser tests: Playwright drives Debian's chromium against a live server.

Never `playwright install`: the browser is the Debian package at
/usr/bin/chromium, launched with the flags this machine needs.
"""

import os
import shutil

import pytest

from danvan.accounts.demo import DEMO_PASSWORD

CHROMIUM = os.environ.get("DANVAN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def world(transactional_db, live_server):
    """The demo world, in a database the live server's thread can see."""
    from danvan.accounts import demo

    return demo.load()


@pytest.fixture
def site(live_server):
    return live_server.url


@pytest.fixture
def login(page, site, world):
    """login(username) → the page, logged in and on the home page."""

    def do(username, password=DEMO_PASSWORD):
        page.goto(f"{site}/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_load_state("networkidle")
        return page

    return do


@pytest.fixture
def shot(page, test_output):
    """shot(name) saves a full-page screenshot into test-output/ for a person to look at."""

    def take(name):
        path = test_output / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def pick_unit(scope, label: str, name: str, query: str | None = None) -> None:
    """Choose a unit in a unit picker: type in its search box, tick the result."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
    from playwright.sync_api import expect

    box = scope.get_by_label(label, exact=True)
    picker = box.locator("xpath=ancestor::div[@data-picker][1]")
    result = picker.locator(".picker-results label", has_text=name).first
    for attempt in range(3):
        # The picker searches on "input" and on "search" (htmx). Under a loaded test run
        # the typing can come before htmx has bound the box, so the search is asked
        # again; a person types after the page is ready.
        box.fill(query or name)
        box.dispatch_event("search")
        try:
            result.wait_for(timeout=10_000)
            break
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise
    result.click()
    expect(picker.locator(".picker-chosen")).to_contain_text(name)


SIZES = {"desktop": (1366, 768), "phone": (390, 844)}
_SNAPSHOT: dict = {}


@pytest.fixture
def full_world(transactional_db, live_server, settings, tmp_path_factory):
    """The whole demo (plans, reports, emulation) for a persona's walk.

    On SQLite the test database lives in memory and the live server shares its
    connection: the loaded demo is copied aside once and copied back before each
    later walk, so a walk costs its clicks rather than a demo load. Elsewhere
    (PostgreSQL) each walk loads the demo."""
    import sqlite3

    from django.db import connection

    from danvan.accounts import demo
    from danvan.emulation import demo as emulation_demo
    from danvan.planning import demo as planning_demo
    from danvan.reporting import demo as reporting_demo

    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "demo-media"
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    connection.ensure_connection()
    if in_memory and "db" in _SNAPSHOT:
        _SNAPSHOT["db"].backup(connection.connection)
        return demo.load()
    world = demo.load()
    planning_demo.extend(world)
    reporting_demo.extend(world)
    emulation_demo.extend(world)
    if in_memory:
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        _SNAPSHOT["db"] = copy
    return world


@pytest.fixture(params=list(SIZES))
def size(request, page):
    """Each walk runs at desktop (1366×768) and phone (390×844) size."""
    width, height = SIZES[request.param]
    page.set_viewport_size({"width": width, "height": height})
    return request.param


@pytest.fixture
def seen(page, size, shot):
    """seen(name): a screenshot test-output/<walk>-<size>-<name>.png of the page
    reached, and on a phone the check that it is no wider than the screen."""

    def check(name):
        page.wait_for_load_state("networkidle")
        shot(f"{name}-{size}")
        width = SIZES[size][0]
        scroll = page.evaluate("document.scrollingElement.scrollWidth")
        assert scroll <= width, f"{name}: the page is {scroll}px wide on a {width}px screen"

    return check


def logout(page):
    """Log out through the menu (folded behind "Menu" on a phone)."""
    toggle = page.locator(".menu-toggle")
    if toggle.is_visible():
        toggle.click()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state("networkidle")
