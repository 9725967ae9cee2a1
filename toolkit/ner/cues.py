"""Names that only their context reveals: a category noun right before an unknown word.

News introduces a new product or company by its category: ``推出记账应用小满``,
``发布车规级芯片曜石 S3``, ``创业公司栖木``, ``上线智能体开发平台万象``. The name itself is often
an ordinary word (小满, 万象) that no list and no tagger trained on other names would take for a
name. :func:`appositive_entities` reads the category noun (a *head*, from the data file
``models/cues/appositive_heads.tsv``) and makes the word after it a name of the head's label when

- it is no function word (a preposition, adverb, conjunction, pronoun, number … by jieba's POS),
  and no modifier of the noun after it (``应用主控开关``),
- the head is not counted or determined (``一家企业``, ``该公司``, ``全公司``: a class, not a name),
- it is rare in general text: either not a dictionary word at all (the segmenter breaks it into
  single characters: 远帆 → 远/帆), or a noun whose IDF is at least :data:`MIN_IDF` or missing
  from the IDF table (小满, 万象 are rare; 市场, 今年, 董事长 are not: ``手机市场``, ``公司今年``,
  ``公司董事长`` stay words),
- no known name (gazetteer or rule) covers it.

A product name takes a following model code (``曜石 S3``, ``玄鸟 2``). The result are rule entities:
they win over the model's spans where they overlap (``学习助手阿竹`` is a PRODUCT, not a person).

>>> cues = AppositiveCues({"应用": "PRODUCT", "公司": "COMPANY"}, {"市场": 3.3})
>>> words = [(0, "记账", "n"), (2, "应用", "v"), (4, "小", "a"), (5, "满", "a"), (6, "，", "x")]
>>> [(e.text, e.label) for e in appositive_entities("记账应用小满，", words, [], cues)]
[('小满', 'PRODUCT')]
"""
from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelFormatError
from ..resources import resolve_model_dir, split_lines
from ..results import ENTITY_LABELS, Entity, EntityLabel
from .wordlists import EVENT_WORDS, GENERIC_LATIN, LAUNCH_VERBS, NOT_IN_SHORT_NAME, SOURCE_NOUNS, TITLES

__all__ = ["MIN_IDF", "AppositiveCues", "appositive_entities", "coded_companies", "quoted_names",
           "registered_companies", "tail_at", "without_codes"]

#: A dictionary word after a head is a name only if its IDF is at least this (jieba's table:
#: 市场 3.3, 董事长 6.7, 场景 8.1 are common; 万象 9.8, 小满 11.5, 折枝 11.0 are rare).
MIN_IDF = 8.5
#: jieba POS tags of words that are never (the start of) a name.
_FUNCTION_POS = frozenset({"d", "p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "m", "mq", "q", "f", "x",
                           "y", "e", "o"})
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
#: A model code after a product name: `` S3``, `` 2``, ``N7``, `` 2.0``, `` 12 Pro`` — not a count, a
#: date or a unit (``远帆3月``, ``小满2亿``).
_MODEL_CODE = re.compile(
    r" ?[A-Za-z]{0,3}\d{1,3}(?:\.\d{1,2})?[A-Za-z]{0,3}\+?(?: ?(?:Pro|Max|Plus|Ultra|Air|mini|SE|Lite))?"
    r"(?![A-Za-z0-9]|\.\d|[年月日号时点分秒亿万千百十个家款台辆元%％倍位名人次季期届条项只部多余周岁度])"
)
_MAX_NAME = 4
#: A Latin model code (MC-207, X90, GT-R2): capitals with digits, not a word (AI, App) or a unit.
_LATIN_CODE = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*(?<=\d)(?:-?[A-Z0-9]+)*(?![A-Za-z0-9])")
#: What ends a clause, for the launch verb's reach and the clause of a noun and its predicate.
_CLAUSE_ENDS = "，。；：！？,;:!?、\n"
#: How far before a category noun a launch verb is looked for (推出首款AI眼镜远望).
_LAUNCH_REACH = 10
#: The IDF of a dictionary word the IDF table lacks: rarer than any it has.
_UNSEEN = 99.0
#: Before a head, these make it a class, not the introduction of one name (一家企业, 该公司, 全公司, 各厂商).
_DETERMINERS = frozenset("家该这那本全各其每此")


