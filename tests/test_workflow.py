"""The newsroom workflow in admin: roles, publishing, scheduling, preview, revisions, no lost updates."""

import threading
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from cases.models import Case, Pairing, Status, Theme

pytestmark = pytest.mark.django_db


def make_user(name, group=None, **extra):
    user = User.objects.create_user(name, password="pw", is_staff=True, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(demo_data):
    return logged_in(make_user("editor", "Editor"))


@pytest.fixture
def publisher(demo_data):
    return logged_in(make_user("publisher", "Publisher"))


def form_data(case, **changes):
    """What the admin change form posts for `case`, as the page would send it back."""
    data = {
        "title_zh": case.title_zh,
        "title_en": case.title_en,
        "slug": case.slug,
        "standfirst_zh": case.standfirst_zh,
        "standfirst_en": case.standfirst_en,
        "body_zh": case.body_zh,
        "body_en": case.body_en,
        "place_east_zh": case.place_east_zh,
        "place_east_en": case.place_east_en,
        "place_west_zh": case.place_west_zh,
        "place_west_en": case.place_west_en,
        "pairings": [p.pk for p in case.pairings.all()] if case.pk else [],
        "themes": [t.pk for t in case.themes.all()] if case.pk else [],
        "year": case.year,
        "image_alt_zh": case.image_alt_zh,
        "image_alt_en": case.image_alt_en,
        "image_credit": case.image_credit,
        "status": case.status,
        "published_at_0": timezone.localtime(case.published_at).strftime("%Y-%m-%d") if case.published_at else "",
        "published_at_1": timezone.localtime(case.published_at).strftime("%H:%M:%S") if case.published_at else "",
        "base_version": case.version,
    }
    for prefix, related in (("figures", case.figures.all()), ("sources", case.sources.all()), ("gallery", [])):
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = len(related)
        for i, obj in enumerate(related):
            data[f"{prefix}-{i}-id"] = obj.pk
            data[f"{prefix}-{i}-case"] = case.pk
            for field in obj._meta.concrete_fields:
                if field.name not in ("id", "case"):
                    value = field.value_from_object(obj)
                    data[f"{prefix}-{i}-{field.name}"] = "" if value is None else value
    data.update(changes)
    return data


def change_url(case):
    return reverse("admin:cases_case_change", args=[case.pk])


def new_draft(**fields):
    case = Case.objects.create(
        title_zh=fields.pop("title_zh", "新稿"),
        standfirst_zh="导语",
        body_zh="正文",
        year=2024,
        status=fields.pop("status", Status.DRAFT),
        **fields,
    )
    case.pairings.set([Pairing.objects.get(slug="zhejiang-sichuan")])
    case.themes.set([Theme.objects.get(slug="industry")])
    return case


def test_the_groups_have_the_right_permissions(db):
    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    publisher = set(Group.objects.get(name="Publisher").permissions.values_list("codename", flat=True))
    assert {"add_case", "change_case", "view_case"} <= editor
    assert not {"publish_case", "delete_case"} & editor
    assert editor < publisher
    assert {"publish_case", "delete_case"} <= publisher


def test_editor_writes_and_submits_but_cannot_publish_by_form(editor):
    case = new_draft()
    page = editor.get(change_url(case))
    assert page.status_code == 200
    assert 'value="published"' not in page.text  # the status menu offers draft and review only
    assert editor.post(change_url(case), form_data(case, status="review")).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.REVIEW
    # A crafted POST is refused too.
    response = editor.post(change_url(case), form_data(case, status="published"))
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == Status.REVIEW
    assert not Case.objects.published().filter(pk=case.pk).exists()


def test_editor_cannot_set_the_publication_time(editor):
    case = new_draft()
    editor.post(change_url(case), form_data(case, published_at_0="2020-01-01", published_at_1="09:00:00"))
    case.refresh_from_db()
    assert case.published_at is None


def test_editor_cannot_publish_by_bulk_action_or_crafted_action(editor):
    case = new_draft(status=Status.REVIEW)
    changelist = editor.get(reverse("admin:cases_case_changelist"))
    assert 'value="publish"' not in changelist.text
    assert 'value="submit_for_review"' in changelist.text
    for action in ("publish", "withdraw"):
        editor.post(reverse("admin:cases_case_changelist"), {"action": action, "_selected_action": [case.pk]})
        case.refresh_from_db()
        assert case.status == Status.REVIEW


def test_editor_cannot_change_a_published_case_or_delete(editor):
    case = Case.objects.get(slug="jiulong-tea")
    response = editor.post(change_url(case), form_data(case, title_zh="编辑偷偷改标题"))
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.title_zh != "编辑偷偷改标题"
    assert editor.post(reverse("admin:cases_case_delete", args=[case.pk]), {"post": "yes"}).status_code == 403
    assert editor.get(reverse("admin:cases_case_recoverlist")).status_code == 403


def test_publisher_publishes_by_form_and_it_is_logged(publisher):
    case = new_draft(status=Status.REVIEW)
    now = timezone.localtime()
    data = form_data(case, status="published", published_at_0=now.strftime("%Y-%m-%d"), published_at_1="00:00:00")
    assert publisher.post(change_url(case), data).status_code == 302
    assert Case.objects.published().filter(pk=case.pk).exists()
    entry = LogEntry.objects.filter(object_id=str(case.pk), change_message="已发布").get()
    assert entry.user.username == "publisher"


def test_bulk_actions_publish_withdraw_and_submit(publisher):
    drafts = [new_draft(title_zh=f"稿件{i}") for i in range(3)]
    url = reverse("admin:cases_case_changelist")
    ids = [c.pk for c in drafts]
    publisher.post(url, {"action": "submit_for_review", "_selected_action": ids})
    assert set(Case.objects.filter(pk__in=ids).values_list("status", flat=True)) == {Status.REVIEW}
    publisher.post(url, {"action": "publish", "_selected_action": ids})
    assert Case.objects.published().filter(pk__in=ids).count() == 3
    publisher.post(url, {"action": "withdraw", "_selected_action": ids[:1]})
    assert Case.objects.published().filter(pk__in=ids).count() == 2
    assert Case.objects.get(pk=ids[0]).status == Status.WITHDRAWN
    assert LogEntry.objects.filter(change_message="已撤回", user__username="publisher").count() == 1
    assert LogEntry.objects.filter(change_message="已发布", user__username="publisher").count() == 3


def test_scheduled_case_appears_at_its_time_without_any_job(publisher, client, monkeypatch):
    case = new_draft(status=Status.REVIEW)
    at = timezone.now().replace(microsecond=0) + timedelta(hours=1)
    local = timezone.localtime(at)
    data = form_data(case, status="published", published_at_0=local.strftime("%Y-%m-%d"),
                     published_at_1=local.strftime("%H:%M:%S"))  # fmt: skip
    assert publisher.post(change_url(case), data).status_code == 302
    changelist = publisher.get(reverse("admin:cases_case_changelist"), {"status": "scheduled"})
    assert case.title_zh in changelist.text and "已排期" in changelist.text

    def visible_at(moment):
        monkeypatch.setattr("cases.models.timezone.now", lambda: moment)
        return client.get(f"/cases/{case.slug}/").status_code == 200

    assert not visible_at(at - timedelta(seconds=1))
    assert visible_at(at)
    assert visible_at(at + timedelta(seconds=1))


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_preview_for_staff_404_for_everyone_else(editor, client, prefix):
    case = new_draft(title_zh="预览中的草稿", title_en="Draft under preview")
    url = f"{prefix}/preview/{case.pk}/"
    response = editor.get(url)
    assert response.status_code == 200
    assert ("预览中的草稿" if not prefix else "Draft under preview") in response.text
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert client.get(url).status_code == 404
    outsider = logged_in(User.objects.create_user("reader", password="pw"))
    assert outsider.get(url).status_code == 404
    assert client.get(f"{prefix}/preview/999999/").status_code == 404


def test_change_form_links_to_preview_and_explains_markdown(editor):
    case = new_draft()
    page = editor.get(change_url(case))
    assert f'href="/preview/{case.pk}/"' in page.text
    assert f'href="/en/preview/{case.pk}/"' in page.text
    assert "Markdown" in page.text and "## " in page.text


def test_changelist_shows_status_schedule_last_editor_and_change(publisher):
    case = new_draft()
    publisher.post(change_url(case), form_data(case, title_zh="改过的标题"))
    response = publisher.get(reverse("admin:cases_case_changelist"))
    for column in ("column-status_label", "column-published_at", "column-last_edited_by", "column-updated_at"):
        assert column in response.text
    assert "publisher" in response.text


def test_every_save_keeps_a_revision_that_can_be_compared_and_restored(editor):
    case = new_draft(title_zh="第一版标题")
    editor.post(change_url(case), form_data(case, title_zh="第二版标题"))
    case.refresh_from_db()
    editor.post(change_url(case), form_data(case, title_zh="第三版标题", body_zh="新的正文"))
    case.refresh_from_db()
    versions = list(Version.objects.get_for_object(case).order_by("pk"))
    assert [v.field_dict["title_zh"] for v in versions] == ["第二版标题", "第三版标题"]
    assert all(v.revision.user.username == "editor" for v in versions)

    history = editor.get(reverse("admin:cases_case_history", args=[case.pk]))
    assert history.status_code == 200
    assert history.text.count('type="radio" name="a"') == 2 and "editor" in history.text
    compare = editor.get(
        reverse("admin:cases_case_compare", args=[case.pk]), {"a": versions[0].pk, "b": versions[1].pk}
    )
    assert compare.status_code == 200
    assert "第二版标题" in compare.text and "第三版标题" in compare.text and "新的正文" in compare.text

    restore_url = reverse("admin:cases_case_revision", args=[case.pk, versions[0].pk])
    assert "第二版标题" in editor.get(restore_url).text
    case.refresh_from_db()
    assert case.title_zh == "第三版标题"  # looking at an old revision changes nothing
    assert editor.post(restore_url, form_data(case, title_zh="第二版标题", body_zh="正文")).status_code == 302
    case.refresh_from_db()
    assert (case.title_zh, case.body_zh) == ("第二版标题", "正文")
    assert case.version > versions[-1].revision.case_meta.case_version


def test_second_save_from_a_stale_form_is_refused_and_its_text_kept(demo_data):
    case = new_draft(title_zh="原标题")
    first, second = logged_in(make_user("a", "Editor")), logged_in(make_user("b", "Editor"))
    first.post(change_url(case), form_data(case))  # written in admin, so every version is on record
    case.refresh_from_db()
    first.get(change_url(case)), second.get(change_url(case))
    stale = form_data(case)  # both opened the same version
    assert first.post(change_url(case), {**stale, "title_zh": "甲改的标题"}).status_code == 302
    response = second.post(change_url(case), {**stale, "body_zh": "乙写的大段正文"})
    assert response.status_code == 200
    assert "在你打开这个案例之后" in response.text
    assert "原标题" in response.text and "甲改的标题" in response.text  # what changed meanwhile
    assert "乙写的大段正文" in response.text  # their text is still in the form
    case.refresh_from_db()
    assert (case.title_zh, case.body_zh) == ("甲改的标题", "正文")
    # Having seen the change, saving again (now from the current version) goes through.
    form = response.context["adminform"].form
    retry = {**stale, "title_zh": "甲改的标题", "body_zh": "乙写的大段正文", "base_version": form.data["base_version"]}
    assert second.post(change_url(case), retry).status_code == 302
    case.refresh_from_db()
    assert (case.title_zh, case.body_zh) == ("甲改的标题", "乙写的大段正文")


@pytest.mark.django_db(transaction=True)
def test_two_truly_concurrent_saves_cannot_both_win(editor_groups):
    from django.core.management import call_command

    call_command("load_demo_data", verbosity=0)
    case = new_draft(title_zh="并发")
    users = [make_user("one", "Editor"), make_user("two", "Editor")]
    stale = form_data(case)
    clients = [logged_in(user) for user in users]
    barrier = threading.Barrier(2, timeout=30)
    statuses, errors = {}, []

    def save(client, name):
        try:
            barrier.wait()
            statuses[name] = client.post(change_url(case), {**stale, "body_zh": f"{name}的正文"}).status_code
        except Exception as error:  # reported by the assertion below
            errors.append(error)
            barrier.abort()
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(client, user.username), daemon=True)
        for client, user in zip(clients, users, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(statuses.values()) == [200, 302]
    winner = next(name for name, status in statuses.items() if status == 302)
    case.refresh_from_db()
    assert case.body_zh == f"{winner}的正文"
    assert case.version == stale["base_version"] + 1


def test_delete_asks_first_and_a_publisher_can_recover_it(publisher, client):
    case = Case.objects.get(slug="jiulong-tea")
    figures = case.figures.count()
    confirm = publisher.get(reverse("admin:cases_case_delete", args=[case.pk]))
    assert confirm.status_code == 200 and "确定" in confirm.text
    # Deletion of something edited in admin is recoverable from its revisions.
    publisher.post(change_url(case), form_data(case))
    publisher.post(reverse("admin:cases_case_delete", args=[case.pk]), {"post": "yes"})
    assert not Case.objects.filter(slug="jiulong-tea").exists()
    assert client.get("/cases/jiulong-tea/").status_code == 404
    recover_list = publisher.get(reverse("admin:cases_case_recoverlist"))
    assert case.title_zh in recover_list.text
    deleted = Version.objects.get_deleted(Case).get(object_id=str(case.pk))
    recover_url = reverse("admin:cases_case_recover", args=[deleted.pk])
    fields = deleted.field_dict
    m2m = {"pairings": fields.pop("pairings"), "themes": fields.pop("themes")}
    data = form_data(Case(**fields), **m2m)
    for prefix in ("figures", "sources", "gallery"):
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = 0
    response = publisher.post(recover_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    restored = Case.objects.get(slug="jiulong-tea")
    assert restored.figures.count() == figures
    assert client.get("/cases/jiulong-tea/").status_code == 200


def test_old_slugs_redirect_permanently(publisher, client):
    case = Case.objects.get(slug="jiulong-tea")
    publisher.post(change_url(case), form_data(case, slug="jiulong-mountain-tea"))
    for prefix in ("", "/en"):
        response = client.get(f"{prefix}/cases/jiulong-tea/")
        assert response.status_code == 301
        assert response["Location"] == f"{prefix}/cases/jiulong-mountain-tea/"
    # An internal link written with the old slug still reaches the story.
    assert client.get("/cases/jiulong-tea/", follow=True).status_code == 200
    # Changing back makes the first slug live again, and the second one redirects.
    case.refresh_from_db()
    publisher.post(change_url(case), form_data(case, slug="jiulong-tea"))
    assert client.get("/cases/jiulong-tea/").status_code == 200
    assert client.get("/cases/jiulong-mountain-tea/").status_code == 301


def test_old_slug_of_an_unpublished_case_stays_404(publisher, client):
    case = new_draft()
    publisher.post(change_url(case), form_data(case, slug="renamed-draft"))
    assert client.get(f"/cases/{case.slug}/").status_code == 404
