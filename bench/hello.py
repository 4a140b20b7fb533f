"""A one-view Django "hello world": the throughput ceiling that bench/run.py compares the site's pages with.

Minimal settings, one URL, no middleware, no database, no templates:

    gunicorn --chdir bench hello:application -w 2 -b 127.0.0.1:8001
"""

import os

from django.conf import settings

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or "bench-hello-world-only-not-a-real-secret",
        ALLOWED_HOSTS=["127.0.0.1", "localhost", "testserver"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        DATABASES={},
        TEMPLATES=[],
        USE_I18N=False,
        USE_TZ=True,
    )

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def hello(request):
    return HttpResponse("Hello, world")


urlpatterns = [path("", hello)]

application = get_wsgi_application()
