"""Names read from their context, after the model, the gazetteer and the rules have spoken.

- **Lists**: the head noun after a list of names decides their label
  (``字节跳动、快手等多家互联网公司`` → COMPANY, ``豆包、元宝等爆款应用`` → PRODUCT,
  ``复旦大学、浙江大学等高校`` → ORG), whatever the gazetteer's or the model's default; a member
  the model missed between two list marks is added (:func:`list_labels`, heads in
  ``models/gazetteer/list_heads.tsv``).
- **Media outlets**: newspapers, broadcasters and news sites (…日报, …晚报, …电视台, …卫视,
  …新闻网, 澎湃新闻-style …新闻) are COMPANY, also when credited at the foot of the page
  (``来源：北京青年报``) or written as a place and a paper (``中国商报记者``) (:func:`media_outlets`).
- **Latin names of people** with their Chinese rendering (``Dan Ives（丹·艾夫斯）``) are one PERSON
  (:func:`latin_people`); a **quoted name mixing Chinese and Latin letters** (``“星河e家”``) is
  one PRODUCT (:func:`quoted_products`).
- **Companies by context**: a name before 旗下, 董事长, 股价 … is a business
  (``中国星网旗下``) (:func:`context_companies`).
- **Run-on spans** that swallowed a headline (``债务压力未解碧桂园集团``) keep only the name after
  the predicate (:func:`split_runons`).

All functions are pure: entities in, entities out, offsets into the same text.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from ..errors import ModelFormatError
from ..results import ENTITY_LABELS, Entity, EntityLabel

__all__ = ["ListHeads", "list_labels", "media_outlets", "MEDIA_SUFFIXES", "latin_people", "quoted_products",
           "CLAUSE_ADVERBS", "has_predicate", "split_runons", "context_companies"]


# ---------------------------------------------------------------------------------- lists

@dataclass(frozen=True)
class ListHeads:
    """Head nouns of lists and the label they give their members.

    >>> heads = ListHeads(MappingProxyType({"公司": "COMPANY", "厂商": "COMPANY", "手机": "PRODUCT"}))
    >>> heads.head_at("手机厂商近日", 0)
    ('手机厂商', 'COMPANY')
    """

    heads: Mapping[str, EntityLabel]

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> ListHeads:
        """Read ``head<TAB>LABEL`` lines (``#`` comments); a missing file gives no heads."""
        p = Path(path)
        if not p.is_file():
            return cls(MappingProxyType({}))
        heads: dict[str, EntityLabel] = {}
        for n, line in enumerate(p.read_text(encoding="utf-8-sig").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            head, _, label = line.partition("\t")
            label = label.strip()
            if not head.strip() or label not in ENTITY_LABELS:
                raise ModelFormatError(f"{p}:{n}: expected 'head<TAB>LABEL', got {line!r}")
            heads[head.strip()] = label
        return cls(MappingProxyType(heads))

    @property
    def _lengths(self) -> list[int]:
        return sorted({len(h) for h in self.heads}, reverse=True)

    def _one(self, text: str, pos: int, min_len: int = 1) -> str | None:
        for n in self._lengths:
            if n >= min_len and text[pos:pos + n] in self.heads:
                return text[pos:pos + n]
        return None

    def _maker(self, text: str, pos: int) -> str | None:
        """A one-character company head ending a compound head (设备 + 商, 代工 + 厂)."""
        c = text[pos:pos + 1]
        return c if c and self.heads.get(c) == "COMPANY" else None

    def head_at(self, text: str, pos: int, min_len: int = 1) -> tuple[str, EntityLabel] | None:
        """The head noun starting at ``pos`` with the heads written right after it
        (``手机厂商``: the last one, 厂商, decides), or None."""
        first = self._one(text, pos, min_len)
        if first is None:
            return None
        end, last = pos + len(first), first
        while (nxt := self._one(text, end, 2) or self._maker(text, end)) is not None:
            end, last = end + len(nxt), nxt
        return text[pos:end], self.heads[last]


#: What joins the members of a list (``A、B和C``).
_LIST_LINK = re.compile(r"\s*(?:、|和|与|及|以及|还有|/)\s*$")
#: What stands between the last member and the head: 等 (等等), 在内的, with an optional count
#: (等多家, 等三所, 等众多); or a count alone (字节跳动和快手两家公司).
_AFTER_LIST = re.compile(
    r"(?:等?在内的|等等?)\s*(?:众多|诸多|一大批|一批|一系列|一众|不少|各大|其他|其它"
    r"|[一二两三四五六七八九十百几数多\d]+(?:家|所|个|款|位|名|座|支|部|种|大|只))?"
    r"|(?<![\d.])(?P<count>[二两三四五六七八九\d])(?:家|所|个|款|位|名|座|支|部|种|大)")
#: The number of members a count alone announces (字节跳动和快手两家公司: two).
_COUNT = {"二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
#: Modifiers between the count and the head noun (国内头部互联网, 爆款, 热门): no punctuation.
_MODIFIERS = 8
_NOT_MODIFIER = re.compile(r"[\s，,。；;：:、！？!?“”\"（）()《》【】的了是在]")
#: A list member the model missed: a short run of name characters between two list marks.
_MEMBER = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·.\-+ ]{2,12}")
_NOT_MEMBER_START = re.compile(r"^(?:这|那|其|该|各|每|多|一|几|某|其他|其它|以及|还有|包括)")
_NOT_MEMBER_CHAR = re.compile(r"[的了是在将对把被从向于就都也还又]")


def _head_after(text: str, pos: int, heads: ListHeads,
                tag: Callable[[str], list[tuple[str, str, int]]] | None = None) -> tuple[int, EntityLabel] | None:
    """The label a list ending at ``pos`` gets from its head noun, and where the head ends.

    The head is a one-character head right after 等 that is a word of its own there (``tag``:
    jieba words; 北京、上海等地团组织: 地; 等人气很高 is no list of people), else the first head
    of two or more characters after at most a few modifiers (等国产大模型: 大模型, not 国) that
    ends its noun phrase (等一大批产品市场竞争力强的公司: 产品 is no head, a noun follows it).
    """
    m = _AFTER_LIST.match(text, pos)
    if m is None or m.end() == pos:
        return None
    start = m.end()

    def word_at(i: int) -> tuple[str, str] | None:
        if tag is None:
            return None
        words = tag(text[i:i + 4])
        return (words[0][0], words[0][1]) if words else None

    one = heads.head_at(text, start, 1)
    if one is not None and len(one[0]) == 1 and tag is not None:
        w = word_at(start)
        if w is not None and len(w[0]) == 1:
            return start + 1, one[1]
    for k in range(_MODIFIERS + 1):
        if k and _NOT_MODIFIER.match(text, start + k - 1):
            break
        found = heads.head_at(text, start + k, 2)
        if found is not None:
            end = start + k + len(found[0])
            after = word_at(end)
            if after is not None and after[1].startswith(("n", "l", "j")) and len(after[0]) > 1:
                continue  # 产品市场竞争力: the noun phrase goes on, 产品 is no head
            return end, found[1]
    if one is None or tag is not None:
        return None
    return start + len(one[0]), one[1]


#: What may stand right before the first member of a list (the start of its clause).
_LIST_OPENERS = "，,。；;：:\n（("


def list_labels(text: str, entities: Sequence[Entity], heads: ListHeads,
                tag: Callable[[str], list[tuple[str, str, int]]] | None = None) -> list[Entity]:
    """Members of a list take the label its head noun gives (``等多家科技公司`` → COMPANY),
    and every mention of a member's canonical name in the text takes it too; a member the model
    missed is added as a rule entity when list marks stand before it (``A、B、C等``: B or C).
    A list needs at least one member that was found, or three members and a head of companies
    or products. ``tag`` (jieba words with POS and offsets)
    tells whether a one-character head is a word there.

    >>> heads = ListHeads(MappingProxyType({"应用": "PRODUCT", "公司": "COMPANY"}))
    >>> text = "豆包、星图和元宝等爆款应用。"
    >>> es = [Entity("豆包", "COMPANY", 0, 2, "豆包"), Entity("元宝", "LOC", 6, 8, "元宝")]
    >>> [(e.text, e.label) for e in list_labels(text, es, heads)]
    [('豆包', 'PRODUCT'), ('星图', 'PRODUCT'), ('元宝', 'PRODUCT')]
    """
    if not heads.heads:
        return list(entities)
    ents = sorted(entities, key=lambda e: e.start)
    by_end = {e.end: i for i, e in enumerate(ents)}
    label_of: dict[int, EntityLabel] = {}
    added: list[Entity] = []
    for m in _AFTER_LIST.finditer(text):
        found = _head_after(text, m.start(), heads, tag)
        if found is None:
            continue
        label = found[1]
        members: list[int] = []
        new: list[Entity] = []
        end = m.start()
        seen_mark = False  # 和/与/及 join only the last two members: 团中央与山西、广西等地 lists 山西, 广西
        while end > 0:
            j = by_end.get(end)
            if j is not None:
                members.append(j)
                start = ents[j].start
            else:
                lo = max(0, end - 16)  # a member is at most 12 characters: look no further back
                seg_start = max([lo] + [text.rfind(c, lo, end) + 1 for c in _DELIMITERS])
                seg = text[seg_start:end].strip()
                if not _member_like(seg):
                    break
                opens = seg_start == 0 or text[seg_start - 1] in _LIST_OPENERS
                if _LIST_LINK.search(text, max(0, seg_start - 4), seg_start) is None and not (seen_mark and opens):
                    break
                s = text.index(seg, seg_start)
                new.append(Entity(seg, label, s, s + len(seg), seg, "rule", 1.0))
                start = seg_start
            link = _LIST_LINK.search(text, max(0, start - 4), start)
            if link is None or (seen_mark and link.group().strip() not in ("、", "/")):
                break
            seen_mark = True
            end = link.start()
        count = m.group("count")
        if count is not None and len(members) + len(new) != (_COUNT.get(count) or int(count)):
            continue  # 山西、广东等7个省、直辖市14家企业: 14 firms in those places, not a list of them
        # 澜启、驭光、极岸等新势力车企: three names and a head of businesses or products need no found
        # one (a head of bodies or places lists common nouns too: 环保、城建等部门)
        if members or (len(new) >= 3 and label in ("COMPANY", "PRODUCT")):
            for j in members:
                label_of[j] = label
            added += new
    if not label_of and not added:
        return ents
    relabel = {ents[j].canonical: lab for j, lab in sorted(label_of.items())}
    out = [replace(e, label=relabel[e.canonical]) if e.canonical in relabel else e for e in ents]
    taken = bytearray(len(text))
    for e in out:
        taken[e.start:e.end] = b"\1" * (e.end - e.start)
    out += [e for e in added if not any(taken[e.start:e.end])]
    return sorted(out, key=lambda e: (e.start, e.end))


#: Where a list member the model missed can start: after a list mark or clause punctuation.
_DELIMITERS = "、和与及/，,。；;：:！？!?\n（）()“”"


def _member_like(seg: str) -> bool:
    return bool(_MEMBER.fullmatch(seg) and not _NOT_MEMBER_START.match(seg) and not _NOT_MEMBER_CHAR.search(seg)
                and not seg.isdigit())


# ---------------------------------------------------------------------------------- media

#: Ends of the names of newspapers, broadcasters and news sites (…日报, …卫视, …新闻网).
MEDIA_SUFFIXES = (
    "日报", "晚报", "早报", "晨报", "时报", "商报", "都市报", "青年报", "法治报", "法制报", "导报", "快报", "新报",
    "经济报", "周报", "周刊", "电视台", "卫视", "广播电台", "电台", "之声", "新闻网", "新闻", "在线", "网",
    "出版社", "出版集团",
)
_MEDIA_END = re.compile("(?:" + "|".join(sorted(MEDIA_SUFFIXES, key=len, reverse=True)) + ")$")
#: Words ending so that name no outlet (年报 is a report, 电网 a grid, 互联网 the internet).
_NOT_MEDIA = re.compile(r"(?:公报|年报|季报|财报|简报|通报|预报|情报|海报|喜报|捷报|战报|"
                        r"互联网|物联网|电网|局域网|因特网|"
                        r"车联网)$")
#: A credit at the foot of a page or a source named in the text: 来源：新京报, 据湖南卫视报道.
_CREDIT = re.compile(r"(?:来源|稿源|出处|转自|转载自|本文来自|文章来源)\s*[:：]\s*([\u4e00-\u9fffA-Za-z0-9]{2,12})"
                     r"|据\s*([\u4e00-\u9fffA-Za-z0-9]{2,12}?)(?:报道|消息|援引|披露)")
#: What follows a media outlet's name in copy: 中国商报记者, 湖南卫视报道.
_MEDIA_CUE = re.compile(r"记者|报道|消息|援引|刊文|刊发|评论员|讯|发布|获悉|注意到|独家")


def _media_name(name: str) -> bool:
    """Whether ``name`` is a newspaper's, broadcaster's or news site's name.

    >>> [_media_name(n) for n in ("北京青年报", "湖南卫视", "中国经济网", "澎湃新闻", "工业互联网", "公司年报", "新闻")]
    [True, True, True, True, False, False, False]
    """
    media = _MEDIA_END.search(name)
    if len(name) < 3 or media is None:
        return False
    if name.endswith(("新闻", "在线")):
        return len(name) >= 4
    other = _NOT_MEDIA.search(name)  # 年报 is no paper, but 青年报 is
    return other is None or other.start() > media.start()


def media_outlets(text: str, entities: Sequence[Entity], known: Mapping[str, EntityLabel] | None = None
                  ) -> list[Entity]:
    """Newspapers, broadcasters and news sites are COMPANY: a found name ending in a media word
    (:data:`MEDIA_SUFFIXES`) that ``known`` (canonical → label of curated names) does not list
    otherwise; a place or name right before a media word read as one outlet (``中国商报记者``:
    中国商报, not the place 中国); a credit (``来源：北京青年报``, ``据湖南卫视报道``) whose name
    is an outlet's.

    >>> text = "中国商报记者获悉。来源：北京青年报"
    >>> es = [Entity("中国", "LOC", 0, 2, "中国")]
    >>> [(e.text, e.label) for e in media_outlets(text, es)]
    [('中国商报', 'COMPANY'), ('北京青年报', 'COMPANY')]
    """
    known = known or {}
    out: list[Entity] = []
    for e in entities:
        if e.label != "COMPANY" and e.label in ("ORG", "WORK", "LOC") and _media_name(e.canonical) \
                and known.get(e.canonical, "COMPANY") == "COMPANY":
            e = replace(e, label="COMPANY")
        elif e.label == "LOC":  # 中国 + 商报记者: a place and a paper
            for suffix in sorted(MEDIA_SUFFIXES, key=len, reverse=True):
                if text.startswith(suffix, e.end) and _MEDIA_CUE.match(text, e.end + len(suffix)):
                    full = e.text + suffix
                    if _media_name(full) and known.get(full, "COMPANY") == "COMPANY":
                        e = Entity(full, "COMPANY", e.start, e.end + len(suffix), full, "rule", 1.0)
                    break
        out.append(e)
    taken = bytearray(len(text))
    for e in out:
        taken[e.start:e.end] = b"\1" * (e.end - e.start)
    for m in _CREDIT.finditer(text):
        g = 1 if m.group(1) else 2
        name, s = m.group(g), m.start(g)
        if _media_name(name) and not any(taken[s:s + len(name)]) and known.get(name, "COMPANY") == "COMPANY":
            out.append(Entity(name, "COMPANY", s, s + len(name), name, "rule", 1.0))
    return sorted(out, key=lambda e: (e.start, e.end))


# ---------------------------------------------------------------------------------- Latin names

#: A Latin-script personal name: two to four capitalised words (Dan Ives, Cathie Wood, Mary T.
#: Barra, Ursula von der Leyen), not a run of acronyms.
_LATIN_PERSON = (r"[A-Z][a-z]+(?:[-'][A-Za-z][a-z]+)?"
                 r"(?: (?:[A-Z]\.|[A-Z][a-z]+(?:[-'][A-Za-z][a-z]+)?|von|van|der|den|de|da|di|du|la|le|bin|al)){1,3}")
#: A Chinese rendering of a foreign name: one to four parts joined by a middle dot (丹·艾夫斯).
_CJK_RENDERING = r"[\u4e00-\u9fff]{1,8}(?:[·•・‧][\u4e00-\u9fff]{1,8}){0,3}"
_OPEN, _CLOSE = r"\s*[（(]\s*", r"\s*[）)]"
_LATIN_THEN_CJK = re.compile(rf"(?<![A-Za-z0-9])({_LATIN_PERSON}){_OPEN}({_CJK_RENDERING}){_CLOSE}")
_CJK_THEN_LATIN = re.compile(rf"({_CJK_RENDERING}){_OPEN}({_LATIN_PERSON}){_CLOSE}")
_LATIN_ALONE = re.compile(rf"(?<![A-Za-z0-9])({_LATIN_PERSON})(?![A-Za-z0-9])")
#: Names ending so are companies or groups (World Labs, Morgan Stanley Capital), not people.
_NOT_PERSON_END = re.compile(r" (?:Labs?|Inc|Ltd|Group|Capital|Partners|Research|Technologies|Robotics|Bank|Motors|"
                             r"Systems|Games|Studios?|Media|Times|News|Post|Journal|Street|University|College)\.?$")


def latin_people(text: str, titles: Sequence[str] = ()) -> list[Entity]:
    """People written in Latin script (issue #26): a name followed by its Chinese rendering in
    brackets (``Dan Ives（丹·艾夫斯）``) or the other way round (``丹·艾夫斯（Dan Ives）``) gives
    two PERSON mentions under one canonical name, the Chinese rendering, whole; a Latin name
    right after a title in ``titles`` (``分析师Dan Ives表示``) is a PERSON by itself. A rendering
    without a middle dot counts only after a title (``Morgan Stanley（摩根士丹利）`` is no one).

    >>> [(e.text, e.canonical) for e in latin_people("分析师Dan Ives（丹·艾夫斯）表示", ["分析师"])]
    [('Dan Ives', '丹·艾夫斯'), ('丹·艾夫斯', '丹·艾夫斯')]
    >>> [(e.text, e.canonical) for e in latin_people("分析师丹·艾夫斯（Dan Ives）表示", ["分析师"])]
    [('丹·艾夫斯', '丹·艾夫斯'), ('Dan Ives', '丹·艾夫斯')]
    """
    out: list[Entity] = []
    taken = bytearray(len(text))

    def after_title(start: int) -> bool:
        return any(text.endswith(t, 0, start) for t in titles)

    def add(name: str, start: int, canonical: str) -> None:
        if not any(taken[start:start + len(name)]):
            taken[start:start + len(name)] = b"\1" * len(name)
            out.append(Entity(name, "PERSON", start, start + len(name), canonical, "rule", 1.0))

    for m in _LATIN_THEN_CJK.finditer(text):
        latin, cjk = m.group(1), m.group(2)
        if _NOT_PERSON_END.search(latin) or not ("·" in cjk or after_title(m.start(1))):
            continue
        add(latin, m.start(1), cjk)
        add(cjk, m.start(2), cjk)
    for m in _CJK_THEN_LATIN.finditer(text):
        cjk, latin = m.group(1), m.group(2)
        if _NOT_PERSON_END.search(latin) or "·" not in cjk:
            continue
        first = cjk.split("·")[0]  # 研究员丽莎·卡特: the title before the name is not part of it
        cut = max((first.rfind(t) + len(t) for t in titles if t in first), default=0)
        cjk = cjk[cut:]
        add(cjk, m.start(1) + cut, cjk)
        add(latin, m.start(2), cjk)
    for m in _LATIN_ALONE.finditer(text):
        if after_title(m.start(1)) and not _NOT_PERSON_END.search(m.group(1)):
            add(m.group(1), m.start(1), m.group(1))
    return sorted(out, key=lambda e: e.start)


#: A quoted name mixing Chinese and Latin script (“星河e家”, “云上e办”, “天神之眼C”): one name.
_QUOTED_MIXED = re.compile(r"[“\"「]((?=[^”\"」]*[A-Za-z])(?=[^”\"」]*[\u4e00-\u9fff])"
                           r"[\u4e00-\u9fffA-Za-z0-9+\-]{2,12})[”\"」]")
#: Words near a quoted name that say it names a product or service.
_PRODUCT_CUE_BEFORE = re.compile(r"(?:推出|发布|上线|打造|开发|升级|搭载|上架|亮相|使用|下载|登录|打开"
                                 r"|通过|在)[了的]?$")
_PRODUCT_CUE_AFTER = re.compile(r"(?:服务|平台|小程序|App|APP|app|应用|品牌|产品|系统|功能|系列|终端|套餐"
                                r"|大模型|模型|智能体"
                                r"|助手|软件|客户端|专区)")


def quoted_products(text: str, entities: Sequence[Entity]) -> list[Entity]:
    """A quoted name mixing Chinese and Latin letters is one PRODUCT (``推出的“星河e家”``), never
    its letter or its Chinese part alone: when something was found inside it, a company's name
    stands before it (中国电信的“天翼e家”), or a word before or after it names a product (推出,
    上线, 服务, 平台, 小程序 …). Entities inside the quotes
    give way to it.

    >>> text = "中国移动推出的“和家e点”服务。"
    >>> [(e.text, e.label) for e in quoted_products(text, [Entity("e", "PRODUCT", 10, 11, "e")])]
    [('和家e点', 'PRODUCT')]
    """
    ents = sorted(entities, key=lambda e: e.start)
    out = list(ents)
    for m in _QUOTED_MIXED.finditer(text):
        s, e = m.start(1), m.end(1)
        inside = [x for x in out if x.start < e and x.end > s]
        if any(x.start < s or x.end > e for x in inside):
            continue  # a longer name holds the quote marks: leave it
        if any(x.start == s and x.end == e for x in inside):
            out = [replace(x, label="PRODUCT") if x.start == s and x.end == e else x for x in out]
            continue
        owner = m.start() - (1 if text[m.start() - 1:m.start()] == "的" else 0)  # 中国电信的“天翼e家”
        cue = (_PRODUCT_CUE_BEFORE.search(text, max(0, m.start() - 4), m.start())
               or _PRODUCT_CUE_AFTER.match(text, m.end())
               or any(x.end == owner and x.label in ("COMPANY", "ORG") for x in out))
        if inside or cue:
            out = [x for x in out if x not in inside]
            out.append(Entity(m.group(1), "PRODUCT", s, e, m.group(1), "rule", 1.0))
    return sorted(out, key=lambda e: (e.start, e.end))


# ---------------------------------------------------------------------------------- run-on spans

#: Adverbs that make a clause, not a name (债务压力未解…, 业绩仍承压…, 股价再度大涨…); 再 and 都 are
#: left out (再就业服务中心, 新都会 are names).
CLAUSE_ADVERBS = frozenset("未 仍 已 将 又 正 曾 均 也 不 没 却 尚 已经 仍然 正在 依然 纷纷 再度 再次 首次 "
                           "持续 大幅 全面 "
                           "集体 相继 陆续 悄然 终于 突然 刚刚".split())


def _predicate_end(words: Sequence[tuple[str, str, int]], start: int = -1) -> int:
    """Index after the last predicate in ``words`` (word, POS, start): a clause adverb before a
    verb, an adverb or an adjective (未/d 解/v, 已经/d 翻倍/d), or a verb of two characters or
    more with an aspect particle (发布/v 了/ul);
    0 if there is none. Verbal nouns (vn: 研究, 征管) are no predicate. With ``start`` (a span's
    start), a predicate that opens at the span's first or second character does not count: the
    characters of a transliterated or given name are tagged as anything (那不勒, 胡正言).
    """
    end = 0
    for i in range(len(words) - 1):
        (w1, p1, s1), (w2, p2, _) = words[i], words[i + 1]
        if start >= 0 and start <= s1 < start + 2:
            continue
        if w1 in CLAUSE_ADVERBS and ((p2.startswith("v") and p2 != "vn") or p2 in ("d", "a", "ad")):
            end = i + 2  # 未解, 已经翻倍 (翻倍/d), 再度大涨 (大/a)
        elif p1.startswith("v") and p1 != "vn" and len(w1) >= 2 and w2 in ("了", "着"):
            end = i + 2
    return end


def has_predicate(words: Sequence[tuple[str, str]]) -> bool:
    """Whether words with jieba POS tags hold a predicate (a clause adverb before a verb, or a
    verb with an aspect particle).

    >>> has_predicate([("债务", "n"), ("压力", "n"), ("未", "d"), ("解", "v"), ("碧桂园", "nr")])
    True
    >>> has_predicate([("再", "d"), ("就业", "v"), ("服务中心", "n")])
    False
    """
    return _predicate_end([(w, p, 0) for w, p in words]) > 0


#: Characters one of which a predicate holds (the adverbs' and the particles').
_PREDICATE_CHARS = frozenset("".join(CLAUSE_ADVERBS) + "了着")
#: How far before a span its clause is read for a predicate that runs into it.
_CONTEXT = 8
_CLAUSE_MARKS = "，,。；;：:！？!?、\n（）()“”"


def split_runons(text: str, entities: Sequence[Entity], tag: Callable[[str], list[tuple[str, str, int]]],
                 *, min_rest: int = 2) -> list[Entity]:
    """Model spans that swallowed a headline or a phrase (``债务压力未解碧桂园集团``) are no names.
    The span is read with the words just before it (``tag``: jieba words, POS tags and offsets):
    a predicate that ends inside it (:data:`CLAUSE_ADVERBS` before a verb: 未解, 仍未见底; a verb
    with 了) is cut off with the words up to the next noun or name, and what is left is the
    name (``碧桂园集团``); with fewer than ``min_rest`` characters left the span is dropped.
    Titles (WORK) may be clauses and are kept, and people's names, whose characters jieba tags
    as anything (将游若旭: 游/v), are left alone.

    >>> words = {"压力未解碧桂园集团": [("压力", "n", 0), ("未", "d", 2), ("解", "v", 3), ("碧桂园", "nr", 4),
    ...                                ("集团", "n", 7)]}
    >>> text = "压力未解碧桂园集团"
    >>> e = Entity("解碧桂园集团", "COMPANY", 3, 9, "解碧桂园集团", "model")
    >>> [(x.text, x.start) for x in split_runons(text, [e], lambda s: words[s])]
    [('碧桂园集团', 4)]
    """
    out: list[Entity] = []
    for e in entities:
        if e.source != "model" or e.label in ("WORK", "PERSON") or len(e.text) < 3:
            out.append(e)
            continue
        lo = max(0, e.start - _CONTEXT)
        lo = max([lo] + [text.rfind(c, lo, e.start) + 1 for c in _CLAUSE_MARKS])
        window = text[lo:e.end]
        if not any(c in _PREDICATE_CHARS for c in window):
            out.append(e)  # no adverb or particle to make a predicate: no need to tag
            continue
        words = [(w, p, lo + s) for w, p, s in tag(text[lo:e.end])]
        end = _predicate_end(words, e.start)
        if end and words[end - 1][2] + len(words[end - 1][0]) <= e.start:
            end = 0  # a predicate before the span: the span starts a new phrase
        while 0 < end < len(words) and not (words[end][1].startswith(("n", "eng", "j")) or words[end][1] == "x"):
            end += 1  # 未见底华虹: the rest of the predicate (底/f) goes too
        cut = (words[end][2] if end < len(words) else e.end) if end else e.start
        if cut <= e.start:
            out.append(e)  # no predicate, or one that ends before the span
        elif e.end - cut >= min_rest:
            out.append(replace(e, text=text[cut:e.end], start=cut, canonical=text[cut:e.end]))
    return out


# ---------------------------------------------------------------------------------- companies

#: Words after a name that say it is a business (星网旗下, 某某科技董事长, 某某股价).
_COMPANY_CUE = re.compile(r"(?:旗下|副董事长|董事长|董事会|副总裁|总裁|副总经理|总经理|联合创始人|创始人|执行长"
                          r"|行政总裁|社长|CEO|出品"
                          r"|首席[\u4e00-\u9fff]{1,3}?官|股价|市值|财报|年报|营收|净利润|控股股东|(?:新闻)?发言人)")
#: Cues that also follow a public body (外交部发言人): they add a name with an industry ending, never relabel one.
_SHARED_CUE = ("发言人", "新闻发言人", "创始人", "联合创始人")
#: Ends of a trade name that is a company's (星云科技, 华瑞电气, 东方置业).
_INDUSTRY_END = re.compile(
    r"(?:科技|技术|集团|股份|控股|电子|网络|信息|智能|实业|投资|能源|汽车|医药|药业|生物|传媒|通信|电气|电器|证券|银行|保险"
    r"|地产|置业|物流|航空|航运|钢铁|化工|材料|机械|软件|数据|半导体|新材|光电|重工|建设|建工|矿业|食品|乳业|纺织|环保"
    r"|精机|智造|微电子|互娱|影业|文化|娱乐|游戏|制药|健康)$")
#: A unit of a company between its name and a title (果核科技产品副总裁, 恒晋地产营业部总经理).
_UNIT_TAILS = ("产品", "业务", "营业部", "事业部", "事业群", "中国区", "大中华区", "亚太区")
#: Nouns that name a kind of business, not one (该公司旗下, 头部平台旗下).
_GENERIC_HEAD = frozenset("公司 企业 集团 平台 品牌 行业 市场 产品 业务 板块 部门 政府 方面 机构 厂商 巨头 "
                          "龙头 头部 国内 海外 "
                          "全球 本土 当地 国有 民营 上市 互联网 科技 技术".split())
#: Ends of the names of public bodies, which own firms too (北京市政府旗下): never made a company.
_PUBLIC_END = re.compile(r"(?:政府|局|部|委|委员会|院|厅|署|会|办|办公室|中心|大学|学院|学校|医院|所|站|队|党|军)$")
_NOMINAL_TAGS = ("n", "nz", "ns", "nr", "nt", "j", "eng", "ng", "vn")


def context_companies(text: str, entities: Sequence[Entity], tag: Callable[[str], list[tuple[str, str, int]]],
                      known: Mapping[str, EntityLabel] | None = None) -> list[Entity]:
    """Companies without a legal suffix named by their context (issue #26): a name right before
    旗下, 董事长, 总裁, 股价, 市值, 财报 … is a business. An organization or place the model found
    there that ``known`` (curated labels) does not list becomes a COMPANY (中国星网旗下); a name
    the model missed is added when its words (jieba, ``tag``) end in an industry word (星云科技,
    华瑞电气) or follow a place (中国 + 星网), and are not a generic noun (该公司旗下, 头部平台旗下).

    >>> words = {"中国星网": [("中国", "ns", 0), ("星网", "n", 2)]}
    >>> es = [Entity("中国", "LOC", 0, 2, "中国")]
    >>> [(e.text, e.label) for e in context_companies("中国星网旗下", es, lambda s: words[s])]
    [('中国星网', 'COMPANY')]
    """
    known = known or {}
    out = sorted(entities, key=lambda e: e.start)
    by_end = {e.end: i for i, e in enumerate(out)}
    by_start = {e.start: i for i, e in enumerate(out)}
    taken = bytearray(len(text))
    for e in out:
        taken[e.start:e.end] = b"\1" * (e.end - e.start)
    added: list[Entity] = []
    for m in _COMPANY_CUE.finditer(text):
        pos = m.start()
        i = by_end.get(pos)
        if i is not None:
            e = out[i]
            if e.label in ("ORG", "LOC") and e.source != "gazetteer" and e.canonical not in known \
                    and m.group(0) not in _SHARED_CUE \
                    and len(e.text) >= 3 and e.text not in _GENERIC_HEAD and not _PUBLIC_END.search(e.text):
                out[i] = replace(e, label="COMPANY")
            continue
        if pos == 0 or taken[pos - 1]:
            continue  # a name of another kind ends there (a person: 马云董事长)
        lo = max(0, pos - 10)
        lo = max([lo] + [text.rfind(c, lo, pos) + 1 for c in _CLAUSE_MARKS])
        words = [(w, p, lo + s) for w, p, s in tag(text[lo:pos])]
        run: list[tuple[str, str, int]] = []
        for w in reversed(words):
            if not w[1].startswith(_NOMINAL_TAGS) or len(run) == 3:
                break
            run.insert(0, w)
        while run and run[0][0] in _GENERIC_HEAD:
            run.pop(0)  # 头部平台旗下: no name in it
        if not run or all(w in _GENERIC_HEAD for w, _, _ in run):
            continue
        first = words.index(run[0])
        opens = lo == 0 or text[lo - 1] in _CLAUSE_MARKS
        lead = words[0][0]
        if opens and first == 1 and len(lead) == 1 and "\u4e00" <= lead <= "\u9fff":
            run.insert(0, words[0])  # a clause opening with the name: its first character belongs to it
        start = run[0][2]
        end = pos
        for unit in _UNIT_TAILS:  # 果核科技产品副总裁: the company is 果核科技
            if text.endswith(unit, start, end) and end - len(unit) - start >= 2:
                end -= len(unit)
                break
        name = text[start:end]
        if _PUBLIC_END.search(name):
            continue
        place = by_start.get(start)  # 中国 + 星网: a place the model found before the trade name
        if place is not None and out[place].label == "LOC" and out[place].end < pos and len(name) <= 6:
            if any(taken[out[place].end:pos]):
                continue
            out[place] = replace(out[place], label="COMPANY", text=name, end=pos, canonical=name, source="rule")
            taken[start:pos] = b"\1" * (pos - start)
            continue
        if 2 <= len(name) <= 8 and _INDUSTRY_END.search(name) and not any(taken[start:pos]) \
                and name not in _GENERIC_HEAD:
            added.append(Entity(name, "COMPANY", start, end, name, "rule", 1.0))
            taken[start:end] = b"\1" * (end - start)
    return sorted(out + added, key=lambda e: (e.start, e.end))
