"""The production cache: Redis, shared by several app servers. Skipped where no Redis answers on 127.0.0.1."""

import os
import socket

import pytest
from django.core.cache import caches

REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


def redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_cache(settings):
    if not redis_answers():
        if os.environ.get("XIEZUO_REQUIRE_REDIS"):
            pytest.fail("Redis does not answer on 127.0.0.1:6379")
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "t"}
    }
    cache = caches["default"]
    cache.clear()
    yield cache
    cache.clear()


def test_settings_choose_redis_when_redis_url_is_set():
    import subprocess
    import sys

    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    env = {**os.environ, "DJANGO_DEBUG": "1", "REDIS_URL": REDIS_URL, "DJANGO_SETTINGS_MODULE": "xiezuo.settings"}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip().splitlines()[-1] == "django.core.cache.backends.redis.RedisCache"


@pytest.mark.django_db
def test_health_check_and_pages_work_with_redis(client, redis_cache, demo_data):
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert redis_cache.get("healthz") == "ok"
    assert client.get("/cases/?q=茶叶").status_code == 200


@pytest.mark.django_db
def test_health_check_reports_a_dead_cache(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "error"
