"""Named entities: a trained spaCy model, a curated gazetteer and rules, merged by one policy.

- The statistical model (``models/ner``: a spaCy pipeline holding a character tagger — a
  BiLSTM-CRF over character, bigram and jieba word embeddings summed with a CRF over
  character n-gram and jieba word features, or either alone; see :mod:`toolkit.ner.tagging.charnet` and
  :mod:`toolkit.ner.tagging.crf`) finds names that are in no list.
- The gazetteer (``models/gazetteer/entities.tsv``: canonical name, label, aliases) finds
  the companies, products, people and organisations that matter in today's news, under
  one canonical name per entity. Users add their own entries with :meth:`Gazetteer.add`
  or a file of the same format.
- Rules: titles in 《》 are WORKs; a product name is extended over its model suffix
  (``iPhone`` + `` 15 Pro``); unknown Latin-script names are COMPANY or PRODUCT when the
  context says so (``Runway公司``, ``发布了Gen-3``).

Overlaps are resolved by :func:`resolve_overlaps` (swappable): gazetteer before rules
before the model, longer before shorter, earlier before later; a model span that strictly
contains gazetteer spans of its own label is kept whole. Canonical names unify mentions
within an article (``马斯克`` → ``埃隆·马斯克`` when the article names him in full).
"""
from __future__ import annotations

import configparser
import json
import os
import re
import threading
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..errors import InvalidParameterError, ModelFormatError, ModelNotFoundError
from ..quotes import TITLES
from ..resources import resolve_model_dir, split_lines
from ..results import ENTITY_LABELS, Entity, EntityLabel
from ..text.normalize import tagging_view
from ..text.tokenizer import Tokenizer
from .context import (
    ListHeads,
    context_companies,
    latin_people,
    list_labels,
    media_outlets,
    quoted_products,
    split_runons,
)
from .cues import AppositiveCues, appositive_entities, coded_companies, without_codes
from .tagging.charnet import ENSEMBLE_FACTORY, CharNet, Ensemble
from .tagging.charnet import FACTORY as NET_FACTORY
from .tagging.crf import FACTORY as CRF_FACTORY
from .tagging.crf import CharCRF, WordSegmenter

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

__all__ = [
    "GazetteerEntry",
    "Gazetteer",
    "EntityExtractor",
    "resolve_overlaps",
    "canonicalize",
    "rule_entities",
    "extend_products",
    "confirm_ambiguous",
    "defined_abbreviations",
    "load_tagger",
]

_PRIORITY = {"gazetteer": 0, "rule": 1, "model": 2}
_LATIN = re.compile(r"[A-Za-z0-9]")
_CHUNK = 1500


# ---------------------------------------------------------------------------------- gazetteer

@dataclass(frozen=True)
class GazetteerEntry:
    """One entity of the gazetteer: its canonical name, label and other names."""

    canonical: str
    label: EntityLabel
    aliases: tuple[str, ...] = ()
    #: Names of this entity (canonical or aliases) that are also common words (联想 "associate",
    #: 小米 "millet"): a match of one needs confirming (:func:`confirm_ambiguous`).
    ambiguous: tuple[str, ...] = ()


def _check_label(label: str, where: str) -> EntityLabel:
    if label not in ENTITY_LABELS:
        raise ModelFormatError(f"{where}: label {label!r} is not one of {', '.join(ENTITY_LABELS)}")
    return label


class Gazetteer:
    """Canonical entities and their aliases, matched on word boundaries.

    A name written with a leading ``~`` (``~联想``, in the file or in :meth:`add`) is also a
    common word: the extractor keeps a match of it only where the context confirms the name
    (:func:`confirm_ambiguous`), so ``让人联想到`` is not Lenovo.

    >>> g = Gazetteer([GazetteerEntry("华为", "COMPANY", ("华为技术有限公司", "Huawei"))])
    >>> [(e.text, e.canonical) for e in g.match("华为技术有限公司，简称华为。")]
    [('华为技术有限公司', '华为'), ('华为', '华为')]
    >>> g.add("~联想", "COMPANY", ["联想集团", "Lenovo"])
    >>> g.is_ambiguous("联想"), g.is_ambiguous("联想集团")
    (True, False)
    """

    def __init__(self, entries: Iterable[GazetteerEntry] = ()) -> None:
        self._index: dict[str, tuple[str, EntityLabel]] = {}
        self._first: dict[str, list[int]] = {}
        self._ambiguous: set[str] = set()
        self._names: dict[str, list[str]] = {}
        self.entries: list[GazetteerEntry] = []
        for e in entries:
            self._add(e.canonical.strip(), e.label, [a.strip() for a in e.aliases if a.strip()], e.ambiguous)

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, canonical: str, label: str, aliases: Iterable[str] = ()) -> None:
        """Add an entity (or more aliases of one): ``add("鸿蒙智行", "COMPANY", ["HIMA"])``;
        a name written ``~name`` is also a common word (matched only where confirmed)."""
        parsed = [self.unmark(n) for n in (canonical, *(a for a in aliases if a.strip()))]
        names = [n for n, _ in parsed]
        self._add(names[0], label, names[1:], tuple(n for n, common in parsed if common))

    @staticmethod
    def unmark(name: str) -> tuple[str, bool]:
        """A name as written in a gazetteer (``~联想``): the name, and whether it is also a
        common word.

        >>> Gazetteer.unmark(" ~联想 "), Gazetteer.unmark("联想集团")
        (('联想', True), ('联想集团', False))
        """
        name = name.strip()
        return (name[1:].strip(), True) if name.startswith("~") else (name, False)

    def _add(self, canonical: str, label: str, aliases: Sequence[str], ambiguous: Sequence[str]) -> None:
        if label not in ENTITY_LABELS:
            raise InvalidParameterError(f"label={label!r} is not one of {', '.join(ENTITY_LABELS)}")
        lab = label
        names = [canonical, *aliases]
        if not canonical or any(not n for n in names):
            raise InvalidParameterError("canonical name must not be empty" if not canonical
                                        else f"an alias of {canonical!r} is only '~'")
        self.entries.append(GazetteerEntry(canonical, lab, tuple(aliases), tuple(ambiguous)))
        known = self._names.setdefault(canonical, [])
        known += [n for n in names if n not in known]
        for name in names:
            key = name.lower()
            self._index[key] = (canonical, lab)
            if name in ambiguous:
                self._ambiguous.add(key)
            else:
                self._ambiguous.discard(key)
            lengths = self._first.setdefault(key[0], [])
            if len(key) not in lengths:
                lengths.append(len(key))
                lengths.sort(reverse=True)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Gazetteer:
        """Read a TSV file: ``canonical<TAB>label<TAB>alias|alias`` per line, ``#`` comments."""
        g = cls()
        g.extend_from_file(path)
        return g

    def extend_from_file(self, path: str | os.PathLike[str]) -> None:
        p = Path(path)
        try:
            lines = split_lines(p.read_bytes().decode("utf-8-sig"))
        except FileNotFoundError:
            raise ModelNotFoundError(f"gazetteer file not found: {p}") from None
        except UnicodeDecodeError:
            raise ModelFormatError(f"{p}: not valid UTF-8") from None
        for lineno, line in enumerate(lines, start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) not in (2, 3) or not parts[0].strip():
                raise ModelFormatError(f"{p}:{lineno}: expected 'canonical<TAB>label[<TAB>aliases]', got {line!r}")
            label = _check_label(parts[1].strip(), f"{p}:{lineno}")
            aliases = parts[2].split("|") if len(parts) == 3 else []
            self.add(parts[0], label, aliases)

    def lookup(self, name: str) -> tuple[str, EntityLabel] | None:
        """(canonical, label) of a name, or None."""
        return self._index.get(name.lower())

    def names(self, canonical: str) -> tuple[str, ...]:
        """The canonical name and aliases of an entity (empty if unknown)."""
        return tuple(self._names.get(canonical, ()))

    def is_ambiguous(self, name: str) -> bool:
        """Whether ``name`` is listed as also being a common word (``~`` in the gazetteer)."""
        return name.lower() in self._ambiguous

    def match(self, text: str, word_starts: Sequence[bool] | None = None,
              word_ends: Sequence[bool] | None = None) -> list[Entity]:
        """All longest non-overlapping alias matches, left to right.

        A match must not cut a Latin word (``Arm`` in ``Army``; a product may be followed by its
        version's digits: ``iPhone`` in ``iPhone15``), and a short Chinese match
        (up to 3 characters) must start and end on word boundaries when they are given
        (``小米`` is not matched in ``小米粥``).
        """
        out: list[Entity] = []
        low = text.lower()
        n = len(text)
        i = 0
        while i < n:
            lengths = self._first.get(low[i])
            hit = None
            if lengths:
                for length in lengths:
                    if i + length > n:
                        continue
                    key = low[i:i + length]
                    found = self._index.get(key)
                    if found is None:
                        continue
                    end = i + length
                    if _LATIN.match(key[0]) and i > 0 and _LATIN.match(text[i - 1]):
                        continue
                    if (_LATIN.match(key[-1]) and end < n and _LATIN.match(text[end])
                            and not (found[1] == "PRODUCT" and key[-1].isalpha() and text[end].isdigit())):
                        continue  # but a product's version may follow it unspaced: iPhone15, Qwen2.5
                    if (length <= 3 and not _LATIN.match(key[0]) and word_starts is not None
                            and word_ends is not None and not (word_starts[i] and word_ends[end - 1])):
                        continue
                    hit = Entity(text[i:end], found[1], i, end, found[0], "gazetteer", 1.0)
                    break
            if hit is not None:
                out.append(hit)
                i = hit.end
            else:
                i += 1
        return out


