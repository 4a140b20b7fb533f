from decimal import Decimal

import pytest
from django.core.management import call_command

from cases.models import Case, KeyFigure, Pairing, Province, Side, Source, Theme

pytestmark = pytest.mark.django_db

# slug: (theme, a province on each side, pairing, a Chinese word from its story)
FOUR_STORIES = {
    "jiulong-tea": ("industry", "zhejiang", "sichuan", "zhejiang-sichuan", "茶叶"),
    "zhengan-guitars": ("industry", "guangdong", "guizhou", "guangdong-guizhou", "吉他"),
    "lanzhou-noodle-training": ("labour", "shandong", "gansu", "shandong-gansu", "拉面"),
    "shandong-chongqing-village-secretaries": ("talent", "shandong", "chongqing", "shandong-chongqing", "村支书"),
}


def test_reference_data_is_complete(reference_data):
    assert Province.objects.count() == 31
    assert Province.objects.filter(side=Side.EAST).count() == 8
    assert Province.objects.filter(side=Side.WEST).count() == 10
    assert Pairing.objects.count() == 11
    assert set(Theme.objects.values_list("slug", flat=True)) == {"industry", "labour", "talent"}
    assert Province.objects.get(slug="shaanxi").code == "610000"
    assert set(Pairing.objects.filter(west__slug="gansu").values_list("east__slug", flat=True)) == {
        "tianjin",
        "shandong",
    }


def test_loading_the_fixtures_twice_duplicates_nothing(demo_data):
    counts = [m.objects.count() for m in (Province, Pairing, Theme, Case, KeyFigure, Source)]
    call_command("loaddata", "reference", "cases", verbosity=0)
    call_command("load_demo_data", "--force", verbosity=0)
    assert [m.objects.count() for m in (Province, Pairing, Theme, Case, KeyFigure, Source)] == counts


def test_load_demo_data_leaves_an_existing_database_alone(demo_data, capsys):
    Case.objects.filter(slug="jiulong-tea").update(title_zh="编辑改过的标题")
    call_command("load_demo_data")
    assert "already has data" in capsys.readouterr().out
    assert Case.objects.get(slug="jiulong-tea").title_zh == "编辑改过的标题"


def test_the_article_s_stories_are_all_there_and_linked(demo_data):
    cases = {c.slug: c for c in Case.objects.published().prefetch_related("pairings", "themes", "sources")}
    assert set(cases) >= {
        *FOUR_STORIES,
        "guangdong-stable-jobs",
        "shanghai-yunnan-hospitals",
        "chaoyang-inner-mongolia-schools",
    }
    assert {p.slug for p in cases["guangdong-stable-jobs"].pairings.all()} == {"guangdong-guangxi", "guangdong-guizhou"}
    for case in cases.values():
        assert case.title_en and case.standfirst_en and case.body_en, case.slug
        assert case.image and case.image_alt_zh and case.image_alt_en, case.slug
        assert case.body_html_zh.startswith("<") and "<h2>" in case.body_html_zh, case.slug
        first_source = case.sources.all()[0]
        assert (first_source.title, str(first_source.date)) == ("协作共赢 动能澎湃（大数据观察）", "2024-01-19")


@pytest.mark.parametrize(
    "slug, figures",
    [
        ("jiulong-tea", {("3900", "亩"), ("7083", "万元"), ("5500", "万元")}),
        ("zhengan-guitars", {("130", "家"), ("1", "亿美元"), ("200", "万元")}),
        ("lanzhou-noodle-training", {("12", "名"), ("4", "万人次"), ("90", "%")}),
        (
            "shandong-chongqing-village-secretaries",
            {("14", "个"), ("660", "名"), ("4", "个"), ("600", "亩"), ("15", "亩"), ("20", "万元")},
        ),
        ("shanghai-yunnan-hospitals", {("30", "家")}),
        ("chaoyang-inner-mongolia-schools", {("22", "所"), ("5", "年"), ("27", "位")}),
    ],
)
def test_key_figures_are_the_article_s_figures(demo_data, slug, figures):
    stored = {(f"{f.value.normalize():f}", f.unit_zh) for f in KeyFigure.objects.filter(case__slug=slug)}
    assert stored == figures


def test_the_qualified_figures_keep_their_qualifiers(demo_data):
    tea_sales = KeyFigure.objects.get(case__slug="jiulong-tea", value=Decimal("5500"))
    assert tea_sales.display_zh == "近5500万元"
    exports = KeyFigure.objects.get(case__slug="zhengan-guitars", unit_zh="亿美元")
    assert exports.display_zh == "超过1亿美元"


@pytest.mark.parametrize("slug", FOUR_STORIES)
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_reader_finds_each_story_by_theme_province_pair_and_chinese_word(client, demo_data, slug, prefix):
    theme, east, west, pair, word = FOUR_STORIES[slug]
    for query in [f"theme={theme}", f"province={east}", f"province={west}", f"pair={pair}", f"q={word}"]:
        response = client.get(f"{prefix}/cases/?{query}")
        assert slug in [c.slug for c in response.context["page_obj"].object_list], query
        assert f'href="{prefix}/cases/{slug}/"' in response.text, query
