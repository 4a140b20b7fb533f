import html

import pytest
from django.urls import reverse

from cases.models import Case, Pairing, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(admin_client, demo_data):
    return admin_client


@pytest.mark.parametrize("model", ["case", "province", "pairing", "theme"])
def test_changelist_and_add_pages(editor, model):
    assert editor.get(reverse(f"admin:cases_{model}_changelist")).status_code == 200
    assert editor.get(reverse(f"admin:cases_{model}_add")).status_code == 200


def test_case_change_page_has_inlines_view_on_site_and_slug_prefill(editor):
    case = Case.objects.get(slug="jiulong-tea")
    response = editor.get(reverse("admin:cases_case_change", args=[case.pk]))
    assert response.status_code == 200
    assert "figures-TOTAL_FORMS" in response.text
    assert "sources-TOTAL_FORMS" in response.text
    assert 'href="/cases/jiulong-tea/" class="viewsitelink"' in response.text
    # The slug is prefilled from the English title as the editor types it.
    prepopulated = html.unescape(response.text)
    assert '"id": "#id_slug", "name": "slug", "dependency_ids": ["#id_title_en"]' in prepopulated


def test_changelist_search_in_both_languages_and_filters(editor):
    url = reverse("admin:cases_case_changelist")
    assert "jiulong-tea" in editor.get(url, {"q": "九龙"}).text
    assert editor.get(url, {"q": "guitar"}).context["cl"].result_count == 1
    industry = Theme.objects.get(slug="industry")
    response = editor.get(url, {"themes__id__exact": industry.pk, "status__exact": "published"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 2
    response = editor.get(url, {"year": "2023"})
    assert response.status_code == 200


def test_pairing_autocomplete(editor):
    response = editor.get(
        reverse("admin:autocomplete"),
        {"app_label": "cases", "model_name": "case", "field_name": "pairings", "term": "四川"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["浙江—四川"]


def test_editor_adds_a_case_with_figures_and_sources(editor):
    pairing = Pairing.objects.get(slug="zhejiang-sichuan")
    theme = Theme.objects.get(slug="industry")
    data = {
        "title_zh": "新的茶叶故事",
        "title_en": "",
        "slug": "",
        "standfirst_zh": "导语",
        "body_zh": "## 标题\n\n正文 <script>alert(1)</script>",
        "pairings": [pairing.pk],
        "themes": [theme.pk],
        "year": "2024",
        "status": "draft",
        "figures-TOTAL_FORMS": "1",
        "figures-INITIAL_FORMS": "0",
        "figures-0-label_zh": "茶园",
        "figures-0-value": "3900",
        "figures-0-unit_zh": "亩",
        "figures-0-qualifier": "exact",
        "figures-0-sort_order": "0",
        "sources-TOTAL_FORMS": "1",
        "sources-INITIAL_FORMS": "0",
        "sources-0-publisher": "人民日报",
        "sources-0-title": "协作共赢 动能澎湃",
        "sources-0-sort_order": "0",
        "gallery-TOTAL_FORMS": "0",
        "gallery-INITIAL_FORMS": "0",
    }
    response = editor.post(reverse("admin:cases_case_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    case = Case.objects.get(title_zh="新的茶叶故事")
    assert case.slug == "xin-de-cha-ye-gu-shi"
    assert "<script" not in case.body_html_zh and "<h2>标题</h2>" in case.body_html_zh
    assert case.figures.get().display_zh == "3900亩"
    assert case.sources.count() == 1
    assert not Case.objects.published().filter(pk=case.pk).exists()