# ---------------------------------------------------------------------------------- rules

_TITLE = re.compile(r"《([^《》\n]{1,30})》")
_NOT_WORK = re.compile(
    r"(法|法案|条例|规定|办法|意见|通知|决定|纲要|规划|方案|公约|协定|宣言|决议|白皮书|报告|细则|指南|准则|标准)$"
)
#: Newspapers and magazines: a 《》 title ending so names the outlet (``据《光明日报》报道``), a COMPANY
#: like every media outlet (docs/ENTITIES.md).
_PERIODICAL = re.compile(r"(?:报|周刊|杂志|月刊|画报|周报|半月刊|季刊)$")
#: A version number is not one before a unit, a date or a count (iPhone 3年前, ChatGPT 3月, iPhone 2亿部).
_COUNTED = "年月日号时点分秒亿万千百十个家款台辆元%％倍位名人次季期届条项只部多余周岁度"
#: The number ending a model span that stands before a unit, a date or a count.
_COUNT_TAIL = re.compile(r"[ \-]?\d+(?:\.\d+)?$")
#: Edition words after a model number (iPhone 16 Pro, 小米14 Ultra).
_EDITIONS = "Pro|Max|Plus|Ultra|mini|Mini|Air|SE|Lite|Turbo|Flash|Nano|Omni|Fold|Flip"
_MODEL_SUFFIX = re.compile(
    r"(?:[ \-]?(?:\d{1,4}(?:\.\d{1,2})?(?!\d|\.\d)(?:[A-Za-z]{1,2}(?![a-z]))?(?![" + _COUNTED + r"])"
    r"|" + _EDITIONS + r"))+"
)
_LATIN_NAME = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*(?: [A-Z0-9][A-Za-z0-9]*)*(?![A-Za-z0-9])"
)
_COMPANY_AFTER = re.compile(
    r"^(?:公司|集团|团队|实验室|创始人|首席执行官|CEO|联合创始人|发布|推出|宣布|表示|公布|披露|旗下|正式上线)"
)
_PRODUCT_BEFORE = re.compile(
    r"(?:(?:发布|推出|上线|升级|开源|亮相|搭载)[了的]?|使用|采用|基于|新款|最新的?"
    r"|工具|平台|应用|软件|模型|机器人|手机|芯片|潮玩|游戏|系统|助手|App|APP)$"
)
_COMPANY_BEFORE = re.compile(
    r"(?:初创公司|创业公司|公司|企业|厂商|制造商|生产商|供应商|服务商|运营商|开发商|集团|机构)$"
)
_PRODUCT_AFTER = re.compile(r"^(?:模型|大模型|手机|系统|平台|应用|App|APP|芯片|汽车|智能助手|版本|系列)")
#: Latin-script company names end so (Stability AI, Luma AI, World Labs, Figure Robotics).
_COMPANY_NAME_END = re.compile(r"[A-Za-z0-9] (?:AI|Labs?|Robotics|Technologies)$")
_ASCII_NAME = re.compile(r"[A-Za-z0-9 .\-]+")
_CJK_END = re.compile(r"[\u4e00-\u9fff]$")
#: A model code right after a brand (ET9, P7+, L6, S800, 15, 2.5): letters then one to three digits;
#: not followed by a unit, a date or a count (微软5月, 腾讯3.5亿, 招商银行2004年).
_BRAND_MODEL = re.compile(
    r"([A-Za-z]{0,6}\d{1,3}(?:\.\d{1,2})?[A-Za-z]{0,3}\+?"
    r"(?:" + _EDITIONS + r")*)"
    r"(?![A-Za-z0-9]|\.\d|[" + _COUNTED + r"])"
)
#: Acronyms of the trade, never a name alone (the model sometimes tags them: ``AI手机``, ``5G网络``);
#: NBA, WTO … are names and not listed.
_GENERIC_LATIN = frozenset(
    "AI AIGC AGI API APP App app CEO CTO CFO COO GDP CPI PPI PMI IPO ETF VR AR MR XR PC IT 5G 4G 6G "
    "LLM GPU CPU NPU TV OK PK VIP ESG B2B B2C O2O KOL MCN SaaS IoT".split()
)
#: Latin tokens the context rules never take for a name: the trade acronyms, abbreviations that
#: are names the model finds by itself, single letters.
_COMMON_LATIN = _GENERIC_LATIN | frozenset(
    "NBA CBA WTO IMF UN EU US USA UK A B C D E F G H I J K L M N O P Q R S T U V W X Y Z".split()
)


def _latin_at(text: str, i: int) -> bool:
    """Whether a Latin letter or digit stands at ``text[i]`` (a name would be cut there)."""
    return i < len(text) and _LATIN.match(text[i]) is not None


def extend_products(text: str, entities: Sequence[Entity]) -> list[Entity]:
    """Extend product names over a following model designation: ``iPhone`` → ``iPhone 16 Pro``;
    a known Chinese brand written together with a model code is that product: ``蔚来`` in
    ``蔚来ET9`` → the PRODUCT ``蔚来ET9`` (not a count or a date: ``微软5月``, ``腾讯3.5亿``; not
    when the code is a known name itself: ``英伟达H100``).

    >>> e = Entity("iPhone", "PRODUCT", 2, 8, "iPhone", "gazetteer")
    >>> extend_products("发布iPhone 16 Pro，", [e])[0].text
    'iPhone 16 Pro'
    >>> b = Entity("小鹏", "COMPANY", 0, 2, "小鹏汽车", "gazetteer")
    >>> [(x.text, x.label) for x in extend_products("小鹏P7+上市", [b])]
    [('小鹏P7+', 'PRODUCT')]
    """
    covered: bytearray | None = None  # characters inside a known (gazetteer or rule) name; built on first need
    out = []
    for e in entities:
        if e.label == "PRODUCT" and _LATIN.match(e.text[-1]):
            m = _MODEL_SUFFIX.match(text, e.end)
            if m and m.end() > e.end and not _latin_at(text, m.end()):
                full = text[e.start:m.end()]
                head = e.canonical if e.canonical.lower() == e.text.lower() else e.text  # iphone5: iPhone 5
                e = replace(e, text=full, end=m.end(), canonical=_model_name(head + text[e.end:m.end()], len(head)))
        elif e.source == "gazetteer" and e.label in ("COMPANY", "PRODUCT") and _CJK_END.search(e.text):
            m = _BRAND_MODEL.match(text, e.end)
            if m and m.group(1) not in _COMMON_LATIN:
                if covered is None:
                    covered = bytearray(len(text))
                    for k in entities:
                        if k.source != "model":
                            covered[k.start:k.end] = b"\1" * (k.end - k.start)
                if not any(covered[e.end:m.end()]):
                    end = m.end()
                    tail = _MODEL_SUFFIX.match(text, end)
                    if tail and tail.group(0).startswith(" ") and not _latin_at(text, tail.end()):
                        end = tail.end()
                    full = text[e.start:end]
                    e = replace(e, text=full, label="PRODUCT", end=end, canonical=_model_name(full, e.end - e.start))
        out.append(e)
    return out


