"""Case cards (the picture, themes, title, text and pairing of a case in a list), rendered once and cached.

A list page shows twelve cards; rendering them is most of its cost. A card's HTML depends only on the case
as saved, the names of its themes and pairings, the page language and whether its picture loads lazily,
so it is cached under exactly those; a search result's card, whose snippet quotes the matched words, also
under the words.
"""

import hashlib

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
    """The cases, each with .card_html, its themes and pairings."""
    cases = reference.attach_cards(list(cases))
    searched = ":" + hashlib.md5(repr(words).encode(), usedforsecurity=False).hexdigest()[:12] if words else ""
    keys = [card_key(case, position >= EAGER_CARDS, reference) + searched for position, case in enumerate(cases)]
    cached = cache.get_many(keys) if keys else {}
    fresh = {}
    for position, (case, key) in enumerate(zip(cases, keys, strict=True)):
        html = cached.get(key)
        if html is None:
            case.snippet = search.snippet(case, words, current_suffix()) if words else None
            html = fresh[key] = str(
                render_to_string("includes/_case_card.html", {"case": case, "lazy": position >= EAGER_CARDS})
            )
        case.card_html = mark_safe(html)  # rendered by our own template, escaped there
    if fresh:
        cache.set_many(fresh, CARD_SECONDS)
    return cases
