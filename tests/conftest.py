import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import translation


@pytest.fixture
def reference_data(db):
    """The real provinces, pairings and themes (fixtures/reference.json)."""
    call_command("loaddata", "reference", verbosity=0)


@pytest.fixture
def demo_data(db):
    """Reference data, the case stories and their images, as `make run` loads them."""
    call_command("load_demo_data", verbosity=0)


@pytest.fixture
def en_client():
    return Client(headers={"accept-language": "en"})


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches: cached cards of another test's cases must not show up.

    The per-process reference data is keyed by the stored counts' version, which a rolled-back test can repeat.
    """
    from cases import facets

    cache.clear()
    facets._reference.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Chinese, whatever language an earlier request left active in this thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def editor_groups(db):
    """The Editor and Publisher groups, as their data migration makes them.

    Tests with real transactions empty every table afterwards, groups included; this puts them back.
    """
    from importlib import import_module

    from django.apps import apps

    import_module("cases.migrations.0002_editor_and_publisher_groups").create_groups(apps, None)
