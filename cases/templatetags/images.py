"""{% responsive_image %}: a stored image as <picture> with WebP and JPEG srcsets (see cases/images.py)."""

from django import template
from django.core.files.storage import default_storage
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from cases.images import renditions

register = template.Library()


def _dimensions(image, width, height):
    """Explicit width/height first, then the model's width_field/height_field, then (opening the file) the file's."""
    if width and height:
        return int(width), int(height)
    field = getattr(image, "field", None)
    instance = getattr(image, "instance", None)
    if field is not None and instance is not None:
        stored = getattr(instance, field.width_field or "", None), getattr(instance, field.height_field or "", None)
        if all(stored):
            return stored
    try:
        return image.width, image.height
    except (AttributeError, OSError, ValueError, TypeError):  # A plain name, or the file is missing or broken.
        return None, None


def _extra_attributes(attrs):
    """class="card" fetchpriority="high": True gives a bare attribute, None and False leave it out."""
    pairs = []
    for key, value in attrs.items():
        name = key.rstrip("_").replace("_", "-")
        if value is None or value is False:
            continue
        pairs.append((name, "" if value is True else format_html('="{}"', value)))
    return format_html_join("", " {}{}", pairs)


@register.simple_tag
def responsive_image(image, alt="", sizes="100vw", lazy=True, width=None, height=None, **attrs):
    """A <picture>: WebP <source> and a JPEG <img> with srcset, sizes, width, height, alt and decoding.

        {% load images %}
        {% responsive_image case.image alt=case.image_alt sizes="(min-width: 60rem) 60rem, 100vw" lazy=False %}

    `image` is an ImageFieldFile (or a storage name). Its width and height come from the arguments,
    else from the model's width_field/height_field (no file access), else from the file itself.
    loading="lazy" only when `lazy`; `alt` is always written (alt="" for a decorative image). Other
    keyword arguments become attributes of the <img>: class="card__image", fetchpriority="high".
    Without known dimensions there is no srcset: a plain <img> of the original. An empty image gives "".
    """
    name = getattr(image, "name", image)
    if not name:
        return ""
    storage = getattr(image, "storage", None) or default_storage
    width, height = _dimensions(image, width, height)
    found = renditions(name, width, height, storage=storage)
    img = format_html(
        '<img src="{}"{}{}{} alt="{}"{} decoding="async"{}>',
        found.src,
        format_html(' srcset="{}" sizes="{}"', found.jpeg_srcset, sizes) if found.jpeg_srcset else "",
        format_html(' width="{}"', found.width) if found.width else "",
        format_html(' height="{}"', found.height) if found.height else "",
        alt or "",
        mark_safe(' loading="lazy"') if lazy else "",
        _extra_attributes(attrs),
    )
    if not found.webp_srcset:
        return img
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">{}</picture>', found.webp_srcset, sizes, img
    )
