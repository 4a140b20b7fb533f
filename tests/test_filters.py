from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Side, Status

from .factories import make_case, make_pairing, make_province, make_theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    """Two pairings sharing an eastern province, three themes, cases across years."""
    guangdong = make_province(name_zh="广东", name_en="Guangdong", slug="guangdong")
    guangxi = make_province(name_zh="广西", name_en="Guangxi", slug="guangxi", side=Side.WEST)
    guizhou = make_province(name_zh="贵州", name_en="Guizhou", slug="guizhou", side=Side.WEST)
    zhejiang = make_province(name_zh="浙江", name_en="Zhejiang", slug="zhejiang")
    sichuan = make_province(name_zh="四川", name_en="Sichuan", slug="sichuan", side=Side.WEST)
    gd_gx = make_pairing(east=guangdong, west=guangxi, slug="guangdong-guangxi")
    gd_gz = make_pairing(east=guangdong, west=guizhou, slug="guangdong-guizhou")
    zj_sc = make_pairing(east=zhejiang, west=sichuan, slug="zhejiang-sichuan")
    industry = make_theme(slug="industry", name_zh="产业合作", name_en="Industrial cooperation")
    labour = make_theme(slug="labour", name_zh="劳务协作", name_en="Labour cooperation")
    talent = make_theme(slug="talent", name_zh="人才交流", name_en="Talent exchange")
    cases = {
        "tea": make_case(
            title_zh="九龙高山茶叶", title_en="Jiulong mountain tea", slug="tea",
            body_en="Tea gardens", pairings=[zj_sc], themes=[industry], year=2023,
        ),
        "guitar": make_case(
            title_zh="正安吉他", title_en="Zheng'an guitars", slug="guitar",
            body_zh="吉他产业集群", pairings=[gd_gz], themes=[industry], year=2022,
        ),
        "jobs": make_case(
            title_zh="稳岗就业", title_en="Stable jobs", slug="jobs",
            pairings=[gd_gx, gd_gz], themes=[labour], year=2023,
        ),
        "draft": make_case(
            title_zh="草稿茶叶", title_en="Draft tea", slug="draft",
            pairings=[zj_sc], themes=[industry, talent], status=Status.DRAFT,
        ),
        "future": make_case(
            title_zh="未来茶叶", title_en="Future tea", slug="future", pairings=[zj_sc],
            themes=[talent], published_at=timezone.now() + timedelta(days=1),
        ),
    }  # fmt: skip
    return cases


def slugs(response):
    return [case.slug for case in response.context["page_obj"].object_list]


def facet(response, name):
    facets = response.context["facets"]
    if name == "province":
        return {o["object"].slug: o["count"] for group in facets["province"] for o in group["options"]}
    if name == "year":
        return {o["value"]: o["count"] for o in facets["year"]}
    return {o["object"].slug: o["count"] for o in facets[name]}


def test_unfiltered_list_shows_published_cases_newest_first(client, library):
    response = client.get("/cases/")
    assert response.status_code == 200
    assert slugs(response) == ["tea", "guitar", "jobs"]
    assert "3 个案例" in response.text or "3" in response.context["paginator"].count.__str__()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("theme=industry", ["tea", "guitar"]),
        ("theme=labour", ["jobs"]),
        ("theme=industry&theme=labour", ["tea", "guitar", "jobs"]),
        ("theme=talent", []),
        ("province=guangdong", ["guitar", "jobs"]),
        ("province=guizhou", ["guitar", "jobs"]),
        ("province=sichuan", ["tea"]),
        ("pair=guangdong-guangxi", ["jobs"]),
        ("pair=guangdong-guizhou", ["guitar", "jobs"]),
        ("year=2022", ["guitar"]),
        ("year=2023", ["tea", "jobs"]),
        ("q=茶叶", ["tea"]),
        ("q=吉他", ["guitar"]),
        ("q=TEA", ["tea"]),
        ("q=guitars", ["guitar"]),
        ("q=吉他 产业", ["guitar"]),
        ("q=九龙 吉他", ["tea", "guitar"]),
        ("theme=industry&province=guangdong", ["guitar"]),
        ("theme=industry&theme=labour&province=guizhou&year=2023", ["jobs"]),
        ("theme=industry&pair=zhejiang-sichuan&q=茶&year=2023", ["tea"]),
        ("province=guangdong&pair=zhejiang-sichuan", []),
        ("sort=oldest", ["jobs", "guitar", "tea"]),
        ("sort=title", ["tea", "jobs", "guitar"]),
    ],
)
def test_filters_and_combinations(client, library, query, expected):
    assert slugs(client.get(f"/cases/?{query}")) == expected


def test_title_sort_follows_the_page_language(en_client, client, library):
    # English: Jiulong, Stable, Zheng'an; Chinese by pinyin: jiu, wen, zheng.
    assert slugs(en_client.get("/en/cases/?sort=title")) == ["tea", "jobs", "guitar"]
    assert slugs(client.get("/cases/?sort=title")) == ["tea", "jobs", "guitar"]