#: A listed company's stock code in brackets right after its name: （688317.SH）, (600519), （02617.HK）,
#: （NVDA.O）. The name before it is a COMPANY.
_STOCK_CODE = re.compile(
    r"[（(]\s*(?:\d{6}(?:\.(?:SH|SZ|BJ|SS))?|\d{4,5}\.HK|(?:SH|SZ|HK)\s?\d{4,6}|[A-Z]{1,5}\.(?:US|N|O))\s*[）)]"
)
_MAX_CODED = 10


@dataclass(frozen=True)
class AppositiveCues:
    """The heads (category noun → label) and the IDF table that tells a rare word from a common one."""

    heads: Mapping[str, EntityLabel]
    idf: Mapping[str, float]
    #: Trade words that end a company's name (雁栖动力, 联芯半导体): taken into a COMPANY name.
    tails: frozenset[str] = frozenset()
    #: Heads that introduce only a quoted name (助教, 门店: also job titles and places of a story).
    quoted_only: frozenset[str] = frozenset()

    @classmethod
    def load(cls, model_dir: str | os.PathLike[str] | None = None) -> AppositiveCues:
        """The heads of ``<model_dir>/cues/appositive_heads.tsv`` and jieba's IDF table with the
        project's supplement (:func:`toolkit.keywords.load_idf`)."""
        from ..keywords import load_idf

        folder = resolve_model_dir(model_dir) / "cues"
        heads_file = folder / "appositive_heads.tsv"
        heads = read_heads(heads_file) if heads_file.is_file() else {}
        quoted_only = read_quoted_only(heads_file) if heads_file.is_file() else frozenset()
        tails_file = folder / "company_tails.txt"
        tails = frozenset(line.strip() for line in split_lines(tails_file.read_text(encoding="utf-8"))
                          if line.strip() and not line.startswith("#")) if tails_file.is_file() else frozenset()
        return cls(heads, load_idf(str(model_dir) if model_dir is not None else None).idf, tails, quoted_only)


def read_heads(path: Path) -> dict[str, EntityLabel]:
    """``head<TAB>label`` lines, or ``head<TAB>label<TAB>quoted`` for a head that introduces
    only a quoted name (``#`` comments); a bad line is a ModelFormatError."""
    return {h: label for h, (label, _) in _read_head_rows(path).items()}


def read_quoted_only(path: Path) -> frozenset[str]:
    """The heads of ``path`` marked ``quoted``: 名为“知了”的AI助教 names a product, 市长助理周强 a person."""
    return frozenset(h for h, (_, quoted) in _read_head_rows(path).items() if quoted)


