"""Search that understands Chinese, on SQLite (FTS5) and PostgreSQL (tsvector + GIN) alike.

Chinese has no spaces, so neither database can split it into words. We do the splitting here, the same
way for the stored text and for the query, and hand both databases plain space-separated tokens:

- a run of Chinese characters becomes its overlapping two-character pieces followed by its last character
  alone: 九龙县茶叶 -> 九龙 龙县 县茶 茶叶 叶. A query of two or more characters is then the phrase of its
  pieces (茶产业 -> "茶产 产业", found exactly where the text contains 茶产业); a one-character query is a
  prefix search (茶 -> 茶*, every piece that starts with 茶, and the lone last characters). Pieces never
  cross a punctuation mark or the end of a run, because the lone last character sits between runs.
- Latin words are lowercased, stripped of accents and apostrophes (Zheng'an -> zhengan, Garzê -> garze)
  and stemmed with the Snowball English stemmer (guitars -> guitar); decimals keep their point as "d"
  (231.9 -> 231d9), a token both databases keep whole.
- Each case also carries its provinces' names and one-character short forms (川, 黔, 粤, 鲁, 陇, 渝).

Why character pieces rather than a dictionary segmenter such as jieba: measured by bench/segmentation.py
on our stories with 60 query words (results in BENCHMARKS.md), pieces found every story containing every
word (98 of 98) with no false match; jieba in search mode found 97 with one false match: it missed 魁多 in
魁多镇 (a place name it keeps whole) and matched 茶产业 where the text has 茶 and 产业 apart. Jieba also
loads a 20 MB dictionary (1.7 s) in every worker. Single characters alone found everything but made 16
false matches. Pieces cost more index tokens (about 2.6 times jieba's), which both databases handle easily.

A query's words (separated by spaces) are ORed: a case matching more words ranks above one matching fewer,
and a match in a title above one in the body only.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass

import snowballstemmer
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_WORDS = 8
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
LATIN = r"a-z0-9\u00c0-\u024f"  # ASCII and accented Latin letters (Garzê), folded to ASCII per token
SEGMENT = re.compile(rf"[{CJK}]+|[{LATIN}]+(?:\.[0-9]+)?")
APOSTROPHES = re.compile(r"['’‘`´]")
STEMMER = snowballstemmer.stemmer("english")
# Words too common to search for on their own; a query made only of them keeps them.
STOPWORDS = frozenset(
    "a an and are as at be by for from has in is it its of on or that the this to was were will with".split()
)


COMBINING_MARKS = re.compile(r"[\u0300-\u036f]")


def normalize(text):
    """Lowercase, apostrophes removed, full-width forms folded (ＡＢＣ -> abc); accents go per token."""
    return APOSTROPHES.sub("", unicodedata.normalize("NFKC", text or "").lower())


@functools.lru_cache(maxsize=100_000)
def ascii_fold(segment):
    """garzê -> garze."""
    return COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", segment))


def is_cjk(segment):
    return "\u3400" <= segment[0] <= "\ufaff"


@functools.lru_cache(maxsize=100_000)
def latin_token(segment):
    # Cached: Snowball in pure Python is slow, and a library's vocabulary is small.
    segment = ascii_fold(segment)
    if segment[0].isdigit():
        return segment.replace(".", "d")
    return STEMMER.stemWord(segment)


def cjk_tokens(run):
    """九龙县 -> [九龙, 龙县, 县]: the pieces, then the last character alone."""
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def tokens(text):
    """The stored form of `text`: tokens separated by spaces."""
    out = []
    for segment in SEGMENT.findall(normalize(text)):
        out.extend(cjk_tokens(segment) if is_cjk(segment) else [latin_token(segment)])
    return " ".join(out)


@dataclass(frozen=True)
class Term:
    """One thing to look for: a phrase of Chinese pieces, a Chinese prefix, or a Latin token."""

    kind: str  # "phrase", "prefix" or "token"
    parts: tuple

    @classmethod
    def from_segment(cls, segment):
        if not is_cjk(segment):
            return cls("token", (latin_token(segment),))
        if len(segment) == 1:
            return cls("prefix", (segment,))
        return cls("phrase", tuple(segment[i : i + 2] for i in range(len(segment) - 1)))


@dataclass(frozen=True)
class Word:
    """A space-separated word of the query: all its terms must match (Jiulong茶 -> jiulong AND 茶*)."""

    text: str
    terms: tuple


def parse(query):
    """The query's words, at most MAX_WORDS, with English stopwords dropped unless nothing else is left."""
    words = []
    for raw in normalize(query).split():
        segments = SEGMENT.findall(raw)
        if segments:
            words.append(Word(raw, tuple(Term.from_segment(s) for s in segments)))
    meaningful = [w for w in words if not (len(w.terms) == 1 and w.text in STOPWORDS)]
    return tuple((meaningful or words)[:MAX_WORDS])


