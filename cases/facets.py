"""Facet counts from a few thousand rows: every case's year, themes and pairings live in its facet key.

`FacetCount` keeps how many published cases share each key; a search counts its matches per key with one
grouped query. Everything the list shows about the facets is worked out from those rows here: how many
cases match, which keys to fetch the page from, and what each option would give with the other filters
applied (OR within a facet, AND across facets). Results are reused while the data's version is unchanged.
"""

import hashlib
import itertools
from collections import OrderedDict
from dataclasses import dataclass

from django.utils.functional import cached_property

from .facet_keys import parse_facet_key
from .models import FacetCount, Pairing, Province, Side, Theme

FACETS = ("theme", "province", "pair", "year")
MAX_TALLIES = 512
MAX_SEARCHES = 16  # searches remembered per version: their facet counts and (once asked for) ranked matches

# The reference data this process loaded last, with the version of the stored counts it was loaded at.
_reference = {}


class Reference:
    """Themes, programme provinces and pairings by id, each loaded on first use (one small query each),
    and what is worked out from them at one version of the stored counts: the counts of every public case
    and of the searches seen lately. A new version gets a new Reference, so nothing here goes stale.
    """

    def __init__(self, version=None):
        self.version = version
        self._searches = OrderedDict()

    @classmethod
    def current(cls, version=None):
        """The reference data, shared by this process's requests until the version of the counts moves on.

        Saving or deleting a theme, province or pairing moves it on (FacetCount.objects.touch()).
        """
        version = version or FacetCount.objects.version()
        if _reference.get("version") != version:
            _reference.update(version=version, reference=cls(version))
        return _reference["reference"]

    @cached_property
    def themes(self):
        return {t.pk: t for t in Theme.objects.all()}

    @cached_property
    def provinces(self):
        return {p.pk: p for p in Province.objects.exclude(side=Side.NEITHER)}

    @cached_property
    def pairings(self):
        return {p.pk: p for p in Pairing.objects.with_provinces()}

    @cached_property
    def signature(self):
        """Changes whenever a theme's or pairing's name or address does: part of cached cards' keys."""
        names = [(t.pk, t.slug, t.name_zh, t.name_en) for t in self.themes.values()]
        names += [
            (p.pk, p.slug, *(f"{x.pk}:{x.slug}:{x.side}:{x.name_zh}:{x.name_en}" for x in (p.east, p.west)))
            for p in self.pairings.values()
        ]
        return hashlib.md5(repr(names).encode(), usedforsecurity=False).hexdigest()[:12]

    @cached_property
    def public_counts(self):
        """The counts of every public case, from the stored rows."""
        rows, _ = FacetCount.objects.public_rows(self.version)
        return FacetCounts(rows, self)

    def search_results(self, words, cases):
        """`cases` (public cases matching `words`) counted, and later ranked, once per search."""
        found = self._searches.pop(words, None) or SearchResults(words, cases, self)
        self._searches[words] = found
        while len(self._searches) > MAX_SEARCHES:
            self._searches.popitem(last=False)
        return found

    def by_slug(self, kind):
        return {obj.slug: obj for obj in getattr(self, kind).values()}

    def attach_cards(self, cases):
        """Give each case the themes and pairings its card shows, from its facet key: no queries."""
        for case in cases:
            facets = parse_facet_key(case.facet_key)
            case.card_themes = [theme for pk, theme in self.themes.items() if pk in facets.themes]
            case.card_pairings = [pairing for pk, pairing in self.pairings.items() if pk in facets.pairings]
        return cases


@dataclass(frozen=True)
class Selection:
    """The active facet filters as ids: themes (any of), a province, a pairing, a year."""

    themes: frozenset = frozenset()
    province: int | None = None
    pair: int | None = None
    year: int | None = None

    def failing(self, facets, provinces):
        """The facets whose filter leaves out the cases with these facets (and these provinces)."""
        failing = []
        if self.themes and not self.themes & facets.themes:
            failing.append("theme")
        if self.province is not None and self.province not in provinces:
            failing.append("province")
        if self.pair is not None and self.pair not in facets.pairings:
            failing.append("pair")
        if self.year is not None and self.year != facets.year:
            failing.append("year")
        return failing

    @property
    def active(self):
        return bool(self.themes) or any(v is not None for v in (self.province, self.pair, self.year))


class FacetCounts:
    """The groups of cases sharing a facet key: (key, facets, provinces, count) each, and tallies over them.

    Parsed keys are cached for the life of the process, so building one allocates little: a list of tuples.
    """

    def __init__(self, rows, reference):
        provinces_of = {}  # pairing ids -> province ids, worked out once per combination
        self.groups = []
        for key, count in rows:
            facets = parse_facet_key(key)
            provinces = provinces_of.get(facets.pairings)
            if provinces is None:
                ids = set()
                for pairing_id in facets.pairings:
                    pairing = reference.pairings.get(pairing_id)
                    if pairing:
                        ids.update((pairing.east_id, pairing.west_id))
                provinces = provinces_of[facets.pairings] = frozenset(ids)
            self.groups.append((key, facets, provinces, count))
        self._tallies = {}
        self._forms = {}

    def remember_form(self, key, render):
        """The filter form rendered for `key` (language and filters) over these counts: rendered once."""
        if key not in self._forms:
            if len(self._forms) >= MAX_TALLIES:
                self._forms.clear()
            self._forms[key] = render()
        return self._forms[key]

    @cached_property
    def years(self):
        return {facets.year for _, facets, _, _ in self.groups if facets.year}

    def total(self, selection):
        return self.tally(selection)[0]

    def keys(self, selection):
        return [key for key, facets, provinces, _ in self.groups if not selection.failing(facets, provinces)]

    def options(self, facet, selection):
        """Option id (or year) -> number of cases it would give, with the other facets' filters applied."""
        return self.tally(selection)[1][facet]

    def tally(self, selection):
        """The total and every facet's option counts, in one pass over the groups."""
        if selection in self._tallies:
            return self._tallies[selection]
        total = 0
        counts = {facet: {} for facet in FACETS}
        for _, facets, provinces, count in self.groups:
            failing = selection.failing(facets, provinces)
            if len(failing) > 1:
                continue
            values = {"theme": facets.themes, "province": provinces, "pair": facets.pairings, "year": (facets.year,)}
            for facet in failing or FACETS:
                tally = counts[facet]
                for value in values[facet]:
                    tally[value] = tally.get(value, 0) + count
            if not failing:
                total += count
        if len(self._tallies) >= MAX_TALLIES:
            self._tallies.clear()
        self._tallies[selection] = (total, counts)
        return total, counts


class SearchResults:
    """What a search found among the public cases: its facet counts, and (on first use) its matches ranked."""

    def __init__(self, words, cases, reference):
        self.words, self.cases = words, cases
        self.counts = FacetCounts(cases.facet_rows(), reference)

    @cached_property
    def ranked(self):
        """(case id, facet key) of every match, best first."""
        return list(self.cases.ranked(self.words).values_list("pk", "facet_key"))

    def page_ids(self, selection, start, stop):
        keys = set(self.counts.keys(selection)) if selection.active else None
        matching = (pk for pk, key in self.ranked if keys is None or key in keys)
        return list(itertools.islice(matching, start, stop))
