import logging

import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin
from reversion.models import Version

from . import images
from .models import (
    Case,
    CaseImage,
    CaseRevisionMeta,
    CaseSaveCounter,
    KeyFigure,
    Pairing,
    Province,
    Source,
    Status,
    Theme,
)

audit = logging.getLogger("xiezuo.audit")

PUBLISH_PERMISSION = "cases.publish_case"
EDITOR_STATUSES = (Status.DRAFT, Status.REVIEW)
# Derived fields are not part of a revision: they are recomputed from the restored text.
UNVERSIONED_FIELDS = ("body_html_zh", "body_html_en", "sort_title_zh", "facet_key")

admin.site.site_header = _("Xiezuo editors' desk")
admin.site.site_title = _("Xiezuo admin")
admin.site.index_title = _("Cases, provinces and themes")

reversion.register(KeyFigure)
reversion.register(Source)
reversion.register(CaseImage)
reversion.register(Case, follow=("figures", "sources", "gallery"), exclude=UNVERSIONED_FIELDS)


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["name_zh", "name_en", "slug", "code", "side", "short_forms_zh"]
    list_filter = ["side"]
    search_fields = ["name_zh", "full_name_zh", "name_en", "slug"]
    ordering = ["sort_key"]


@admin.register(Pairing)
class PairingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "since_year", "case_count"]
    list_select_related = ["east", "west"]
    search_fields = ["slug", "east__name_zh", "east__name_en", "west__name_zh", "west__name_en"]
    autocomplete_fields = ["east", "west"]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(n=models.Count("cases")).order_by("east__sort_key", "west__sort_key")
        )

    @admin.display(description=_("cases"), ordering="n")
    def case_count(self, pairing):
        return pairing.n


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name_zh", "name_en", "slug", "sort_order"]
    list_editable = ["sort_order"]
    prepopulated_fields = {"slug": ["name_en"]}
    search_fields = ["name_zh", "name_en", "slug"]


class PhotoField(forms.ImageField):
    """An uploaded photo, checked by decoding it and stored upright without metadata (cases/images.py)."""

    default_error_messages = {"invalid_image": images.MESSAGES["not_an_image"]}

    def to_python(self, data):
        # FileField's checks only: our own validation decodes the image, with clearer messages.
        upload = forms.FileField.to_python(self, data)
        return images.clean_image(upload) if upload is not None else None


PHOTO_FIELDS = {models.ImageField: {"form_class": PhotoField}}


class KeyFigureInline(admin.TabularInline):
    model = KeyFigure
    extra = 0
    fields = ["sort_order", "label_zh", "label_en", "qualifier", "value", "unit_zh", "unit_en", "year"]