_EDITION = re.compile(r"(?<=[0-9A-Za-z+])(?=(?:" + _EDITIONS + r")\b)")


def _model_name(full: str, head: int) -> str:
    """One spelling of a product name with a model designation, so that the ways of writing it
    are counted as one: a space between a Latin name and its number and before an edition word
    (``iPhone15Pro Max`` → ``iPhone 15 Pro Max``, ``小米14Ultra`` → ``小米14 Ultra``); codes of
    Chinese brands as written (``小鹏P7+``), hyphens kept (``GPT-4o``).

    >>> _model_name("iPhone15Pro Max", 6), _model_name("小米14Ultra", 2), _model_name("小鹏P7+", 2)
    ('iPhone 15 Pro Max', '小米14 Ultra', '小鹏P7+')
    """
    name, code = full[:head], full[head:]
    if code[:1].isdigit() and name[-1:].isascii() and name[-1:].isalpha():
        code = " " + code
    return name + _EDITION.sub(" ", code)


def rule_entities(text: str, found: Sequence[Entity]) -> list[Entity]:
    """Entities from rules: 《》 titles, and Latin-script names not in ``found`` by their context."""
    out: list[Entity] = []
    for m in _TITLE.finditer(text):
        title = m.group(1).strip()
        if title and not _NOT_WORK.search(title):
            label: EntityLabel = "COMPANY" if len(title) >= 3 and _PERIODICAL.search(title) else "WORK"
            out.append(Entity(m.group(1), label, m.start(1), m.end(1), title, "rule", 1.0))
    covered = [False] * len(text)
    for e in found:
        if e.source == "model" and _ASCII_NAME.fullmatch(e.text):
            continue  # the model is weak on Latin names: let the context rules have a say
        for k in range(e.start, e.end):
            covered[k] = True
    for m in _LATIN_NAME.finditer(text):
        name = m.group(0)
        if name in _COMMON_LATIN or name.isdigit() or any(covered[m.start():m.end()]):
            continue
        after, before = text[m.end():m.end() + 8], text[max(0, m.start() - 6):m.start()]
        guess: EntityLabel | None = None
        if (_COMPANY_NAME_END.search(name) or _COMPANY_BEFORE.search(before)
                or _COMPANY_AFTER.match(after)):
            guess = "COMPANY"
        elif _PRODUCT_BEFORE.search(before) or _PRODUCT_AFTER.match(after):
            guess = "PRODUCT"
        if guess is not None:
            out.append(Entity(name, guess, m.start(), m.end(), name, "rule", 1.0))
    return out


#: Words next to a name that is also a common word (~ in the gazetteer) which say it is the
#: company or product: ``荣耀发布``, ``美的空调``, ``甲骨文股价``, ``手机厂商荣耀``.
_CUE_AFTER = re.compile(  # used with .match(text, pos): anchored there
    r"(?:公司|集团|股份|控股|科技|旗下|创始人|董事长|总裁|首席|CEO|发布|推出|宣布|表示|回应|公布|披露|上线"
    r"|报道|消息|股价|股票|财报|营收|市值|品牌|牌|手机|汽车|电脑|笔记本|平板|芯片|空调|冰箱|家电|门店|官方|官网"
    r"|售后|客服|专卖店|旗舰|原装|总部|工作人员|电视|内存|屏幕|处理器|路由器|热水器|洗衣机|App|APP|app)"
)
_CUE_BEFORE = re.compile(
    r"(?:公司|企业|厂商|厂家|品牌|车企|巨头|龙头|旗下|(?:购买|买|选择|选|换成|换|入手|支持|信赖|推荐)了?)$"
)
#: What joins names in a list or a comparison (``华硕、联想、惠普``, ``华为比小米``).
_LINK = re.compile(r"、|和|与|及|以及|跟|同|或|或者|还是|比|/|vs\.?|VS")
#: How far a link word (with spaces) and a cue word reach, in characters.
_LINK_GAP = 12
_CUE_REACH = 8
#: Labels that confirm each other: the model may call a company an ORG or its product a COMPANY.
_TRADE = frozenset({"COMPANY", "ORG", "PRODUCT"})


def _same_kind(a: str, b: str) -> bool:
    return a == b or (a in _TRADE and b in _TRADE)


def confirm_ambiguous(text: str, found: Sequence[Entity], model: Sequence[Entity],
                      gazetteer: Gazetteer) -> list[Entity]:
    """Gazetteer matches ``found`` without those of names that are also common words
    (:meth:`Gazetteer.is_ambiguous`: 联想, 小米, 荣耀 …) that nothing confirms. A match is
    confirmed when the model found a name of its kind over it (COMPANY, ORG and PRODUCT count
    as one kind); when a word next to it names the trade (``联想发布``, ``美的空调``,
    ``手机厂商荣耀``, ``搭载鸿蒙系统``, ``三星内存``); when it is listed or compared with a
    company or product (``华硕、联想、惠普``, ``华为比小米``) or names one right after it
    (``苹果iPhone``); when the article names the same
    entity elsewhere by an unambiguous name or a confirmed mention (``海光信息 … 海光的营收``);
    or a company that one of its names starts with (``腾讯 … 元宝``: 元宝 is also 腾讯元宝).

    >>> g = Gazetteer([GazetteerEntry("联想", "COMPANY", ("联想集团",), ("联想",))])
    >>> text = "这让人联想到过去。"
    >>> confirm_ambiguous(text, g.match(text), [], g)
    []
    >>> text = "联想发布新品，让人联想到过去。"
    >>> [e.start for e in confirm_ambiguous(text, g.match(text), [], g)]
    [0, 9]
    """
    if not any(gazetteer.is_ambiguous(e.text) for e in found):
        return list(found)
    sure = {(e.canonical, e.label) for e in found if not gazetteer.is_ambiguous(e.text)}
    for m in model:
        known = gazetteer.lookup(m.text)
        if known is not None and not gazetteer.is_ambiguous(m.text) and _same_kind(known[1], m.label):
            sure.add(known)
    sure_names = {c for c, _ in sure}
    # the characters the model found a name of each kind over (trade labels are one kind)
    covered: dict[str, bytearray] = {}
    for m in model:
        kind = "TRADE" if m.label in _TRADE else m.label
        cover = covered.setdefault(kind, bytearray(len(text)))
        cover[m.start:m.end] = b"\1" * (m.end - m.start)
    # names of a company or product the text surely holds, for lists and comparisons; sorted
    # ends and starts, so that only those a link word away are looked at (long articles)
    anchors = [(e.start, e.end) for e in [*found, *model]
               if e.label in _TRADE and not (e.source == "gazetteer" and gazetteer.is_ambiguous(e.text))]
    starts, ends = sorted(a for a, _ in anchors), sorted(b for _, b in anchors)

    def linked(e: Entity) -> bool:
        for b in ends[bisect_left(ends, e.start - _LINK_GAP):bisect_right(ends, e.start)]:
            if _LINK.fullmatch(text[b:e.start].strip()):
                return True
        for a in starts[bisect_left(starts, e.end):bisect_right(starts, e.end + _LINK_GAP)]:
            if a == e.end or _LINK.fullmatch(text[e.end:a].strip()):
                return True
        return False

    def confirmed(e: Entity) -> bool:
        before = max(0, e.start - _CUE_REACH)
        cover = covered.get("TRADE" if e.label in _TRADE else e.label)
        return bool(
            (cover is not None and any(cover[e.start:e.end]))
            or _CUE_AFTER.match(text, e.end) or _CUE_BEFORE.search(text, before, e.start)
            or _PRODUCT_AFTER.match(text[e.end:e.end + _CUE_REACH]) or _PRODUCT_BEFORE.search(text, before, e.start)
            or linked(e) or (e.canonical, e.label) in sure
            or any(n[:k] in sure_names for n in gazetteer.names(e.canonical) for k in range(1, len(n))))

    kept = [e for e in found if not gazetteer.is_ambiguous(e.text)]
    pending = [e for e in found if gazetteer.is_ambiguous(e.text)]
    changed = True
    while changed and pending:
        changed = False
        still = []
        for e in pending:
            if confirmed(e):
                kept.append(e)
                sure.add((e.canonical, e.label))
                sure_names.add(e.canonical)
                insort(starts, e.start)
                insort(ends, e.end)
                changed = True
            else:
                still.append(e)
        pending = still
    return sorted(kept, key=lambda e: e.start)


