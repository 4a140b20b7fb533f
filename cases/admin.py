from django.contrib import admin
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Case, KeyFigure, Pairing, Province, Source, Theme


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

    @admin.display(description=_("cases"))
    def case_count(self, pairing):
        return pairing.cases.count()


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name_zh", "name_en", "slug", "sort_order"]
    list_editable = ["sort_order"]
    prepopulated_fields = {"slug": ["name_en"]}
    search_fields = ["name_zh", "name_en", "slug"]


class KeyFigureInline(admin.TabularInline):
    model = KeyFigure
    extra = 0
    fields = ["sort_order", "label_zh", "label_en", "qualifier", "value", "unit_zh", "unit_en", "year"]


class SourceInline(admin.TabularInline):
    model = Source
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["sort_order", "publisher", "title", "date", "url"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "title_zh", "title_en", "status", "published_at", "year", "theme_list", "pairing_list"]
    list_display_links = ["thumbnail", "title_zh"]
    list_filter = ["status", "themes", "pairings", "year"]
    search_fields = ["title_zh", "title_en", "slug"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["pairings"]
    filter_horizontal = ["themes"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [KeyFigureInline, SourceInline]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (_("Chinese"), {"fields": ["title_zh", "standfirst_zh", "body_zh", "place_east_zh", "place_west_zh"]}),
        (_("English"), {"fields": ["title_en", "standfirst_en", "body_en", "place_east_en", "place_west_en"]}),
        (_("Where and what"), {"fields": ["pairings", "themes", "year"]}),
        (_("Lead image"), {"fields": ["image", "image_alt_zh", "image_alt_en", "image_credit"]}),
        (_("Publishing"), {"fields": ["slug", "status", "published_at", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes", "pairings__east", "pairings__west")

    @admin.display(description=_("image"))
    def thumbnail(self, case):
        if not case.image:
            return "—"
        return format_html('<img src="{}" alt="" width="64" height="40" style="object-fit:cover">', case.image.url)

    @admin.display(description=_("themes"))
    def theme_list(self, case):
        return "、".join(theme.name_zh for theme in case.themes.all())

    @admin.display(description=_("pairings"))
    def pairing_list(self, case):
        return "、".join(str(pairing) for pairing in case.pairings.all())
