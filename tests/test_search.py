"""Search that understands Chinese: a corpus of queries with the exact stories each must and must not find.

The same expectations hold on SQLite (FTS5) and PostgreSQL (tsvector); CI runs this file on both.
"""

import re

import pytest
from django.db import connection

from cases import search
from cases.models import Case, SearchEntry, Status

from .factories import make_case, make_pairing, make_province, make_theme

pytestmark = pytest.mark.django_db

ALL = {
    "jiulong-tea",
    "zhengan-guitars",
    "lanzhou-noodle-training",
    "shandong-chongqing-village-secretaries",
    "guangdong-stable-jobs",
    "shanghai-yunnan-hospitals",
    "chaoyang-inner-mongolia-schools",
}

# query -> exactly the stories it finds (the seven published stories of the fixtures)
CORPUS = {
    # Chinese words of every length
    "茶": {"jiulong-tea"},
    "茶叶": {"jiulong-tea"},
    "高山茶": {"jiulong-tea"},
    "吉他": {"zhengan-guitars"},
    "拉面": {"lanzhou-noodle-training"},
    "村支书": {"shandong-chongqing-village-secretaries"},
    "医院": {"shanghai-yunnan-hospitals"},
    "学校": {"chaoyang-inner-mongolia-schools"},
    "东西部协作": ALL,
    "九龙县": {"jiulong-tea"},
    "茶吉他": set(),  # the characters exist, the word does not
    "龙茶": {"jiulong-tea"},  # 九龙茶青, in a subheading
    "茶龙": set(),
    # English, case-insensitive and stemmed
    "tea": {"jiulong-tea"},
    "TEA": {"jiulong-tea"},
    "guitars": {"zhengan-guitars"},
    "guitar": {"zhengan-guitars"},
    "hospital": {"shanghai-yunnan-hospitals"},
    "noodles": {"lanzhou-noodle-training"},
    # pinyin place names, with or without the apostrophe
    "Jiulong": {"jiulong-tea"},
    "Zheng'an": {"zhengan-guitars"},
    "zhengan": {"zhengan-guitars"},
    "Dongxiang": {"lanzhou-noodle-training"},
    # provinces' one-character short names
    "川": {"jiulong-tea"},
    "黔": {"zhengan-guitars", "guangdong-stable-jobs"},
    "粤": {"zhengan-guitars", "guangdong-stable-jobs"},
    "鲁": {"lanzhou-noodle-training", "shandong-chongqing-village-secretaries"},
    "陇": {"lanzhou-noodle-training"},
    "渝": {"shandong-chongqing-village-secretaries"},
    # figures as printed
    "7083": {"jiulong-tea"},
    "231.9": {"shanghai-yunnan-hospitals", "chaoyang-inner-mongolia-schools"},  # the national fiscal aid
    "231": set(),  # a number is a whole token: 231 is not 231.9
    # several words: any of them (ranked by how many match)
    "茶叶 吉他": {"jiulong-tea", "zhengan-guitars"},
    "tea 吉他": {"jiulong-tea", "zhengan-guitars"},
    # nothing searchable, or nothing there
    "!!!": set(),
    "xyzzy": set(),
    "的的的的的的的的的的": set(),
}


def found(client, query, prefix=""):
    response = client.get(f"{prefix}/cases/", {"q": query})
    assert response.status_code == 200
    return {c.slug for c in response.context["page_obj"].object_list}


@pytest.mark.parametrize("query, expected", CORPUS.items(), ids=list(CORPUS))
def test_each_query_finds_exactly_its_stories(client, demo_data, query, expected):
    assert found(client, query) == expected
    assert found(client, query, "/en") == expected


def oracle(case, word):
    """Whether `case`'s text contains `word`, by plain substring: what the index must agree with."""
    text = search.normalize(" ".join([case.title_zh, case.standfirst_zh, case.body_zh, case.place_east_zh,
                                      case.place_west_zh]))  # fmt: skip
    return word in text


@pytest.mark.parametrize("length", [1, 2, 3, 4])
def test_every_chinese_substring_of_the_titles_is_found_exactly_where_it_occurs(client, demo_data, length):
    cases = list(Case.objects.published())
    words = set()
    for case in cases:
        for run in re.findall(r"[\u4e00-\u9fff]+", case.title_zh):
            words.update(run[i : i + length] for i in range(len(run) - length + 1))
    assert words
    for word in sorted(words):
        expected = {c.slug for c in cases if oracle(c, word)}
        result = set(Case.objects.published().search(search.parse(word)).values_list("slug", flat=True))
        # One-character words may also match a province's short form, which the oracle does not see.
        assert expected <= result, word
        if length > 1:
            assert result == expected, word


