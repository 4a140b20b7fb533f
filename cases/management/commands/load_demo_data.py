import shutil
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from cases.models import Case, Province

FIXTURES = ["reference", "cases"]
FIXTURE_MEDIA = Path(settings.BASE_DIR) / "fixtures" / "media"


class Command(BaseCommand):
    help = "Load the provinces, pairings, themes and case stories, once: only into an empty database."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even when data exists (fixtures update their own rows in place; nothing is duplicated).",
        )

    def handle(self, *args, force=False, **options):
        self.copy_media()
        if Province.objects.exists() and not force:
            self.stdout.write("The database already has data; fixtures not loaded (use --force to reload them).")
            return
        call_command("loaddata", *FIXTURES, verbosity=options["verbosity"])
        self.stdout.write(
            self.style.SUCCESS(f"Loaded {Province.objects.count()} provinces and {Case.objects.count()} cases.")
        )

    def copy_media(self):
        """The fixtures' lead images, copied into MEDIA_ROOT where the site serves them from."""
        for source in FIXTURE_MEDIA.rglob("*"):
            if source.is_file() and source.suffix.lower() in {".jpg", ".jpeg", ".png", ".webp"}:
                target = Path(settings.MEDIA_ROOT) / source.relative_to(FIXTURE_MEDIA)
                if not target.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, target)
