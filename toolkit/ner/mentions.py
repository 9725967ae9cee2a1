"""Other mentions of a name the article has already named.

A name found once — by the model, a list, a cue (``AI眼镜远望``) or a quoted introduction
(``一款名为“知了”的AI助教``) — is usually written again later without its cue, where neither the
model nor the cue sees it: ``知了会在几秒钟内给出批改结果``, ``用户可以通过远望直接唤醒回声``.
Within one article a name keeps its meaning, so :func:`repeated_mentions` marks those later (and
earlier) occurrences with the same label and canonical name, when each is a whole word of the
text: it starts and ends where the segmenter's words do (``小满`` is not found in ``小满足``)
and no Latin letter or digit continues a Latin name (``AI`` is not found in ``OpenAI``).

>>> text = "推出眼镜远望。可以通过远望唤醒，远望镜。"
>>> words = ["推出", "眼镜", "远望", "。", "可以", "通过", "远望", "唤醒", "，", "远望镜", "。"]
>>> bounds = [0]
>>> for w in words: bounds.append(bounds[-1] + len(w))
>>> found = [Entity("远望", "PRODUCT", 4, 6, "远望", "rule")]
>>> [(e.text, e.start, e.source) for e in repeated_mentions(text, found, lambda i: i in bounds,
...                                                         lambda i: i + 1 in bounds)]
[('远望', 4, 'rule'), ('远望', 11, 'repeat')]
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from ..results import Entity, EntityLabel
from .cues import tail_at
from .gazetteer import LATIN_CHAR

__all__ = ["repeated_mentions"]

#: A model code or version after a Chinese product name (回声2.0, 远山 2, 曜石S3).
_VERSION = re.compile(r" ?[A-Za-z]{0,3}\d+(?:\.\d+)*[A-Za-z+]{0,4}$")
_CJK_END = re.compile(r"[\u4e00-\u9fff]$")
#: Names this short are only repeated when the first mention was not the model's guess alone.
_SHORT = 2
#: Mentions a longer repeated name may replace when they lie inside it.
_WEAK = frozenset({"model", "repeat"})
#: Sources whose names are listed, repeated whatever their IDF.
_LISTED = frozenset({"gazetteer", "credit"})
#: A name that is a word this common in general text (jieba's IDF) is not repeated.
_MIN_REPEAT_IDF = 8.5
_RARE = 99.0


def repeated_mentions(text: str, entities: Sequence[Entity], word_start: Callable[[int], bool],
                      word_end: Callable[[int], bool], tails: frozenset[str] = frozenset(),
                      known: Mapping[str, EntityLabel] | None = None,
                      seeds: Mapping[str, EntityLabel] | None = None,
                      idf: Mapping[str, float] | None = None) -> list[Entity]:
    """``entities`` plus every other whole-word occurrence of their names, sorted by position.

    ``word_start(i)`` / ``word_end(i)``: whether a word of the segmenter starts at ``i`` / ends
    at ``i`` (the character ``i`` is its last). ``tails``: trade words (科技, 集团) after which an
    occurrence is part of a longer company name this article did not find, so not a mention.
    ``known``: names the article's credits give (the outlet that issued it, 经济观察报 →
    COMPANY): their whole-word occurrences are mentions too (source ``"credit"``), and a mention
    the model labelled otherwise takes that label. ``seeds``: names found elsewhere (the
    headline, where 知名茶饮品牌“半盏” names what the body calls 半盏): their occurrences are
    mentions (source ``"repeat"``) where the text itself found nothing. ``idf``: a table of
    general-text IDF; a name found by a rule or the model that is a common word there
    (below :data:`_MIN_REPEAT_IDF`) is not repeated.
    """
    idf = idf or {}
    if not entities and not known and not seeds:
        return []
    if known:  # 财联社 credited as the issuing outlet is a COMPANY wherever the model put it
        entities = [replace(e, label=known[e.canonical]) if e.canonical in known else e for e in entities]
    taken = bytearray(len(text) + 1)
    for e in entities:
        taken[e.start:e.end] = b"\1" * (e.end - e.start)
    first: dict[str, Entity] = {}
    for e in sorted(entities, key=lambda e: (e.start, -e.end)):
        name = text[e.start:e.end]
        if len(name) < _SHORT or not name.strip() or name != e.text:
            continue
        if len(name) == _SHORT and e.source == "model" and not LATIN_CHAR.match(name):
            continue  # a two-character model guess is too weak to repeat (发帖, 时要 …)
        if e.source not in _LISTED and idf.get(name, _RARE) < _MIN_REPEAT_IDF:
            continue  # a common word found once as a name (开心 of 名为“开心”的应用) is not one everywhere
        first.setdefault(name, e)
        base = _VERSION.sub("", name)  # 回声2.0 is also written 回声
        if e.label == "PRODUCT" and base != name and len(base) >= _SHORT and _CJK_END.search(base):
            first.setdefault(base, Entity(base, e.label, e.start, e.start + len(base), base, e.source, e.score))
    for name, label in (known or {}).items():
        if len(name) >= _SHORT and name not in first:
            first[name] = Entity(name, label, -1, -1, name, "credit", 1.0)
    for name, label in (seeds or {}).items():
        if len(name) >= _SHORT and name not in first:
            first[name] = Entity(name, label, -2, -2, name, "repeat", 1.0)
    out: list[Entity | None] = list(entities)
    owner = [-1] * (len(text) + 1)  # index into `out` of the entity covering each character
    for i, x in enumerate(entities):
        for c in range(x.start, x.end):
            owner[c] = i
    for name in sorted(first, key=len, reverse=True):  # longer names first: 远航汽车 before 远航
        e = first[name]
        n = len(name)
        pos = text.find(name)
        while pos >= 0:
            end = pos + n
            after_tail = tail_at(text, end, tails) is not None
            if not _whole(text, pos, end, word_start, word_end) or after_tail:
                pos = text.find(name, pos + 1)
                continue
            held = {owner[c] for c in range(pos, end) if owner[c] >= 0}
            inside = [out[i] for i in held]
            # a model guess strictly inside the name gives way (恒拓 of 恒拓电气表示)
            if any(x is None or x.source not in _WEAK or x.start < pos or x.end > end or x.end - x.start >= n
                   for x in inside):
                pos = text.find(name, pos + 1)
                continue
            for i in held:
                out[i] = None
            out.append(Entity(name, e.label, pos, end, e.canonical, "credit" if e.start == -1 else "repeat", e.score))
            for c in range(pos, end):
                owner[c] = len(out) - 1
            pos = text.find(name, pos + 1)
    return sorted((x for x in out if x is not None), key=lambda x: (x.start, x.end))


def _whole(text: str, start: int, end: int, word_start: Callable[[int], bool], word_end: Callable[[int], bool]) -> bool:
    """Whether ``text[start:end]`` is whole words: segmenter boundaries at CJK edges, no Latin
    letter or digit continuing a Latin edge."""
    first, last = text[start], text[end - 1]
    if LATIN_CHAR.match(first):
        if start > 0 and LATIN_CHAR.match(text[start - 1]):
            return False
    elif not word_start(start):
        return False
    if LATIN_CHAR.match(last):
        if end < len(text) and LATIN_CHAR.match(text[end]):
            return False
    elif not word_end(end - 1):
        return False
    return True
