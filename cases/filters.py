import django_filters
from django import forms
from django.db.models import Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils.translation import gettext_lazy as _

from .models import Case, Pairing, Province, Side, Theme
from .text import current_suffix

SORT_CHOICES = [("newest", _("Newest first")), ("oldest", _("Oldest first")), ("title", _("Title (A–Z)"))]
MAX_QUERY_LENGTH = 200


def invalid_choice(message):
    return {"invalid_choice": message, "invalid_pk_value": message}


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class CaseFilter(django_filters.FilterSet):
    """The case list's filters. Within a facet options are ORed; facets are ANDed."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": _("Search words can be at most %(limit_value)d characters long.")},
    )
    theme = django_filters.ModelMultipleChoiceFilter(
        label=_("Theme"),
        field_name="themes__slug",
        to_field_name="slug",
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages=invalid_choice(_("There is no theme “%(value)s”, so it was left out.")),
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Province"),
        to_field_name="slug",
        queryset=Province.objects.exclude(side=Side.NEITHER),
        method="filter_province",
        error_messages=invalid_choice(_("There is no province with that name in the programme, so it was left out.")),
    )
    pair = django_filters.ModelChoiceFilter(
        label=_("Pairing"),
        field_name="pairings",
        to_field_name="slug",
        queryset=Pairing.objects.with_provinces(),
        error_messages=invalid_choice(_("There is no such pairing, so it was left out.")),
    )
    year = IntegerFilter(
        label=_("Year"),
        field_name="year",
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
        method="sort_cases",
        empty_label=None,
        error_messages=invalid_choice(_("Unknown sort order; showing the newest first.")),
    )

    class Meta:
        model = Case
        fields = []

    FACETS = ("theme", "province", "pair", "year")

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_province(self, queryset, name, value):
        return queryset.for_province(value)

    def sort_cases(self, queryset, name, value):
        if value == "oldest":
            return queryset.order_by("published_at", "pk")
        if value == "title":
            if current_suffix() == "en":
                title = Lower(Coalesce(NullIf("title_en", Value("")), "title_zh"))
                return queryset.order_by(title, "pk")
            return queryset.order_by("sort_title_zh", "pk")
        return queryset.order_by("-published_at", "-pk")

    @property
    def cleaned(self):
        """The valid values only: a bad value is reported and left out, never a server error."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.form.cleaned_data.items() if value not in (None, "", [])}

    def queryset_without(self, facet):
        """The cases that match every active filter except `facet`: what its options count."""
        queryset = self.queryset.all()
        for name, value in self.cleaned.items():
            if name not in (facet, "sort"):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def facets(self):
        cleaned = self.cleaned
        selected_themes = {t.slug for t in cleaned.get("theme", [])}
        selected_province = cleaned.get("province")
        selected_pair = cleaned.get("pair")
        provinces = list(Province.objects.exclude(side=Side.NEITHER).counted_in(self.queryset_without("province")))
        return {
            "theme": [
                {"object": t, "count": t.n, "selected": t.slug in selected_themes}
                for t in Theme.objects.counted_in(self.queryset_without("theme"))
            ],
            "province": [
                {
                    "side": side,
                    "options": [
                        {"object": p, "count": p.n, "selected": p == selected_province}
                        for p in provinces
                        if p.side == side
                    ],
                }
                for side in (Side.EAST, Side.WEST)
            ],
            "pair": [
                {"object": p, "count": p.n, "selected": p == selected_pair}
                for p in Pairing.objects.with_provinces().counted_in(self.queryset_without("pair"))
            ],
            "year": [
                {"value": row["year"], "count": row["n"], "selected": row["year"] == cleaned.get("year")}
                for row in Case.objects.published().year_counts(self.queryset_without("year"))
            ],
        }

    def active_filters(self):
        """Each active filter value with a link that removes just that one."""
        cleaned = self.cleaned
        active = []

        def without(name, value=None):
            params = self.data.copy()
            params.pop("page", None)
            if value is None:
                params.pop(name, None)
            else:
                params.setlist(name, [v for v in params.getlist(name) if v != value])
            return "?" + params.urlencode() if params else "?"

        if "q" in cleaned:
            active.append({"label": _("Search"), "value": cleaned["q"], "remove": without("q")})
        for theme in cleaned.get("theme", []):
            active.append({"label": _("Theme"), "value": theme.name, "remove": without("theme", theme.slug)})
        if "province" in cleaned:
            active.append({"label": _("Province"), "value": cleaned["province"].name, "remove": without("province")})
        if "pair" in cleaned:
            active.append({"label": _("Pairing"), "value": cleaned["pair"].name, "remove": without("pair")})
        if "year" in cleaned:
            active.append({"label": _("Year"), "value": cleaned["year"], "remove": without("year")})
        return active
