from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views import defaults
from django.views.static import serve

from cases.sitemaps import SITEMAPS

from . import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap_index"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]

urlpatterns += i18n_patterns(path("", include("cases.urls")), prefix_default_language=False)

if settings.SERVE_MEDIA:
    # Uploads; in production a front proxy or object store serves /media/ instead.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

if settings.DEBUG:
    # See the error pages as readers will.
    urlpatterns += [
        path("__errors__/404/", defaults.page_not_found, {"exception": Exception("preview")}),
        path("__errors__/500/", defaults.server_error),
    ]
