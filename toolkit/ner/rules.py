"""Rule passes: titles in 《》, Latin-script names by their context, product names over their
model designation (``iPhone`` + `` 16 Pro``), and short names an article defines
(（以下简称“X”）)."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace

from ..results import Entity, EntityLabel
from .gazetteer import LATIN_CHAR, Gazetteer
from .wordlists import COMMON_LATIN, COUNTED, EDITIONS, NOMINAL_ORG, NOT_DEFINED_NAME

# ---------------------------------------------------------------------------------- rules

_TITLE = re.compile(r"《([^《》\n]{1,30})》")
_NOT_WORK = re.compile(
    r"(法|法案|条例|规定|办法|意见|通知|决定|纲要|规划|方案|公约|协定|宣言|决议|白皮书|报告|细则|指南|准则|标准)$"
)
#: Newspapers and magazines: a 《》 title ending so names the outlet (``据《光明日报》报道``), a COMPANY
#: like every media outlet (docs/ENTITIES.md).
_PERIODICAL = re.compile(r"(?:报|周刊|杂志|月刊|画报|周报|半月刊|季刊)$")
COUNT_TAIL = re.compile(r"[ \-]?\d+(?:\.\d+)?$")
_MODEL_SUFFIX = re.compile(
    r"(?:[ \-]?(?:\d{1,4}(?:\.\d{1,2})?(?!\d|\.\d)(?:[A-Za-z]{1,2}(?![a-z]))?(?![" + COUNTED + r"])"
    r"|" + EDITIONS + r"))+"
)
_LATIN_NAME = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*(?: [A-Z0-9][A-Za-z0-9]*)*(?![A-Za-z0-9])"
)
_COMPANY_AFTER = re.compile(
    r"^(?:公司|集团|团队|实验室|创始人|首席执行官|CEO|联合创始人|发布|推出|宣布|表示|公布|披露|旗下|正式上线)"
)
PRODUCT_BEFORE = re.compile(
    r"(?:(?:发布|推出|上线|升级|开源|亮相|搭载)[了的]?|使用|采用|基于|新款|最新的?"
    r"|工具|平台|应用|软件|模型|机器人|手机|芯片|潮玩|游戏|系统|助手|App|APP)$"
)
_COMPANY_BEFORE = re.compile(
    r"(?:初创公司|创业公司|公司|企业|厂商|制造商|生产商|供应商|服务商|运营商|开发商|集团|机构)$"
)
PRODUCT_AFTER = re.compile(r"^(?:模型|大模型|手机|系统|平台|应用|App|APP|芯片|汽车|智能助手|版本|系列)")
#: Latin-script company names end so (Stability AI, Luma AI, World Labs, Figure Robotics).
_COMPANY_NAME_END = re.compile(r"[A-Za-z0-9] (?:AI|Labs?|Robotics|Technologies)$")
ASCII_NAME = re.compile(r"[A-Za-z0-9 .\-]+")
_CJK_END = re.compile(r"[\u4e00-\u9fff]$")
#: A model code right after a brand (ET9, P7+, L6, S800, 15, 2.5): letters then one to three digits;
#: not followed by a unit, a date or a count (微软5月, 腾讯3.5亿, 招商银行2004年).
_BRAND_MODEL = re.compile(
    r"([A-Za-z]{0,6}\d{1,3}(?:\.\d{1,2})?[A-Za-z]{0,3}\+?"
    r"(?:" + EDITIONS + r")*)"
    r"(?![A-Za-z0-9]|\.\d|[" + COUNTED + r"])"
)

def _latin_at(text: str, i: int) -> bool:
    """Whether a Latin letter or digit stands at ``text[i]`` (a name would be cut there)."""
    return i < len(text) and LATIN_CHAR.match(text[i]) is not None


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
        if e.label == "PRODUCT" and LATIN_CHAR.match(e.text[-1]):
            m = _MODEL_SUFFIX.match(text, e.end)
            if m and m.end() > e.end and not _latin_at(text, m.end()):
                full = text[e.start:m.end()]
                head = e.canonical if e.canonical.lower() == e.text.lower() else e.text  # iphone5: iPhone 5
                e = replace(e, text=full, end=m.end(), canonical=_model_name(head + text[e.end:m.end()], len(head)))
        elif e.source == "gazetteer" and e.label in ("COMPANY", "PRODUCT") and _CJK_END.search(e.text):
            m = _BRAND_MODEL.match(text, e.end)
            if m and m.group(1) not in COMMON_LATIN:
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


_EDITION = re.compile(r"(?<=[0-9A-Za-z+])(?=(?:" + EDITIONS + r")\b)")


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
        if e.source == "model" and ASCII_NAME.fullmatch(e.text):
            continue  # the model is weak on Latin names: let the context rules have a say
        for k in range(e.start, e.end):
            covered[k] = True
    for m in _LATIN_NAME.finditer(text):
        name = m.group(0)
        if name in COMMON_LATIN or name.isdigit() or any(covered[m.start():m.end()]):
            continue
        after, before = text[m.end():m.end() + 8], text[max(0, m.start() - 6):m.start()]
        guess: EntityLabel | None = None
        if (_COMPANY_NAME_END.search(name) or _COMPANY_BEFORE.search(before)
                or _COMPANY_AFTER.match(after)):
            guess = "COMPANY"
        elif PRODUCT_BEFORE.search(before) or PRODUCT_AFTER.match(after):
            guess = "PRODUCT"
        if guess is not None:
            out.append(Entity(name, guess, m.start(), m.end(), name, "rule", 1.0))
    return out


#: A short name the article defines right after a full one: （以下简称“星辰动力”）, (下称蓝海新材),
#: （简称“市场监管总局”）. The name: up to 12 characters, in quotes or up to the bracket, comma or 或.
_DEFINED_SHORT = re.compile(
    r"\s*[（(]\s*(?:以下简称|以下称|以下统称|下简称|下称|简称)为?[：:]?\s*[“\"「『‘]?"
    r"([^\s“”\"「」『』‘’（）()，,。；;：:、]{2,12}?)[”\"」』’]?\s*(?=[）)，,或；;])"
)

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
        if short in NOT_DEFINED_NAME or short in NOMINAL_ORG or short == full.text:
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
            latin_cut = (LATIN_CHAR.match(short[0]) and pos > 0 and LATIN_CHAR.match(text[pos - 1])) or (
                LATIN_CHAR.match(short[-1]) and end < len(text) and LATIN_CHAR.match(text[end]))
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