def _read_head_rows(path: Path) -> dict[str, tuple[EntityLabel, bool]]:
    rows: dict[str, tuple[EntityLabel, bool]] = {}
    for lineno, line in enumerate(split_lines(path.read_text(encoding="utf-8")), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = [x.strip() for x in line.split("\t")]
        if len(parts) not in (2, 3) or parts[1] not in ENTITY_LABELS or (len(parts) == 3 and parts[2] != "quoted"):
            raise ModelFormatError(f"{path}:{lineno}: expected 'head<TAB>label[<TAB>quoted]', got {line!r}")
        rows[parts[0]] = (parts[1], len(parts) == 3)
    return rows


def _ends_phrase(text: str, words: Sequence[tuple[int, str, str]], k: int, end: int) -> bool:
    """Whether nothing continues the phrase at ``end``: punctuation, a conjunction, a model code
    or the end of the text (远望，; 回声2.0; 远望以及)."""
    if end >= len(text) or text[end] in _PHRASE_END or _MODEL_CODE.match(text, end) and text[end].isdigit():
        return True
    return k < len(words) and words[k][0] == end and words[k][1] in _JOINERS


_PHRASE_END = frozenset("，。；：、！？,.;:!?）)」”』\n ")
_JOINERS = frozenset({"以及", "和", "与", "及", "等"})


def tail_at(text: str, pos: int, tails: frozenset[str]) -> str | None:
    """The longest trade word of ``tails`` written at ``pos`` (动力, 智造), or None.

    >>> tail_at("灵枢智造，", 2, frozenset({"智造", "造"}))
    '智造'
    """
    if not tails:
        return None
    longest = max(len(t) for t in tails)
    return next((text[pos:pos + n] for n in range(longest, 0, -1) if text[pos:pos + n] in tails), None)


def _candidate(words: Sequence[tuple[int, str, str]], j: int, idf: Mapping[str, float],
               tails: frozenset[str] = frozenset(), text: str = "", launched: bool = False) -> tuple[int, int] | None:
    """(start, end) of the name starting at word ``j``, or None; with ``tails`` (a COMPANY head),
    a trade word right after the name is part of it (雁栖动力). ``launched``: a verb of launch
    (:data:`~toolkit.ner.wordlists.LAUNCH_VERBS`) stands before the head, so a rare verb that ends
    the phrase is a name too (推出AI眼镜远望，)."""
    start, word, pos = words[j]
    if not _CJK.match(word) or pos in _FUNCTION_POS or word in EVENT_WORDS:
        return None
    k = j + 1
    known_word = len(word) >= 2
    if known_word:
        # a dictionary word: a rare noun (万象, 微澜), not a rare verb or adverb (承建, 分外) —
        # unless a launch verb introduced it and nothing continues it, or a trade word follows
        # after a company head (远航汽车)
        end = start + len(word)
        if idf.get(word, _UNSEEN) < MIN_IDF or len(word) > _MAX_NAME:
            return None
        if not (pos.startswith("n") or pos == "j"):
            tail_next = tail_at(text, end, tails) is not None
            if not (pos.startswith("v") and (tail_next or (launched and _ends_phrase(text, words, k, end)))):
                return None
    else:
        # single characters: a word the dictionary does not know, cut into characters (远帆 -> 远/帆)
        end = start + 1
        while k < len(words) and end - start < _MAX_NAME:
            s, w, p = words[k]
            # a one-character verb only as the second character (雁/栖): later ones start a predicate
            if (s != end or len(w) != 1 or not _CJK.match(w) or p in _FUNCTION_POS
                    or (p.startswith("v") and end - start > 1)):
                if s == end and len(w) == 1 and _CJK.match(w) and tail_at(text, end + 1, tails) is not None:
                    end += 1  # 联/钧(q)/科技: a character before a trade word belongs to the name
                    k += 1
                break
            end += 1
            k += 1
        if end - start < 2 or any(c in NOT_IN_SHORT_NAME for c in text[start:end]):
            return None
    tail = tail_at(text, end, tails)
    if tail is not None:
        return start, end + len(tail)  # 车企雁栖动力: the company 雁栖动力 (also 灵枢智造, cut 智/造)
    if (known_word and k < len(words) and words[k][0] == end and words[k][2].startswith("n")
            and _CJK.match(words[k][1])):
        return None  # it modifies the noun after it (应用主控开关, 公司历届领导): no name
    if end - start >= 3 and idf.get(words[j][1][-2:] if len(words[j][1]) >= 3 else "", _UNSEEN) < MIN_IDF:
        return None  # a compound ending in a common word (测试阶段, 训练项目)
    return start, end


def appositive_entities(text: str, words: Sequence[tuple[int, str, str]], found: Sequence[Entity],
                        cues: AppositiveCues) -> list[Entity]:
    """Names introduced by a category noun (see the module's docstring). ``words``: the text's
    ``(start, word, POS)`` from the segmenter, in order; ``found``: the entities known so far
    (gazetteer and rule names are never overridden; the model's may be)."""
    if not cues.heads:
        return []
    known = bytearray(len(text) + 1)
    for e in found:
        if e.source != "model":
            known[e.start:e.end] = b"\1" * (e.end - e.start)
    out: list[Entity] = []
    starts = {w[0] for w in words}
    word_starts = [w[0] for w in words]
    lengths = sorted({len(h) for h in cues.heads}, reverse=True)
    for j, (start, _, _) in enumerate(words):
        # the longest head ending where this word starts and beginning at a word (车企 may be cut 车/企)
        head = next((n for n in lengths if n <= start and start - n in starts and text[start - n:start] in cues.heads),
                    0)
        if not head or any(known[start - head:start]) or (start > head and text[start - head - 1] in _DETERMINERS) \
                or text[start - head:start] in cues.quoted_only:
            continue
        label = cues.heads[text[start - head:start]]
        code = _LATIN_CODE.match(text, start) if label == "PRODUCT" else None
        if code is not None and not any(known[start:code.end()]) and code.group() not in GENERIC_LATIN:
            # 小分子药物MC-207, 旗舰机型X90: a code after a product's category is its name
            out.append(Entity(code.group(), label, start, code.end(), code.group(), "rule", 1.0))
            continue
        reach = max(0, start - head - _LAUNCH_REACH)
        clause_start = max([reach] + [text.rfind(c, reach, start - head) + 1 for c in _CLAUSE_ENDS])
        launched = any(words[x][1] in LAUNCH_VERBS
                       for x in range(bisect_left(word_starts, clause_start), bisect_left(word_starts, start - head)))
        span = _candidate(words, j, cues.idf, cues.tails if label == "COMPANY" else frozenset(), text, launched)
        if span is None or any(known[span[0]:span[1]]):
            continue
        begin, end = span
        if text[begin:end] in EVENT_WORDS or _person_noun(text[begin:end]):  # 吐槽; 代言人
            continue
        if clause_start == start - head and (end >= len(text) or text[end] in _PHRASE_END):
            continue  # 门店冷清，: a clause of a noun and its predicate, not a name
        if label == "PRODUCT":
            m = _MODEL_CODE.match(text, end)
            if m and m.end() > end:
                end = m.end()
        name = text[begin:end]
        out.append(Entity(name, label, begin, end, name, "rule", 1.0))
    return out


def _name_before(words: Sequence[tuple[int, str, str]], k: int, idf: Mapping[str, float]) -> int | None:
    """Start of the company name whose last word is ``words[k]``: the words before it are taken
    while they are rare (IDF at least :data:`MIN_IDF`, missing from the table, or single
    characters of an unknown word), so ``控股股东远衡集团`` gives ``远衡集团``. A name that is one
    common word (``指数``) is none."""
    start, word, pos = words[k]
    if not _NAME_WORD.match(word) or pos in _FUNCTION_POS or pos.startswith("v"):
        return None
    end = start + len(word)
    rare_part = not (len(word) >= 2 and idf.get(word, _UNSEEN) < MIN_IDF)
    while k > 0:
        s, w, p = words[k - 1]
        if s + len(w) != start or not _NAME_WORD.match(w) or p in _FUNCTION_POS or end - s > _MAX_CODED:
            break
        if len(w) >= 2:
            if (idf.get(w, _UNSEEN) < MIN_IDF or p.startswith("v")) and end - start >= 2:
                break
        elif p.startswith("v"):
            # a one-character verb is part of an unknown name only amid other single characters (华屹)
            before = words[k - 2] if k >= 2 else None
            if before is None or len(before[1]) != 1 or before[2] in _FUNCTION_POS or not _CJK.match(before[1]):
                break
        rare_part = rare_part or len(w) == 1 or idf.get(w, _UNSEEN) >= MIN_IDF
        start = s
        k -= 1
    return start if end - start >= 2 and rare_part else None


_NAME_WORD = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9]+$")
#: A share-class mark between a name and its code (-W, -SW, -B, -U).
_SHARE_CLASS = re.compile(r"-[A-Z]{1,2}")
_PUNCT_INSIDE = re.compile(r"[，。；：、！？,;:!?\s“”「」（）()]")


