import re

import pytest
from django.test import Client
from django.utils.html import escape

from cases.models import Case, Status

from .factories import make_case

pytestmark = pytest.mark.django_db

PAGES = [
    ("/", "cases/home.html"),
    ("/cases/", "cases/case_list.html"),
    ("/cases/jiulong-tea/", "cases/case_detail.html"),
    ("/themes/industry/", "cases/theme_detail.html"),
    ("/pairs/zhejiang-sichuan/", "cases/pairing_detail.html"),
    ("/provinces/", "cases/province_list.html"),
    ("/provinces/sichuan/", "cases/province_detail.html"),
]


@pytest.mark.parametrize("path, template", PAGES)
def test_every_page_renders_in_chinese_and_english(client, demo_data, path, template):
    chinese = client.get(path)
    english = client.get("/en" + path)
    assert chinese.status_code == english.status_code == 200
    assert template in [t.name for t in chinese.templates]
    assert '<html lang="zh-Hans">' in chinese.text
    assert '<html lang="en">' in english.text
    # Each page names its twin in the other language.
    assert f'hreflang="en" href="http://testserver/en{path}"' in chinese.text
    assert f'hreflang="zh-Hans" href="http://testserver{path}"' in english.text
    # The language switcher keeps the reader on the same page.
    assert f'href="/en{path}" hreflang="en"' in chinese.text
    assert f'href="{path}" hreflang="zh-Hans"' in english.text


def test_unprefixed_urls_are_chinese_even_for_english_browsers(en_client, demo_data):
    response = en_client.get("/cases/")
    assert '<html lang="zh-Hans">' in response.text
    assert "案例库" in response.text


def test_language_switch_keeps_the_filters(client, demo_data):
    response = client.get("/cases/?theme=industry&q=%E8%8C%B6")
    assert 'href="/en/cases/?theme=industry&amp;q=%E8%8C%B6"' in response.text


def test_case_page_shows_the_story_in_the_page_language(client, demo_data):
    case = Case.objects.get(slug="jiulong-tea")
    chinese = client.get("/cases/jiulong-tea/")
    english = client.get("/en/cases/jiulong-tea/")
    assert case.title_zh in chinese.text and escape(case.title_en) not in chinese.text
    assert escape(case.title_en) in english.text
    # English readers also see the Chinese place names and the figures as the source prints them.
    assert case.place_west_zh in english.text
    assert "7083万元" in english.text and "70.83 million yuan" in english.text
    assert "7083万元" in chinese.text
    for text in ("关键数据", "来源", "相关案例", "协作共赢 动能澎湃"):
        assert text in chinese.text
    for text in ("Key figures", "Sources", "Related cases"):
        assert text in english.text


def test_case_page_image_is_responsive_with_alt_text_and_dimensions(client, demo_data):
    case = Case.objects.get(slug="jiulong-tea")
    html = client.get("/cases/jiulong-tea/").text
    figure = re.search(r'<figure class="story__figure.*?</figure>', html, re.S)[0]
    assert '<source type="image/webp" srcset="/media/renditions/cases/jiulong-tea-jpg-480w.webp 480w' in figure
    img = re.search(r"<img [^>]*>", figure)[0]
    assert f'alt="{case.image_alt_zh}"' in img
    assert 'width="1200" height="750"' in img
    assert "sizes=" in img and "srcset=" in img and 'loading="lazy"' not in img
    # Every rendition the page names exists.
    for url in set(re.findall(r"(/media/[^ \"]+)", figure)):
        assert client.get(url).status_code == 200, url


def test_card_images_below_the_fold_load_lazily(client, demo_data):
    html = client.get("/cases/").text
    images = re.findall(r'<img [^>]*class="card__image"[^>]*>', html)
    assert len(images) == Case.objects.published().count()
    assert ['loading="lazy"' in img for img in images] == [False, False] + [True] * (len(images) - 2)
    assert all('alt=""' in img for img in images)  # the title beside the picture says what it is


def test_related_cases_share_a_theme_or_pairing(client, demo_data):
    related = client.get("/cases/jiulong-tea/").context["related_cases"]
    assert [c.slug for c in related] == ["zhengan-guitars"]


def test_province_page_shows_its_partners(client, demo_data):
    response = client.get("/provinces/gansu/")
    partners = {p.slug for p in response.context["pairings"]}
    assert partners == {"tianjin-gansu", "shandong-gansu"}
    assert "lanzhou-noodle-training" in response.text


def test_unknown_slugs_are_404_in_both_languages(client, demo_data):
    for path in ["/cases/nope/", "/themes/nope/", "/pairs/nope/", "/provinces/nope/", "/nope/"]:
        chinese = client.get(path)
        english = client.get("/en" + path)
        assert chinese.status_code == english.status_code == 404
        assert "没有找到这个页面" in chinese.text
        assert "We could not find that page" in english.text


def test_server_error_page_is_bilingual():
    client = Client(raise_request_exception=False)
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "网站出错了" in html and "Something went wrong" in html
    assert client  # the template renders without a request context, as Django's handler500 does


DRAFT_TITLE = "绝密草稿标题"


@pytest.mark.parametrize("status_kwargs", [{"status": Status.DRAFT}, {"published_at": "2999-01-01T00:00:00Z"}])
def test_unpublished_cases_never_reach_the_public(client, demo_data, status_kwargs):
    from cases.models import Pairing, Theme

    pairing = Pairing.objects.get(slug="zhejiang-sichuan")
    theme = Theme.objects.get(slug="industry")
    make_case(
        title_zh=DRAFT_TITLE,
        title_en="Secret draft",
        slug="secret-draft",
        body_zh="茶叶",
        pairings=[pairing],
        themes=[theme],
        **status_kwargs,
    )
    assert client.get("/cases/secret-draft/").status_code == 404
    assert client.get("/en/cases/secret-draft/").status_code == 404
    for path in [
        "/",
        "/cases/",
        "/cases/?q=茶叶",
        "/cases/?q=绝密",
        "/cases/?theme=industry",
        "/cases/?pair=zhejiang-sichuan",
        "/themes/industry/",
        "/pairs/zhejiang-sichuan/",
        "/provinces/sichuan/",
        "/cases/jiulong-tea/",
        "/feed/",
        "/en/feed/",
        "/sitemap.xml",
        "/sitemap-cases.xml",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert DRAFT_TITLE not in response.content.decode(), path
        assert "secret-draft" not in response.content.decode(), path
    # Counts do not betray it either.
    assert client.get("/cases/").context["paginator"].count == Case.objects.published().count()


def test_feed_and_sitemap_list_published_cases(client, demo_data):
    feed = client.get("/feed/").content.decode()
    assert "九龙" in feed
    index = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/sitemap-cases.xml" in index and "http://testserver/sitemap-browse.xml" in index
    sitemap = client.get("/sitemap-cases.xml").content.decode()
    assert "http://testserver/cases/jiulong-tea/" in sitemap
    assert "http://testserver/en/cases/jiulong-tea/" in sitemap


def test_robots_and_health_check(client, db):
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").text
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_security_headers(client, db):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp


def test_cached_cards_follow_edits_and_renamed_themes(client, demo_data):
    from cases.models import Theme

    assert "茶叶新标题" not in client.get("/cases/").text
    case = Case.objects.get(slug="jiulong-tea")
    case.title_zh = "茶叶新标题"
    case.save()
    assert "茶叶新标题" in client.get("/cases/").text
    theme = Theme.objects.get(slug="industry")
    theme.name_zh = "产业协作新名"
    theme.save()
    assert "产业协作新名" in client.get("/cases/").text
