"""Uploaded photos: validation, cleaning (orientation, metadata, colour) and responsive renditions.

Editors upload photos straight from their phones: large, often rotated by an EXIF tag, with GPS
coordinates and camera details inside. The functions here, in the order an upload meets them:

- ``validate_image(file)`` refuses anything that is not a JPEG, PNG or WebP Pillow can decode, that is
  too large in bytes, or too large in pixels (checked from the header, before any pixel is decoded);
- ``clean_image(file)`` returns the file to store: upright, in sRGB, without any metadata;
- ``make_renditions(name)`` writes the WebP and JPEG copies at ``RENDITION_WIDTHS`` once, after the
  original is stored; ``delete_renditions(name)`` removes them when the original goes;
- ``renditions(name, width, height)`` builds the ``srcset`` strings for a page from names alone,
  without touching the storage (the ``responsive_image`` template tag uses it).
"""

import io
import logging
import math
import posixpath
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, JpegImagePlugin, PngImagePlugin, WebPImagePlugin

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000

# Pillow's format name -> the extension a cleaned file gets.
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
# Phones often write JPEGs with extra pictures (MPO: depth maps, previews); they are JPEGs to us.
FORMAT_ALIASES = {"MPO": "JPEG"}
# The plugins that read the header of each accepted format, without Pillow's decompression-bomb check,
# so our own pixel limit answers first, with the image's dimensions.
HEADER_READERS = {
    "JPEG": JpegImagePlugin.JpegImageFile,
    "PNG": PngImagePlugin.PngImageFile,
    "WEBP": WebPImagePlugin.WebPImageFile,
}

# How a cleaned original is saved, per format.
SAVE_OPTIONS = {
    "JPEG": {"quality": 88, "progressive": True, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 85},
}

RENDITION_WIDTHS = (480, 800, 1200, 1600)
RENDITION_DIR = "renditions"
# Rendition format -> (Pillow format, extension, save options).
RENDITION_FORMATS = {
    "webp": ("WEBP", "webp", {"quality": 80, "method": 4}),
    "jpeg": ("JPEG", "jpg", {"quality": 82, "progressive": True, "optimize": True}),
}
FORMAT_NAMES = {"webp": "webp", "jpeg": "jpeg", "jpg": "jpeg"}

WHITE = (255, 255, 255)
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))

MESSAGES = {
    "file_too_large": _("The file is %(size)s MB; images can be at most %(limit)s MB."),
    "not_an_image": _("This file is not an image Xiezuo can read: upload a JPEG, PNG or WebP photo."),
    "unsupported_format": _("This is a %(format)s file; upload a JPEG, PNG or WebP photo instead."),
    "too_many_pixels": _("The image is %(width)s × %(height)s pixels; the limit is %(limit)s megapixels."),
}


def _error(code, **params):
    return ValidationError(MESSAGES[code], code=code, params=params or None)


def _number(value):
    """12.0 -> "12", 12.5 -> "12.5": limits and sizes as people write them."""
    return f"{value:g}"


# Validation ------------------------------------------------------------------------------------------


def _file_size(file):
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, io.SEEK_END)
        size = file.tell()
        file.seek(0)
    return size


def _size_error(size):
    limit = MAX_UPLOAD_BYTES / 1024 / 1024
    shown = round(size / 1024 / 1024, 1)
    if shown <= limit:  # 10 MB and a few bytes: say 10.1, never "10.0 MB; at most 10 MB".
        shown = math.ceil(size / 1024 / 1024 * 10) / 10
    return _error("file_too_large", size=_number(shown), limit=_number(limit))


def _pixel_error(width, height):
    return _error("too_many_pixels", width=width, height=height, limit=_number(MAX_PIXELS / 1_000_000))


def _read_header(file):
    """(format, (width, height)) of a JPEG, PNG or WebP from its header alone, or None for anything else.

    Nothing is decoded and Pillow's own decompression-bomb check is not involved, so a 30000 × 30000
    PNG of a few kilobytes costs only the header read.
    """
    for fmt, reader in HEADER_READERS.items():
        file.seek(0)
        try:
            # As a context manager, not close(): ImageFile.close() would close the caller's file too.
            with reader(file) as header:
                return fmt, header.size
        except Exception:  # Not this format (SyntaxError), or a header too broken to read.
            continue
    return None