# ---------------------------------------------------------------------------------- merging

def resolve_overlaps(candidates: Iterable[Entity]) -> list[Entity]:
    """Pick non-overlapping entities: gazetteer, then rules, then the model; longer first.

    A model span that strictly contains chosen gazetteer/rule spans, all of its own label,
    and starts where the first of them starts, replaces them (``北京大学医学部`` over
    ``北京大学``); one that adds words before a known name does not (``人工智能公司OpenAI``
    stays ``OpenAI``: a descriptor is not part of the name), unless it is a company's full
    legal name (``珠海格力电器股份有限公司`` over ``格力电器``); nor one that adds a trade acronym
    after it (``昇腾AI`` stays ``昇腾``). A model span of another label
    that strictly contains gazetteer names replaces them: the known name is part of a longer
    name of another kind (``王者荣耀`` WORK over ``荣耀``, ``中国银行业监督管理委员会`` ORG over
    ``中国银行``), unless it holds a role word (a run-on ``中芯国际联合首席执行官赵海军``).
    Returns entities sorted by offset.
    """
    cands = sorted(candidates, key=lambda e: (_PRIORITY.get(e.source, 9), -(e.end - e.start), e.start, e.label))
    size = max((e.end for e in cands), default=0)
    owner = [-1] * size  # index into `chosen` of the entity covering each character
    chosen: list[Entity | None] = []
    rejected_model: list[Entity] = []
    for e in cands:
        if any(owner[k] >= 0 for k in range(e.start, e.end)):
            if e.source == "model":
                rejected_model.append(e)
            continue
        for k in range(e.start, e.end):
            owner[k] = len(chosen)
        chosen.append(e)
    for m in rejected_model:
        idx = sorted({owner[k] for k in range(m.start, m.end) if owner[k] >= 0})
        inside = [c for c in (chosen[i] for i in idx) if c is not None]
        if (not inside or len(inside) != len(idx)
                or not all(m.start <= c.start and c.end <= m.end for c in inside)
                or m.end - m.start <= max(c.end - c.start for c in inside)):
            continue
        same = all(c.label == m.label for c in inside)
        if same and m.text[max(c.end for c in inside) - m.start:].strip() in _GENERIC_LATIN:
            continue  # a known name and a trade acronym (昇腾AI芯片: 昇腾), not a longer name
        part_of_other = (all(c.source == "gazetteer" and c.label != m.label for c in inside)
                         and not _ROLE.search(m.text))
        if not (same and (m.start == min(c.start for c in inside)
                          or (m.label == "COMPANY" and _LEGAL_NAME.search(m.text)))
                or part_of_other):
            continue
        for i in idx:
            chosen[i] = None
        for k in range(m.start, m.end):
            owner[k] = len(chosen)
        chosen.append(m)
    return sorted((e for e in chosen if e is not None), key=lambda e: (e.start, e.end, e.label))


#: A role or title: never inside a name, so a model span holding one (中芯国际联合首席执行官赵海军)
#: does not take over the known name inside it.
_ROLE = re.compile(r"首席|执行官|董事长|总裁|创始人|总经理|经理|行长|部长|主席|总监|CEO|CTO|CFO")
_LEGAL_SUFFIX = re.compile(r"(股份有限公司|有限责任公司|集团有限公司|集团股份有限公司|有限公司|公司)$")
#: The legal form after a Latin-script company name (Apple Inc., Google LLC, Volkswagen AG).
_LATIN_LEGAL = re.compile(
    r",?\s+(?:Inc|LLC|L\.L\.C|Ltd|Limited|Corp|Corporation|Co|PBC|plc|PLC|AG|GmbH|S\.A|SA|N\.V|NV|SE|Holdings)\.?$")
#: Those written with a closing period (Inc., Ltd., Corp., Co., S.A., N.V.).
_LATIN_LEGAL_DOT = re.compile(r"(?:Inc|Ltd|Corp|Co|S\.A|N\.V|L\.L\.C)$")
#: An industry word between a trade name and the legal suffix of a registered name.
_INDUSTRY_WORD = re.compile(r"(?:科技|技术|集团|控股|股份|电子|网络|信息|智能|实业|投资|发展)$")
#: A registered company name ends so (a place before the trade name is part of it).
_LEGAL_NAME = re.compile(r"(股份有限公司|有限责任公司|有限公司)$")


#: One-character short forms of countries, regions and Chinese provinces, as they stand in
#: compounds (中美, 中俄, 美方, 港股, 台海, 欧方, 京津冀, 川渝): the place they stand for. A short
#: form that stands for several places (巴: 巴西, 巴基斯坦, 巴勒斯坦; 阿, 伊, 澳, 马, 南) is not
#: listed, and any one-character name not listed is not an entity: its canonical name would be
#: one character.
PLACE_ABBREVIATIONS: Mapping[str, str] = MappingProxyType({
    # countries and unions
    "中": "中国", "华": "中国", "美": "美国", "俄": "俄罗斯", "苏": "苏联", "日": "日本", "韩": "韩国",
    "朝": "朝鲜", "英": "英国", "法": "法国", "德": "德国", "意": "意大利", "印": "印度", "越": "越南",
    "乌": "乌克兰", "以": "以色列", "加": "加拿大", "欧": "欧盟", "埃": "埃及", "叙": "叙利亚",
    "墨": "墨西哥", "葡": "葡萄牙", "菲": "菲律宾", "泰": "泰国", "缅": "缅甸", "老": "老挝",
    "柬": "柬埔寨", "蒙": "蒙古", "土": "土耳其", "希": "希腊", "荷": "荷兰", "比": "比利时",
    "波": "波兰", "匈": "匈牙利", "捷": "捷克", "厄": "厄瓜多尔", "古": "古巴", "秘": "秘鲁",
    "智": "智利", "非": "非洲", "亚": "亚洲",
    # Chinese regions and provinces
    "港": "香港", "台": "台湾", "京": "北京", "津": "天津", "沪": "上海", "渝": "重庆", "冀": "河北",
    "晋": "山西", "辽": "辽宁", "吉": "吉林", "黑": "黑龙江", "浙": "浙江", "皖": "安徽", "闽": "福建",
    "赣": "江西", "鲁": "山东", "豫": "河南", "鄂": "湖北", "湘": "湖南", "粤": "广东", "桂": "广西",
    "琼": "海南", "川": "四川", "蜀": "四川", "黔": "贵州", "滇": "云南", "藏": "西藏", "陕": "陕西",
    "甘": "甘肃", "陇": "甘肃", "青": "青海", "宁": "宁夏", "疆": "新疆", "淮": "淮河",
})
#: Class marks of listed shares: 美团-W, 小米集团-W, *ST金科, 万科A, ST康美.
_SHARE_MARK = re.compile(r"^\*?S?\*?ST|-[A-Z]{1,2}$|(?<=[\u4e00-\u9fff])[AB]$")
#: A stock code left alone (601318.SH → SH)) is not a name.
_EXCHANGE_CODE = re.compile(r"^[(（]?(?:SH|SZ|SS|HK|BJ|US|N|O)[)）]?$")


