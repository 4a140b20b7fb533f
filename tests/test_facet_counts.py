"""The stored facet counts always agree with counting the public cases directly."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Case, FacetCount, Status

from .factories import make_case, make_pairing, make_theme

pytestmark = pytest.mark.django_db


def assert_counts_agree():
    stored = sorted(Case.objects.public_facet_rows()[0])
    live = sorted((key, n) for key, n in Case.objects.published().facet_rows())
    assert stored == live


def test_counts_follow_saves_links_status_schedule_and_deletion(monkeypatch):
    themes, pairings = [make_theme(), make_theme()], [make_pairing(), make_pairing()]
    cases = [make_case(themes=themes[:1], pairings=pairings[:1], year=2020 + n % 3) for n in range(6)]
    assert_counts_agree()
    cases[0].themes.add(themes[1])
    cases[1].pairings.set([pairings[1]])
    cases[2].year = 2030
    cases[2].save()
    assert_counts_agree()
    cases[3].status = Status.WITHDRAWN
    cases[3].save()
    cases[4].published_at = timezone.now() + timedelta(days=1)
    cases[4].save()
    assert_counts_agree()
    cases[5].delete()
    assert_counts_agree()
    # The scheduled case is counted by itself once its time comes, with nobody saving anything.
    later = timezone.now() + timedelta(days=2)
    monkeypatch.setattr("cases.models.timezone.now", lambda: later)
    assert_counts_agree()
    assert sum(n for _, n in Case.objects.public_facet_rows()[0]) == 4


def test_rebuild_restores_the_counts():
    for n in range(3):
        make_case(year=2020 + n)
    FacetCount.objects.all().delete()
    from django.core.management import call_command

    call_command("rebuild_search_index", verbosity=0)
    assert_counts_agree()


def theme_option(page, theme):
    """The theme checkbox and its label's count, as the list page's filter form shows them."""
    html = page.content.decode()
    start = html.index(f'id="theme-{theme.slug}"')
    tag = html[html.rindex("<input", 0, start) : html.index(">", start) + 1]
    label = html[start : html.index("</label>", start)]
    return ("disabled" in tag, label.rsplit('class="count">', 1)[1].split("<")[0])


def test_filter_form_follows_publishing_and_the_clock(client, monkeypatch):
    theme, other = make_theme(), make_theme()
    pairing = make_pairing()
    make_case(themes=[theme], pairings=[pairing])
    assert theme_option(client.get("/cases/"), other) == (True, "(0)")
    assert theme_option(client.get("/en/cases/"), other) == (True, "(0)")

    published = make_case(themes=[other], pairings=[pairing])
    assert theme_option(client.get("/cases/"), other) == (False, "(1)")
    assert theme_option(client.get(f"/cases/?pair={pairing.slug}"), other) == (False, "(1)")

    scheduled = make_case(themes=[other], pairings=[pairing], published_at=timezone.now() + timedelta(hours=1))
    assert theme_option(client.get("/en/cases/"), other) == (False, "(1)")
    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr("cases.models.timezone.now", lambda: later)
    assert theme_option(client.get("/en/cases/"), other) == (False, "(2)")

    published.status = scheduled.status = Status.WITHDRAWN
    published.save()
    scheduled.save()
    assert theme_option(client.get("/en/cases/"), other) == (True, "(0)")


def test_pages_show_reference_changes_at_once(client):
    """Themes, provinces and pairings are kept per process; every change to them reaches the next page."""
    theme, pairing = make_theme(name_zh="产业合作"), make_pairing()
    case = make_case(themes=[theme], pairings=[pairing])
    for path in ("/cases/", f"/cases/{case.slug}/", "/provinces/"):
        assert client.get(path).status_code == 200

    theme.name_zh = "产业振兴"
    theme.save()
    assert "产业振兴" in client.get("/cases/").content.decode()
    assert "产业振兴" in client.get(f"/cases/{case.slug}/").content.decode()

    pairing.east.name_zh = "新东省"
    pairing.east.save()
    assert "新东省" in client.get("/provinces/").content.decode()

    new_pairing = make_pairing()
    assert f'value="{new_pairing.slug}"' in client.get("/cases/").content.decode()
    assert client.get(f"/cases/?pair={new_pairing.slug}").context["filter"].form.errors == {}

    new_pairing.delete()
    assert f'value="{new_pairing.slug}"' not in client.get("/cases/").content.decode()