def coded_companies(text: str, words: Sequence[tuple[int, str, str]], found: Sequence[Entity],
                    cues: AppositiveCues) -> list[Entity]:
    """Companies named with their stock code: ``云杉数据（688317.SH）``, ``明澄健康（02617.HK）``.

    The name is the run of words before the code back to the first common word or function
    word (see :func:`_name_before`); a gazetteer or rule name there is left as it is.

    >>> words = [(0, "据悉", "v"), (2, "，", "x"), (3, "青", "a"), (4, "桐", "n"), (5, "传媒", "n"), (7, "（", "x")]
    >>> [(e.text, e.label) for e in coded_companies("据悉，青桐传媒（300911）", words, [], AppositiveCues({}, {}))]
    [('青桐传媒', 'COMPANY')]
    """
    out: list[Entity] = []
    ends = {s + len(w): i for i, (s, w, _) in enumerate(words)}
    company_heads = sorted((h for h, lab in cues.heads.items() if lab == "COMPANY"), key=len, reverse=True)
    for m in _STOCK_CODE.finditer(text):
        stop = m.start()
        mark = _SHARE_CLASS.search(text, max(0, stop - 4), stop)  # 和鸣科技-W（02879.HK）
        if mark is not None and mark.end() == stop:
            stop = mark.start()
        k = ends.get(stop)
        if k is None:
            continue
        start = _name_before(words, k, cues.idf)
        # a company head right before the name marks where it begins (港股上市公司和鸣科技-W), also
        # where the scan stopped short at a function word (和) or went no further than one word
        before = text[max(0, stop - _MAX_CODED - 6):stop]
        for h in company_heads:
            at = before.rfind(h)
            if at >= 0:
                begin = stop - len(before) + at + len(h)
                # the head fills a short gap the scan left (和 of 和鸣科技), never takes more words
                # (or a name of one common word and a trade word the scan refused: 和鸣科技)
                gap = start - begin if start is not None else (0 if stop - begin > 6 else 1)
                if 2 <= stop - begin <= _MAX_CODED and 0 < gap <= 2 and not _PUNCT_INSIDE.search(text, begin, stop):
                    start = begin
                break
        if start is None:
            continue
        if any(e.source != "model" and e.start < stop and e.end > start for e in found):
            continue
        # the model may know where the name begins better, when what it adds holds no common word
        # (华屹药业 where the scan stopped at 屹; not 公司控股股东远衡集团)
        for e in found:
            if e.source == "model" and e.end == stop and e.start < start and not any(
                    s0 >= e.start and s0 < start and len(w) >= 2 and cues.idf.get(w, _UNSEEN) < MIN_IDF
                    for s0, w, _ in words):
                start = e.start
        name = text[start:stop]
        out.append(Entity(name, "COMPANY", start, stop, name, "rule", 1.0))
    return out


