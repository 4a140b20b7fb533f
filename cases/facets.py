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


@dataclass(frozen=True)
class Selection:
    """The active facet filters as ids: themes (any of), a province, a pairing, a year."""

    themes: frozenset = frozenset()
    province: int | None = None
    pair: int | None = None
    year: int | None = None

    def failing(self, group):
        """The facets whose filter leaves this group out."""
        failing = []
        if self.themes and not self.themes & group.themes:
            failing.append("theme")
        if self.province is not None and self.province not in group.provinces:
            failing.append("province")
        if self.pair is not None and self.pair not in group.pairings:
            failing.append("pair")
        if self.year is not None and self.year != group.year:
            failing.append("year")
        return failing

    def admits(self, group):
        return not self.failing(group)

    @property
    def active(self):
        return bool(self.themes) or any(v is not None for v in (self.province, self.pair, self.year))


class FacetCounts:
    def __init__(self, rows, reference):
        provinces_of = {}  # pairing ids -> province ids, worked out once per combination
        self.groups = []
        for key, count in rows:
            facets = parse_facet_key(key)
            if facets.pairings not in provinces_of:
                provinces = set()
                for pairing_id in facets.pairings:
                    pairing = reference.pairings.get(pairing_id)
                    if pairing:
                        provinces.update((pairing.east_id, pairing.west_id))
                provinces_of[facets.pairings] = frozenset(provinces)
            themes, pairings = frozenset(facets.themes), frozenset(facets.pairings)
            self.groups.append(Group(key, count, facets.year, themes, pairings, provinces_of[facets.pairings]))
        self._tallied = None

    def total(self, selection):
        return self.tally(selection)[0]

    def keys(self, selection):
        return [g.key for g in self.groups if selection.admits(g)]

    def options(self, facet, selection):
        """Option id (or year) -> number of cases it would give, with the other facets' filters applied."""
        return self.tally(selection)[1][facet]

    def tally(self, selection):
        """The total and every facet's option counts, in one pass over the groups."""
        if self._tallied and self._tallied[0] == selection:
            return self._tallied[1]
        total = 0
        counts = {facet: {} for facet in FACETS}
        for group in self.groups:
            failing = selection.failing(group)
            if len(failing) > 1:
                continue
            values = {"theme": group.themes, "province": group.provinces, "pair": group.pairings, "year": (group.year,)}
            for facet in failing or FACETS:
                tally = counts[facet]
                for value in values[facet]:
                    tally[value] = tally.get(value, 0) + group.count
            if not failing:
                total += group.count
        self._tallied = (selection, (total, counts))
        return total, counts