def test_facet_counts_follow_the_other_filters(client, library):
    response = client.get("/cases/?province=guangdong")
    # Theme counts are within Guangdong's cases; the province facet ignores its own filter.
    assert facet(response, "theme") == {"industry": 1, "labour": 1, "talent": 0}
    assert facet(response, "province") == {"guangdong": 2, "zhejiang": 1, "guangxi": 1, "guizhou": 2, "sichuan": 1}
    assert facet(response, "pair") == {"guangdong-guangxi": 1, "guangdong-guizhou": 2, "zhejiang-sichuan": 0}
    assert facet(response, "year") == {2023: 1, 2022: 1}


def test_zero_count_options_are_shown_disabled(client, library):
    response = client.get("/cases/?province=guangdong")
    assert 'value="talent" id="theme-talent" disabled' in response.text
    assert 'value="zhejiang-sichuan" disabled' in response.text


def test_a_case_in_two_pairings_of_one_province_counts_once(client, library):
    assert facet(client.get("/cases/"), "province")["guangdong"] == 2


def test_drafts_and_scheduled_cases_are_not_counted(client, library):
    response = client.get("/cases/")
    assert facet(response, "theme")["talent"] == 0
    assert response.context["paginator"].count == 3


def test_active_filters_can_be_removed_one_by_one(client, library):
    response = client.get("/cases/?theme=industry&theme=labour&province=guangdong")
    removes = {a["value"]: a["remove"] for a in response.context["active_filters"]}
    assert removes["产业合作"] == "?theme=labour&province=guangdong"
    assert removes["劳务协作"] == "?theme=industry&province=guangdong"
    assert removes["广东"] == "?theme=industry&theme=labour"
    assert slugs(client.get("/cases/" + removes["产业合作"])) == ["jobs"]


def test_pagination_keeps_the_filters(client, library):
    theme = library["tea"].themes.first()
    for n in range(14):
        make_case(slug=f"more-{n}", themes=[theme], year=2021)
    response = client.get("/cases/?theme=industry&year=2021")
    assert response.context["paginator"].count == 14
    assert 'href="?theme=industry&amp;year=2021&amp;page=2"' in response.text
    second = client.get("/cases/?theme=industry&year=2021&page=2")
    assert len(slugs(second)) == 2
    assert 'href="?theme=industry&amp;year=2021&amp;page=1"' in second.text


@pytest.mark.parametrize(
    "query, message",
    [
        ("theme=nope", "没有名为“nope”的主题"),
        ("province=atlantis", "没有这个省份"),
        ("pair=a-b", "没有这个结对关系"),
        ("year=abc", "年份应当是数字"),
        ("year=99999999999999999999", "年份应在1990到2100之间"),
        ("sort=sideways", "未知的排序方式"),
        ("q=" + "茶" * 10_000, "搜索词最多200个字"),
    ],
)
def test_bad_filter_values_give_a_clear_message_not_an_error(client, library, query, message):
    response = client.get(f"/cases/?{query}")
    assert response.status_code == 200
    assert message in response.text
    assert response.context["paginator"].count == 3


def test_a_bad_value_leaves_the_good_filters_working(client, library):
    response = client.get("/cases/?theme=industry&province=atlantis&year=abc")
    assert slugs(response) == ["tea", "guitar"]


@pytest.mark.parametrize("page", ["-1", "0", "abc", "2", "999999999999999999999"])
def test_pages_that_do_not_exist_are_404(client, library, page):
    assert client.get(f"/cases/?page={page}").status_code == 404


def test_last_page_works(client, library):
    assert client.get("/cases/?page=last").status_code == 200


def test_empty_state_is_helpful(client, library):
    response = client.get("/cases/?q=不存在的词")
    assert "没有符合全部筛选条件的案例" in response.text
    assert "0 个案例" in response.text


def test_hostile_parameters_do_not_break_the_page(client, library):
    for query in ["theme[]=x", "province=%00", "q=%ff%fe", "theme=" + "x" * 5000, "page=1&page=2", "year=2023.5"]:
        assert client.get(f"/cases/?{query}").status_code in (200, 404)


def test_province_facet_can_be_narrowed_to_one_side(client, library):
    response = client.get("/cases/?side=east")
    groups = response.context["facets"]["province"]
    assert [g["side"] for g in groups] == ["east"]
    assert {o["object"].slug for o in groups[0]["options"]} == {"guangdong", "zhejiang"}
    assert 'name="side" value="east" checked' in response.text
    # The side only narrows the menu; the results stay the same.
    assert response.context["paginator"].count == 3


def test_pair_facet_follows_the_pinyin_order_of_the_eastern_province(client, reference_data):
    from cases.models import Pairing

    response = client.get("/cases/")
    slugs = [o["object"].slug for o in response.context["facets"]["pair"]]
    assert slugs == [p.slug for p in sorted(Pairing.objects.all(), key=lambda p: (p.east.sort_key, p.west.sort_key))]
    assert slugs[0] == "beijing-neimenggu" and slugs[-1] == "zhejiang-sichuan"


def test_the_page_states_how_filters_combine_and_announces_the_count(client, library):
    response = client.get("/cases/?theme=industry")
    assert "主题之间为“或”，其他条件之间为“且”" in response.text
    assert '<div role="status">' in response.text