#: A registered company name with its seat in brackets: 芯岩微电子（上海）有限公司, 某某（中国）投资有限公司.
_REGISTERED = re.compile(r"[（(][\u4e00-\u9fff]{2,4}[）)][\u4e00-\u9fff]{0,4}?(?:股份)?有限(?:责任)?公司")


def registered_companies(text: str, words: Sequence[tuple[int, str, str]], found: Sequence[Entity],
                         cues: AppositiveCues) -> list[Entity]:
    """Companies named in their registered form with the seat in brackets, whole: the name before
    the bracket is read as before a stock code (:func:`_name_before`).

    >>> words = [(0, "原为", "v"), (2, "芯", "n"), (3, "岩", "n"), (4, "微电子", "n"), (7, "（", "x")]
    >>> [(e.text, e.label) for e in registered_companies("原为芯岩微电子（上海）有限公司的", words, [],
    ...                                                  AppositiveCues({}, {}))]
    [('芯岩微电子（上海）有限公司', 'COMPANY')]
    """
    out: list[Entity] = []
    ends = {s + len(w): i for i, (s, w, _) in enumerate(words)}
    for m in _REGISTERED.finditer(text):
        k = ends.get(m.start())
        start = _name_before(words, k, cues.idf) if k is not None else None
        if start is None or any(e.source != "model" and e.start < m.end() and e.end > start
                                and not (e.start >= start and e.end <= m.end()) for e in found):
            continue
        name = text[start:m.end()]
        out.append(Entity(name, "COMPANY", start, m.end(), name, "rule", 1.0))
    return out


