from django.db.models import Count, Q
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from .filters import CaseFilter
from .models import Case, CaseSlugRedirect, Pairing, Province, Side, Status, Theme

CASES_PER_PAGE = 12


def published_case_count(relation):
    """Count of public cases behind `relation` (e.g. "cases"), for annotating themes and pairings."""
    return Count(
        relation,
        filter=Q(**{f"{relation}__status": Status.PUBLISHED, f"{relation}__published_at__lte": timezone.now()}),
        distinct=True,
    )


def home(request):
    return render(
        request,
        "cases/home.html",
        {
            "latest_cases": Case.objects.published().for_cards()[:6],
            "themes": Theme.objects.annotate(n=published_case_count("cases")),
            "pairings": Pairing.objects.with_provinces().annotate(n=published_case_count("cases")),
        },
    )


class CaseListView(FilterView):
    filterset_class = CaseFilter
    paginate_by = CASES_PER_PAGE
    # A bad filter value is reported and left out; the other filters still apply.
    strict = False
    template_name = "cases/case_list.html"

    def get_queryset(self):
        return Case.objects.published().for_cards()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["facets"] = self.filterset.facets()
        context["active_filters"] = self.filterset.active_filters()
        return context


class CaseDetailView(DetailView):
    template_name = "cases/case_detail.html"
    context_object_name = "case"

    def get_queryset(self):
        return Case.objects.published().for_cards().prefetch_related("figures", "sources", "gallery")

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
        context["related_cases"] = Case.objects.related_to(self.object).for_cards()
        return context


@method_decorator(never_cache, name="dispatch")
class CasePreviewView(CaseDetailView):
    """The story exactly as readers will see it, whatever its status: for staff only, a 404 for everyone else."""

    def get_queryset(self):
        return Case.objects.for_cards().prefetch_related("figures", "sources", "gallery")

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


class CasesOfView(ListView):
    """A page about one theme, pairing or province, with its published cases."""

    paginate_by = CASES_PER_PAGE
    subject_model = None

    def get_subject(self):
        return get_object_or_404(self.subject_model, slug=self.kwargs["slug"])

    def get_queryset(self):
        self.subject = self.get_subject()
        return self.cases_of(self.subject).published().for_cards()

    def get_context_data(self, **kwargs):
        return super().get_context_data(subject=self.subject, **kwargs)


class ThemeDetailView(CasesOfView):
    subject_model = Theme
    template_name = "cases/theme_detail.html"

    def cases_of(self, theme):
        return theme.cases.all()


class PairingDetailView(CasesOfView):
    subject_model = Pairing
    template_name = "cases/pairing_detail.html"

    def get_subject(self):
        return get_object_or_404(Pairing.objects.with_provinces(), slug=self.kwargs["slug"])

    def cases_of(self, pairing):
        return pairing.cases.all()


class ProvinceDetailView(CasesOfView):
    subject_model = Province
    template_name = "cases/province_detail.html"

    def cases_of(self, province):
        return Case.objects.for_province(province)

    def get_context_data(self, **kwargs):
        pairings = Pairing.objects.with_provinces().filter(Q(east=self.subject) | Q(west=self.subject))
        return super().get_context_data(pairings=pairings, **kwargs)


def province_list(request):
    provinces = Province.objects.all()
    pairings = Pairing.objects.with_provinces().annotate(n=published_case_count("cases"))
    return render(
        request,
        "cases/province_list.html",
        {
            "sides": [
                (side, [p for p in provinces if p.side == side]) for side in (Side.EAST, Side.WEST, Side.NEITHER)
            ],
            "pairings": pairings,
        },
    )