def _balanced(name: str) -> bool:
    return all(name.count(a) == name.count(b) for a, b in ("()", "（）", "《》", "“”", "[]", "【】"))


def canonicalize(entities: Sequence[Entity], gazetteer: Gazetteer | None = None) -> list[Entity]:
    """Give every mention its canonical name, consistently within one article.

    - a one-character name is a country's or region's short form in a compound (中美, 港股) and
      takes the place's name (:data:`PLACE_ABBREVIATIONS`), or is dropped; a span with an
      unbalanced bracket or a bare stock-exchange code (``SH)``) is dropped;
    - a listed company's share-class mark goes (美团-W, *ST金科, 万科A → 美团, 金科, 万科);
    - a name the gazetteer knows takes its canonical name (and label);
    - a company loses its legal suffix (``某某科技有限公司`` → ``某某科技``, ``Apple Inc.`` →
      ``Apple``, then the gazetteer's name for it), a city or province
      its 市/省 (``北京市`` → ``北京``);
    - a person mentioned by a shorter form of a full name in the same article
      (``马斯克`` after ``埃隆·马斯克``) takes the full name, also where the model gave the
      short form another label.
    """
    out: list[Entity] = []
    for e in entities:
        name = " ".join(e.text.split())
        label = e.label
        if len(name) == 1 and not name.isascii():
            if name in PLACE_ABBREVIATIONS and label in ("LOC", "ORG"):
                out.append(replace(e, canonical=PLACE_ABBREVIATIONS[name]))
            continue
        if not _balanced(name) or _EXCHANGE_CODE.match(name):
            continue
        if label == "COMPANY" and _SHARE_MARK.search(name):
            bare = _SHARE_MARK.sub("", name)
            if len(bare) >= 2:
                name = bare
        known = gazetteer.lookup(name) if gazetteer is not None else None
        if known is not None:
            name, label = known
        elif e.canonical != e.text:  # set upstream (an extended product name)
            name = e.canonical
        elif label == "LOC" and len(name) >= 3 and name[-1] in "市省" and "·" not in name:
            name = name[:-1]  # 北京市 and 北京, 浙江省 and 浙江 are one place
        elif label == "COMPANY" and _ASCII_NAME.fullmatch(name) and _LATIN_LEGAL.search(name):
            stripped = _LATIN_LEGAL.sub("", name)  # Apple Inc. → Apple → the known 苹果公司
            known = gazetteer.lookup(stripped) if gazetteer is not None else None
            name = known[0] if known else stripped
        elif label == "COMPANY":
            stripped = _LEGAL_SUFFIX.sub("", name)
            if len(stripped) >= 2:
                known = None
                if gazetteer is not None and stripped != name:
                    # the known trade name inside a registered name: without an industry word
                    # (摩尔线程科技股份有限公司 → 摩尔线程), after the place (珠海格力电器股份有限公司 → 格力)
                    trade = _INDUSTRY_WORD.sub("", stripped)
                    forms = [stripped, *([trade] if len(trade) >= 2 and trade != stripped else [])]
                    known = next((k for f in forms for k in (gazetteer.lookup(f[j:]) for j in range(len(f) - 1))
                                  if k is not None and k[1] == "COMPANY"), None)
                elif gazetteer is not None:
                    known = gazetteer.lookup(stripped)
                name = known[0] if known else stripped
        out.append(replace(e, canonical=name, label=label))
    full_people = sorted({e.canonical for e in out if e.label == "PERSON" and "·" in e.canonical})
    if full_people:
        by_part: dict[str, set[str]] = {}
        for full in full_people:
            for part in full.split("·"):
                if len(part) >= 2:
                    by_part.setdefault(part, set()).add(full)
        # 纽曼 after 马克·纽曼 is that person, also where the model took the part for a place
        out = [replace(e, canonical=next(iter(by_part[e.canonical])), label="PERSON")
               if (e.label == "PERSON" or e.source == "model") and len(by_part.get(e.canonical, ())) == 1 else e
               for e in out]
    teams = _team_names({e.canonical for e in out if e.label == "ORG"})
    out = [replace(e, canonical=teams[e.canonical]) if e.label == "ORG" and e.canonical in teams else e
           for e in out]
    return _one_label_per_name(out)


def _one_label_per_name(entities: list[Entity]) -> list[Entity]:
    """One label per canonical name in an article: the label most of its mentions have (a tie
    goes to the gazetteer's, then to the first mention's), so 华润置地 is a COMPANY in every
    sentence if it is in most.

    >>> es = [Entity("华润置地", "COMPANY", 0, 4, "华润置地", "model"),
    ...       Entity("华润置地", "ORG", 9, 13, "华润置地", "model"),
    ...       Entity("华润置地", "COMPANY", 20, 24, "华润置地", "model")]
    >>> {e.label for e in _one_label_per_name(es)}
    {'COMPANY'}
    """
    votes: dict[str, Counter[str]] = {}
    gazetteer: dict[str, str] = {}
    first: dict[str, str] = {}
    for e in entities:
        votes.setdefault(e.canonical, Counter())[e.label] += 1
        if e.source == "gazetteer":
            gazetteer.setdefault(e.canonical, e.label)
        first.setdefault(e.canonical, e.label)
    label_of: dict[str, str] = {}
    for name, c in votes.items():
        if len(c) == 1:
            continue
        best = max(c.values())
        tied = [lab for lab, n in c.items() if n == best]
        order = [gazetteer.get(name, ""), first[name], *tied]
        label_of[name] = next(lab for lab in order if lab in tied)
    if not label_of:
        return entities
    return [replace(e, label=label_of[e.canonical]) if e.canonical in label_of else e  # type: ignore[arg-type]
            for e in entities]


def _team_names(names: set[str]) -> dict[str, str]:
    """One name for the forms of a team in one article: 上海海港队, 海港队 and 上海海港 are
    上海海港 (the form without 队, the longest where a short one ends a longer one). Only where
    one form ends in 队: 外交部 and 法国外交部 stay two.

    >>> _team_names({"上海海港队", "海港队", "上海海港", "北京国安队", "国安队", "外交部", "法国外交部"})
    {'上海海港队': '上海海港', '北京国安队': '北京国安', '国安队': '北京国安', '海港队': '上海海港'}
    """
    def base(name: str) -> str:
        return name[:-1] if len(name) >= 3 and name.endswith("队") else name

    bases = {base(n) for n in names}
    teams = {base(n) for n in names if base(n) != n}
    by_suffix: dict[str, list[str]] = {}  # every name by each of its proper suffixes (linear, not pairwise)
    for f in bases:
        for k in range(1, len(f) - 1):
            by_suffix.setdefault(f[k:], []).append(f)
    to: dict[str, str] = {}
    for name in names:
        b = base(name)
        longer = [f for f in by_suffix.get(b, ()) if b in teams or f in teams]
        if len(longer) == 1:
            to[name] = longer[0]
        elif not longer:
            to[name] = b
    # 队 comes off where another form of the article shares the name (a lone 国家队 keeps it)
    shared = Counter(to.values())
    return {k: v for k, v in sorted(to.items()) if k != v and (v in names or shared[v] > 1)}