def _open_checked(file):
    """The image in `file`, fully decoded, and its format ("JPEG", "PNG" or "WEBP"), or ValidationError.

    The checks, cheapest first: the byte size (no reading), the header (format and dimensions, no
    decoding), Pillow's verify() (PNG checksums), and finally decoding every pixel (truncated or
    corrupt data). Close the returned image with `with im:`, not im.close(), which would close `file`.
    """
    size = _file_size(file)
    if size > MAX_UPLOAD_BYTES:
        raise _size_error(size)

    header = _read_header(file)
    if header is None:
        raise _unsupported_or_unreadable(file)
    fmt, (width, height) = header
    if width * height > MAX_PIXELS:
        raise _pixel_error(width, height)
    if width < 1 or height < 1:
        raise _error("not_an_image")

    try:
        file.seek(0)
        with Image.open(file, formats=[fmt]) as im:
            im.verify()
        file.seek(0)
        im = Image.open(file, formats=[fmt])
        im.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        # Only when Pillow's own limit (Image.MAX_IMAGE_PIXELS) is set lower than ours: same answer.
        raise _pixel_error(width, height) from e
    except Exception as e:  # Truncated or corrupt data: Pillow raises OSError, SyntaxError, ValueError...
        raise _error("not_an_image") from e
    return FORMAT_ALIASES.get(im.format, im.format), im


def _unsupported_or_unreadable(file):
    """The error for a file that is not a JPEG, PNG or WebP: name its format when Pillow knows it."""
    file.seek(0)
    try:
        with Image.open(file) as im:
            fmt = im.format
    except Exception:  # Unidentified, corrupt, or a decompression bomb in another format: none is accepted.
        return _error("not_an_image")
    return _error("unsupported_format", format=fmt)


def validate_image(file):
    """Refuse an upload that is not a photo Xiezuo can use; return None when it is fine.

    `file` is a Django UploadedFile or File (anything with read/seek; its `size` is used when present).
    Raises django.core.exceptions.ValidationError, with one of these codes:

    - "file_too_large": more than MAX_UPLOAD_BYTES (10 MB), the actual size in the message;
    - "not_an_image": Pillow cannot decode it (whatever the file's name or content type says), or the
      data is truncated or corrupt;
    - "unsupported_format": an image in another format than JPEG, PNG or WebP (GIF, BMP, TIFF...);
    - "too_many_pixels": more than MAX_PIXELS (40 megapixels), decided from the header before any pixel
      is decoded. Pillow's DecompressionBombError and DecompressionBombWarning become this error too.

    The file is rewound (seek(0)) afterwards, so Django can still save it.
    """
    try:
        _open_checked(file)  # The decoded image is dropped here.
    finally:
        file.seek(0)


# Cleaning --------------------------------------------------------------------------------------------


def _to_8_bit(im):
    """16- and 32-bit images (some PNGs) as 8-bit L, scaled rather than clipped; others unchanged."""
    if im.mode in ("I", "I;16", "I;16L", "I;16B", "I;16N"):
        return im.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if im.mode == "F":
        return im.convert("L")
    return im