def test_title_matches_rank_above_body_matches(client, demo_data):
    # 高山茶 is in the tea story's title; make a newer story that only mentions it in the body.
    other = Case.objects.get(slug="chaoyang-inner-mongolia-schools")
    other.body_zh += "\n\n学校的老师也喝高山茶。"
    other.save()
    response = client.get("/cases/", {"q": "高山茶"})
    assert [c.slug for c in response.context["page_obj"].object_list] == [
        "jiulong-tea",
        "chaoyang-inner-mongolia-schools",
    ]


def test_more_matched_words_rank_above_fewer(client, demo_data):
    response = client.get("/cases/", {"q": "拉面 东西部协作 鲁"})
    slugs = [c.slug for c in response.context["page_obj"].object_list]
    assert slugs[0] == "lanzhou-noodle-training"  # all three words
    assert slugs[1] == "shandong-chongqing-village-secretaries"  # two words: 东西部协作 and 鲁
    assert set(slugs) == ALL


def test_search_combines_with_filters_and_counts_describe_the_searched_set(client, demo_data):
    response = client.get("/cases/", {"q": "东西部协作", "theme": "labour"})
    assert {c.slug for c in response.context["page_obj"].object_list} == {
        "lanzhou-noodle-training",
        "guangdong-stable-jobs",
    }
    facets = response.context["facets"]
    assert {o["object"].slug: o["count"] for o in facets["theme"]} == {"industry": 2, "labour": 2, "talent": 3}
    response = client.get("/cases/", {"q": "吉他"})
    assert response.context["paginator"].count == 1
    assert {o["object"].slug: o["count"] for o in response.context["facets"]["theme"]} == {
        "industry": 1,
        "labour": 0,
        "talent": 0,
    }


def test_snippets_mark_the_matched_words_safely(client, demo_data):
    html = client.get("/cases/", {"q": "吉他"}).content.decode()
    assert "<mark>吉他</mark>" in html
    tea = Case.objects.get(slug="jiulong-tea")
    tea.standfirst_zh = "<script>alert('茶')</script> 高山茶"
    tea.save()
    html = client.get("/cases/", {"q": "茶"}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;<mark>茶</mark>&#x27;)" in html


def test_each_search_marks_its_own_words_in_the_same_card(client, demo_data):
    assert "<mark>茶叶</mark>" in client.get("/cases/", {"q": "茶叶"}).content.decode()
    html = client.get("/cases/", {"q": "九龙"}).content.decode()
    assert "<mark>九龙</mark>" in html
    assert "<mark>茶叶</mark>" not in html
    assert "<mark>" not in client.get("/cases/").content.decode()


def test_english_snippets_mark_stemmed_words(en_client, demo_data):
    html = en_client.get("/en/cases/", {"q": "guitars"}).content.decode()
    assert re.search(r"<mark>[Gg]uitars?</mark>", html)


def test_index_follows_every_save_publish_withdraw_and_delete(client, reference_data):
    theme = make_theme()
    pairing = make_pairing(east=make_province(slug="east"), west=make_province(slug="west", side="west"))
    case = make_case(title_zh="枸杞的故事", body_zh="宁夏枸杞", pairings=[pairing], themes=[theme], status=Status.DRAFT)
    assert found(client, "枸杞") == set()  # a draft is indexed but never shown
    case.status = Status.PUBLISHED
    case.save()
    assert found(client, "枸杞") == {case.slug}
    case.title_zh, case.body_zh = "苹果的故事", "苹果"
    case.save()
    assert found(client, "枸杞") == set() and found(client, "苹果") == {case.slug}
    case.status = Status.WITHDRAWN
    case.save()
    assert found(client, "苹果") == set()
    case.status = Status.PUBLISHED
    case.save()
    pk = case.pk
    case.delete()
    assert found(client, "苹果") == set()
    assert not SearchEntry.objects.filter(case_id=pk).exists()


def test_province_names_follow_a_change_of_pairing(client, reference_data):
    from cases.models import Pairing

    case = make_case(title_zh="无关标题", pairings=[Pairing.objects.get(slug="zhejiang-sichuan")])
    assert case.slug in found(client, "川")
    case.pairings.set([Pairing.objects.get(slug="fujian-ningxia")])
    assert case.slug not in found(client, "川")
    assert case.slug in found(client, "宁夏")


def test_rebuild_command_restores_a_damaged_index(client, demo_data):
    from django.core.management import call_command

    SearchEntry.objects.all().delete()
    Case.objects.update(facet_key="")
    assert found(client, "茶叶") == set()
    call_command("rebuild_search_index", verbosity=0)
    assert found(client, "茶叶") == {"jiulong-tea"}
    assert client.get("/cases/", {"theme": "industry"}).context["paginator"].count == 2


def test_the_same_tokens_reach_both_databases():
    # What the index holds is decided in Python, not by the database's parser.
    tokens = search.tokens("九龙县茶叶，Zheng'an Guitars 231.9亿元")
    assert tokens == "九龙 龙县 县茶 茶叶 叶 zhengan guitar 231d9 亿元 元"
    assert connection.vendor in ("sqlite", "postgresql")
