"""The facet key: a case's year, theme ids and pairing ids in one indexed string, y2023|t:1:3:|p:2:5:."""

import functools
import re
from dataclasses import dataclass

FACET_KEY = re.compile(r"^y(\d*)\|t:([\d:]*)\|p:([\d:]*)$")


def facet_key(year, theme_ids, pairing_ids):
    def ids(values):
        values = sorted(set(values))
        return ":".join(str(v) for v in values) + ":" if values else ""

    return f"y{year or ''}|t:{ids(theme_ids)}|p:{ids(pairing_ids)}"


@dataclass(frozen=True)
class Facets:
    year: int | None
    themes: tuple
    pairings: tuple


@functools.lru_cache(maxsize=65536)
def parse_facet_key(key):
    """The year, theme ids and pairing ids in a key (cached: a library holds a few thousand distinct keys)."""
    match = FACET_KEY.match(key or "")
    if not match:
        return Facets(None, frozenset(), frozenset())

    def ids(text):
        return frozenset(int(v) for v in text.split(":") if v)

    return Facets(int(match[1]) if match[1] else None, ids(match[2]), ids(match[3]))


def pairing_pattern(pairing_id):
    """A LIKE pattern for facet keys that include this pairing."""
    return f"%|p%:{int(pairing_id)}:%"


def theme_pattern(theme_id):
    return f"%|t%:{int(theme_id)}:%|p%"
