"""A reader in a real browser (Debian's Chromium driven by Playwright): filters, opens a story, reads it.

Also takes the README's screenshots of the home, list and case pages at phone and desktop width.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from cases.models import Case

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
def site(live_server, transactional_db, editor_groups):
    call_command("load_demo_data", verbosity=0)
    return live_server.url


def test_reader_filters_by_theme_and_province_then_opens_a_story(browser, site):
    page = browser.new_page(viewport=DESKTOP, java_script_enabled=False)
    page.goto(f"{site}/cases/")
    assert page.locator("h1").inner_text() == "案例库"
    page.get_by_label("劳务协作").check()
    page.get_by_label("省份", exact=True).select_option("gansu")
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


def log_in(browser, site, username):
    page = browser.new_context(viewport=DESKTOP).new_page()
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct horse battery staple")
    page.click("input[type=submit]")
    page.wait_for_url(f"{site}/admin/")
    return page


def test_editor_writes_a_story_with_a_photo_a_publisher_publishes_a_reader_finds_it(browser, site, tmp_path):
    from django.contrib.auth.models import Group, User
    from PIL import Image

    for name, group in (("editor", "Editor"), ("publisher", "Publisher")):
        user = User.objects.create_user(name, password="correct horse battery staple", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
    photo = tmp_path / "IMG_2041.JPG"
    Image.new("RGB", (1600, 1000), (200, 60, 40)).save(photo, quality=90)

    # The editor writes in Chinese first, adds a photo, and submits the story for review.
    editor = log_in(browser, site, "editor")
    editor.goto(f"{site}/admin/cases/case/add/")
    editor.fill("#id_title_zh", "宁夏枸杞走进福建超市")
    editor.fill("#id_standfirst_zh", "闽宁协作帮助宁夏的枸杞找到新的买家。")
    editor.fill("#id_body_zh", "## 从枸杞园到超市\n\n福建的采购商来到宁夏，**枸杞**进入了新的销售渠道。")
    editor.click("#id_pairings + .select2 .select2-selection")
    editor.keyboard.type("宁夏")
    editor.locator(".select2-results__option", has_text="福建—宁夏").click()
    editor.select_option("#id_themes_from", label="产业合作")
    editor.click("#id_themes_add")
    editor.fill("#id_year", "2024")
    editor.set_input_files("#id_image", str(photo))
    editor.fill("#id_image_alt_zh", "红色的枸杞")
    editor.fill("#id_image_alt_en", "Red goji berries")
    editor.select_option("#id_status", "review")
    assert editor.locator("#id_status option[value=published]").count() == 0
    editor.evaluate("window.scrollTo(0, 0)")
    editor.screenshot(path=SCREENSHOTS / "editor-change-form.png", full_page=False)
    editor.click("input[name=_save]")
    editor.wait_for_url(f"{site}/admin/cases/case/")
    assert "宁夏枸杞走进福建超市" in editor.content()
    case = Case.objects.get(title_zh="宁夏枸杞走进福建超市")
    assert case.status == "review" and case.image and (case.image_width, case.image_height) == (1600, 1000)

    # Before publication the public cannot find it; staff can preview it.
    reader = browser.new_page(viewport=DESKTOP)
    assert reader.goto(f"{site}/cases/{case.slug}/").status == 404
    preview = editor.context.new_page()
    preview.goto(f"{site}/preview/{case.pk}/")
    assert "宁夏枸杞走进福建超市" in preview.locator("h1").inner_text()
    preview.screenshot(path=SCREENSHOTS / "editor-preview.png", full_page=False)

    # The publisher finds it in review and publishes it with the bulk action.
    publisher = log_in(browser, site, "publisher")
    publisher.goto(f"{site}/admin/cases/case/?status=review")
    publisher.check(f"input[name=_selected_action][value='{case.pk}']")
    publisher.select_option("select[name=action]", "publish")
    publisher.screenshot(path=SCREENSHOTS / "publisher-changelist.png", full_page=False)
    with publisher.expect_navigation():
        publisher.click("button[name=index]")
    assert "已更改 1 个案例" in publisher.locator(".messagelist").inner_text()

    # A reader searches for the Chinese word and opens the story.
    reader.goto(f"{site}/cases/?q=枸杞")
    reader.get_by_role("link", name="宁夏枸杞走进福建超市").click()
    assert reader.url.endswith(f"/cases/{case.slug}/")
    assert reader.locator(".story__figure img").get_attribute("alt") == "红色的枸杞"
