from django.conf import settings
from django.urls import translate_url


def site(request):
    """The page's twin in each language (for hreflang and the language switcher)."""
    path = request.get_full_path()
    return {
        "site_name": settings.SITE_NAME,
        "language_versions": [
            {"code": code, "name": name, "url": translate_url(path, code)} for code, name in settings.LANGUAGES
        ],
    }
