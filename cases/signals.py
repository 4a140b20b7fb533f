from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Case


@receiver(post_save, sender=Case)
def fill_derived_fields_after_loaddata(sender, instance, raw, **kwargs):
    # loaddata saves raw, skipping Case.save(): render the Markdown and sort key here instead.
    if raw:
        instance.fill_derived_fields()
        Case.objects.filter(pk=instance.pk).update(**{name: getattr(instance, name) for name in Case.DERIVED_FIELDS})
