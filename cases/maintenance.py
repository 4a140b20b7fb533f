"""Keeping derived data in step after bulk writes that skip Case.save() (seed_demo, imports)."""

from django.db import connection

from . import indexing
from .models import Case

BATCH = 1000


def refresh_derived(case_ids=None):
    """Recompute every derived field, facet key and search entry of the given cases (all when None)."""
    queryset = Case.objects.order_by("pk")
    if case_ids is not None:
        queryset = queryset.filter(pk__in=list(case_ids))
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        batch = list(Case.objects.filter(pk__in=ids[start : start + BATCH]))
        for case in batch:
            case.fill_derived_fields()
        Case.objects.bulk_update(batch, Case.DERIVED_FIELDS)
    indexing.reindex(ids)
    return len(ids)


def update_planner_statistics():
    """After a bulk change, tell the database's query planner what the tables now hold.

    Without statistics, SQLite may pick an index that sorts thousands of rows where one that reads
    them in order would stop after a page.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
