"""Text helpers shared by the models: language pick, slugs, pinyin sort keys, safe Markdown."""

import re

import nh3
from django.utils.text import slugify
from django.utils.translation import get_language
from markdown_it import MarkdownIt
from pypinyin import Style, lazy_pinyin


def current_suffix():
    return "en" if (get_language() or "").startswith("en") else "zh"


def localized(obj, field, fallback=True):
    """The field in the page's language; English falls back to Chinese when left blank."""
    value = getattr(obj, f"{field}_{current_suffix()}")
    if not value and fallback:
        value = getattr(obj, f"{field}_zh")
    return value


class localized_property:  # noqa: N801 (used like @property)
    """`title = localized_property("title")`: title_zh or title_en, following the page's language."""

    def __init__(self, field, fallback=True):
        self.field, self.fallback = field, fallback

    def __get__(self, obj, owner=None):
        return self if obj is None else localized(obj, self.field, self.fallback)


def pinyin_sort_key(text):
    """Pinyin with tone numbers, so 山西 (shan1xi1) sorts before 陕西 (shan3xi1) as readers expect."""
    return "".join(lazy_pinyin(text or "", style=Style.TONE3, neutral_tone_with_five=True)).lower()[:400]


def make_slug(text, max_length=90):
    """An ASCII slug for any title: English as it is, Chinese in pinyin, never empty."""
    if re.search(r"[\u3400-\u9fff]", text or ""):
        text = " ".join(lazy_pinyin(text, errors="default"))
    slug = slugify(text)[:max_length].strip("-")
    return slug or "case"


ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "b", "i", "a", "ul", "ol", "li",
    "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": set()}


# CommonMark with tables. Raw HTML is let through to nh3, which keeps only ALLOWED_TAGS.
MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("table")


def render_markdown(source):
    """Markdown to HTML that is safe to show: no scripts, no event handlers, no javascript: links."""
    if not source:
        return ""
    html = MARKDOWN.render(source)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
