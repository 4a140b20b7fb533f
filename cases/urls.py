from django.urls import path

from . import views
from .feeds import LatestCasesFeed

app_name = "cases"

urlpatterns = [
    path("", views.home, name="home"),
    path("cases/", views.CaseListView.as_view(), name="case_list"),
    path("cases/<slug:slug>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("preview/<int:pk>/", views.CasePreviewView.as_view(), name="case_preview"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
    path("pairs/<slug:slug>/", views.PairingDetailView.as_view(), name="pairing_detail"),
    path("provinces/", views.province_list, name="province_list"),
    path("provinces/<slug:slug>/", views.ProvinceDetailView.as_view(), name="province_detail"),
    path("feed/", LatestCasesFeed(), name="feed"),
]
