"""What a case's text and links look like to search and to the facets, kept in step with every change.

Two derived things per case, both rebuilt here from the case, its pairings and its themes:
- `Case.facet_key` (y2023|t:1:3:|p:2:5:): year, theme ids and pairing ids, for one-query facet counts;
- its `SearchEntry`: the search tokens of its titles, and of its standfirsts, bodies, places and provinces.
Signals call `reindex` after every save and every change of pairings or themes; bulk writers (seed_demo)
call it once with all the ids; `manage.py rebuild_search_index` calls it for everything.
"""

from django.db import transaction

from . import search
from .facet_keys import facet_key
from .models import Case, FacetCount, Pairing, SearchEntry

BATCH = 1000


def province_words(pairings):
    words = []
    for pairing in pairings:
        for province in (pairing.east, pairing.west):
            words += [province.name_zh, province.full_name_zh, province.name_en, province.short_forms_zh]
    return " ".join(words)


def document(case, pairings):
    title = search.tokens(f"{case.title_zh} {case.title_en}")
    text = " ".join(
        [
            case.standfirst_zh,
            case.standfirst_en,
            search.plain(case.body_zh),
            search.plain(case.body_en),
            case.place_east_zh,
            case.place_east_en,
            case.place_west_zh,
            case.place_west_en,
            province_words(pairings),
        ]
    )
    # A separator between fields keeps Chinese pieces from joining across them.
    return title, search.tokens(text)


def reindex(case_ids=None):
    """Recompute facet keys and search entries of the given cases (all when None). Returns how many."""
    everything = case_ids is None
    ids = list(Case.objects.order_by("pk").values_list("pk", flat=True)) if everything else sorted(case_ids)
    pairings = {p.pk: p for p in Pairing.objects.with_provinces()}
    for start in range(0, len(ids), BATCH):
        batch_ids = ids[start : start + BATCH]
        links = {pk: ([], []) for pk in batch_ids}
        for case_id, theme_id in Case.themes.through.objects.filter(case_id__in=batch_ids).values_list(
            "case_id", "theme_id"
        ):
            links[case_id][0].append(theme_id)
        for case_id, pairing_id in Case.pairings.through.objects.filter(case_id__in=batch_ids).values_list(
            "case_id", "pairing_id"
        ):
            links[case_id][1].append(pairing_id)
        cases = list(Case.objects.filter(pk__in=batch_ids))
        entries = []
        touched_keys = {case.facet_key for case in cases}
        for case in cases:
            theme_ids, pairing_ids = links[case.pk]
            case.facet_key = facet_key(case.year, theme_ids, pairing_ids)
            title, body = document(case, [pairings[p] for p in pairing_ids if p in pairings])
            entries.append(SearchEntry(case=case, title=title, body=body))
        with transaction.atomic():
            Case.objects.bulk_update(cases, ["facet_key"])
            SearchEntry.objects.bulk_create(
                entries, update_conflicts=True, unique_fields=["case"], update_fields=["title", "body"]
            )
            if not everything:
                FacetCount.objects.recount(touched_keys | {case.facet_key for case in cases})
    if everything:
        FacetCount.objects.rebuild()
    return len(ids)
