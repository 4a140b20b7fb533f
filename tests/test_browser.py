"""A reader in a real browser (Debian's Chromium driven by Playwright): filters, opens a story, reads it.

Also takes the README's screenshots of the home, list and case pages at phone and desktop width.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

pytestmark = pytest.mark.browser


@pytest.fixture
def browser():
    if not Path(CHROMIUM).exists():
        message = "Debian's chromium is not installed (.ci/run installs it with apt-get install chromium)"
        if os.environ.get("XIEZUO_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    playwright_api = pytest.importorskip("playwright.sync_api")
    # Playwright runs an event loop in this thread; the live server's ORM calls happen in its own thread.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db):
    call_command("load_demo_data", verbosity=0)
    return live_server.url


def test_reader_filters_by_theme_and_province_then_opens_a_story(browser, site):
    page = browser.new_page(viewport=DESKTOP, java_script_enabled=False)
    page.goto(f"{site}/cases/")
    assert page.locator("h1").inner_text() == "案例库"
    page.get_by_label("劳务协作").check()
    page.get_by_label("省份").select_option("gansu")
    page.get_by_role("button", name="显示案例").click()
    assert "theme=labour" in page.url and "province=gansu" in page.url
    assert page.locator("#results-title").inner_text() == "找到 1 个案例"
    page.get_by_role("link", name="学成“兰州拉面师”", exact=False).click()
    assert page.url.endswith("/cases/lanzhou-noodle-training/")
    assert "兰州拉面师" in page.locator("h1").inner_text()
    facts = page.locator(".fact-box")
    assert "约4万人次" in facts.inner_text() and "90%以上" in facts.inner_text()
    # Switching language keeps the reader on the same story.
    page.get_by_role("link", name="English").click()
    assert page.url.endswith("/en/cases/lanzhou-noodle-training/")
    assert "about 40,000 person-times" in page.locator(".fact-box").inner_text()


def test_reader_searches_in_chinese_from_the_header(browser, site):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{site}/en/")
    page.get_by_label("Search cases").first.fill("吉他")
    page.get_by_label("Search cases").first.press("Enter")
    assert page.locator("#results-title").inner_text() == "1 case found"
    page.locator(".card__title a").first.click()
    assert page.url.endswith("/en/cases/zhengan-guitars/")


def test_keyboard_user_can_skip_to_the_content(browser, site):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{site}/cases/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize(
    "name, path", [("home", "/"), ("list", "/cases/?theme=industry"), ("case", "/cases/jiulong-tea/")]
)
def test_screenshots_for_the_readme(browser, site, name, path):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for size_name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = browser.new_page(viewport=viewport)
        page.goto(site + path)
        # Scroll through once so lazy images below the fold are in the full-page picture.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        page.evaluate("window.scrollTo(0, 0)")
        # Nothing overflows sideways at this width.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (name, size_name)
        page.screenshot(path=SCREENSHOTS / f"{name}-{size_name}.png", full_page=size_name == "phone")
        page.close()
