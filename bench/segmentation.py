"""How well does each way of splitting Chinese find the stories that contain a word?

    .venv/bin/pip install --target /tmp/jieba jieba==0.42.1     # only for this measurement
    PYTHONPATH=/tmp/jieba .venv/bin/python bench/segmentation.py

Corpus: the Chinese titles, standfirsts and bodies of the stories in fixtures/cases.json. For each query
word, the truth is plain substring: the documents whose text contains the word. Each method indexes the
documents and answers the query its own way; we count the documents it finds that contain the word
(recall) and the ones it finds that do not (false matches), plus the index size and the time to build it.
"""

import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cases import search  # noqa: E402

QUERIES = [
    "茶", "茶叶", "高山茶", "茶产业", "茶园", "红茶", "东西部协作", "协作", "九龙县", "魁多镇", "吉他", "吉他产业",
    "正安县", "横琴", "拉面", "兰州拉面师", "东乡", "村支书", "实岗锻炼", "平阳村", "脆李", "医院", "县级医院",
    "学校", "朝阳区", "劳动力", "脱贫", "产业园", "稳岗", "就业", "培训", "集体经济", "东部", "西部", "山东", "重庆",
    "甘肃", "广东", "贵州", "四川", "内蒙古", "云南", "工匠", "直播", "出口", "亿元", "万元",
    # names and words inside longer words, where a dictionary's cuts matter
    "秦秀珍", "马文东", "张亮", "李振莲", "九曲红梅", "茶青", "拉面师", "魁多", "粤澳", "工艺", "销路", "面馆",
    "古茶树",
]  # fmt: skip


def documents():
    path = Path(__file__).resolve().parent.parent / "fixtures" / "cases.json"
    for item in json.loads(path.read_text(encoding="utf-8")):
        if item["model"] == "cases.case":
            fields = item["fields"]
            yield fields["slug"], " ".join(fields[k] for k in ("title_zh", "standfirst_zh", "body_zh"))


def pieces_index(docs):
    return {slug: search.tokens(text).split() for slug, text in docs}


def pieces_match(doc_tokens, word):
    term = search.Term.from_segment(word)
    if term.kind == "prefix":
        return any(t.startswith(word) for t in doc_tokens)
    parts = list(term.parts)
    return any(doc_tokens[i : i + len(parts)] == parts for i in range(len(doc_tokens) - len(parts) + 1))


def jieba_index(docs):
    import jieba

    return {slug: set(jieba.lcut_for_search(text)) for slug, text in docs}


def jieba_exact_index(docs):
    import jieba

    return {slug: set(jieba.lcut(text)) for slug, text in docs}


def jieba_match(doc_tokens, word):
    import jieba

    return all(token in doc_tokens for token in jieba.lcut(word))


def characters_index(docs):
    return {slug: set(re.findall(r"[\u4e00-\u9fff]", text)) for slug, text in docs}


def characters_match(doc_tokens, word):
    return all(ch in doc_tokens for ch in word)


def measure(name, build, match, docs):
    started = time.perf_counter()
    index = build(docs)
    built = time.perf_counter() - started
    size = sum(len(tokens) for tokens in index.values())
    hits = misses = false = queries_missed = 0
    for word in QUERIES:
        truth = {slug for slug, text in docs if word in text}
        answer = {slug for slug, tokens in index.items() if match(tokens, word)}
        hits += len(truth & answer)
        misses += len(truth - answer)
        false += len(answer - truth)
        queries_missed += bool(truth - answer)
    total = hits + misses
    return (
        f"| {name} | {hits}/{total} ({100 * hits / total:.1f} %) | {queries_missed} | {false} | {size:,} | "
        f"{built * 1000:.0f} ms |"
    )


def main():
    docs = list(documents())
    print(f"{len(docs)} documents, {sum(len(t) for _, t in docs):,} characters, {len(QUERIES)} query words\n")
    print("| method | documents found (recall) | queries missing a document | false matches | tokens | build |")
    print("| --- | --- | --- | --- | --- | --- |")
    print(measure("two-character pieces + phrase (ours)", pieces_index, pieces_match, docs))
    try:
        print(measure("jieba, search mode + all words", jieba_index, jieba_match, docs))
        print(measure("jieba, exact mode + all words", jieba_exact_index, jieba_match, docs))
    except ImportError:
        print("| jieba | not installed: see the docstring | | | | |")
    print(measure("single characters, all present", characters_index, characters_match, docs))


if __name__ == "__main__":
    main()