def without_codes(text: str, entities: Sequence[Entity]) -> list[Entity]:
    """The entities cut before a stock code inside them: a name never holds its code
    (the model sometimes tags ``华屹药业(600893)`` whole); one left shorter than two characters goes.

    >>> e = Entity("华屹药业(600893)", "COMPANY", 0, 12, "华屹药业(600893)")
    >>> [x.text for x in without_codes("华屹药业(600893)昨日", [e])]
    ['华屹药业']
    """
    out = []
    for e in entities:
        m = _STOCK_CODE.search(text, e.start, e.end)
        if m is None:
            out.append(e)
        elif m.start() - e.start >= 2:
            name = text[e.start:m.start()]
            out.append(Entity(name, e.label, e.start, m.start(), name, e.source, e.score))
    return out


#: A name in quotation marks: two to twelve characters, no space or punctuation inside.
_QUOTED = re.compile(r"[“「『\"]([\u4e00-\u9fffA-Za-z0-9][\u4e00-\u9fffA-Za-z0-9.+\-]{1,11})[”」』\"]")
#: Words between a head and the quoted name (智能助理名为“阿福”), or before a quoted name that a
#: head follows (一款名为“书房”的阅读应用).
_NAMING = re.compile(r"(?:名为|叫做|叫作|称为|命名为|取名|叫)$")
_HEAD_AFTER_REACH = 6
#: A quoted name right before this is a product line (“小暖”系列).
_SERIES = "系列"


def quoted_names(text: str, entities: Sequence[Entity], cues: AppositiveCues) -> list[Entity]:
    """A quoted name that a category noun introduces is a name of the head's label, whatever
    word it is (quotation marks say it is a name; the head says of what): ``平台“灯塔”``,
    ``治疗药物“忆安平”``, ``大语言模型「港语通2.0」``, ``一款名为“书房”的阅读应用``. Entities
    inside the quotation marks give way to it; a longer name holding the marks stays.

    >>> cues = AppositiveCues({"平台": "PRODUCT", "应用": "PRODUCT"}, {})
    >>> text = "团队推出有声书平台“灯塔”，另有一款名为“书房”的阅读应用。"
    >>> [(e.text, e.label) for e in quoted_names(text, [Entity("灯塔", "LOC", 10, 12, "灯塔")], cues)]
    [('灯塔', 'PRODUCT'), ('书房', 'PRODUCT')]
    """
    lengths = sorted({len(h) for h in cues.heads}, reverse=True)  # longest head first, as appositive_entities
    out = sorted(entities, key=lambda e: e.start)
    for m in _QUOTED.finditer(text):
        s, e = m.start(1), m.end(1)
        if any(x.start < s < x.end or x.start < e < x.end or (x.start < s and x.end > e) for x in out):
            continue  # a longer name holds the quotation marks
        before = text[max(0, m.start() - 12):m.start()]
        naming = _NAMING.search(before)
        stem = before[:naming.start()] if naming else before
        head = next((stem[-n:] for n in lengths if len(stem) >= n and stem[-n:] in cues.heads), None)
        if head is None and naming:  # 名为“X”的阅读应用: the head comes after
            after = text[m.end():m.end() + 1 + _HEAD_AFTER_REACH]
            if after.startswith("的"):
                head = next((h for h in sorted(cues.heads, key=len, reverse=True) if h in after[1:]), None)
        if head is None and text.startswith(_SERIES, m.end()):
            head = _SERIES  # 旗下“小暖”系列便携电源: a product line
        if head is None or not (s + 1 < e) or m.group(1) in EVENT_WORDS:
            continue  # 创新药“出海”: a scare-quoted act, not a name
        label = cues.heads.get(head, "PRODUCT")
        out = [x for x in out if not (s <= x.start and x.end <= e)]
        out.append(Entity(m.group(1), label, s, e, m.group(1), "rule", 1.0))
    return sorted(out, key=lambda x: (x.start, x.end))


def _person_noun(word: str) -> bool:
    """A word for a person (代言人, 发言人, 研究员, 工程师, 董事长): never the name of a product or a company."""
    return word in TITLES or word in SOURCE_NOUNS or (len(word) >= 2 and word.endswith(_PERSON_ENDS))


_PERSON_ENDS = ("人", "员", "者", "师", "长", "士")
