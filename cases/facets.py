"""Facet counts from one grouped query: every case's year, themes and pairings live in its facet key.

`Case.objects.published().facet_rows()` returns (facet key, number of cases) pairs, a few thousand at most
however many cases there are. Everything the list shows about the facets is worked out from them here:
how many cases match, which keys to fetch the page from, and what each option would give with the other
filters applied (OR within a facet, AND across facets).
"""

from dataclasses import dataclass, field

from django.utils.functional import cached_property

from .facet_keys import parse_facet_key
from .models import Pairing, Province, Side, Theme

FACETS = ("theme", "province", "pair", "year")


class Reference:
    """Themes, programme provinces and pairings by id, each loaded on first use (one small query each)."""

    @cached_property
    def themes(self):
        return {t.pk: t for t in Theme.objects.all()}

    @cached_property
    def provinces(self):
        return {p.pk: p for p in Province.objects.exclude(side=Side.NEITHER)}

    @cached_property
    def pairings(self):
        return {p.pk: p for p in Pairing.objects.with_provinces()}

    def by_slug(self, kind):
        return {obj.slug: obj for obj in getattr(self, kind).values()}

    def attach_cards(self, cases):
        """Give each case the themes and pairings its card shows, from its facet key: no queries."""
        for case in cases:
            facets = parse_facet_key(case.facet_key)
            case.card_themes = [self.themes[t] for t in facets.themes if t in self.themes]
            case.card_pairings = [self.pairings[p] for p in facets.pairings if p in self.pairings]
        return cases


@dataclass
class Group:
    """The cases sharing one facet key: how many, and what they are linked to."""

    key: str
    count: int
    year: int | None
    themes: frozenset
    pairings: frozenset
    provinces: frozenset = field(default=frozenset())


@dataclass
class Selection:
    """The active facet filters as ids: themes (any of), a province, a pairing, a year."""

    themes: frozenset = frozenset()
    province: int | None = None
    pair: int | None = None
    year: int | None = None

    def admits(self, group, ignore=None):
        return (
            (ignore == "theme" or not self.themes or bool(self.themes & group.themes))
            and (ignore == "province" or self.province is None or self.province in group.provinces)
            and (ignore == "pair" or self.pair is None or self.pair in group.pairings)
            and (ignore == "year" or self.year is None or self.year == group.year)
        )

    @property
    def active(self):
        return bool(self.themes) or any(v is not None for v in (self.province, self.pair, self.year))


class FacetCounts:
    def __init__(self, rows, reference):
        self.groups = []
        for key, count in rows:
            facets = parse_facet_key(key)
            provinces = set()
            for pairing_id in facets.pairings:
                pairing = reference.pairings.get(pairing_id)
                if pairing:
                    provinces.update((pairing.east_id, pairing.west_id))
            self.groups.append(
                Group(
                    key, count, facets.year, frozenset(facets.themes), frozenset(facets.pairings), frozenset(provinces)
                )
            )

    def total(self, selection):
        return sum(g.count for g in self.groups if selection.admits(g))

    def keys(self, selection):
        return [g.key for g in self.groups if selection.admits(g)]

    def options(self, facet, selection):
        """Option id (or year) -> number of cases it would give, with the other facets' filters applied."""
        counts = {}
        for group in self.groups:
            if not selection.admits(group, ignore=facet):
                continue
            values = {
                "theme": group.themes,
                "province": group.provinces,
                "pair": group.pairings,
                "year": (group.year,),
            }[facet]
            for value in values:
                counts[value] = counts.get(value, 0) + group.count
        return counts
