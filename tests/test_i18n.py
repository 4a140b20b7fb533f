"""Every UI string is translated, the compiled catalogue matches its source, and Chinese pages show no English UI."""

import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES"


def read_po(path):
    """(msgid, msgid_plural, [msgstr...], fuzzy) for each entry of a .po file."""
    entries, entry, key = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry:
                entries.append(entry)
            entry, key = None, None
            continue
        entry = entry or {"msgid": "", "msgid_plural": None, "msgstr": {}, "fuzzy": False}
        if line.startswith("#,") and "fuzzy" in line:
            entry["fuzzy"] = True
        elif line.startswith("#"):
            continue
        elif match := re.match(r'^(msgid|msgid_plural|msgstr(?:\[(\d+)\])?) "(.*)"$', line):
            key = (match[1], match[2])
            value = match[3]
            if match[1] == "msgid":
                entry["msgid"] = value
            elif match[1] == "msgid_plural":
                entry["msgid_plural"] = value
            else:
                entry["msgstr"][match[2] or "0"] = value
        elif line.startswith('"') and key:
            value = line[1:-1]
            if key[0] == "msgid":
                entry["msgid"] += value
            elif key[0] == "msgid_plural":
                entry["msgid_plural"] += value
            else:
                entry["msgstr"][key[1] or "0"] += value
    return [e for e in entries if e["msgid"]]


ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def unescape(text):
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m[1], m[1]), text)


def test_every_ui_string_has_a_chinese_translation():
    entries = read_po(LOCALE / "django.po")
    assert len(entries) > 150
    untranslated = [e["msgid"] for e in entries if e["fuzzy"] or not all(e["msgstr"].values()) or not e["msgstr"]]
    assert untranslated == []


def test_the_compiled_catalogue_matches_the_source():
    with open(LOCALE / "django.mo", "rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    for entry in read_po(LOCALE / "django.po"):
        msgid = unescape(entry["msgid"])
        if entry["msgid_plural"]:
            assert catalogue.ngettext(msgid, unescape(entry["msgid_plural"]), 1) == unescape(entry["msgstr"]["0"])
        else:
            assert catalogue.gettext(msgid) == unescape(entry["msgstr"]["0"]), msgid


class VisibleText(HTMLParser):
    """Text a reader sees, leaving out elements marked lang="en" and scripts."""

    def __init__(self):
        super().__init__()
        self.stack, self.text = [], []

    def handle_starttag(self, tag, attrs):
        if tag in {"br", "img", "input", "meta", "link", "hr", "source"}:
            return
        self.stack.append(dict(attrs).get("lang") == "en" or tag in {"script", "style", "title"})

    def handle_endtag(self, tag):
        if self.stack and tag not in {"br", "img", "input", "meta", "link", "hr", "source"}:
            self.stack.pop()

    def handle_data(self, data):
        if not any(self.stack):
            self.text.append(data)


ALLOWED_LATIN = {"Xiezuo", "East", "West", "cooperation", "RSS", "Markdown"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/", "/cases/", "/cases/?q=zzzz-nothing", "/cases/jiulong-tea/", "/themes/labour/", "/pairs/shandong-gansu/",
     "/provinces/", "/provinces/gansu/", "/nope/"],
)  # fmt: skip
def test_chinese_pages_show_no_untranslated_english(client, demo_data, path):
    html = client.get(path).content.decode()
    # Source citations and image credits keep their own wording (人民日报 People's Daily): content, not UI.
    html = re.sub(r'(<section class="sources"[^>]*>.*?)<ol>.*?</ol>', r"\1", html, flags=re.S)
    html = re.sub(r"<figcaption>.*?</figcaption>", "", html, flags=re.S)
    parser = VisibleText()
    parser.feed(html)
    words = set(re.findall(r"[A-Za-z]{3,}", " ".join(parser.text))) - ALLOWED_LATIN
    words -= {"zzzz", "nothing", "tea"}  # the reader's own search words and the example in the help text
    assert words == set()