def _to_srgb(im):
    """The image converted to sRGB when it carries an ICC profile (Display P3 from phones, Adobe RGB...).

    Returns an image without the profile. A profile that is broken or does not fit the image's mode is
    dropped without conversion: the pixels are then read as sRGB, which is what a browser would do.
    """
    icc = im.info.get("icc_profile")
    if not icc:
        return im
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if im.mode in ("RGB", "RGBA", "CMYK", "L"):
            source = im
        else:
            source = _to_8_bit(im).convert("RGBA" if im.has_transparency_data else "RGB")
        output_mode = "RGBA" if source.mode == "RGBA" else "RGB"
        converted = ImageCms.profileToProfile(
            source, profile, SRGB, renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode=output_mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        logger.info("Dropped an ICC profile that could not be applied to a %s image.", im.mode)
        converted = im.copy()
    converted.info.pop("icc_profile", None)
    return converted


def _flatten(im, background=WHITE):
    """An RGB or L image: transparency composited on `background`, other modes (CMYK, P, 16-bit) converted."""
    im = _to_8_bit(im)
    if im.has_transparency_data:
        rgba = im.convert("RGBA")
        flat = Image.new("RGB", im.size, background)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if im.mode in ("RGB", "L"):
        return im
    return im.convert("L" if im.mode == "1" else "RGB")


def _rgb_or_rgba(im):
    im = _to_8_bit(im)
    if im.mode in ("RGB", "RGBA"):
        return im
    return im.convert("RGBA" if im.has_transparency_data else "RGB")


def _for_format(im, fmt):
    """The image in a mode `fmt` can store, with no metadata left in im.info."""
    if fmt == "JPEG":
        im = _flatten(im)
    elif fmt == "WEBP":
        im = _rgb_or_rgba(im)
    # PNG keeps its mode (palette, grey, 16-bit, alpha): only the palette's transparency is kept.
    transparency = im.info.get("transparency") if fmt == "PNG" else None
    im.info = {} if transparency is None else {"transparency": transparency}
    return im


def _upright_srgb(im):
    """EXIF orientation applied and colours in sRGB: a new image, metadata still in info until _for_format."""
    upright = ImageOps.exif_transpose(im)  # Always a new image (a copy when nothing needs turning).
    return _to_srgb(upright)


def _encode(im, fmt, options):
    buffer = io.BytesIO()
    im.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def clean_image(file):
    """The upload as Xiezuo stores it: a django.core.files.base.ContentFile, named like the upload.

    Calls validate_image(file) first (and so raises its ValidationError). Then the image is turned
    upright (EXIF orientation), converted to sRGB when it has an ICC profile, and re-encoded in its own
    format with no metadata at all: no EXIF (so no GPS position, camera or date), XMP, IPTC, comments or
    ICC profile. JPEG: quality 88, progressive, optimised, transparency composited on white, CMYK as RGB.
    PNG: optimised, mode kept (palette images stay palette images). WebP: quality 85.

    The name keeps the upload's base name with the extension of the format: photo.JPG -> photo.jpg,
    IMG_1.jpeg -> IMG_1.jpg; a PNG named photo.jpg -> photo.png. The file is rewound afterwards.
    """
    try:
        fmt, im = _open_checked(file)
    finally:
        file.seek(0)
    with im:
        cleaned = _for_format(_upright_srgb(im), fmt)
    data = _encode(cleaned, fmt, SAVE_OPTIONS[fmt])
    stem = posixpath.splitext(posixpath.basename((getattr(file, "name", None) or "").replace("\\", "/")))[0]
    return ContentFile(data, name=f"{stem or 'image'}{EXTENSIONS[fmt]}")


# Renditions ------------------------------------------------------------------------------------------


def _rendition_stem(name):
    """tea.jpg -> tea-jpg: the original's extension stays in, so tea.jpg and tea.png never share files."""
    directory, filename = posixpath.split(name)
    stem, ext = posixpath.splitext(filename)
    return directory, f"{stem}-{ext.lstrip('.')}"


def rendition_name(name, width, fmt):
    """The storage name of one rendition, e.g. ("cases/2026/tea.jpg", 800, "webp") gives
    "renditions/cases/2026/tea-jpg-800w.webp".

    `fmt` is "webp" or "jpeg" ("jpg" and upper case accepted); anything else raises ValueError. The
    original's extension is part of the name (tea.jpg and tea.png in one folder are different images).
    """
    try:
        key = FORMAT_NAMES[fmt.lower()]
    except KeyError:
        raise ValueError(f"Renditions are WebP or JPEG, not {fmt!r}.") from None
    directory, stem = _rendition_stem(name)
    return posixpath.join(RENDITION_DIR, directory, f"{stem}-{int(width)}w.{RENDITION_FORMATS[key][1]}")


def rendition_widths(width):
    """The rendition widths of an original `width` pixels wide, smallest first.

    Every width in RENDITION_WIDTHS up to the original's, plus the original's own width when it is
    narrower than the largest (so there is always at least one): 2000 -> [480, 800, 1200, 1600],
    1600 -> [480, 800, 1200, 1600], 600 -> [480, 600], 300 -> [300]. Renditions never upscale.
    """
    if not width or width < 1:
        return []
    widths = [w for w in RENDITION_WIDTHS if w <= width]
    if width < max(RENDITION_WIDTHS) and width not in widths:
        widths.append(width)
    return widths


def rendition_names(name, width):
    """Every rendition name of an original `width` pixels wide: WebP then JPEG for each width."""
    return [rendition_name(name, w, fmt) for w in rendition_widths(width) for fmt in RENDITION_FORMATS]


def _oriented_size(im):
    """The size after exif_transpose, read from the header (orientations 5 to 8 swap width and height)."""
    try:
        orientation = im.getexif().get(0x0112, 1)
    except Exception:  # A broken EXIF block: exif_transpose would ignore it too.
        orientation = 1
    return im.size[::-1] if orientation in (5, 6, 7, 8) else im.size


def make_renditions(name, storage=None, force=False):
    """Write the WebP and JPEG renditions of the stored original `name`; return the names written.

    The widths are rendition_widths() of the original's pixel width as stored, the width Django puts in
    the model's width field, so the names renditions() builds from that field always exist. Heights
    keep the upright image's aspect ratio. (For a cleaned original the two agree; only an original
    stored sideways, with an EXIF rotation, gets widths from its stored width.)
    Renditions that already exist are skipped (and not in the returned list) unless `force`.
    `storage` defaults to default_storage; pass the field's storage (case.image.storage) otherwise.
    The original is turned upright and converted to sRGB, so even an original that never went through
    clean_image gives correct, metadata-free renditions. WebP keeps transparency; JPEG gets white.

    Raises FileNotFoundError when the original is missing, and Pillow's errors (OSError,
    PIL.UnidentifiedImageError, PIL.Image.DecompressionBombError) when it cannot be decoded.
    """
    storage = storage or default_storage
    with storage.open(name, "rb") as original, Image.open(original) as im:
        width, height = _oriented_size(im)
        names = [
            (w, fmt, rendition_name(name, w, fmt)) for w in rendition_widths(im.width) for fmt in RENDITION_FORMATS
        ]
        wanted = [(w, fmt, target) for w, fmt, target in names if force or not storage.exists(target)]
        if not wanted:
            return []
        scale = max(w for w, _fmt, _target in wanted) / width
        if scale < 1:  # JPEG: let libjpeg decode at 1/2, 1/4 or 1/8 scale when that is still large enough.
            im.draft(None, (math.ceil(im.width * scale), math.ceil(im.height * scale)))
        im.load()
        base = _upright_srgb(im)
    base.info = {}
    if base.mode not in ("RGB", "RGBA"):
        base = _rgb_or_rgba(base)

    written = []
    resized = {}
    source = base
    # Largest first, each width resized from the one before: much faster than always from the original.
    for w in sorted({w for w, _fmt, _target in wanted}, reverse=True):
        size = (w, max(1, round(height * w / width)))
        resized[w] = source = (
            source if source.size == size else source.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        )
    for w, fmt, target in wanted:
        pillow_format, _ext, options = RENDITION_FORMATS[fmt]
        data = _encode(_for_format(resized[w].copy(), pillow_format), pillow_format, options)
        if storage.exists(target):
            storage.delete(target)
        saved = storage.save(target, ContentFile(data))
        if saved != target:
            logger.warning("Storage saved rendition %s as %s; pages will ask for %s.", target, saved, target)
        written.append(saved)
    return written


def delete_renditions(name, storage=None):
    """Delete every rendition of the original `name` (whatever widths were made); return the names deleted.

    Only files named like renditions of exactly this original are touched, never the original itself
    or another image's renditions. Works when the original is already gone.
    """
    storage = storage or default_storage
    directory, stem = _rendition_stem(name)
    folder = posixpath.join(RENDITION_DIR, directory)
    pattern = re.compile(re.escape(stem) + r"-[0-9]+w\.(?:webp|jpg)")
    try:
        _dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    deleted = []
    for filename in sorted(files):
        if pattern.fullmatch(filename):
            target = posixpath.join(folder, filename)
            storage.delete(target)
            deleted.append(target)
    return deleted


@dataclass(frozen=True)
class ResponsiveImage:
    """What an <img> (and its <picture> <source>) needs. Empty srcsets mean: show `src` alone."""

    src: str
    webp_srcset: str
    jpeg_srcset: str
    width: int | None
    height: int | None


def renditions(name, width, height, storage=None, available=True):
    """The URLs of the original `name`'s renditions, built from names only: the storage is not touched.

    `width` and `height` are the original's (the model's width and height fields). Returns a
    ResponsiveImage whose `webp_srcset` and `jpeg_srcset` read "url 480w, url 800w, ..." and whose
    `src` is the largest JPEG rendition. With no width (dimensions unknown) or available=False
    (renditions known not to exist), the srcsets are empty and `src` is the original's URL, so the page
    still shows the image.
    """
    storage = storage or default_storage
    widths = rendition_widths(width) if available else []
    if not widths:
        return ResponsiveImage(storage.url(name), "", "", width or None, height or None)

    def srcset(fmt):
        return ", ".join(f"{storage.url(rendition_name(name, w, fmt))} {w}w" for w in widths)

    return ResponsiveImage(
        src=storage.url(rendition_name(name, widths[-1], "jpeg")),
        webp_srcset=srcset("webp"),
        jpeg_srcset=srcset("jpeg"),
        width=width,
        height=height,
    )
