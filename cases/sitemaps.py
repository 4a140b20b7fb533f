from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Case, Pairing, Province, Theme


class I18nSitemap(Sitemap):
    """Every page in both languages, each naming its twin (hreflang alternates)."""

    i18n = True
    alternates = True
    x_default = True


class CaseSitemap(I18nSitemap):
    changefreq = "monthly"
    limit = 5000  # pages of 5,000 cases (10,000 addresses with the English twins)

    def items(self):
        return Case.objects.published().order_by("pk")

    def lastmod(self, case):
        return case.updated_at


class BrowseSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return [*Theme.objects.all(), *Pairing.objects.with_provinces(), *Province.objects.all()]


class PageSitemap(I18nSitemap):
    changefreq = "daily"

    def items(self):
        return ["cases:home", "cases:case_list", "cases:province_list"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"cases": CaseSitemap, "browse": BrowseSitemap, "pages": PageSitemap}
