"""Merging the passes' candidates: confirming ambiguous gazetteer names, the overlap policy,
canonical names within an article, and the filters a model span must pass."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..results import Entity
from .gazetteer import Gazetteer
from .rules import ASCII_NAME, PRODUCT_AFTER, PRODUCT_BEFORE
from .wordlists import EVENT_WORDS, GENERIC_LATIN, NOMINAL_ORG, PLACE_ABBREVIATIONS

_PRIORITY = {"gazetteer": 0, "rule": 1, "model": 2}

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

    >>> from toolkit.ner.gazetteer import GazetteerEntry
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
            or PRODUCT_AFTER.match(text[e.end:e.end + _CUE_REACH]) or PRODUCT_BEFORE.search(text, before, e.start)
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
        if same and m.text[max(c.end for c in inside) - m.start:].strip() in GENERIC_LATIN:
            continue  # a known name and a trade acronym (昇腾AI芯片: 昇腾), not a longer name
        part_of_other = (all(c.source == "gazetteer" and c.label != m.label for c in inside)
                         and not _ROLE.search(m.text))
        if not (same and (m.start == min(c.start for c in inside)
                          or (m.label == "COMPANY" and _LEGAL_NAME.search(m.text)))
                or part_of_other):
            continue
        first = min(c.start for c in inside)
        if same and m.start < first and any(c.source == "rule" and c.start == first for c in inside):
            # a rule found where the name begins, after its description (广州本土企业|青禾教育 of
            # 广州本土企业青禾教育科技有限公司): the registered name starts there
            m = Entity(m.text[first - m.start:], m.label, first, m.end, m.text[first - m.start:], m.source, m.score)
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
LATIN_LEGAL = re.compile(
    r",?\s+(?:Inc|LLC|L\.L\.C|Ltd|Limited|Corp|Corporation|Co|PBC|plc|PLC|AG|GmbH|S\.A|SA|N\.V|NV|SE|Holdings)\.?$")
#: Those written with a closing period (Inc., Ltd., Corp., Co., S.A., N.V.).
LATIN_LEGAL_DOT = re.compile(r"(?:Inc|Ltd|Corp|Co|S\.A|N\.V|L\.L\.C)$")
#: An industry word between a trade name and the legal suffix of a registered name.
_INDUSTRY_WORD = re.compile(r"(?:科技|技术|集团|控股|股份|电子|网络|信息|智能|实业|投资|发展)$")
#: A registered company name ends so (a place before the trade name is part of it).
_LEGAL_NAME = re.compile(r"(股份有限公司|有限责任公司|有限公司)$")


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
        elif label == "COMPANY" and ASCII_NAME.fullmatch(name) and LATIN_LEGAL.search(name):
            stripped = LATIN_LEGAL.sub("", name)  # Apple Inc. → Apple → the known 苹果公司
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
    # 海州远洋队 … 海州远洋加强进攻: where the article names a team with 队, the name without it is
    # the team too, not a place the model took it for
    team_bases = {e.canonical[:-1] for e in out if e.label == "ORG" and len(e.canonical) >= 3
                  and e.canonical.endswith("队")}
    out = [replace(e, label="ORG") if e.canonical in team_bases and e.label == "LOC" and e.source == "model" else e
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


_BAD_INSIDE = re.compile(r"[\n，。！？；：、“”（）<>{}\[\]]|(?<![A-Za-z0-9.]) | (?![A-Za-z0-9])")
#: A title may have a subtitle after a colon (魔兽争霸3：冰封王座, 黑神话：悟空).
_BAD_INSIDE_WORK = re.compile(r"[\n，。！？；、“”（）<>{}\[\]]|(?<![A-Za-z0-9.]) | (?![A-Za-z0-9])|^：|：$")


def at_original(entity: Entity, text: str, span: tuple[int, int]) -> Entity:
    """The entity found in a tagging view, placed back at ``span`` of the original ``text``."""
    start, end = span
    return replace(entity, text=text[start:end], start=start, end=end)


def plausible_name(name: str, label: str = "") -> bool:
    """A model span is kept only if it could be a name: no line break, sentence punctuation,
    or space that is not between Latin words; a WORK may have a colon inside.

    >>> plausible_name("黑神话：悟空", "WORK"), plausible_name("记者：张三", "PERSON")
    (True, False)
    """
    bad = _BAD_INSIDE_WORK if label == "WORK" else _BAD_INSIDE
    return bool(name.strip()) and name == name.strip() and not bad.search(name)


#: A description of a company, not its name: an optional place or quantifier, trade words, a
#: generic head (``美国人工智能公司``, ``人工智能初创公司``, ``国内电动车企业``); a name has a word of
#: its own (``游戏科学公司``, ``360公司``).
_NOMINAL_COMPANY = re.compile(
    r"^(?:美国|中国|日本|韩国|德国|法国|英国|欧洲|印度|国内|海外|全球|本土|当地|一家|多家|这家|该|其"
    r"|港股|A股|美股|科创板|创业板|北交所)?"
    r"(?:人工智能|AI|大模型|初创|创业|科技|互联网|电动车|电动汽车|新能源|汽车|芯片|半导体|游戏|软件|电商|物流"
    r"|金融|支付|云计算|智能|机器人|自动驾驶|生物|医药|知名|头部|龙头|大型|上市|民营|国有|外资|跨国)+"
    r"(?:公司|企业|厂商|集团|巨头)$"
)


def generic_name(name: str, label: str) -> bool:
    """Whether a model span is a word of the trade or a description rather than a name (the
    guideline: descriptors and nominal mentions are not entities).

    >>> [generic_name(n, "COMPANY") for n in ("AI", "美国人工智能公司", "游戏科学公司")]
    [True, True, False]
    >>> generic_name("组委会", "ORG"), generic_name("北京马拉松组委会", "ORG")
    (True, False)
    """
    return (name in GENERIC_LATIN or name in EVENT_WORDS or (label in ("ORG", "COMPANY") and name in NOMINAL_ORG)
            or (label == "COMPANY" and _NOMINAL_COMPANY.match(name) is not None))


def in_markup(text: str, start: int) -> bool:
    """Whether a span starting at ``start`` is the name of an HTML/XML tag (``<script>``,
    ``</div>``) left in uncleaned text."""
    return text[start - 1:start] == "<" or text[max(0, start - 2):start] == "</"