#: A short name the article defines right after a full one: （以下简称“星辰动力”）, (下称蓝海新材),
#: （简称“市场监管总局”）. The name: up to 12 characters, in quotes or up to the bracket, comma or 或.
_DEFINED_SHORT = re.compile(
    r"\s*[（(]\s*(?:以下简称|以下称|以下统称|下简称|下称|简称)为?[：:]?\s*[“\"「『‘]?"
    r"([^\s“”\"「」『』‘’（）()，,。；;：:、]{2,12}?)[”\"」』’]?\s*(?=[）)，,或；;])"
)
#: Short names that stand for any company of a filing, not a name (以下简称“公司”), besides the
#: bare heads of organization names (_NOMINAL_ORG).
_NOT_DEFINED_NAME = frozenset(
    "本公司 该公司 发行人 标的公司 上市公司 本行 本集团 本所 甲方 乙方 本市 本省 本区 本县 本镇 本村 本院 本会 本中心 "
    "本协会 本网 本报 本台 本刊 该市 该省 我市 我省 我区 我县 我国 我院 我司 我行".split())


def defined_abbreviations(text: str, entities: Sequence[Entity], gazetteer: Gazetteer | None = None) -> list[Entity]:
    """Count a short name the article defines for a company, organization, product or place
    (``深圳市星辰动力科技有限公司（以下简称“星辰动力”）``) as that entity wherever it occurs in
    the rest of the text, over what the model made of it there (``蓝海`` LOC in ``蓝海新材``).
    All its mentions share one canonical name: the gazetteer's for a known entity, else the
    short name the article chose.

    >>> text = "深圳市星辰动力科技有限公司（以下简称“星辰动力”）宣布融资。星辰动力表示……"
    >>> full = Entity("深圳市星辰动力科技有限公司", "COMPANY", 0, 13, "深圳市星辰动力科技", "model")
    >>> [(e.text, e.start, e.canonical) for e in defined_abbreviations(text, [full])]
    [('深圳市星辰动力科技有限公司', 0, '星辰动力'), ('星辰动力', 19, '星辰动力'), ('星辰动力', 30, '星辰动力')]
    """
    out = sorted(entities, key=lambda e: e.start)
    for full in [e for e in out if e.label in ("COMPANY", "ORG", "PRODUCT", "LOC")]:
        m = _DEFINED_SHORT.match(text, full.end)
        if m is None:
            continue
        short = m.group(1)
        if short in _NOT_DEFINED_NAME or short in _NOMINAL_ORG or short == full.text:
            continue
        label = full.label
        known = gazetteer.lookup(short) if gazetteer is not None else None
        if known is not None:  # （简称OpenAI）: the known entity, its name and label
            canonical, label = known
        elif gazetteer is not None and gazetteer.lookup(full.text) is not None:
            canonical = full.canonical
        else:
            canonical = short
        old = (full.canonical, full.label)
        out = [replace(e, canonical=canonical, label=label) if (e.canonical, e.label) == old else e for e in out]
        starts = [e.start for e in out]  # the entities do not overlap: each occurrence is found by bisection
        dropped: set[int] = set()
        added: list[Entity] = []
        pos = m.start(1)
        while (pos := text.find(short, pos)) >= 0:
            end = pos + len(short)
            latin_cut = (_LATIN.match(short[0]) and pos > 0 and _LATIN.match(text[pos - 1])) or (
                _LATIN.match(short[-1]) and end < len(text) and _LATIN.match(text[end]))
            over = [j for j in range(max(0, bisect_right(starts, pos) - 1), bisect_left(starts, end))
                    if out[j].end > pos]
            inside = any(out[j].start <= pos and end <= out[j].end and (out[j].start, out[j].end) != (pos, end)
                         for j in over)
            if not latin_cut and not inside:
                dropped.update(over)
                added.append(Entity(short, label, pos, end, canonical, "rule", 1.0))
            pos = end
        out = sorted([e for j, e in enumerate(out) if j not in dropped] + added, key=lambda e: e.start)
    return out


# ---------------------------------------------------------------------------------- extractor

#: A sentence ends at 。！？ (or ! ?) or a line break, with the closing quotes and brackets after it.
_SENTENCE_END = re.compile(r"(?:[。！？!?]+[”’」』）)]*|\n)\n*")


def _chunks(text: str, size: int = _CHUNK) -> list[tuple[int, str]]:
    """Cut text into sentences (``(offset, piece)``), the pieces the tagger scores: it was trained
    on sentences, and many short pieces are scored in parallel where one long one is a long
    sequential pass. A sentence over ``size`` characters is cut at its last ；，, or space
    before the limit (or at the limit).

    >>> _chunks("他说：“好。”我们走吧！\\n第二段")
    [(0, '他说：“好。”'), (7, '我们走吧！\\n'), (13, '第二段')]
    """
    out: list[tuple[int, str]] = []
    start = 0
    n = len(text)
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    if not ends or ends[-1] < n:
        ends.append(n)
    for end in ends:
        while end - start > size:
            limit = start + size
            cut = max(text.rfind(c, start, limit) for c in "；;，, ")
            cut = cut + 1 if cut > start else limit
            out.append((start, text[start:cut]))
            start = cut
        if end > start:
            out.append((start, text[start:end]))
            start = end
    return out


#: Pieces handed to the tagger at once: it sorts them by length and scores batches of 64 similar
#: lengths (few padding steps); the window bounds the memory held for a very long text.
WINDOW_PIECES, WINDOW_CHARS = 4096, 250_000


def _groups(pieces: Iterable[tuple[int, int, str]], size: int = WINDOW_PIECES,
            max_chars: int = WINDOW_CHARS) -> Iterator[list[tuple[int, int, str]]]:
    """Consecutive windows of at most ``size`` pieces and about ``max_chars`` characters."""
    group: list[tuple[int, int, str]] = []
    chars = 0
    for p in pieces:
        group.append(p)
        chars += len(p[2])
        if len(group) == size or chars >= max_chars:
            yield group
            group, chars = [], 0
    if group:
        yield group


#: Titles and occupations before a person's name (分析师Dan Ives): the role titles and a few more.
_PERSON_WORDS = (*TITLES, "投资人", "投资者", "记者", "作者", "主持人", "专家", "学者", "演员", "歌手", "导演", "球员",
                 "选手", "经济学家", "科学家", "作家", "议员", "参议员", "众议员", "博士", "先生", "女士")

#: The values of ``use_model`` / ``Analyzer(ner_model=...)``.
MODEL_CHOICES = (True, False, "fast")


