import time

from django.core.management.base import BaseCommand

from cases import indexing
from cases.maintenance import update_planner_statistics


class Command(BaseCommand):
    help = "Rebuild every case's search entry and facet key (after a bulk import, or to repair the index)."

    def handle(self, *args, **options):
        started = time.monotonic()
        count = indexing.reindex()
        update_planner_statistics()
        self.stdout.write(f"Reindexed {count} cases in {time.monotonic() - started:.1f} s.")
