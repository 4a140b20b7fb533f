from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect, QueryDict
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from .cards import render_cards
from .facets import Reference, Selection
from .filters import SIDE_CHOICES, CaseFilter
from .models import Case, CaseSlugRedirect, Pairing, Province, Side, Theme

CASES_PER_PAGE = 12


def home(request):
    reference = Reference.current()
    counts = reference.public_counts
    theme_counts, pairing_counts = counts.options("theme", Selection()), counts.options("pair", Selection())
    return render(
        request,
        "cases/home.html",
        {
            "latest_cases": render_cards(Case.objects.published().order_by("-published_at", "-pk")[:6], reference),
            "themes": [(theme, theme_counts.get(theme.pk, 0)) for theme in reference.themes.values()],
            "pairings": [(pairing, pairing_counts.get(pairing.pk, 0)) for pairing in reference.pairings.values()],
        },
    )


class IdsFirstPaginator(Paginator):
    """Fetches a page in two steps: its ids, from the index alone, then just those rows.

    A deep page (page 200) would otherwise read 2,400 whole cases, bodies and all, only to skip them.
    """

    ids_for = None  # a function giving a page's ids without a query, when the filter knows them
    deferred = ()  # long fields the page's cards never show

    def page(self, number):
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        ids = self.ids_for(start, start + self.per_page) if self.ids_for else None
        if ids is None and not self.count:
            ids = []  # nothing matches: no need to read the whole index to find out again
        if ids is None:
            ids = list(self.object_list.values_list("pk", flat=True)[start : start + self.per_page])
        rows = self.object_list.model._default_manager.defer(*self.deferred).in_bulk(ids)
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)


class FilteredCasesMixin:
    """A page of public cases chosen by CaseFilter, counted from its facet counts (no COUNT query)."""

    paginate_by = CASES_PER_PAGE
    paginator_class = IdsFirstPaginator

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        paginator.count = self.filterset.total
        paginator.ids_for = self.filterset.page_ids
        if not self.filterset.search_words:
            # Cards show titles and standfirsts; only a search snippet may quote a body.
            paginator.deferred = Case.LONG_TEXT_FIELDS
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cases"] = render_cards(
            context["page_obj"].object_list, self.filterset.reference, self.filterset.search_words
        )
        return context


class CaseListView(FilteredCasesMixin, FilterView):
    filterset_class = CaseFilter
    # A bad filter value is reported and left out; the other filters still apply.
    strict = False
    template_name = "cases/case_list.html"

    def get_queryset(self):
        return Case.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["active_filters"] = self.filterset.active_filters()
        context["filter_form"] = self.filterset.rendered_form(self.render_filter_form)
        return context

    def render_filter_form(self):
        context = {
            "filter": self.filterset,
            "facets": self.filterset.facets(),
            "sort_order": self.filterset.sort_order,
            "side_choices": [("", _("Both sides")), *SIDE_CHOICES],
        }
        return render_to_string("cases/_filter_form.html", context, self.request)


class CaseDetailView(DetailView):
    template_name = "cases/case_detail.html"
    context_object_name = "case"

    def get_queryset(self):
        # Figures, sources and pictures are read inside the cached story fragment, only when it is not cached.
        return Case.objects.published()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # A slug the case used to have: send old links on, permanently.
            redirect = CaseSlugRedirect.objects.filter(old_slug=kwargs["slug"]).select_related("case").first()
            if redirect and redirect.case.is_public:
                return HttpResponsePermanentRedirect(redirect.case.get_absolute_url())
            raise

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reference = Reference.current()
        reference.attach_cards([self.object])
        context["related_cases"] = render_cards(Case.objects.sharing(self.object), reference)
        context["reference_signature"] = reference.signature
        return context


@method_decorator(never_cache, name="dispatch")
class CasePreviewView(CaseDetailView):
    """The story exactly as readers will see it, whatever its status: for staff only, a 404 for everyone else."""

    def get_queryset(self):
        return Case.objects.all()

    def get_object(self, queryset=None):
        user = self.request.user
        if not (user.is_active and user.is_staff and user.has_perm("cases.view_case")):
            raise Http404
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        response = super(CaseDetailView, self).get(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)


class CasesOfView(FilteredCasesMixin, ListView):
    """A page about one theme, pairing or province, with its public cases: the list with one filter set."""

    subject_model = None
    filter_name = None

    def get_subject(self):
        return get_object_or_404(self.subject_model, slug=self.kwargs["slug"])

    def has_cases(self, subject):
        return True

    def get_queryset(self):
        self.subject = self.get_subject()
        data = QueryDict(mutable=True)
        cases = Case.objects.published()
        if self.has_cases(self.subject):
            data[self.filter_name] = self.subject.slug
        else:
            cases = cases.none()
        self.filterset = CaseFilter(data, cases, request=self.request, all_public=self.has_cases(self.subject))
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(subject=self.subject, **kwargs)


class ThemeDetailView(CasesOfView):
    subject_model = Theme
    filter_name = "theme"
    template_name = "cases/theme_detail.html"


class PairingDetailView(CasesOfView):
    subject_model = Pairing
    filter_name = "pair"
    template_name = "cases/pairing_detail.html"

    def get_subject(self):
        return get_object_or_404(Pairing.objects.with_provinces(), slug=self.kwargs["slug"])


class ProvinceDetailView(CasesOfView):
    subject_model = Province
    filter_name = "province"
    template_name = "cases/province_detail.html"

    def has_cases(self, province):
        return province.side != Side.NEITHER  # outside the programme: a page, but no cases

    def get_context_data(self, **kwargs):
        pairings = [p for p in self.filterset.reference.pairings.values() if self.subject.pk in (p.east_id, p.west_id)]
        return super().get_context_data(pairings=pairings, **kwargs)


def province_list(request):
    reference = Reference.current()
    counts = reference.public_counts.options("pair", Selection())
    provinces = list(Province.objects.all())
    return render(
        request,
        "cases/province_list.html",
        {
            "sides": [
                (side, [p for p in provinces if p.side == side]) for side in (Side.EAST, Side.WEST, Side.NEITHER)
            ],
            "pairings": [(pairing, counts.get(pairing.pk, 0)) for pairing in reference.pairings.values()],
        },
    )
