import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xiezuo.settings")
application = get_wsgi_application()

# Import every view (and pypinyin's dictionaries with them) now, then move all these long-lived objects out of
# the garbage collector's sight: otherwise every full collection walks hundreds of thousands of them.
get_resolver().url_patterns  # noqa: B018
gc.freeze()
