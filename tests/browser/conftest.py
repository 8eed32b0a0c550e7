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
    from playwright.sync_api import expect

    box = scope.get_by_label(label, exact=True)
    box.fill(query or name)
    picker = box.locator("xpath=ancestor::div[@data-picker][1]")
    picker.locator(".picker-results label", has_text=name).first.click()
    expect(picker.locator(".picker-chosen")).to_contain_text(name)
