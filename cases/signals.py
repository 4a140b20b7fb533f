import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import images
from .models import Case, CaseImage

logger = logging.getLogger(__name__)


@receiver(post_save, sender=Case)
def fill_derived_fields_after_loaddata(sender, instance, raw, **kwargs):
    # loaddata saves raw, skipping Case.save(): render the Markdown and sort key here instead.
    if raw:
        instance.fill_derived_fields()
        Case.objects.filter(pk=instance.pk).update(**{name: getattr(instance, name) for name in Case.DERIVED_FIELDS})


def stored_image_name(instance):
    return (getattr(instance, "_stored", None) or {}).get("image") or ""


def make_renditions_later(field_file):
    name, storage = field_file.name, field_file.storage

    def make():
        try:
            images.make_renditions(name, storage=storage)
        except Exception:  # the page falls back to the original; `regenerate_renditions` can retry
            logger.exception("Could not make renditions of %s", name)

    transaction.on_commit(make)


def remove_image_files_later(name, storage, unless=None):
    """Delete an original and its renditions once the transaction commits (unless `unless()` says keep)."""

    def remove():
        if unless and unless():
            return
        images.delete_renditions(name, storage=storage)
        storage.delete(name)

    transaction.on_commit(remove)


@receiver(post_save, sender=Case)
@receiver(post_save, sender=CaseImage)
def keep_image_files_in_step(sender, instance, raw, **kwargs):
    """A new image gets its renditions; a replaced or cleared one loses its files."""
    if raw:
        return
    field_file = instance.image
    old_name = stored_image_name(instance)
    if field_file and field_file.name != old_name:
        make_renditions_later(field_file)
    if old_name and old_name != field_file.name:
        remove_image_files_later(old_name, field_file.storage)
    instance._stored = {**(getattr(instance, "_stored", None) or {}), "image": field_file.name}


@receiver(post_delete, sender=CaseImage)
def remove_deleted_gallery_image(sender, instance, **kwargs):
    # Deleted with its whole case, the picture stays on disk so a publisher can recover the case intact.
    if instance.image:
        case_id = instance.case_id
        remove_image_files_later(
            instance.image.name,
            instance.image.storage,
            unless=lambda: not Case.objects.filter(pk=case_id).exists(),
        )