class EntityExtractor:
    """Find entities with the shipped model, the gazetteer and rules.

    Parameters
    ----------
    model_dir:
        Where ``ner/`` and ``gazetteer/`` are (default: see :mod:`toolkit.resources`).
    gazetteers:
        Extra gazetteer files (same TSV format) added to the bundled one.
    use_model:
        Run the statistical model: ``True`` the whole shipped model (the BiLSTM-CRF and CRF
        together, most accurate), ``"fast"`` its CRF part alone (about 2.4× faster, ~2 F1 points
        lower on MSRA dev; docs/BENCHMARKS.md), ``False`` none (gazetteer and rules only).
    resolve:
        The overlap policy, default :func:`resolve_overlaps`.
    style:
        The annotation conventions the network follows, for a model trained with styles
        (:attr:`styles`): ``""`` the model's default (the toolkit's guideline,
        docs/ENTITIES.md), or a training data set's, e.g. ``"msra"`` (MSRA splits addresses into
        province / city / district and has no WORK) or ``"cluener"``, or a blend of styles
        joined by ``+`` (``"any+own"``: halfway between them, :meth:`CharNet.with_blend`).
    """

    def __init__(self, *, model_dir: str | os.PathLike[str] | None = None,
                 gazetteers: Iterable[str | os.PathLike[str]] = (), use_model: bool | str = True,
                 resolve: Callable[[Iterable[Entity]], list[Entity]] = resolve_overlaps, style: str = "") -> None:
        self.model_dir = model_dir
        self.gazetteers = tuple(gazetteers)
        if use_model not in MODEL_CHOICES:
            raise InvalidParameterError(f"use_model={use_model!r}: expected True, False or 'fast'")
        if not isinstance(style, str):
            raise InvalidParameterError(f"style={style!r}: expected a style name or ''")
        self.use_model = use_model
        self.style = style
        self.resolve = resolve
        self._nlp: Language | None = None
        self._gazetteer: Gazetteer | None = None
        self._list_heads: ListHeads | None = None
        self._tokenizer: Tokenizer | None = None
        self._tagger: Ensemble | CharNet | CharCRF | None = None
        self._segmenter: WordSegmenter | None = None
        self._cues: AppositiveCues | None = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.update(_nlp=None, _gazetteer=None, _list_heads=None, _tokenizer=None, _tagger=None, _segmenter=None,
                     _cues=None, _lock=None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            g = Gazetteer.from_file(resolve_model_dir(self.model_dir) / "gazetteer" / "entities.tsv")
            for path in self.gazetteers:
                g.extend_from_file(path)
            self._gazetteer = g
        return self._gazetteer

    @property
    def cues(self) -> AppositiveCues:
        """The category nouns that introduce names (``记账应用小满``) and the IDF table behind them."""
        if self._cues is None:
            self._cues = AppositiveCues.load(self.model_dir)
        return self._cues

    @property
    def list_heads(self) -> ListHeads:
        """Head nouns that decide the label of a list's members (``gazetteer/list_heads.tsv``)."""
        if self._list_heads is None:
            self._list_heads = ListHeads.from_file(resolve_model_dir(self.model_dir) / "gazetteer" / "list_heads.tsv")
        return self._list_heads

    @property
    def nlp(self) -> Language:
        """The shipped NER model as a spaCy pipeline (``nlp(text).ents``)."""
        if self._nlp is None:
            with self._lock:
                if self._nlp is None:
                    self._nlp = _load_pipeline(resolve_model_dir(self.model_dir) / "ner")
        return self._nlp

    @property
    def tagger(self) -> Ensemble | CharNet | CharCRF:
        """The pipeline's character tagger, called on text directly (no Doc of characters), read
        by :func:`load_tagger` (``"fast"``: the CRF part alone)."""
        if self._tagger is None:
            with self._lock:
                if self._tagger is None:
                    tagger = load_tagger(resolve_model_dir(self.model_dir) / "ner", fast=self.use_model == "fast")
                    if self.style:
                        styles = getattr(tagger, "styles", ())
                        if self.style not in styles and any(b not in styles for b in self.style.split("+")):
                            raise InvalidParameterError(
                                f"style={self.style!r}: this NER model has "
                                + (f"the styles {', '.join(styles)}" if styles else "no styles")
                                + " (or a blend of them, e.g. 'any+own')")
                        assert isinstance(tagger, CharNet | Ensemble)
                        tagger = tagger.with_styles(self.style)
                    self._tagger = tagger
        return self._tagger

    @property
    def styles(self) -> tuple[str, ...]:
        """The annotation conventions the model can follow (empty for a model without styles)."""
        return tuple(getattr(self.tagger, "styles", ()))

    @property
    def _segment(self) -> WordSegmenter:
        if self._segmenter is None:
            self._segmenter = WordSegmenter()
        return self._segmenter

    def load(self) -> EntityExtractor:
        self.gazetteer  # noqa: B018 - load now
        self.cues  # noqa: B018
        self.list_heads  # noqa: B018
        if self.use_model:
            self.tagger  # noqa: B018
        return self

    def add(self, canonical: str, label: str, aliases: Iterable[str] = ()) -> None:
        """Add a gazetteer entry for this extractor only."""
        self.gazetteer.add(canonical, label, aliases)

    def __call__(self, text: str) -> list[Entity]:
        """Entities of ``text`` with offsets into exactly ``text``, sorted by position."""
        return self.pipe([text])[0]

    def pipe(self, texts: Sequence[str]) -> list[list[Entity]]:
        """Entities of several texts (the same as calling the extractor on each; faster: the
        model decodes their pieces in batches).

        Raw text is read as cleaned text would be (:func:`toolkit.text.normalize.tagging_view`):
        Traditional characters as Simplified, full-width letters and digits as half-width, and
        without the spaces next to Chinese characters (``OpenAI 发布了 Sora``, pre-segmented
        ``华为 技术 有限公司``, a spread-out ``王  磊``). An entity's text and offsets are the
        original's (spaces inside it included); its canonical name is read from the view
        (``輝達`` → ``英伟达``)."""
        views = [tagging_view(t) for t in texts]
        found = self._pipe([v.text for v in views])
        out = []
        for text, view, ents in zip(texts, views, found, strict=True):
            if view.text != text:
                ents = [_at_original(e, text, view.span(e.start, e.end)) for e in ents]
            out.append(ents)
        return out

    def _pipe(self, texts: Sequence[str]) -> list[list[Entity]]:
        n_texts = len(texts)
        starts = [[False] * len(t) for t in texts]
        ends = [[False] * len(t) for t in texts]
        words: list[list[tuple[int, str, str]]] = [[] for _ in texts]  # (start, word, POS) per text
        model: list[list[Entity]] = [[] for _ in texts]
        if self.use_model:
            pieces = ((k, offset, piece) for k, t in enumerate(texts) if t.strip() for offset, piece in _chunks(t))
            for group in _groups(pieces, WINDOW_PIECES, WINDOW_CHARS):
                self._model_group(texts, group, starts, ends, model, words)
        else:
            for k, text in enumerate(texts):
                for word in self._words.cut(text):
                    starts[k][word.start] = True
                    ends[k][word.end - 1] = True
                    words[k].append((word.start, word.text, word.pos))
        out: list[list[Entity]] = []
        for k in range(n_texts):
            text = texts[k]
            if not text.strip():
                out.append([])
                continue
            # 债务压力未解碧桂园集团: 碧桂园集团; 华屹药业(600893): 华屹药业
            model[k] = split_runons(text, without_codes(text, model[k]), self._tags)
            gaz = confirm_ambiguous(text, self.gazetteer.match(text, starts[k], ends[k]), model[k], self.gazetteer)
            people = latin_people(text, _PERSON_WORDS)  # 分析师Dan Ives（丹·艾夫斯）: over a rule's guess
            rules = [r for r in rule_entities(text, gaz + model[k])
                     if not any(p.start < r.end and r.start < p.end for p in people)] + people
            text_words = sorted(words[k])
            rules += appositive_entities(text, text_words, [*gaz, *rules, *model[k]], self.cues)
            rules += coded_companies(text, text_words, [*gaz, *rules, *model[k]], self.cues)
            merged = self.resolve(extend_products(text, [*gaz, *rules, *model[k]]))
            found = defined_abbreviations(text, canonicalize(merged, self.gazetteer), self.gazetteer)
            out.append(self._in_context(text, found))
        return out

    def _in_context(self, text: str, entities: list[Entity]) -> list[Entity]:
        """Labels read from the context (:mod:`toolkit.ner.context`): media outlets, quoted
        product names, companies named by what follows them (旗下, 董事长), then the head nouns
        of lists."""
        known = {}
        for e in entities:
            hit = self.gazetteer.lookup(e.canonical)
            if hit is not None:
                known[e.canonical] = hit[1]
        found = quoted_products(text, media_outlets(text, entities, known))
        found = context_companies(text, found, self._tags, known)
        return list_labels(text, found, self.list_heads, self._tags)

    def _model_group(self, texts: Sequence[str], group: list[tuple[int, int, str]], starts: list[list[bool]],
                     ends: list[list[bool]], model: list[list[Entity]],
                     words_of: list[list[tuple[int, str, str]]]) -> None:
        """Run the tagger on a group of pieces ``(text index, offset, piece)``; record words
        and their boundaries (for the gazetteer and the context cues) and the model's entities."""
        words = [self._segment(piece) for _, _, piece in group]
        found = self.tagger.spans_many([p for _, _, p in group], words)
        for (k, offset, _), piece_words, spans in zip(group, words, found, strict=True):
            text = texts[k]
            i = offset
            for w, tag in piece_words:
                words_of[k].append((i, w, tag))
                starts[k][i] = True
                i += len(w)
                ends[k][i - 1] = True
            for s, e, label in spans:
                s, e = offset + s, offset + e
                if text[s] == "《" and text[e - 1] == "》" and e - s > 2:  # titles without their marks
                    s, e = s + 1, e - 1
                if _ASCII_NAME.fullmatch(text[s:e]) and _LATIN_LEGAL.search(text[s:e]):
                    label = "COMPANY"  # Apple Inc., Google LLC: a company by its legal form
                    if text[e:e + 1] == "." and _LATIN_LEGAL_DOT.search(text[s:e]):
                        e += 1
                if label == "PRODUCT" and e < len(text) and text[e] in _COUNTED:
                    e = s + len(_COUNT_TAIL.sub("", text[s:e]))  # ChatGPT 3月: a date, not version 3
                if (e > s and label in ENTITY_LABELS and _plausible(text[s:e], label) and not _markup(text, s)
                        and not _generic(text[s:e], label)):
                    model[k].append(Entity(text[s:e], label, s, e, text[s:e], "model", 1.0))

    def _tags(self, text: str) -> list[tuple[str, str, int]]:
        """Words of ``text`` with their jieba POS tags and offsets (to tell a clause from a name)."""
        return [(t.text, t.pos, t.start) for t in self._words.cut(text)]

    @property
    def _words(self) -> Tokenizer:
        """Word boundaries for the gazetteer when the model (which brings them) is off, and POS
        tags for run-on spans."""
        if self._tokenizer is None:
            self._tokenizer = Tokenizer(model_dir=self.model_dir)
        return self._tokenizer


_BAD_INSIDE = re.compile(r"[\n，。！？；：、“”（）<>{}\[\]]|(?<![A-Za-z0-9.]) | (?![A-Za-z0-9])")
#: A title may have a subtitle after a colon (魔兽争霸3：冰封王座, 黑神话：悟空).
_BAD_INSIDE_WORK = re.compile(r"[\n，。！？；、“”（）<>{}\[\]]|(?<![A-Za-z0-9.]) | (?![A-Za-z0-9])|^：|：$")


def _at_original(entity: Entity, text: str, span: tuple[int, int]) -> Entity:
    """The entity found in a tagging view, placed back at ``span`` of the original ``text``."""
    start, end = span
    return replace(entity, text=text[start:end], start=start, end=end)


def _plausible(name: str, label: str = "") -> bool:
    """A model span is kept only if it could be a name: no line break, sentence punctuation,
    or space that is not between Latin words; a WORK may have a colon inside.

    >>> _plausible("黑神话：悟空", "WORK"), _plausible("记者：张三", "PERSON")
    (True, False)
    """
    bad = _BAD_INSIDE_WORK if label == "WORK" else _BAD_INSIDE
    return bool(name.strip()) and name == name.strip() and not bad.search(name)


#: A description of a company, not its name: an optional place or quantifier, trade words, a
#: generic head (``美国人工智能公司``, ``人工智能初创公司``, ``国内电动车企业``); a name has a word of
#: its own (``游戏科学公司``, ``360公司``).
_NOMINAL_COMPANY = re.compile(
    r"^(?:美国|中国|日本|韩国|德国|法国|英国|欧洲|印度|国内|海外|全球|本土|当地|一家|多家|这家|该|其)?"
    r"(?:人工智能|AI|大模型|初创|创业|科技|互联网|电动车|电动汽车|新能源|汽车|芯片|半导体|游戏|软件|电商|物流"
    r"|金融|支付|云计算|智能|机器人|自动驾驶|生物|医药|知名|头部|龙头|大型|上市|民营|国有|外资|跨国)+"
    r"(?:公司|企业|厂商|集团|巨头)$"
)


#: Heads of organization names that name no one by themselves (组委会负责人说, 警方称, 该院); with a
#: name before them (北京马拉松组委会, 上海警方) they are part of the name.
_NOMINAL_ORG = frozenset(
    "组委会 委员会 董事会 监事会 理事会 执委会 党委 主办方 承办方 组织方 校方 院方 警方 官方 政府 法院 "
    "检察院 公安局 派出所 医院 学校 大学 球队 主队 客队 俱乐部 协会 中心 研究所 研究院 实验室 公司 集团 银行 "
    "企业 厂商 交易所".split())


def _generic(name: str, label: str) -> bool:
    """Whether a model span is a word of the trade or a description rather than a name (the
    guideline: descriptors and nominal mentions are not entities).

    >>> _generic("AI", "COMPANY"), _generic("美国人工智能公司", "COMPANY"), _generic("游戏科学公司", "COMPANY")
    (True, True, False)
    >>> _generic("组委会", "ORG"), _generic("北京马拉松组委会", "ORG")
    (True, False)
    """
    return (name in _GENERIC_LATIN or (label in ("ORG", "COMPANY") and name in _NOMINAL_ORG)
            or (label == "COMPANY" and _NOMINAL_COMPANY.match(name) is not None))


def _markup(text: str, start: int) -> bool:
    """Whether a span starting at ``start`` is the name of an HTML/XML tag (``<script>``,
    ``</div>``) left in uncleaned text."""
    return text[start - 1:start] == "<" or text[max(0, start - 2):start] == "</"


_TAGGERS: dict[str, type[Ensemble] | type[CharNet] | type[CharCRF]] = {
    ENSEMBLE_FACTORY: Ensemble, NET_FACTORY: CharNet, CRF_FACTORY: CharCRF}


def load_tagger(path: str | os.PathLike[str], *, fast: bool = False) -> Ensemble | CharNet | CharCRF:
    """The character tagger of a spaCy pipeline written by ``make train-ner``, read from the
    files its ``ner`` component reads (JSON + numpy, no pickle) without importing spaCy, which
    saves seconds of start-up per process; ``fast`` reads only the CRF part of an ensemble.

    >>> load_tagger("models/ner", fast=True)  # doctest: +SKIP
    CharCRF(...)
    """
    p = Path(path)
    cfg = p / "config.cfg"
    if not cfg.is_file():
        raise ModelNotFoundError(f"NER model not found at {p}; train it with `make train-ner` "
                                 "or pass model_dir= pointing to a directory with ner/")
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(cfg.read_text(encoding="utf-8"))
        factory = json.loads(parser.get("components.ner", "factory", fallback='""'))
    except (configparser.Error, ValueError, UnicodeDecodeError) as exc:
        raise ModelFormatError(f"cannot read the NER model at {p}: {exc}") from None
    kind = _TAGGERS.get(factory) if isinstance(factory, str) else None
    if kind is None:
        raise ModelFormatError(f"{p}: no toolkit NER component named 'ner'; retrain with `make train-ner`")
    if fast and kind is Ensemble:
        return CharCRF.load(p / "ner" / "crf")
    return kind.load(p / "ner")


def _load_pipeline(path: Path) -> Language:
    """Load the shipped spaCy pipeline (config, JSON and a numpy archive read without pickle)."""
    if not (path / "config.cfg").is_file():
        raise ModelNotFoundError(f"NER model not found at {path}; train it with `make train-ner` "
                                 "or pass model_dir= pointing to a directory with ner/")
    import spacy

    from .tagging import spacy_component  # noqa: F401 - registers the NER components

    try:
        nlp = spacy.load(path)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelFormatError(f"cannot load the NER model at {path}: {exc}") from None
    return nlp
