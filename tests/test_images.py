"""cases/images.py, the responsive_image tag and regenerate_renditions. Every image is drawn here, in memory."""

import io
import re
import struct
import time
import warnings
import zlib
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation
from django.utils.functional import Promise
from PIL import Image, ImageCms

from cases import images
from cases.images import (
    clean_image,
    delete_renditions,
    make_renditions,
    rendition_name,
    rendition_names,
    rendition_widths,
    renditions,
    validate_image,
)
from cases.models import Case, CaseImage

from .factories import make_case

EXIF_ORIENTATION = 0x0112
EXIF_MAKE = 0x010F
GPS_IFD = 0x8825
RED, BLUE = (220, 20, 20), (20, 20, 220)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """A throwaway MEDIA_ROOT per test: nothing is written to var/test-media."""
    settings.MEDIA_ROOT = tmp_path
    settings.MEDIA_URL = "/media/"
    return tmp_path


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def encode(im, fmt, **options):
    buffer = io.BytesIO()
    im.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def photo(size=(64, 48), fmt="JPEG", mode="RGB", color=RED, **options):
    return encode(Image.new(mode, size, color), fmt, **options)


def upload(data, name="photo.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def refusal(file):
    """The ValidationError validate_image raises for `file` (and nothing else may escape)."""
    with pytest.raises(ValidationError) as caught:
        validate_image(file)
    return caught.value


def png_bomb(width=30000, height=30000):
    """A 1-bit PNG declaring width × height pixels: about a hundred bytes, built without the pixels.

    The header is real and the IDAT holds the first rows, so the file is what an attacker would send
    (a real bomb compresses its 900 megapixels of zeros to ~100 KB; the refusal never reads past the header).
    """

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1 bit, greyscale
    rows = zlib.compress(b"\0" * (1 + (width + 7) // 8) * 8)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def opened(file_or_bytes):
    data = file_or_bytes if isinstance(file_or_bytes, bytes) else file_or_bytes.read()
    im = Image.open(io.BytesIO(data))
    im.load()
    return im


# validate_image ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt, name", [("JPEG", "a.jpg"), ("PNG", "a.png"), ("WEBP", "a.webp")])
def test_a_valid_image_in_each_format_passes_and_keeps_its_format(fmt, name):
    file = upload(photo(fmt=fmt), name)
    validate_image(file)
    assert file.tell() == 0  # Rewound for Django to save.
    cleaned = clean_image(file)
    assert opened(cleaned).format == fmt
    assert cleaned.name == name
    assert file.tell() == 0


def test_the_extension_follows_the_format_not_the_upload():
    assert clean_image(upload(photo(), "Photo.JPG")).name == "Photo.jpg"
    assert clean_image(upload(photo(), "IMG_1.jpeg")).name == "IMG_1.jpg"
    png = clean_image(upload(photo(fmt="PNG"), "photo.jpg"))
    assert png.name == "photo.png"
    assert opened(png).format == "PNG"


def test_a_text_file_named_jpg_is_refused():
    error = refusal(upload(b"Dear editor, this is not a photo.\n" * 20, "photo.jpg"))
    assert error.code == "not_an_image"
    assert error.messages == ["This file is not an image Xiezuo can read: upload a JPEG, PNG or WebP photo."]


def test_a_truncated_jpeg_is_refused():
    data = photo(size=(400, 300), quality=95)
    assert refusal(upload(data[: len(data) // 2])).code == "not_an_image"


def test_an_empty_file_is_refused():
    assert refusal(upload(b"")).code == "not_an_image"


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_image_formats_are_refused_naming_the_allowed_ones(fmt):
    error = refusal(upload(photo(fmt=fmt), "photo.jpg"))
    assert error.code == "unsupported_format"
    assert error.messages == [f"This is a {fmt} file; upload a JPEG, PNG or WebP photo instead."]


def test_an_svg_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    assert refusal(upload(svg, "drawing.svg")).code == "not_an_image"


def test_a_decompression_bomb_is_refused_quickly_from_its_header():
    data = png_bomb()
    assert len(data) < 1000
    file = upload(data, "bomb.png")
    start = time.perf_counter()
    error = refusal(file)
    assert time.perf_counter() - start < 1
    assert error.code == "too_many_pixels"
    assert error.messages == ["The image is 30000 × 30000 pixels; the limit is 40 megapixels."]
    assert file.tell() == 0


def test_just_over_the_pixel_limit_is_refused_and_at_the_limit_is_not():
    # 8000 × 5001 = 40,008,000 pixels; 8000 × 5000 is exactly 40 megapixels (the header is enough to decide).
    assert refusal(upload(png_bomb(8000, 5001), "big.png")).code == "too_many_pixels"
    validate_image(upload(png_bomb(8000, 5000), "big.png"))  # Its short IDAT decodes as zeros: Pillow allows it.


def test_a_truncated_png_is_refused():
    data = encode(Image.effect_noise((200, 200), 64), "PNG")
    assert refusal(upload(data[: len(data) // 2], "noise.png")).code == "not_an_image"


@pytest.mark.parametrize("limit", [100, 300])  # 20 × 20 = 400 pixels: over 2 × 100 raises, over 300 warns.
def test_pillows_own_decompression_bomb_check_becomes_the_same_validation_error(monkeypatch, limit):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", limit)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        error = refusal(upload(photo(size=(20, 20))))
    assert error.code == "too_many_pixels"
    assert error.messages == ["The image is 20 × 20 pixels; the limit is 40 megapixels."]


def test_an_oversized_file_is_refused_with_its_size():
    file = upload(photo())
    file.size = 12_900_000  # 12.3 MB: decided from the size, before reading a byte.
    error = refusal(file)
    assert error.code == "file_too_large"
    assert error.messages == ["The file is 12.3 MB; images can be at most 10 MB."]


def test_a_file_just_over_the_limit_never_reads_as_ten_point_zero():
    file = upload(photo())
    file.size = images.MAX_UPLOAD_BYTES + 1
    assert refusal(file).messages == ["The file is 10.1 MB; images can be at most 10 MB."]
    file.size = images.MAX_UPLOAD_BYTES
    validate_image(file)


def test_a_real_file_over_ten_megabytes_is_refused():
    data = photo() + b"\0" * images.MAX_UPLOAD_BYTES  # A JPEG with 10 MB of trailing junk.
    assert refusal(ContentFile(data, "big.jpg")).code == "file_too_large"


def test_the_messages_are_translatable():
    error = refusal(upload(b"not an image"))
    assert isinstance(error.message, Promise)  # A lazy msgid, not a string frozen in English...
    with translation.override("zh-hans"):
        assert str(error.message)  # ...rendered in the language of the request.


# clean_image -------------------------------------------------------------------------------------------


def phone_photo():
    """A 40 × 20 JPEG as phones write them: stored sideways (Orientation 6), red on the left, blue on the
    right, with GPS coordinates, camera make, a comment and an ICC profile."""
    im = Image.new("RGB", (40, 20), RED)
    im.paste(BLUE, (20, 0, 40, 20))
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = 6
    exif[EXIF_MAKE] = "Phone maker"
    exif[GPS_IFD] = {1: "N", 2: (30.0, 40.0, 12.5), 3: "E", 4: (104.0, 3.0, 55.0)}
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = encode(im, "JPEG", quality=95, exif=exif, icc_profile=srgb, comment=b"shot at the tea farm")
    original = Image.open(io.BytesIO(data))
    assert original.getexif().get_ifd(GPS_IFD) and "icc_profile" in original.info  # The fixture is what we say.
    return data


def test_a_phone_photo_comes_out_upright_and_without_any_metadata():
    cleaned = opened(clean_image(upload(phone_photo(), "IMG_0001.JPG")))
    assert cleaned.size == (20, 40)  # Turned: width and height swapped.
    # Orientation 6 means "turn 90° clockwise to view": the left (red) half ends on top.
    top, bottom = cleaned.getpixel((10, 5)), cleaned.getpixel((10, 35))
    assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]
    assert not cleaned.getexif()
    assert not cleaned.getexif().get_ifd(GPS_IFD)
    assert not {"exif", "icc_profile", "comment", "xmp", "photoshop"} & set(cleaned.info)
    assert cleaned.info.get("progressive")


def test_png_text_exif_and_profile_are_stripped_and_a_palette_stays_a_palette():
    from PIL.PngImagePlugin import PngInfo

    im = Image.new("P", (30, 30), 1)
    im.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    text = PngInfo()
    text.add_text("Author", "someone")
    exif = Image.Exif()
    exif[EXIF_MAKE] = "Phone maker"
    data = encode(im, "PNG", pnginfo=text, exif=exif, transparency=0)
    cleaned = opened(clean_image(upload(data, "map.png")))
    assert cleaned.mode == "P"
    assert cleaned.info == {"transparency": 0}
    assert cleaned.getpixel((5, 5)) == 1


def test_a_transparent_png_keeps_its_alpha():
    data = photo(fmt="PNG", mode="RGBA", color=(0, 0, 255, 0))
    assert opened(clean_image(upload(data, "logo.png"))).mode == "RGBA"


def test_a_cmyk_jpeg_becomes_rgb():
    cleaned = opened(clean_image(upload(photo(mode="CMYK", color=(0, 255, 255, 0)))))
    assert cleaned.mode == "RGB"
    assert cleaned.getpixel((0, 0))[0] > 200


def test_a_multi_picture_jpeg_from_a_phone_is_a_jpeg():
    # Phones add depth maps or previews as extra pictures: Pillow reads such a JPEG as "MPO".
    data = encode(Image.new("RGB", (64, 48), RED), "MPO", save_all=True, append_images=[Image.new("RGB", (32, 24))])
    assert Image.open(io.BytesIO(data)).format == "MPO"
    cleaned = clean_image(upload(data, "portrait.jpg"))
    assert cleaned.name == "portrait.jpg"
    assert opened(cleaned).format == "JPEG"


def test_a_broken_icc_profile_is_dropped_not_fatal():
    cleaned = opened(clean_image(upload(photo(icc_profile=b"not a profile"))))
    assert "icc_profile" not in cleaned.info


def test_clean_image_refuses_what_validate_image_refuses():
    with pytest.raises(ValidationError):
        clean_image(upload(photo(fmt="GIF"), "photo.gif"))


# Renditions --------------------------------------------------------------------------------------------


def store(data, name="cases/2026/tea.jpg"):
    return default_storage.save(name, ContentFile(data))


def stored_files(folder):
    return [p for p in Path(default_storage.path(folder)).rglob("*") if p.is_file()]


def test_rendition_names_are_deterministic():
    assert rendition_name("cases/2026/tea.jpg", 800, "webp") == "renditions/cases/2026/tea-jpg-800w.webp"
    assert rendition_name("cases/2026/tea.jpg", 800, "jpeg") == "renditions/cases/2026/tea-jpg-800w.jpg"
    assert rendition_name("cases/2026/tea.png", 480, "JPG") == "renditions/cases/2026/tea-png-480w.jpg"
    assert rendition_name("tea.jpg", 480, "webp") == "renditions/tea-jpg-480w.webp"
    with pytest.raises(ValueError):
        rendition_name("cases/2026/tea.jpg", 800, "gif")


def test_rendition_widths_never_upscale_and_always_give_one():
    assert rendition_widths(2000) == [480, 800, 1200, 1600]
    assert rendition_widths(1600) == [480, 800, 1200, 1600]
    assert rendition_widths(1000) == [480, 800, 1000]
    assert rendition_widths(600) == [480, 600]
    assert rendition_widths(300) == [300]
    assert rendition_widths(None) == []


def test_renditions_of_a_wide_image():
    name = store(photo(size=(2000, 1000)))
    written = make_renditions(name)
    assert sorted(written) == sorted(
        f"renditions/cases/2026/tea-jpg-{w}w.{ext}" for w in (480, 800, 1200, 1600) for ext in ("webp", "jpg")
    )
    assert written == rendition_names(name, 2000)
    for rendition in written:
        assert default_storage.exists(rendition)
    with default_storage.open("renditions/cases/2026/tea-jpg-800w.webp") as f:
        webp = opened(f.read())
    assert (webp.format, webp.size) == ("WEBP", (800, 400))
    with default_storage.open("renditions/cases/2026/tea-jpg-1600w.jpg") as f:
        jpeg = opened(f.read())
    assert (jpeg.format, jpeg.size) == ("JPEG", (1600, 800))


def test_renditions_of_a_narrow_image_include_its_own_width():
    name = store(photo(size=(600, 401)))
    written = make_renditions(name)
    assert sorted(written) == sorted(
        f"renditions/cases/2026/tea-jpg-{w}w.{ext}" for w in (480, 600) for ext in ("webp", "jpg")
    )
    with default_storage.open("renditions/cases/2026/tea-jpg-480w.jpg") as f:
        assert opened(f.read()).size == (480, 321)
    with default_storage.open("renditions/cases/2026/tea-jpg-600w.webp") as f:
        assert opened(f.read()).size == (600, 401)


def test_existing_renditions_are_skipped_unless_forced():
    name = store(photo(size=(900, 600)))
    assert len(make_renditions(name)) == 6
    assert make_renditions(name) == []
    default_storage.delete("renditions/cases/2026/tea-jpg-800w.webp")
    assert make_renditions(name) == ["renditions/cases/2026/tea-jpg-800w.webp"]
    assert len(make_renditions(name, force=True)) == 6
    # Forced, files are replaced in place: no tea-jpg-800w_AbCdEf.webp beside them.
    assert sorted(p.name for p in stored_files("renditions")) == sorted(
        n.rsplit("/", 1)[1] for n in rendition_names(name, 900)
    )


def test_renditions_of_a_sideways_original_are_upright_and_clean():
    name = store(phone_photo())  # 40 × 20 stored, 20 × 40 upright; stored without clean_image.
    written = make_renditions(name)
    # Named after the stored width, the one Django keeps in image_width, so srcsets built from it exist.
    assert written == rendition_names(name, 40)
    with default_storage.open(rendition_name(name, 40, "jpeg")) as f:
        rendition = opened(f.read())
    assert rendition.size == (40, 80)
    assert not rendition.getexif() and "icc_profile" not in rendition.info


def test_transparent_renditions_get_white_in_jpeg_and_keep_alpha_in_webp():
    name = store(photo(size=(500, 100), fmt="PNG", mode="RGBA", color=(0, 0, 0, 0)), "cases/2026/logo.png")
    make_renditions(name)
    with default_storage.open(rendition_name(name, 480, "jpeg")) as f:
        assert opened(f.read()).getpixel((10, 10)) == (255, 255, 255)
    with default_storage.open(rendition_name(name, 480, "webp")) as f:
        assert opened(f.read()).getpixel((10, 10))[3] == 0


def test_make_renditions_of_a_missing_original_raises():
    with pytest.raises(FileNotFoundError):
        make_renditions("cases/2026/gone.jpg")


def test_delete_removes_the_renditions_and_nothing_else():
    tea = store(photo(size=(900, 600)))
    other = store(photo(size=(900, 600), fmt="PNG"), "cases/2026/tea.png")  # Same stem, another image.
    longer = store(photo(size=(900, 600)), "cases/2026/tea-2.jpg")
    for name in (tea, other, longer):
        make_renditions(name)
    deleted = delete_renditions(tea)
    assert sorted(deleted) == sorted(rendition_names(tea, 900))
    assert not any(default_storage.exists(n) for n in deleted)
    for name in (other, longer):
        assert all(default_storage.exists(n) for n in rendition_names(name, 900))
    assert default_storage.exists(tea)  # The original is the caller's business.
    assert delete_renditions(tea) == []
    assert delete_renditions("cases/1999/never.jpg") == []


def test_srcsets_are_built_from_names_alone():
    found = renditions("cases/2026/tea.jpg", 1000, 750)  # Nothing stored: no storage access needed.
    assert found.webp_srcset == (
        "/media/renditions/cases/2026/tea-jpg-480w.webp 480w, "
        "/media/renditions/cases/2026/tea-jpg-800w.webp 800w, "
        "/media/renditions/cases/2026/tea-jpg-1000w.webp 1000w"
    )
    assert found.jpeg_srcset == (
        "/media/renditions/cases/2026/tea-jpg-480w.jpg 480w, "
        "/media/renditions/cases/2026/tea-jpg-800w.jpg 800w, "
        "/media/renditions/cases/2026/tea-jpg-1000w.jpg 1000w"
    )
    assert found.src == "/media/renditions/cases/2026/tea-jpg-1000w.jpg"
    assert (found.width, found.height) == (1000, 750)


def test_without_dimensions_or_renditions_the_original_is_the_src():
    for found in (
        renditions("cases/2026/tea.jpg", None, None),
        renditions("cases/2026/tea.jpg", 900, 600, available=False),
    ):
        assert found.src == "/media/cases/2026/tea.jpg"
        assert found.webp_srcset == found.jpeg_srcset == ""


# The template tag --------------------------------------------------------------------------------------


def render(source, **context):
    return Template("{% load images %}" + source).render(Context(context))


@pytest.mark.django_db
def test_the_tag_writes_a_picture_with_both_srcsets():
    case = make_case(image_alt_en='Tea pickers on "Jiulong" <hill> & co')
    case.image.save("tea.jpg", ContentFile(photo(size=(1000, 750)), name="tea.jpg"))
    html = render(
        '{% responsive_image case.image alt=case.image_alt_en sizes="(min-width: 60rem) 60rem, 100vw" lazy=True %}',
        case=case,
    )
    name = case.image.name
    webp = ", ".join(f"/media/{rendition_name(name, w, 'webp')} {w}w" for w in (480, 800, 1000))
    jpeg = ", ".join(f"/media/{rendition_name(name, w, 'jpeg')} {w}w" for w in (480, 800, 1000))
    sizes = "(min-width: 60rem) 60rem, 100vw"
    assert html == (
        f'<picture><source type="image/webp" srcset="{webp}" sizes="{sizes}">'
        f'<img src="/media/{rendition_name(name, 1000, "jpeg")}" srcset="{jpeg}" sizes="{sizes}" '
        'width="1000" height="750" alt="Tea pickers on &quot;Jiulong&quot; &lt;hill&gt; &amp; co" '
        'loading="lazy" decoding="async"></picture>'
    )


@pytest.mark.django_db
def test_the_tag_reads_dimensions_from_the_model_without_opening_the_file():
    case = make_case()
    case.image.save("tea.jpg", ContentFile(photo(size=(700, 500)), name="tea.jpg"))
    # A named ContentFile: Django fills image_width/image_height from it (an unnamed one leaves them None).
    assert (case.image_width, case.image_height) == (700, 500)
    default_storage.delete(case.image.name)  # Opening the file now would fail.
    case = Case.objects.get(pk=case.pk)  # As a page loads it.
    html = render("{% responsive_image case.image lazy=False %}", case=case)
    assert 'width="700" height="500"' in html
    assert 'alt=""' in html
    assert "loading=" not in html
    assert 'sizes="100vw"' in html


def test_the_tag_takes_explicit_dimensions_and_extra_attributes():
    html = render(
        '{% responsive_image name width=900 height=600 alt="" class="card__image" fetchpriority="high" %}',
        name="cases/2026/tea.jpg",
    )
    assert html.startswith("<picture><source ")
    assert '<img src="/media/renditions/cases/2026/tea-jpg-900w.jpg" ' in html
    assert (
        'width="900" height="600" alt="" loading="lazy" decoding="async" class="card__image" fetchpriority="high">'
        in html
    )


def test_the_tag_without_dimensions_shows_the_original():
    html = render('{% responsive_image name alt="Tea" %}', name="cases/2026/tea.jpg")
    assert html == '<img src="/media/cases/2026/tea.jpg" alt="Tea" loading="lazy" decoding="async">'


@pytest.mark.django_db
def test_the_tag_gives_nothing_for_an_empty_image():
    case = make_case()
    assert render("{% responsive_image case.image alt='x' %}", case=case) == ""
    assert render("{% responsive_image missing alt='x' %}") == ""


@pytest.mark.django_db
def test_the_upload_flow_the_models_will_use():
    """clean_image, save, make_renditions: the stored dimensions are the upright ones."""
    case = make_case()
    cleaned = clean_image(upload(phone_photo(), "IMG_0001.JPG"))
    case.image.save(cleaned.name, cleaned)
    case = Case.objects.get(pk=case.pk)
    assert re.fullmatch(r"cases/\d{4}/IMG_0001(_\w+)?\.jpg", case.image.name)
    assert (case.image_width, case.image_height) == (20, 40)
    assert make_renditions(case.image.name, storage=case.image.storage) == rendition_names(case.image.name, 20)
    html = render("{% responsive_image case.image alt='Tea' %}", case=case)
    assert 'width="20" height="40"' in html


# regenerate_renditions ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_makes_renditions_for_cases_and_gallery_images():
    case = make_case()
    case.image.save("x.jpg", ContentFile(photo(size=(900, 600)), name="x.jpg"))
    gallery = CaseImage(case=case, alt_zh="茶园", alt_en="Tea garden")
    gallery.image.save("g.png", ContentFile(photo(size=(300, 200), fmt="PNG"), name="g.png"))
    out = StringIO()
    call_command("regenerate_renditions", stdout=out)
    assert "2 images, 8 rendition files written." in out.getvalue()  # 480, 800, 900 + 300, in two formats.
    assert all(default_storage.exists(n) for n in rendition_names(case.image.name, 900))
    assert all(default_storage.exists(n) for n in rendition_names(gallery.image.name, 300))

    out = StringIO()
    call_command("regenerate_renditions", stdout=out)
    assert "2 images, 0 rendition files written." in out.getvalue()
    out = StringIO()
    call_command("regenerate_renditions", "--force", stdout=out)
    assert "2 images, 8 rendition files written." in out.getvalue()


@pytest.mark.django_db
def test_the_command_reports_a_missing_or_broken_file_and_goes_on():
    fine = make_case()
    fine.image.save("fine.jpg", ContentFile(photo(size=(500, 300)), name="fine.jpg"))
    gone = make_case()
    gone.image.save("gone.jpg", ContentFile(photo(), name="gone.jpg"))
    default_storage.delete(gone.image.name)
    broken = make_case()
    broken.image.save("broken.jpg", ContentFile(photo(), name="broken.jpg"))
    with default_storage.open(broken.image.name, "wb") as f:
        f.write(b"no longer a photo")
    out, err = StringIO(), StringIO()
    call_command("regenerate_renditions", stdout=out, stderr=err)
    assert "1 images, 4 rendition files written; 1 missing, 1 unreadable" in out.getvalue()
    assert f"Missing file, skipped: Case {gone.pk}: {gone.image.name}" in err.getvalue()
    assert f"Case {broken.pk}: {broken.image.name}" in err.getvalue()
