from django.core.management.base import BaseCommand

from cases.images import make_renditions
from cases.models import Case, CaseImage

# (model, image field) pairs whose files get renditions.
IMAGE_FIELDS = [(Case, "image"), (CaseImage, "image")]


class Command(BaseCommand):
    help = (
        "Make the WebP and JPEG renditions of every case's lead image and gallery image that lacks them "
        "(all of them again with --force). A missing or unreadable file is reported and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Remake renditions that already exist (after changing widths or quality).",
        )

    def handle(self, *args, force=False, **options):
        verbosity = options["verbosity"]
        done = set()
        images = files = missing = failed = 0
        for model, field_name in IMAGE_FIELDS:
            storage = model._meta.get_field(field_name).storage
            rows = model.objects.exclude(**{field_name: ""}).exclude(**{f"{field_name}__isnull": True})
            for pk, name in rows.order_by("pk").values_list("pk", field_name).iterator():
                label = f"{model.__name__} {pk}: {name}"
                if (id(storage), name) in done:  # Several rows may share one file.
                    continue
                done.add((id(storage), name))
                if not storage.exists(name):
                    missing += 1
                    self.stderr.write(self.style.WARNING(f"Missing file, skipped: {label}"))
                    continue
                try:
                    written = make_renditions(name, storage=storage, force=force)
                except Exception as e:  # One unreadable image must not stop the others.
                    failed += 1
                    self.stderr.write(self.style.ERROR(f"Could not make renditions of {label} ({e})"))
                    continue
                images += 1
                files += len(written)
                if verbosity >= 2:
                    self.stdout.write(f"{label}: {len(written)} files written")
        summary = f"{images} images, {files} rendition files written"
        if missing or failed:
            summary += f"; {missing} missing, {failed} unreadable (see above)"
        self.stdout.write(self.style.SUCCESS(summary + "."))
