"""Production safety: DEBUG off by default, refusing to start without secrets, check --deploy clean."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_SECRET_KEY": "x7!kq2@v9#m4$p8^r1&t6*w3(z5)b0-n_s+d=f{h}j[l]c;e:g'y,u.i<o>a?" * 2,
    "DJANGO_ALLOWED_HOSTS": "xiezuo.example.org",
}


def run_manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "xiezuo.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_debug_the_site_refuses_to_start_without_its_secrets():
    result = run_manage("check", env={})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS" in result.stderr
    assert "make run" in result.stderr


def test_debug_is_off_unless_asked_for():
    result = run_manage("shell", "-c", "from django.conf import settings; print(settings.DEBUG)", env=PRODUCTION)
    assert result.stdout.strip().splitlines()[-1] == "False"
    result = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.DEBUG)", env={"DJANGO_DEBUG": "1"}
    )
    assert result.stdout.strip().splitlines()[-1] == "True"


def test_deploy_check_is_clean_in_production_mode():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout
