from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import search
from .facet_keys import pairing_pattern, parse_facet_key, theme_pattern
from .text import localized_property, make_slug, pinyin_sort_key, render_markdown

slug_validator = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    _("Use lowercase ASCII letters, digits and single hyphens, e.g. jiulong-tea."),
)


@models.CharField.register_lookup
class Like(models.Lookup):
    """field__like="%|p%:3:%": SQL LIKE with the caller's own wildcards, for matching inside facet keys."""

    lookup_name = "like"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} LIKE {rhs}", [*lhs_params, *rhs_params]


class Side(models.TextChoices):
    EAST = "east", _("East")
    WEST = "west", _("West")
    NEITHER = "neither", _("Not in the programme")


class ProvinceQuerySet(models.QuerySet):
    def counted_in(self, cases):
        """Each province with n, how many of `cases` involve it (on either side)."""
        ids = cases.order_by().values("pk")
        return self.annotate(
            n=Count("east_pairings__cases", filter=Q(east_pairings__cases__in=ids), distinct=True)
            + Count("west_pairings__cases", filter=Q(west_pairings__cases__in=ids), distinct=True)
        )


class ProvinceManager(models.Manager.from_queryset(ProvinceQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Province(models.Model):
    code = models.CharField(
        _("GB/T 2260 code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^\d{2}0000$", _("Six digits ending in 0000, e.g. 510000."))],
    )
    name_zh = models.CharField(_("name (Chinese)"), max_length=20, help_text=_("Short name, e.g. 四川."))
    full_name_zh = models.CharField(_("full name (Chinese)"), max_length=30, help_text=_("e.g. 四川省."))
    name_en = models.CharField(_("name (English)"), max_length=40)
    short_forms_zh = models.CharField(
        _("one-character short forms"),
        max_length=10,
        blank=True,
        help_text=_("Separated by spaces, the official one first, e.g. 川 蜀 for Sichuan."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=40,
        unique=True,
        validators=[RegexValidator(r"^[a-z]+$", _("Pinyin in lowercase letters only."))],
        help_text=_("Pinyin of the short name: sichuan, neimenggu, shaanxi."),
    )
    side = models.CharField(_("side of the programme"), max_length=7, choices=Side, default=Side.NEITHER)
    sort_key = models.CharField(
        _("pinyin sort key"),
        max_length=60,
        blank=True,
        db_index=True,
        help_text=_("Filled in from the Chinese name when left blank, e.g. si4chuan1."),
    )
    note_zh = models.TextField(_("note (Chinese)"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)

    objects = ProvinceManager()

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name_zh

    def save(self, *args, **kwargs):
        if not self.sort_key:
            self.sort_key = pinyin_sort_key(self.name_zh)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cases:province_detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    name = localized_property("name")

    note = localized_property("note")


def counted_in(queryset, cases):
    """Annotate n: how many of `cases` each row (a theme, a pairing) is linked to."""
    ids = cases.order_by().values("pk")
    return queryset.annotate(n=Count("cases", filter=Q(cases__in=ids), distinct=True))


class PairingQuerySet(models.QuerySet):
    def with_provinces(self):
        return self.select_related("east", "west")

    counted_in = counted_in


class PairingManager(models.Manager.from_queryset(PairingQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Pairing(models.Model):
    east = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="east_pairings",
        limit_choices_to={"side": Side.EAST},
        verbose_name=_("eastern province"),
    )
    west = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="west_pairings",
        limit_choices_to={"side": Side.WEST},
        verbose_name=_("western province"),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=90,
        unique=True,
        blank=True,
        help_text=_("Left blank, it becomes east-west: zhejiang-sichuan."),
    )
    since_year = models.PositiveSmallIntegerField(
        _("paired since"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    since_is_upper_bound = models.BooleanField(
        _("in place by that year"),
        default=False,
        help_text=_("Tick when sources only show the pairing already existed by that year."),
    )
    coverage_zh = models.CharField(_("coverage (Chinese)"), max_length=200, blank=True)
    coverage_en = models.CharField(_("coverage (English)"), max_length=200, blank=True)
    note_zh = models.TextField(_("note (Chinese)"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)

    objects = PairingManager()

    class Meta:
        ordering = ["east__sort_key", "west__sort_key"]
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        constraints = [
            models.UniqueConstraint(
                fields=["east", "west"],
                name="unique_pairing",
                violation_error_message=_("These two provinces are already paired."),
            ),
            models.CheckConstraint(
                condition=~Q(east=F("west")),
                name="pairing_distinct_provinces",
                violation_error_message=_("A province cannot be paired with itself."),
            ),
        ]

    def __str__(self):
        return f"{self.east.name_zh}—{self.west.name_zh}"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = f"{self.east.slug}-{self.west.slug}"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cases:pairing_detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.east_id and self.east.side != Side.EAST:
            errors["east"] = _("Choose a province on the eastern side of the programme.")
        if self.west_id and self.west.side != Side.WEST:
            errors["west"] = _("Choose a province on the western side of the programme.")
        if errors:
            raise ValidationError(errors)

    def natural_key(self):
        return (self.slug,)

    @property
    def name(self):
        return f"{self.east.name}–{self.west.name}"

    coverage = localized_property("coverage")

    note = localized_property("note")


class ThemeQuerySet(models.QuerySet):
    counted_in = counted_in


class ThemeManager(models.Manager.from_queryset(ThemeQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Theme(models.Model):
    slug = models.SlugField(_("slug"), max_length=50, unique=True, validators=[slug_validator])
    name_zh = models.CharField(_("name (Chinese)"), max_length=40)
    name_en = models.CharField(_("name (English)"), max_length=60)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ThemeManager()

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name_zh

    def get_absolute_url(self):
        return reverse("cases:theme_detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    name = localized_property("name")

    description = localized_property("description")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CaseQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, and its publication time has come."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def search(self, words):
        """Cases whose text matches any of the parsed query `words` (cases/search.py)."""
        if not words:
            return self.none()
        return self.filter(pk__in=RawSQL(*search.match_sql(words)))

    def ranked(self, words):
        """Best match first: more of the query's words, then matches in the title, then the newest."""

        def matching(sql_and_params):
            return models.Case(When(pk__in=RawSQL(*sql_and_params), then=1), default=0)

        in_title = sum((matching(search.match_sql([w], title_only=True)) for w in words), Value(0))
        if len(words) > 1:
            matched = sum((matching(search.match_sql([w])) for w in words), Value(0))
        else:
            matched = Value(1)  # the filter already asks for the only word
        return self.annotate(search_words=matched, search_in_title=in_title).order_by(
            "-search_words", "-search_in_title", "-published_at", "-pk"
        )

    def facet_rows(self):
        """(facet key, number of cases) for these cases: everything the facets count is derived from it."""
        return self.order_by().values_list("facet_key").annotate(n=Count("pk")).values_list("facet_key", "n")

    def public_facet_rows(self):
        """facet_rows() of all public cases from the stored counts (FacetCount), with a version of them."""
        return FacetCount.objects.public_rows()

    def with_facets(self, selection, reference):
        """The cases the facet selection admits (cases/facets.py Selection), matched inside their facet keys.

        Matching patterns rather than listing the admitted keys keeps the query short whatever the data:
        the newest cases are read in order until a page is found.
        """
        queryset = self
        if selection.themes:
            queryset = queryset.filter(any_of("facet_key__like", [theme_pattern(t) for t in selection.themes]))
        if selection.province is not None:
            pairings = [pk for pk, p in reference.pairings.items() if selection.province in (p.east_id, p.west_id)]
            queryset = queryset.filter(any_of("facet_key__like", [pairing_pattern(p) for p in pairings]))
        if selection.pair is not None:
            queryset = queryset.filter(facet_key__like=pairing_pattern(selection.pair))
        if selection.year is not None:
            queryset = queryset.filter(year=selection.year)
        return queryset

    def sharing(self, case, limit=3):
        """The newest other public cases with one of `case`'s pairings, then with one of its themes."""
        facets = parse_facet_key(case.facet_key)
        found = []
        for patterns in (
            [pairing_pattern(p) for p in facets.pairings],
            [theme_pattern(t) for t in facets.themes],
        ):
            if len(found) >= limit or not patterns:
                continue
            found += list(
                self.published()
                .filter(any_of("facet_key__like", patterns))
                .exclude(pk__in=[case.pk, *(c.pk for c in found)])
                .order_by("-published_at", "-pk")[: limit - len(found)]
            )
        return found


def any_of(lookup, values):
    """Q(lookup=v1) | Q(lookup=v2) | …; matches nothing when there are no values."""
    condition = Q(pk__in=[])
    for value in values:
        condition |= Q(**{lookup: value})
    return condition


class CaseManager(models.Manager.from_queryset(CaseQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Case(models.Model):
    # Short fields first, long texts last: SQLite keeps the start of a row on its page and the rest on overflow
    # pages, so filtering, sorting and cards never have to read the bodies.
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        validators=[slug_validator],
        help_text=_("The web address: lowercase ASCII, e.g. jiulong-tea. Left blank, it is made from the title."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("published"), null=True, blank=True, help_text=_("Set when the story is published.")
    )
    year = models.PositiveSmallIntegerField(
        _("year of the work"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    # Year, theme ids and pairing ids in one string (y2023|t:1:3:|p:2:5:), kept in step by cases/indexing.py:
    # the facets are counted per key (FacetCount), and cards need no extra queries.
    facet_key = models.CharField(max_length=255, editable=False, blank=True, default="")
    sort_title_zh = models.CharField(max_length=400, editable=False, blank=True)
    # Defaults rather than auto_now: loaddata's raw saves skip auto_now, and fixtures need dates too.
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now, editable=False)
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("last edited by"),
    )
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    standfirst_zh = models.TextField(
        _("standfirst (Chinese)"), help_text=_("One or two sentences that sum up the story.")
    )
    standfirst_en = models.TextField(_("standfirst (English)"), blank=True)
    place_east_zh = models.CharField(
        _("eastern places (Chinese)"), max_length=300, blank=True, help_text=_("e.g. 浙江省杭州市西湖区")
    )
    place_east_en = models.CharField(
        _("eastern places (English)"), max_length=300, blank=True, help_text=_("e.g. Xihu District, Hangzhou, Zhejiang")
    )
    place_west_zh = models.CharField(
        _("western places (Chinese)"), max_length=300, blank=True, help_text=_("e.g. 四川省甘孜州九龙县")
    )
    place_west_en = models.CharField(
        _("western places (English)"), max_length=300, blank=True, help_text=_("e.g. Jiulong County, Ganzi, Sichuan")
    )
    image = models.ImageField(
        _("lead image"),
        upload_to="cases/%Y/",
        width_field="image_width",
        height_field="image_height",
        blank=True,
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt_zh = models.CharField(_("image description (Chinese)"), max_length=250, blank=True)
    image_alt_en = models.CharField(_("image description (English)"), max_length=250, blank=True)
    image_credit = models.CharField(_("image credit"), max_length=200, blank=True)
    pairings = models.ManyToManyField(Pairing, related_name="cases", verbose_name=_("pairings"))
    themes = models.ManyToManyField(Theme, related_name="cases", verbose_name=_("themes"))
    body_zh = models.TextField(
        _("body (Chinese)"), help_text=_("Markdown: ## heading, **bold**, [link](https://…), - list.")
    )
    body_en = models.TextField(_("body (English)"), blank=True, help_text=_("Markdown, as the Chinese body."))
    body_html_zh = models.TextField(editable=False, blank=True)
    body_html_en = models.TextField(editable=False, blank=True)

    objects = CaseManager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        permissions = [("publish_case", _("Can publish, schedule and withdraw cases"))]
        indexes = [
            # The public list reads the newest cases in order, matching their facet keys in the index alone
            # (with a year chosen, the newest of that year).
            models.Index(fields=["status", "-published_at", "facet_key"], name="case_public_order_idx"),
            models.Index(fields=["status", "year", "-published_at", "facet_key"], name="case_public_year_idx"),
            models.Index(fields=["year"], name="case_year_idx"),
            models.Index(fields=["sort_title_zh"], name="case_sort_title_zh_idx"),
            models.Index(fields=["title_en"], name="case_title_en_idx"),
            models.Index(fields=["status", "facet_key", "published_at"], name="case_status_facet_idx"),
            # Search matches are looked up by id: this index answers them without reading the (long) rows.
            models.Index(fields=["id", "status", "published_at", "facet_key"], name="case_search_cover_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(slug=""), name="case_slug_not_empty"),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
                name="case_published_has_date",
                violation_error_message=_("A published case needs a publication date."),
            ),
        ]

    def __str__(self):
        return self.title_zh

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug()
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self.fill_derived_fields()
        self.updated_at = timezone.now()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at", *self.DERIVED_FIELDS}
        elif not self._state.adding:
            # facet_key belongs to cases/indexing.py: an instance loaded before a reindex must not write it back.
            kwargs["update_fields"] = [
                f.attname for f in self._meta.concrete_fields if not f.primary_key and f.name != "facet_key"
            ]
        super().save(*args, **kwargs)
        self.version = CaseSaveCounter.count_save(self)
        old_slug = getattr(self, "_stored", {}).get("slug")
        if old_slug and old_slug != self.slug:
            CaseSlugRedirect.objects.filter(old_slug=self.slug).delete()
            CaseSlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"case": self})
        self._stored = {**getattr(self, "_stored", {}), "slug": self.slug}

    def get_absolute_url(self):
        return reverse("cases:case_detail", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        case = super().from_db(db, field_names, values)
        # What was stored, to notice a changed slug (old links must keep working) or image.
        case._stored = dict(zip(field_names, values, strict=True))
        return case

    def clean(self):
        if not self.slug:
            # Before constraint validation, so a Chinese-only title still passes case_slug_not_empty.
            self.slug = self.unique_slug()
        if self.image and not (self.image_alt_zh and self.image_alt_en):
            raise ValidationError(
                {
                    "image_alt_zh" if not self.image_alt_zh else "image_alt_en": _(
                        "Describe the lead image in both languages for readers who cannot see it."
                    )
                }
            )

    DERIVED_FIELDS = ["body_html_zh", "body_html_en", "sort_title_zh"]
    LONG_TEXT_FIELDS = ("body_zh", "body_en", "body_html_zh", "body_html_en")

    def fill_derived_fields(self):
        self.body_html_zh = render_markdown(self.body_zh)
        self.body_html_en = render_markdown(self.body_en)
        self.sort_title_zh = pinyin_sort_key(self.title_zh)

    def natural_key(self):
        return (self.slug,)

    def unique_slug(self):
        base = make_slug(self.title_en or self.title_zh, max_length=90)
        slug, n = base, 2
        while Case.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    @property
    def version(self):
        """How many times this case has been saved: a form opened at an older count must not overwrite it."""
        if "_version" not in self.__dict__:
            self._version = CaseSaveCounter.objects.filter(case_id=self.pk).values_list("saves", flat=True).first() or 0
        return self._version

    @version.setter
    def version(self, value):
        self._version = value

    def refresh_from_db(self, *args, **kwargs):
        self.__dict__.pop("_version", None)
        super().refresh_from_db(*args, **kwargs)

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED and self.published_at is not None and self.published_at <= timezone.now()

    title = localized_property("title")

    standfirst = localized_property("standfirst")

    body_html = localized_property("body_html")

    place_east = localized_property("place_east")

    place_west = localized_property("place_west")

    image_alt = localized_property("image_alt")


class SearchEntry(models.Model):
    """A case's text as search tokens (cases/search.py). The database indexes it: an FTS5 table on SQLite,
    a generated tsvector column with a GIN index on PostgreSQL (migration 0007)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True, related_name="search_entry")
    title = models.TextField()
    body = models.TextField()

    def __str__(self):
        return f"search entry of case {self.case_id}"


class FacetCountQuerySet(models.QuerySet):
    def recount(self, keys):
        """Recount the published cases of these facet keys (after saves, deletions or reindexing)."""
        keys = set(keys)
        counted = dict(
            Case.objects.filter(status=Status.PUBLISHED, facet_key__in=keys)
            .order_by()
            .values_list("facet_key")
            .annotate(n=Count("pk"))
        )
        now = timezone.now()
        # Emptied keys stay as zero rows: their changed_at tells readers of the stored rows that they changed.
        self.bulk_create(
            [FacetCount(facet_key=key, published=counted.get(key, 0), changed_at=now) for key in keys],
            update_conflicts=True,
            unique_fields=["facet_key"],
            update_fields=["published", "changed_at"],
        )

    def rebuild(self):
        self.all().delete()
        rows = Case.objects.filter(status=Status.PUBLISHED).order_by().values_list("facet_key").annotate(n=Count("pk"))
        now = timezone.now()
        self.bulk_create([FacetCount(facet_key=k, published=n, changed_at=now) for k, n in rows], batch_size=2000)

    def version(self):
        """Changes whenever a public case's facets or text may have changed, or a scheduled case goes public.

        Every save reindexes its case and so stamps its facet key's row; when the next scheduled case's time
        comes, the earliest time still to come moves on. One small query reads both, whatever the data.
        Themes, provinces and pairings stamp a row of their own when they change (touch()), so the version also
        tells when the reference data does. Rows are only ever deleted by rebuild(), which stamps every new row.
        """
        next_scheduled = (
            Case.objects.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())
            .order_by("published_at")
            .values("published_at")[:1]
        )
        found = self.aggregate(changed=models.Max("changed_at"), next=models.Min(Subquery(next_scheduled)))
        return found["changed"], found["next"]

    def touch(self):
        """Record that a theme, province or pairing changed: the version moves on and pages load them afresh."""
        self.update_or_create(facet_key=REFERENCE_STAMP, defaults={"published": 0, "changed_at": timezone.now()})

    def public_rows(self, version=None):
        """(facet key, public cases) rows and their version: the stored counts less the scheduled cases."""
        version = version or self.version()
        scheduled = (
            Case.objects.filter(
                status=Status.PUBLISHED, published_at__gt=timezone.now(), facet_key=OuterRef("facet_key")
            )
            .order_by()
            .values("facet_key")
            .annotate(n=Count("pk"))
            .values("n")
        )
        rows = (
            self.filter(published__gt=0)
            .annotate(public=F("published") - Coalesce(Subquery(scheduled), 0))
            .filter(public__gt=0)
            .values_list("facet_key", "public")
        )
        return list(rows), version


# The key of the row that themes, provinces and pairings stamp (no case has an empty facet key).
REFERENCE_STAMP = ""


class FacetCount(models.Model):
    """How many published cases share each facet key, kept by cases/indexing.py.

    Counting a hundred thousand cases on every list page would take tens of milliseconds; this table has a
    row per distinct key (a few thousand at most), and the few cases scheduled for later are subtracted.
    """

    facet_key = models.CharField(max_length=255, unique=True)
    published = models.PositiveIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = FacetCountQuerySet.as_manager()

    def __str__(self):
        return f"{self.facet_key}: {self.published}"


class CaseSaveCounter(models.Model):
    """Counts a case's saves, outside the case row so that restoring an old revision never rewinds it."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True, related_name="save_counter")
    saves = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.case_id}: {self.saves}"

    @classmethod
    def count_save(cls, case):
        if not cls.objects.filter(case=case).update(saves=F("saves") + 1):
            cls.objects.create(case=case, saves=1)
        return cls.objects.values_list("saves", flat=True).get(case=case)


class CaseSlugRedirect(models.Model):
    """A slug a case used to have: links to it answer with a permanent redirect to the current one."""

    old_slug = models.SlugField(_("old slug"), max_length=100, unique=True)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="old_slugs", verbose_name=_("case"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("old slug")
        verbose_name_plural = _("old slugs")

    def __str__(self):
        return self.old_slug


class CaseRevisionMeta(models.Model):
    """Which version number a saved revision of a case holds, to show what changed since a form was opened."""

    revision = models.OneToOneField("reversion.Revision", on_delete=models.CASCADE, related_name="case_meta")
    case_version = models.PositiveIntegerField()

    def __str__(self):
        return f"v{self.case_version}"


class CaseImage(models.Model):
    """A gallery picture of a case, shown below the story."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="gallery", verbose_name=_("case"))
    image = models.ImageField(_("image"), upload_to="cases/%Y/", width_field="width", height_field="height")
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    alt_zh = models.CharField(_("image description (Chinese)"), max_length=250)
    alt_en = models.CharField(_("image description (English)"), max_length=250)
    caption_zh = models.CharField(_("caption (Chinese)"), max_length=300, blank=True)
    caption_en = models.CharField(_("caption (English)"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery images")

    def __str__(self):
        return self.alt_zh

    @classmethod
    def from_db(cls, db, field_names, values):
        picture = super().from_db(db, field_names, values)
        picture._stored = dict(zip(field_names, values, strict=True))  # to notice a replaced image
        return picture

    alt = localized_property("alt")

    caption = localized_property("caption")


class Qualifier(models.TextChoices):
    EXACT = "exact", _("exactly")
    APPROX = "approx", _("about")
    NEARLY = "nearly", _("nearly")
    MORE_THAN = "more_than", _("more than")
    AT_LEAST = "at_least", _("at least")


# Chinese magnitude prefixes of units as printed (万元, 亿美元, 万人次), so English can show
# 7083 万元 as 70.83 million yuan without anyone retyping the figure.
MAGNITUDES = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
# Fixed words rather than translated labels: display_en is English whatever the page language.
ENGLISH_QUALIFIERS = {
    Qualifier.APPROX: "about",
    Qualifier.NEARLY: "nearly",
    Qualifier.MORE_THAN: "more than",
    Qualifier.AT_LEAST: "at least",
}


class KeyFigure(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="figures", verbose_name=_("case"))
    label_zh = models.CharField(_("label (Chinese)"), max_length=120)
    label_en = models.CharField(_("label (English)"), max_length=160, blank=True)
    qualifier = models.CharField(_("qualifier"), max_length=10, choices=Qualifier, default=Qualifier.EXACT)
    value = models.DecimalField(
        _("value"), max_digits=16, decimal_places=2, help_text=_("The number as the source prints it, e.g. 7083.")
    )
    unit_zh = models.CharField(
        _("unit (Chinese)"), max_length=20, blank=True, help_text=_("As printed, e.g. 万元, 亩, %.")
    )
    unit_en = models.CharField(
        _("unit (English)"),
        max_length=40,
        blank=True,
        help_text=_(
            "The plain unit without 万 or 亿, e.g. yuan, mu, %; English shows 7083 万元 as 70.83 million yuan."
        ),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    period_zh = models.CharField(_("period (Chinese)"), max_length=60, blank=True, help_text=_("e.g. 截至2023年11月底"))
    period_en = models.CharField(_("period (English)"), max_length=80, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")

    def __str__(self):
        return f"{self.label_zh}: {self.display_zh}"

    label = localized_property("label")

    period = localized_property("period")

    @property
    def display_zh(self):
        number = format_number(self.value)
        unit = self.unit_zh
        return {
            Qualifier.APPROX: f"约{number}{unit}",
            Qualifier.NEARLY: f"近{number}{unit}",
            Qualifier.MORE_THAN: f"超过{number}{unit}",
            Qualifier.AT_LEAST: f"{number}{unit}以上",
        }.get(self.qualifier, f"{number}{unit}")

    @property
    def display_en(self):
        value, unit = self.value, self.unit_en
        if self.unit_zh[:1] in MAGNITUDES:
            value = value * MAGNITUDES[self.unit_zh[0]]
        number = format_english_magnitude(value)
        sep = "" if unit in {"%", ""} else " "
        text = f"{number}{sep}{unit}"
        if self.qualifier in ENGLISH_QUALIFIERS:
            text = f"{ENGLISH_QUALIFIERS[self.qualifier]} {text}"
        return text

    display = localized_property("display", fallback=False)


def format_number(value):
    """231.90 -> 231.9, 7083.00 -> 7083: the figure as the source prints it."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_english_magnitude(value):
    """70830000 -> '70.83 million', 25000 -> '25,000'."""
    for size, word in ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")):
        if abs(value) >= size:
            return f"{format_number(round(value / size, 4))} {word}"
    whole = value == value.to_integral_value()
    return f"{int(value):,}" if whole else f"{value.normalize():,f}"


class Source(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="sources", verbose_name=_("case"))
    publisher = models.CharField(_("publisher"), max_length=120, help_text=_("e.g. 人民日报 (People's Daily)"))
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"), null=True, blank=True)
    url = models.URLField(_("web address"), max_length=500, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return f"{self.publisher}: {self.title}"
