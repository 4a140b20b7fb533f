"""Small hand-rolled factories: each returns a saved object, with overrides as keyword arguments."""

import itertools
from datetime import timedelta

from django.utils import timezone

from cases.models import Case, KeyFigure, Pairing, Province, Side, Source, Status, Theme

_numbers = itertools.count(1)


def make_province(**overrides):
    n = next(_numbers)
    fields = {
        "code": f"{n:06d}",
        "name_zh": f"测试省{n}",
        "full_name_zh": f"测试省{n}省",
        "name_en": f"Testprovince {n}",
        "slug": "test" + "".join(chr(ord("a") + int(d)) for d in str(n)),
        "side": Side.EAST,
    }
    fields.update(overrides)
    return Province.objects.create(**fields)


def make_pairing(east=None, west=None, **overrides):
    east = east or make_province(side=Side.EAST)
    west = west or make_province(side=Side.WEST)
    return Pairing.objects.create(east=east, west=west, since_year=2021, **overrides)


def make_theme(**overrides):
    n = next(_numbers)
    fields = {"slug": f"theme-{n}", "name_zh": f"主题{n}", "name_en": f"Theme {n}"}
    fields.update(overrides)
    return Theme.objects.create(**fields)


def make_case(pairings=(), themes=(), figures=0, sources=0, **overrides):
    n = next(_numbers)
    fields = {
        "title_zh": f"测试案例{n}",
        "title_en": f"Test case {n}",
        "standfirst_zh": f"案例{n}的摘要。",
        "standfirst_en": f"Summary of case {n}.",
        "body_zh": f"案例{n}的正文。",
        "body_en": f"Body of case {n}.",
        "year": 2023,
        "status": Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(days=n),
    }
    fields.update(overrides)
    case = Case.objects.create(**fields)
    case.pairings.set(pairings or [make_pairing()])
    case.themes.set(themes or [make_theme()])
    for i in range(figures):
        KeyFigure.objects.create(case=case, label_zh=f"数字{i}", label_en=f"Figure {i}", value=i + 1, unit_zh="个")
    for i in range(sources):
        Source.objects.create(case=case, publisher="人民日报", title=f"来源{i}")
    return case