# How each database spells a word as a full-text query. Tokens are letters, digits and CJK characters only,
# so quoting them is all the escaping they need.


def fts5_word(word, column=None):
    parts = []
    for term in word.terms:
        if term.kind == "prefix":
            parts.append(f'"{term.parts[0]}"*')
        else:
            parts.append('"' + " ".join(term.parts) + '"')
    expression = " AND ".join(parts)
    return f"{{{column}}} : ({expression})" if column else f"({expression})"


def tsquery_word(word, weight=""):
    parts = []
    for term in word.terms:
        if term.kind == "prefix":
            parts.append(f"'{term.parts[0]}':*{weight}")
        else:
            suffix = f":{weight}" if weight else ""
            parts.append("(" + " <-> ".join(f"'{part}'{suffix}" for part in term.parts) + ")")
    return "(" + " & ".join(parts) + ")"


def match_sql(words, title_only=False):
    """SQL selecting the ids of cases whose search entry matches any of `words`, with its parameters."""
    if connection.vendor == "postgresql":
        weight = "A" if title_only else ""
        query = " | ".join(tsquery_word(word, weight) for word in words)
        return "SELECT case_id FROM cases_searchentry WHERE vector @@ to_tsquery('simple', %s)", [query]
    query = " OR ".join(fts5_word(word, "title" if title_only else None) for word in words)
    return "SELECT rowid FROM cases_searchentry_fts WHERE cases_searchentry_fts MATCH %s", [query]


# Snippets: a few dozen characters around the first match, matched words marked, everything escaped.

SNIPPET_RADIUS = 40


def _match_spans(text, words):
    """(start, end) of every place in `text` that matches a term of `words`."""
    lowered = normalize(text)
    if len(lowered) != len(text):  # normalisation changed lengths (rare accents): match on the original
        lowered = text.lower()
    spans = []
    for word in words:
        for term in word.terms:
            if term.kind == "token":
                stem = term.parts[0]
                for match in re.finditer(r"[a-z0-9]+", lowered):
                    if latin_token(match[0]) == stem:
                        spans.append(match.span())
            else:
                needle = (
                    term.parts[0] if term.kind == "prefix" else term.parts[0] + "".join(p[1] for p in term.parts[1:])
                )
                spans.extend((m.start(), m.end()) for m in re.finditer(re.escape(needle), lowered))
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text, words, whole=False):
    """`text` (or a window around its first match) escaped, with the matches wrapped in <mark>."""
    spans = _match_spans(text, words) if words else []
    if not spans:
        return None if not whole else escape(text)
    start, end = 0, len(text)
    if not whole:
        start = max(0, spans[0][0] - SNIPPET_RADIUS)
        end = min(len(text), spans[0][1] + SNIPPET_RADIUS * 2)
    html, position = [], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        html.append(escape(text[position:span_start]))
        html.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    html.append(escape(text[position:end]))
    return mark_safe(("…" if start > 0 else "") + "".join(html) + ("…" if end < len(text) else ""))


MARKDOWN_NOISE = re.compile(r"(^#+\s*|\*\*|__|`|!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|\[|^\s*[-*+]\s+|^>\s*)", re.M)


def plain(markdown_text):
    """Markdown without its markup, on one line: what a snippet quotes."""
    return re.sub(r"\s+", " ", MARKDOWN_NOISE.sub("", markdown_text or "")).strip()


def snippet(case, words, language_suffix):
    """The best short passage of `case` for a results card: the standfirst, else the body."""
    fallback = "zh" if not getattr(case, f"standfirst_{language_suffix}") else language_suffix
    for text in (getattr(case, f"standfirst_{fallback}"), plain(getattr(case, f"body_{fallback}"))):
        marked = highlight(text, words)
        if marked:
            return marked
    return None
