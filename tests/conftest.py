"""Shared test hygiene, and the real-browser fixtures every tests/test_browser*.py uses."""

import os

import pytest

from browser_support import CHROMIUM_FLAGS, MISSING_CHROMIUM, find_chromium, is_local


@pytest.fixture(autouse=True)
def _close_pyplot_figures():
    """Close pyplot figures a test opened, so the next test starts with none (tests that
    check a widget draws without pyplot assert ``plt.get_fignums() == []``)."""
    yield
    import sys

    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")


def _skip_or_fail(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: a missing browser fails the run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium_path():
    path = find_chromium()
    if path is None:
        _skip_or_fail(MISSING_CHROMIUM)
    return path


@pytest.fixture(scope="module")
def browser(chromium_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("The playwright package is missing: pip install -e '.[test]' (no browser "
                      "download is needed; the system Chromium is used).")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    yield tab
    context.close()
