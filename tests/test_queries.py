"""The number of SQL queries per page stays the same however many cases there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Theme

from .factories import make_case, make_pairing, make_theme

pytestmark = pytest.mark.django_db

PATHS = [
    "/",
    "/en/",
    "/cases/",
    "/cases/?theme=a&theme=b&province=east1&pair=east1-west1&year=2023&q=茶&sort=title",
    "/cases/?page=2",
    "/cases/case-0/",
    "/en/cases/case-0/",
    "/themes/a/",
    "/pairs/east1-west1/",
    "/provinces/east1/",
    "/provinces/",
]


def grow_library(count, pairing, themes, start):
    for n in range(start, start + count):
        make_case(
            slug=f"case-{n}",
            body_zh="茶叶产业",
            pairings=[pairing, make_pairing()],
            themes=themes,
            figures=3,
            sources=2,
        )


def queries_for(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(context)


def test_queries_per_page_do_not_grow_with_the_library(client):
    from .factories import make_province

    pairing = make_pairing(east=make_province(slug="east1"), west=make_province(slug="west1", side="west"))
    themes = [make_theme(slug="a"), make_theme(slug="b")]
    grow_library(14, pairing, themes, start=0)
    small = {path: queries_for(client, path) for path in PATHS}
    grow_library(40, pairing, themes, start=14)
    large = {path: queries_for(client, path) for path in PATHS}
    assert small == large
    assert max(large.values()) <= 8, large


def test_list_page_query_budget(client, django_assert_max_num_queries):
    pairing = make_pairing()
    grow_library(20, pairing, [make_theme()], start=0)
    theme = Theme.objects.first().slug
    for path in (f"/cases/?q=茶叶&theme={theme}", "/cases/?page=2", "/cases/case-0/"):
        with django_assert_max_num_queries(8):
            first = client.get(path)
        # Asked again with nothing changed, the facet counts, the ranked matches and the cached story are reused.
        with django_assert_max_num_queries(7):
            again = client.get(path)
        assert first.content == again.content
