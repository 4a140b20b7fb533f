"""Case cards (the picture, themes, title, text and pairing of a case in a list), rendered once and cached.

A list page shows twelve cards; rendering them is most of its cost. A card's HTML depends only on the case
as saved, the names of its themes and pairings, the page language and whether its picture loads lazily,
so it is cached under exactly those. Cards with a search snippet depend on the query and are not cached.
"""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from . import search
from .text import current_suffix

CARD_SECONDS = 24 * 60 * 60
EAGER_CARDS = 2  # the first pictures are above the fold on most screens: load them at once


def card_key(case, lazy, reference):
    stamp = case.updated_at.timestamp()
    return f"card:{get_language()}:{case.pk}:{stamp}:{case.facet_key}:{int(lazy)}:{reference.signature}"


def render_cards(cases, reference, words=()):
    """The cases, each with .card_html, its themes and pairings (and .snippet when searching)."""
    cases = reference.attach_cards(list(cases))
    language = current_suffix()
    keys = {}
    for position, case in enumerate(cases):
        case.snippet = search.snippet(case, words, language) if words else None
        if case.snippet is None:
            keys[case.pk] = card_key(case, position >= EAGER_CARDS, reference)
    cached = cache.get_many(keys.values()) if keys else {}
    fresh = {}
    for position, case in enumerate(cases):
        key = keys.get(case.pk)
        html = cached.get(key)
        if html is None:
            html = render_to_string("includes/_case_card.html", {"case": case, "lazy": position >= EAGER_CARDS})
            if key:
                fresh[key] = str(html)
        case.card_html = mark_safe(html)  # rendered by our own template, escaped there
    if fresh:
        cache.set_many(fresh, CARD_SECONDS)
    return cases