class SourceInline(admin.TabularInline):
    model = Source
    extra = 0
    fields = ["sort_order", "publisher", "title", "date", "url"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class CaseImageInline(admin.StackedInline):
    model = CaseImage
    extra = 0
    formfield_overrides = PHOTO_FIELDS
    fields = ["image", ("alt_zh", "alt_en"), ("caption_zh", "caption_en"), "credit", "sort_order"]


class CaseForm(forms.ModelForm):
    """The case form, aware of who is saving: editors cannot publish, and nobody overwrites newer work."""

    # The version this form was opened at (the model's own `version` field is not editable).
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    user = None  # set by CaseAdmin.get_form

    class Meta:
        model = Case
        fields = "__all__"  # noqa: DJ007 (CaseAdmin.fieldsets chooses what the form shows)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base_version"].initial = self.instance.version
        if not can_publish(self.user):
            self.fields["status"].choices = [c for c in Status.choices if c[0] in EDITOR_STATUSES]
            self.fields["status"].help_text = _(
                "Submit the story for review when it is ready; a publisher publishes it."
            )
            if "published_at" in self.fields:
                self.fields["published_at"].disabled = True
                self.fields["published_at"].help_text = _("Set by a publisher.")

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if not can_publish(self.user) and status not in (*EDITOR_STATUSES, None):
            raise ValidationError(_("Only a publisher can publish, schedule or withdraw a case."), code="permission")
        if self.instance.pk:
            self.check_not_changed_meanwhile(cleaned.get("base_version"))
        return cleaned

    def check_not_changed_meanwhile(self, started_from):
        """Refuse to overwrite a save made since this form was opened, and show what that save changed."""
        # Lock the counter row: a concurrent save of the same case waits here until this one commits.
        CaseSaveCounter.objects.select_for_update().filter(case_id=self.instance.pk).first()
        current = Case.objects.select_related("last_edited_by").get(pk=self.instance.pk)
        if started_from == current.version:
            return
        # Saving again after reading the changes overwrites them knowingly.
        self.data = self.data.copy()
        self.data[self.add_prefix("base_version")] = current.version
        who = current.last_edited_by.get_username() if current.last_edited_by else _("someone")
        when = date_format(timezone.localtime(current.updated_at), "DATETIME_FORMAT")
        errors = [
            ValidationError(
                _(
                    "%(who)s saved this case at %(when)s, after you opened it. Your text is kept below and nothing "
                    "was saved. Check what they changed, merge it into your version, then save again."
                ),
                code="conflict",
                params={"who": who, "when": when},
            )
        ]
        for label, before, after in changes_since(current, started_from):
            errors.append(
                ValidationError(
                    _("%(field)s was changed from “%(before)s” to “%(after)s”."),
                    code="conflict_detail",
                    params={"field": label, "before": before, "after": after},
                )
            )
        raise ValidationError(errors)


def case_versions(case_id):
    return Version.objects.get_for_object_reference(Case, case_id).select_related("revision__user")


def describe(field, value):
    """A short, readable form of a stored value for messages and the comparison page."""
    if value in (None, "", []):
        return "—"
    if isinstance(field, models.ManyToManyField):
        names = field.related_model.objects.filter(pk__in=value)
        return "、".join(str(obj) for obj in names) or "—"
    if isinstance(field, models.ForeignKey):
        return str(field.related_model.objects.filter(pk=value).first() or value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return Truncator(str(value)).chars(120)


def field_differences(before, after):
    """(label, old, new) for each editable case field that differs between two field dicts."""
    rows = []
    for field in Case._meta.get_fields():
        if not getattr(field, "editable", False) or field.name in UNVERSIONED_FIELDS or field.auto_created:
            continue
        old, new = before.get(field.name), after.get(field.name)
        if isinstance(field, models.ManyToManyField):
            old, new = sorted(old or []), sorted(new or [])
        if str(old) != str(new):
            rows.append((field.verbose_name, describe(field, old), describe(field, new)))
    return rows


def current_field_dict(case):
    values = {field.name: field.value_from_object(case) for field in Case._meta.concrete_fields}
    values["pairings"] = [p.pk for p in case.pairings.all()]
    values["themes"] = [t.pk for t in case.themes.all()]
    values["image"] = case.image.name
    return values


def changes_since(current, version_number):
    meta = (
        CaseRevisionMeta.objects.filter(case_version=version_number, revision__version__object_id=str(current.pk))
        .select_related("revision")
        .first()
    )
    if meta is None:
        return []
    base = meta.revision.version_set.get(content_type__model="case", object_id=str(current.pk))
    return field_differences(base.field_dict, current_field_dict(current))


class StatusFilter(admin.SimpleListFilter):
    """The four statuses, plus scheduled: published with a publication time still to come."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*Status.choices, ("scheduled", _("Scheduled"))]

    def queryset(self, request, queryset):
        if self.value() == "scheduled":
            return queryset.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())
        if self.value() in Status.values:
            return queryset.filter(status=self.value())
        return queryset


@admin.register(Case)
class CaseAdmin(VersionAdmin):
    form = CaseForm
    formfield_overrides = PHOTO_FIELDS
    list_display = [
        "thumbnail",
        "title_zh",
        "status_label",
        "published_at",
        "last_edited_by",
        "updated_at",
        "year",
        "theme_list",
        "pairing_list",
    ]
    list_display_links = ["thumbnail", "title_zh"]
    list_filter = [StatusFilter, "themes", "pairings", "year"]
    list_select_related = ["last_edited_by"]
    search_fields = ["title_zh", "title_en", "slug"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["pairings"]
    filter_horizontal = ["themes"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [KeyFigureInline, SourceInline, CaseImageInline]
    readonly_fields = ["created_at", "updated_at", "last_edited_by"]
    actions = ["submit_for_review", "publish", "withdraw"]
    history_latest_first = True
    change_list_template = "admin/cases/case/change_list.html"
    object_history_template = "admin/cases/case/object_history.html"
    fieldsets = [
        (
            _("Chinese"),
            {
                "fields": ["title_zh", "standfirst_zh", "body_zh", "place_east_zh", "place_west_zh"],
                "description": _(
                    "Write the body in Markdown: “## ” starts a subheading, **bold**, a blank line between "
                    "paragraphs, “- ” for a list, [words](https://…) for a link, and [words](/cases/slug/) for "
                    "another case. Preview shows the result exactly as readers will see it."
                ),
            },
        ),
        (_("English"), {"fields": ["title_en", "standfirst_en", "body_en", "place_east_en", "place_west_en"]}),
        (_("Where and what"), {"fields": ["pairings", "themes", "year"]}),
        (_("Lead image"), {"fields": ["image", "image_alt_zh", "image_alt_en", "image_credit"]}),
        (
            _("Publishing"),
            {
                "fields": [
                    "slug",
                    "status",
                    "published_at",
                    "base_version",
                    "created_at",
                    "updated_at",
                    "last_edited_by",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes", "pairings__east", "pairings__west")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def has_change_permission(self, request, obj=None):
        # Once public (or withdrawn), a case changes only through a publisher.
        if obj is not None and obj.status in (Status.PUBLISHED, Status.WITHDRAWN) and not can_publish(request.user):
            return False
        return super().has_change_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not can_publish(request.user):
            actions.pop("publish", None)
            actions.pop("withdraw", None)
        return actions

    def save_model(self, request, obj, form, change):
        previous_status = form.initial.get("status") if change else None
        obj.last_edited_by = request.user
        super().save_model(request, obj, form, change)
        if reversion.is_active():
            reversion.add_meta(CaseRevisionMeta, case_version=obj.version)
        if obj.status != previous_status and obj.status in (Status.PUBLISHED, Status.WITHDRAWN, Status.REVIEW):
            self.log_status(request, obj)

    def log_status(self, request, case):
        words = {
            Status.PUBLISHED: _("Scheduled for publication") if not case.is_public else _("Published"),
            Status.WITHDRAWN: _("Withdrawn"),
            Status.REVIEW: _("Submitted for review"),
        }
        message = str(words[case.status])
        audit.info("%s case %s (%s) by %s", message, case.pk, case.slug, request.user.get_username())
        self.log_change(request, case, message)

    def change_status(self, request, queryset, new_status, allowed_from, done_message):
        changed = 0
        with transaction.atomic(), reversion.create_revision():
            reversion.set_user(request.user)
            for case in Case.objects.select_for_update().filter(pk__in=queryset.values("pk")):
                if case.status not in allowed_from:
                    continue
                case.status = new_status
                if new_status == Status.PUBLISHED and case.published_at is None:
                    case.published_at = timezone.now()
                case.last_edited_by = request.user
                case.save()
                self.log_status(request, case)
                changed += 1
            reversion.set_comment(str(done_message))
        skipped = queryset.count() - changed
        self.message_user(request, ngettext("%d case changed.", "%d cases changed.", changed) % changed)
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%d case was left as it was: its status does not allow this.",
                    "%d cases were left as they were: their status does not allow this.",
                    skipped,
                )
                % skipped,
                messages.WARNING,
            )

    @admin.action(description=_("Submit selected cases for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        self.change_status(
            request, queryset, Status.REVIEW, (Status.DRAFT, Status.WITHDRAWN), _("Submitted for review")
        )

    @admin.action(description=_("Publish selected cases (at their scheduled time, if set)"), permissions=["publish"])
    def publish(self, request, queryset):
        self.change_status(
            request, queryset, Status.PUBLISHED, (Status.DRAFT, Status.REVIEW, Status.WITHDRAWN), _("Published")
        )

    @admin.action(description=_("Withdraw selected cases from the public site"), permissions=["publish"])
    def withdraw(self, request, queryset):
        self.change_status(request, queryset, Status.WITHDRAWN, (Status.PUBLISHED,), _("Withdrawn"))

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def recoverlist_view(self, request, extra_context=None):
        if not can_publish(request.user):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not can_publish(request.user):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"can_recover": can_publish(request.user), **(extra_context or {})})

    def history_view(self, request, object_id, extra_context=None):
        # reversion's own list, with each version's id so two can be chosen for comparison.
        versions = case_versions(object_id).order_by("-pk") if object_id.isdigit() else Version.objects.none()
        action_list = [
            {
                "revision": version.revision,
                "version_id": version.pk,
                "url": reverse("admin:cases_case_revision", args=[object_id, version.pk]),
            }
            for version in versions
        ]
        return super().history_view(request, object_id, {**(extra_context or {}), "action_list": action_list})

    def get_urls(self):
        compare = self.admin_site.admin_view(self.compare_view)
        return [path("<path:object_id>/history/compare/", compare, name="cases_case_compare"), *super().get_urls()]

    def compare_view(self, request, object_id):
        """Two revisions of a case side by side, field by field, with their key figures and sources."""
        case = get_object_or_404(Case, pk=object_id)
        if not self.has_view_or_change_permission(request, case):
            raise PermissionDenied
        versions = case_versions(case.pk)
        try:
            older, newer = sorted(
                (versions.get(pk=int(request.GET["a"])), versions.get(pk=int(request.GET["b"]))), key=lambda v: v.pk
            )
        except (KeyError, ValueError, Version.DoesNotExist) as error:
            raise Http404(_("Choose two revisions of this case to compare.")) from error
        context = {
            **self.admin_site.each_context(request),
            "opts": Case._meta,
            "original": case,
            "title": _("Compare revisions of “%(case)s”") % {"case": case},
            "older": older,
            "newer": newer,
            "fields": field_differences(older.field_dict, newer.field_dict),
            "related": related_differences(older, newer),
        }
        return TemplateResponse(request, "admin/cases/case/compare.html", context)

    @admin.display(description=_("image"))
    def thumbnail(self, case):
        if not case.image:
            return "—"
        return format_html('<img src="{}" alt="" width="64" height="40" style="object-fit:cover">', case.image.url)

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, case):
        if case.status == Status.PUBLISHED and not case.is_public:
            return _("Scheduled")
        return case.get_status_display()

    @admin.display(description=_("themes"))
    def theme_list(self, case):
        return "、".join(theme.name_zh for theme in case.themes.all())

    @admin.display(description=_("pairings"))
    def pairing_list(self, case):
        return "、".join(str(pairing) for pairing in case.pairings.all())

    def view_on_site(self, case):
        return reverse("cases:case_detail", kwargs={"slug": case.slug}) if case.is_public else None


def related_differences(older, newer):
    """Key figures, sources and gallery images added, removed or changed between two revisions."""

    def objects(version):
        return {
            (v.content_type.model, v.object_id): v
            for v in version.revision.version_set.select_related("content_type")
            if v.content_type.model in ("keyfigure", "source", "caseimage")
        }

    before, after = objects(older), objects(newer)
    rows = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old and new and old.serialized_data == new.serialized_data:
            continue
        rows.append(
            {
                "kind": (old or new)._model._meta.verbose_name,
                "before": old.object_repr if old else "—",
                "after": new.object_repr if new else "—",
            }
        )
    return rows
