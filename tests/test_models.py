from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from cases.models import Case, KeyFigure, Pairing, Qualifier, Side, Status
from cases.text import make_slug, render_markdown

from .factories import make_case, make_pairing, make_province, make_theme

pytestmark = pytest.mark.django_db


def test_case_str_and_url():
    case = make_case(title_zh="九龙茶", slug="jiulong-tea")
    assert str(case) == "九龙茶"
    assert case.get_absolute_url() == "/cases/jiulong-tea/"
    with translation.override("en"):
        assert case.get_absolute_url() == "/en/cases/jiulong-tea/"


def test_chinese_only_title_gets_a_pinyin_slug():
    case = make_case(title_zh="正安吉他产业", title_en="")
    assert case.slug == "zheng-an-ji-ta-chan-ye"


def test_slugs_stay_unique():
    first = make_case(title_en="Tea in Jiulong")
    second = make_case(title_en="Tea in Jiulong")
    assert (first.slug, second.slug) == ("tea-in-jiulong", "tea-in-jiulong-2")


@pytest.mark.parametrize("title", ["!!!", "——", ""])
def test_slug_is_never_empty(title):
    assert make_slug(title) == "case"


def test_published_queryset_hides_drafts_and_future_cases():
    public = make_case()
    make_case(status=Status.DRAFT)
    make_case(published_at=timezone.now() + timedelta(hours=1))
    assert list(Case.objects.published()) == [public]


def test_publishing_without_a_date_stamps_now():
    case = make_case(published_at=None)
    assert case.published_at is not None
    assert case.is_public


def test_published_case_needs_a_date_in_the_database():
    case = make_case()
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(published_at=None)


def test_pairing_is_unique_and_between_two_provinces():
    pairing = make_pairing()
    with pytest.raises(IntegrityError), transaction.atomic():
        Pairing.objects.create(east=pairing.east, west=pairing.west, slug="again")
    with pytest.raises(IntegrityError), transaction.atomic():
        Pairing.objects.create(east=pairing.east, west=pairing.east, slug="self")


def test_pairing_sides_are_validated_for_editors():
    east = make_province(side=Side.EAST)
    neither = make_province(side=Side.NEITHER)
    with pytest.raises(ValidationError) as error:
        Pairing(east=east, west=neither).full_clean()
    assert "west" in error.value.message_dict


def test_pairing_slug_defaults_to_east_west():
    pairing = make_pairing(east=make_province(slug="zhejiang"), west=make_province(slug="sichuan", side=Side.WEST))
    assert pairing.slug == "zhejiang-sichuan"


def test_province_sort_key_follows_pinyin_and_tone():
    shanxi = make_province(name_zh="山西", slug="shanxi")
    shaanxi = make_province(name_zh="陕西", slug="shaanxi")
    anhui = make_province(name_zh="安徽", slug="anhui")
    assert (shanxi.sort_key, shaanxi.sort_key) == ("shan1xi1", "shan3xi1")
    from cases.models import Province

    assert list(Province.objects.filter(pk__in=[shanxi.pk, shaanxi.pk, anhui.pk])) == [anhui, shanxi, shaanxi]


def test_english_falls_back_to_chinese_when_not_written():
    case = make_case(title_zh="只有中文", title_en="")
    with translation.override("en"):
        assert case.title == "只有中文"
    with translation.override("zh-hans"):
        assert case.title == "只有中文"


def test_lead_image_needs_alt_text_in_both_languages():
    case = Case(image="cases/x.jpg", image_width=10, image_height=10, image_alt_zh="茶山")
    with pytest.raises(ValidationError) as error:
        case.clean()
    assert "image_alt_en" in error.value.message_dict


@pytest.mark.parametrize(
    "source, forbidden",
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src=x onerror="alert(1)">', "onerror="),
        ("[click](javascript:alert(1))", 'href="javascript'),
        ('<a href="#" onclick="steal()">x</a>', "onclick="),
        ('<a href="javascript:alert(1)">x</a>', 'href="javascript'),
        ("<iframe src='https://evil.example'></iframe>", "<iframe"),
        ('<svg onload="alert(1)">', "onload="),
        ("[x](JaVaScRiPt:alert(1))", 'href="javascript'),
        ('<p style="background:url(javascript:x)">x</p>', "style="),
    ],
)
def test_markdown_is_sanitised(source, forbidden):
    html = render_markdown(source).lower()
    assert forbidden not in html


def test_markdown_keeps_ordinary_formatting():
    html = render_markdown("## 小标题\n\n**加粗** [人民网](https://www.people.com.cn)\n\n- 一\n- 二")
    assert "<h2>小标题</h2>" in html
    assert "<strong>加粗</strong>" in html
    assert 'href="https://www.people.com.cn"' in html
    assert "<li>一</li>" in html


def test_body_html_is_rendered_on_save():
    case = make_case(body_zh="**茶**<script>x()</script>")
    assert "<strong>茶</strong>" in case.body_html_zh
    assert "<script" not in case.body_html_zh


@pytest.mark.parametrize(
    "value, qualifier, unit_zh, unit_en, zh, en",
    [
        ("7083", Qualifier.EXACT, "万元", "yuan", "7083万元", "70.83 million yuan"),
        ("5500", Qualifier.NEARLY, "万元", "yuan", "近5500万元", "nearly 55 million yuan"),
        ("231.9", Qualifier.EXACT, "亿元", "yuan", "231.9亿元", "23.19 billion yuan"),
        ("2.5", Qualifier.EXACT, "万人", "people", "2.5万人", "25,000 people"),
        ("1", Qualifier.MORE_THAN, "亿美元", "US dollars", "超过1亿美元", "more than 100 million US dollars"),
        ("90", Qualifier.AT_LEAST, "%", "%", "90%以上", "at least 90%"),
        ("3900", Qualifier.EXACT, "亩", "mu", "3900亩", "3,900 mu"),
        ("4", Qualifier.APPROX, "万人次", "person-times", "约4万人次", "about 40,000 person-times"),
    ],
)
def test_key_figures_read_exactly_in_both_languages(value, qualifier, unit_zh, unit_en, zh, en):
    figure = KeyFigure(value=Decimal(value), qualifier=qualifier, unit_zh=unit_zh, unit_en=unit_en)
    assert figure.display_zh == zh
    assert figure.display_en == en


def test_related_cases_share_a_pairing_first_then_a_theme():
    theme = make_theme()
    pairing = make_pairing()
    case = make_case(pairings=[pairing], themes=[theme])
    same_pairing = make_case(pairings=[pairing])
    theme_only = make_case(themes=[theme])
    make_case()  # unrelated
    make_case(pairings=[pairing], status=Status.DRAFT)
    case.refresh_from_db()
    assert Case.objects.sharing(case) == [same_pairing, theme_only]
    assert Case.objects.sharing(case, limit=1) == [same_pairing]
