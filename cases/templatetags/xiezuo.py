from django import template
from django.utils.translation import get_language

from cases.text import current_suffix

register = template.Library()

HREFLANG = {"zh-hans": "zh-Hans", "en": "en"}


@register.filter
def hreflang(code):
    """Django's language code as HTML and hreflang spell it: zh-hans -> zh-Hans."""
    return HREFLANG.get(code, code)


@register.simple_tag
def html_lang():
    return hreflang(get_language() or "zh-hans")


@register.simple_tag
def fallback_lang(obj, field):
    """lang="zh-Hans" where an English page shows Chinese text because the English is not written yet."""
    if current_suffix() == "en" and not getattr(obj, f"{field}_en") and getattr(obj, f"{field}_zh"):
        return 'lang="zh-Hans"'
    return ""


@register.simple_tag
def elided_pages(page_obj):
    """Page numbers around the current one, with … for the gaps."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
