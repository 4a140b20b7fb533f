import logging

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from . import images, indexing
from .models import Case, CaseImage, FacetCount, Pairing, Province, Theme

logger = logging.getLogger(__name__)


@receiver(post_save, sender=Case)
def keep_derived_data_in_step(sender, instance, raw, **kwargs):
    # loaddata saves raw, skipping Case.save(): render the Markdown and sort key here instead.
    if raw:
        instance.fill_derived_fields()
        Case.objects.filter(pk=instance.pk).update(**{name: getattr(instance, name) for name in Case.DERIVED_FIELDS})
    # Search and facets follow every save, publish and withdraw; deletion cascades to the search entry.
    indexing.reindex([instance.pk])


@receiver(m2m_changed, sender=Case.themes.through)
@receiver(m2m_changed, sender=Case.pairings.through)
def reindex_after_links_change(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        indexing.reindex([instance.pk])
    elif pk_set:
        indexing.reindex(pk_set)


@receiver(post_save, sender=Pairing)
@receiver(post_save, sender=Province)
def reindex_cases_of_changed_places(sender, instance, raw, created, **kwargs):
    # Province names are part of each case's search text; a new pairing or province has no cases yet.
    if raw or created:
        return
    cases = Case.objects.filter(
        Q(pairings=instance) if sender is Pairing else Q(pairings__east=instance) | Q(pairings__west=instance)
    )
    indexing.reindex(set(cases.values_list("pk", flat=True)))


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


@receiver(pre_delete, sender=Case)
def remember_facet_of_deleted_case(sender, instance, **kwargs):
    # The stored key, not the instance's: it may have been loaded before the last reindex.
    instance._stored_facet_key = Case.objects.filter(pk=instance.pk).values_list("facet_key", flat=True).first()


@receiver(post_delete, sender=Case)
def recount_facet_of_deleted_case(sender, instance, **kwargs):
    FacetCount.objects.recount([getattr(instance, "_stored_facet_key", None) or instance.facet_key])


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


@receiver(post_save, sender=Theme)
@receiver(post_save, sender=Province)
@receiver(post_save, sender=Pairing)
@receiver(post_delete, sender=Theme)
@receiver(post_delete, sender=Province)
@receiver(post_delete, sender=Pairing)
def note_reference_change(sender, **kwargs):
    # Each process keeps the themes, provinces and pairings until the counts' version moves on (facets.py).
    FacetCount.objects.touch()
