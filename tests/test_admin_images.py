"""Images as editors meet them in admin: every rule enforced on upload, files kept in step with the data."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from cases.images import rendition_name
from cases.models import Case, CaseImage

from .test_images import phone_photo, photo, png_bomb
from .test_workflow import change_url, form_data, new_draft

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def editor(reference_data):
    user = User.objects.create_user("writer", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    client = Client()
    client.force_login(user)
    return client


def post_image(client, case, data, name, **extra):
    upload = SimpleUploadedFile(name, data, content_type="image/jpeg")
    fields = form_data(case, image_alt_zh="茶园", image_alt_en="Tea garden", **extra)
    return client.post(change_url(case), {**fields, "image": upload})


def image_errors(response):
    return [str(e) for e in response.context["adminform"].form.errors.get("image", [])]


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"just some text, not a picture", "photo.jpg", "无法读取这个文件中的图片"),
        (photo(fmt="GIF"), "anim.gif", "这是 GIF 格式的文件"),
        (png_bomb(), "bomb.png", "图片为 30000 × 30000 像素，上限为 40 百万像素"),
        (b"\xff\xd8\xff" + b"\0" * (10 * 1024 * 1024 + 1), "huge.jpg", "文件大小为 10.1 MB，图片最大 10 MB"),
    ],
)
def test_bad_uploads_get_a_clear_form_error_and_nothing_is_lost(editor, data, name, message):
    case = new_draft()
    response = post_image(editor, case, data, name, body_zh="编辑刚写好的正文")
    assert response.status_code == 200
    assert any(message in error for error in image_errors(response)), image_errors(response)
    assert "编辑刚写好的正文" in response.text  # the rest of the form is kept
    case.refresh_from_db()
    assert not case.image and case.body_zh == "正文"


@pytest.mark.parametrize("fmt, name", [("JPEG", "a.jpg"), ("PNG", "b.png"), ("WEBP", "c.webp")])
def test_a_valid_image_in_each_format_is_stored_with_renditions(
    editor, media, django_capture_on_commit_callbacks, fmt, name
):
    case = new_draft()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_image(editor, case, photo(size=(900, 600), fmt=fmt), name)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.image.name.endswith(name[-4:].replace(".", "."))
    assert (case.image_width, case.image_height) == (900, 600)
    for width in (480, 800, 900):
        for kind in ("webp", "jpeg"):
            assert (media / rendition_name(case.image.name, width, kind)).exists()
    page = editor.get(f"/preview/{case.pk}/").text
    assert rendition_name(case.image.name, 800, "webp") in page


def test_phone_photo_is_turned_upright_and_loses_its_gps(editor, media, django_capture_on_commit_callbacks):
    case = new_draft()
    with django_capture_on_commit_callbacks(execute=True):
        assert post_image(editor, case, phone_photo(), "IMG_0001.JPG").status_code == 302
    case.refresh_from_db()
    stored = Image.open(media / case.image.name)
    assert stored.size == (20, 40) == (case.image_width, case.image_height)
    assert not stored.getexif() and "exif" not in stored.info and "icc_profile" not in stored.info
    for path in media.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            assert b"Phone maker" not in raw and b"GPS" not in raw, path


def test_lead_image_needs_alt_text_in_both_languages(editor):
    case = new_draft()
    upload = SimpleUploadedFile("a.jpg", photo(), content_type="image/jpeg")
    response = editor.post(change_url(case), {**form_data(case, image_alt_zh="茶园", image_alt_en=""), "image": upload})
    assert response.status_code == 200
    assert "请用中英文描述题图" in response.text


def test_replacing_or_clearing_an_image_removes_its_old_files(editor, media, django_capture_on_commit_callbacks):
    case = new_draft()
    with django_capture_on_commit_callbacks(execute=True):
        post_image(editor, case, photo(size=(900, 600)), "first.jpg")
    case.refresh_from_db()
    first = case.image.name
    first_rendition = media / rendition_name(first, 480, "webp")
    assert (media / first).exists() and first_rendition.exists()
    with django_capture_on_commit_callbacks(execute=True):
        post_image(editor, case, photo(size=(900, 600), color=(0, 0, 0)), "second.jpg")
    case.refresh_from_db()
    assert case.image.name != first
    assert not (media / first).exists() and not first_rendition.exists()
    second = case.image.name
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(change_url(case), {**form_data(case), "image-clear": "on"})
    case.refresh_from_db()
    assert not case.image
    assert not (media / second).exists() and not (media / rendition_name(second, 480, "jpeg")).exists()


def test_gallery_images_upload_and_deleting_one_removes_its_files(editor, media, django_capture_on_commit_callbacks):
    case = new_draft()
    data = form_data(case)
    data.update(
        {
            "gallery-TOTAL_FORMS": 1,
            "gallery-INITIAL_FORMS": 0,
            "gallery-0-image": SimpleUploadedFile("g.png", photo(size=(700, 500), fmt="PNG")),
            "gallery-0-alt_zh": "村里的茶农",
            "gallery-0-alt_en": "Tea farmers in the village",
            "gallery-0-sort_order": 0,
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert editor.post(change_url(case), data).status_code == 302
    picture = CaseImage.objects.get(case=case)
    name = picture.image.name
    assert (media / rendition_name(name, 480, "webp")).exists()
    case.refresh_from_db()
    data = form_data(case)
    data.update({"gallery-TOTAL_FORMS": 1, "gallery-INITIAL_FORMS": 1, "gallery-0-id": picture.pk,
                 "gallery-0-case": case.pk, "gallery-0-alt_zh": picture.alt_zh, "gallery-0-alt_en": picture.alt_en,
                 "gallery-0-sort_order": 0, "gallery-0-DELETE": "on"})  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert editor.post(change_url(case), data).status_code == 302
    assert not CaseImage.objects.filter(case=case).exists()
    assert not (media / name).exists() and not (media / rendition_name(name, 480, "webp")).exists()


def test_gallery_image_alt_text_is_required(editor):
    case = new_draft()
    data = form_data(case)
    data.update(
        {
            "gallery-TOTAL_FORMS": 1,
            "gallery-INITIAL_FORMS": 0,
            "gallery-0-image": SimpleUploadedFile("g.png", photo(fmt="PNG")),
            "gallery-0-alt_zh": "",
            "gallery-0-alt_en": "",
            "gallery-0-sort_order": 0,
        }
    )
    assert editor.post(change_url(case), data).status_code == 200
    assert not CaseImage.objects.exists()


def test_deleting_a_whole_case_keeps_its_pictures_for_recovery(
    reference_data, media, django_capture_on_commit_callbacks
):
    case = new_draft()
    with django_capture_on_commit_callbacks(execute=True):
        picture = CaseImage(case=case, alt_zh="图", alt_en="Picture")
        picture.image.save("keep.png", ContentFile(photo(fmt="PNG")), save=False)
        picture.save()
    name = picture.image.name
    with django_capture_on_commit_callbacks(execute=True):
        Case.objects.filter(pk=case.pk).delete()
    assert (media / name).exists()
