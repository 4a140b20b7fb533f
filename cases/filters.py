import django_filters
from django import forms
from django.db.models import Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import search
from .facets import FacetCounts, Reference, Selection
from .models import Case, Side
from .text import current_suffix

SORT_CHOICES = [
    ("relevance", _("Best match")),
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("title", _("Title (A–Z)")),
]
SIDE_CHOICES = [(Side.EAST, _("Eastern provinces")), (Side.WEST, _("Western provinces"))]
MAX_QUERY_LENGTH = 200


def invalid_choice(message):
    return {"invalid_choice": message}


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class CaseFilter(django_filters.FilterSet):
    """The case list's filters: OR within a facet (themes), AND across facets.

    Filtering and counting work on facet keys (cases/facets.py): one grouped query gives the number of
    results and every option's count; the page is then fetched by key.
    """

    q = django_filters.CharFilter(
        label=_("Search"),
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": _("Search words can be at most %(limit_value)d characters long.")},
    )
    theme = django_filters.MultipleChoiceFilter(
        label=_("Theme"),
        widget=forms.CheckboxSelectMultiple,
        error_messages=invalid_choice(_("There is no theme “%(value)s”, so it was left out.")),
    )
    province = django_filters.ChoiceFilter(
        label=_("Province"),
        error_messages=invalid_choice(_("There is no province with that name in the programme, so it was left out.")),
    )
    side = django_filters.ChoiceFilter(
        label=_("Show provinces"),
        choices=SIDE_CHOICES,
        error_messages=invalid_choice(_("The side is east or west; showing both.")),
    )
    pair = django_filters.ChoiceFilter(
        label=_("Pairing"),
        error_messages=invalid_choice(_("There is no such pairing, so it was left out.")),
    )
    year = IntegerFilter(
        label=_("Year"),
        min_value=1990,
        max_value=2100,
        error_messages={
            "invalid": _("The year must be a number such as 2023, so it was left out."),
            "min_value": _("The year must be between 1990 and 2100, so it was left out."),
            "max_value": _("The year must be between 1990 and 2100, so it was left out."),
        },
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        empty_label=None,
        error_messages=invalid_choice(_("Unknown sort order; showing the usual order.")),
    )

    class Meta:
        model = Case
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, reference=None, all_public=True):
        self.reference = reference or Reference.current()
        # `queryset` is every public case: its counts can come from the stored FacetCount rows.
        self.all_public = all_public
        super().__init__(data, queryset, request=request, prefix=prefix)
        for name, kind in (("theme", "themes"), ("province", "provinces"), ("pair", "pairings")):
            self.filters[name].extra["choices"] = [
                (obj.slug, obj.name) for obj in getattr(self.reference, kind).values()
            ]

    @property
    def cleaned(self):
        """The valid values only: a bad value is reported and left out, never a server error."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.form.cleaned_data.items() if value not in (None, "", [])}

    @property
    def qs(self):
        # Unlike django-filter's, run even without parameters: the counts are needed either way.
        if not hasattr(self, "_qs"):
            self._qs = self.filter_queryset(self.queryset.all())
        return self._qs

    def filter_queryset(self, queryset):
        cleaned = self.cleaned
        self.search_words = search.parse(cleaned.get("q", ""))
        if "q" in cleaned:
            queryset = queryset.search(self.search_words)

        themes, provinces, pairings = (self.reference.by_slug(kind) for kind in ("themes", "provinces", "pairings"))
        self.selection = Selection(
            themes=frozenset(themes[slug].pk for slug in cleaned.get("theme", [])),
            province=provinces[cleaned["province"]].pk if "province" in cleaned else None,
            pair=pairings[cleaned["pair"]].pk if "pair" in cleaned else None,
            year=cleaned.get("year"),
        )
        self.search_results = None
        if not self.all_public:
            self.counts = FacetCounts(queryset.facet_rows(), self.reference)
        elif "q" in cleaned:
            self.search_results = self.reference.search_results(self.search_words, queryset)
            self.counts = self.search_results.counts
        else:
            self.counts = self.reference.public_counts
        self.total = self.counts.total(self.selection)
        if self.selection.active:
            queryset = queryset.with_facets(self.selection, self.reference)
        return self.sorted(queryset, cleaned.get("sort"))

    def page_ids(self, start, stop):
        """The ids of a page of best matches, from the remembered search; None when SQL must say."""
        if self.search_results is None or self.sort_order != "relevance":
            return None
        return self.search_results.page_ids(self.selection, start, stop)

    @property
    def sort_order(self):
        chosen = self.cleaned.get("sort")
        if chosen == "relevance" and not self.search_words:
            chosen = None
        return chosen or ("relevance" if self.search_words else "newest")

    def sorted(self, queryset, chosen):
        order = self.sort_order
        if order == "relevance":
            return queryset.ranked(self.search_words)
        if order == "oldest":
            return queryset.order_by("published_at", "pk")
        if order == "title":
            if current_suffix() == "en":
                return queryset.order_by(Lower(Coalesce(NullIf("title_en", Value("")), "title_zh")), "pk")
            return queryset.order_by("sort_title_zh", "pk")
        return queryset.order_by("-published_at", "-pk")

    def rendered_form(self, render):
        """The filter form's HTML, rendered once per state of the filters and kept with the counts it shows.

        The form with every option's count is the costliest part of the list page; the counts object lives
        as long as the data it counts is unchanged, so the forms kept with it are never stale.
        """
        self.qs  # noqa: B018 (counts are made while filtering)
        cleaned = self.cleaned
        key = (get_language(), self.selection, cleaned.get("q", ""), cleaned.get("side", ""), self.sort_order)
        return self.counts.remember_form(key, render)

    def facets(self):
        """Every option of every facet with its count given the other filters; zero-count options included."""
        self.qs  # noqa: B018 (counts are made while filtering)
        selection, reference, cleaned = self.selection, self.reference, self.cleaned
        counts = {facet: self.counts.options(facet, selection) for facet in ("theme", "province", "pair", "year")}
        sides = [cleaned["side"]] if "side" in cleaned else [Side.EAST, Side.WEST]
        years = sorted(self.counts.years | ({selection.year} - {None}), reverse=True)
        return {
            "theme": [
                {"object": t, "count": counts["theme"].get(t.pk, 0), "selected": t.pk in selection.themes}
                for t in reference.themes.values()
            ],
            "province": [
                {
                    "side": side,
                    "options": [
                        {"object": p, "count": counts["province"].get(p.pk, 0), "selected": p.pk == selection.province}
                        for p in reference.provinces.values()
                        if p.side == side
                    ],
                }
                for side in sides
            ],
            "pair": [
                {"object": p, "count": counts["pair"].get(p.pk, 0), "selected": p.pk == selection.pair}
                for p in reference.pairings.values()
            ],
            "year": [
                {"value": year, "count": counts["year"].get(year, 0), "selected": year == selection.year}
                for year in years
            ],
        }

    def active_filters(self):
        """Each active filter value with a link that removes just that one."""
        cleaned = self.cleaned
        themes, provinces, pairings = (self.reference.by_slug(kind) for kind in ("themes", "provinces", "pairings"))

        def without(name, value=None):
            params = self.data.copy()
            params.pop("page", None)
            if value is None:
                params.pop(name, None)
            else:
                params.setlist(name, [v for v in params.getlist(name) if v != value])
            return "?" + params.urlencode() if params else "?"

        active = []
        if "q" in cleaned:
            active.append({"label": _("Search"), "value": cleaned["q"], "remove": without("q")})
        for slug in cleaned.get("theme", []):
            active.append({"label": _("Theme"), "value": themes[slug].name, "remove": without("theme", slug)})
        if "province" in cleaned:
            province = provinces[cleaned["province"]]
            active.append({"label": _("Province"), "value": province.name, "remove": without("province")})
        if "pair" in cleaned:
            active.append({"label": _("Pairing"), "value": pairings[cleaned["pair"]].name, "remove": without("pair")})
        if "year" in cleaned:
            active.append({"label": _("Year"), "value": cleaned["year"], "remove": without("year")})
        return active
