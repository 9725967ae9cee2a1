"""Cleaning and normalisation of raw news text.

Small pure ``str -> str`` functions, one job each, plus :func:`parse_layout`
(headline, byline, page furniture, broken paragraphs), :func:`clean` which
chains them, and :func:`split_sentences`.

>>> clean("# 标题\\n\\n本报讯（记者 张三）ＡＩ公司今天发布了新\\n\\n模型。\\n编辑：李四").text
'标题\\n\\nAI公司今天发布了新模型。'
"""
from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .errors import missing_dependency
from .results import Byline

__all__ = [
    "Cleaned",
    "clean",
    "normalize_newlines",
    "strip_html",
    "strip_invisible",
    "to_halfwidth",
    "to_simplified",
    "unify_name_dots",
    "collapse_whitespace",
    "TextView",
    "compact_spaces",
    "tagging_view",
    "tagging_chars",
    "parse_layout",
    "split_sentences",
]

# --------------------------------------------------------------------------- characters

_CJK = (
    "\u2e80-\u2fff\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0003ffff"
)
_CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014-\u201f\u2026\u00b7"
_CJK_OR_PUNCT = f"[{_CJK}{_CJK_PUNCT}]"

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# zero-width and bidi controls, soft hyphen, BOM; a ZWJ is kept inside emoji sequences
_INVISIBLE = re.compile(
    "[\u00ad\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
    "|\u200d(?![\u2600-\u27bf\U0001f000-\U0001faff])"
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")

# Full-width forms kept as they are: Chinese punctuation.
_KEEP_FULLWIDTH = set("！，：；？（）～")
_HALFWIDTH = {
    cp: cp - 0xFEE0
    for cp in range(0xFF01, 0xFF5F)
    if chr(cp) not in _KEEP_FULLWIDTH and cp != 0xFF0E
}
_FULLWIDTH_DOT = re.compile(r"(?<=[0-9A-Za-z])\uff0e(?=[0-9A-Za-z])")

_HTML_TAG = re.compile(
    r"<\s*/?\s*(?:p|br|div|span|a|img|strong|b|i|u|em|h[1-6]|table|tbody|thead|tr|td|th|li|ul|ol|"
    r"font|section|article|header|footer|figure|figcaption|blockquote|center|small|sup|sub|hr|meta|link|script|style)"
    r"""(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?)*\s*/?\s*>""",
    re.IGNORECASE,
)
_HTML_BLOCK = re.compile(r"<\s*(?:br|/p|/div|/h[1-6]|/li|/tr|/section|/article|hr)\s*/?\s*>", re.IGNORECASE)
_HTML_SCRIPT = re.compile(r"<(script|style)\b[^<>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_HTML_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")

_SPACE_BETWEEN_CJK = re.compile(rf"(?<={_CJK_OR_PUNCT}) +(?={_CJK_OR_PUNCT})")
_MULTI_SPACE = re.compile(r" {2,}")


def normalize_newlines(text: str) -> str:
    r"""Turn every line-break convention (``\r\n``, ``\r``, U+2028, form feed ...) into ``\n``.

    >>> normalize_newlines("一\r\n二\r三")
    '一\n二\n三'
    """
    return _NEWLINES.sub("\n", text)


def strip_html(text: str) -> str:
    """Remove HTML tags and scripts and unescape entities, if the text holds any.

    Block-level tags (``<br>``, ``</p>`` ...) become line breaks so paragraphs survive.

    >>> strip_html("<p>上海&amp;北京</p><p>第二段</p>")
    '上海&北京\\n第二段\\n'
    """
    if "<" not in text and "&" not in text:
        return text
    if _HTML_TAG.search(text):
        text = _HTML_SCRIPT.sub("", text)
        text = _HTML_BLOCK.sub("\n", text)
        text = _HTML_TAG.sub("", text)
    if _HTML_ENTITY.search(text):
        text = html.unescape(text)
    return text


def strip_invisible(text: str) -> str:
    r"""Drop zero-width and control characters; turn odd spaces (NBSP, U+3000, tab) into spaces.

    Line breaks are kept. A zero-width joiner inside an emoji sequence is kept.

    >>> strip_invisible("人工\u200b智能\u3000\u3000模型\x07")
    '人工智能  模型'

    A lone surrogate (from a broken decode upstream) becomes U+FFFD, so the text can be
    encoded again.
    """
    text = _SURROGATE.sub("\ufffd", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    return _SPACES.sub(" ", text)


def to_halfwidth(text: str) -> str:
    """Full-width ASCII letters, digits and symbols to half-width; Chinese punctuation stays.

    ``！，：；？（）～`` are left full-width; a full-width full stop becomes ``.``
    only between letters or digits (``３．５`` → ``3.5``).

    >>> to_halfwidth("ＯｐｅｎＡＩ发布ＧＰＴ－５，涨幅３．５％！")
    'OpenAI发布GPT-5，涨幅3.5%！'
    """
    text = text.translate(_HALFWIDTH)
    if "\uff0e" in text:
        text = _FULLWIDTH_DOT.sub(".", text)
    return text


@lru_cache(maxsize=4)
def _opencc(config: str) -> Any:
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a core dependency
        raise missing_dependency("opencc", "t2s") from None
    return opencc.OpenCC(config)


_HAN = re.compile(f"[{_CJK}]")


def to_simplified(text: str, *, config: str = "t2s", min_share: float = 0.1) -> str:
    """Convert Traditional text to Simplified with OpenCC (``config`` is OpenCC's).

    Text that is already Simplified is left alone: conversion happens only when at least
    ``min_share`` of its Han characters change. OpenCC would otherwise also rewrite the
    variant characters that Simplified names keep (昇腾 → 升腾).

    >>> to_simplified("蘋果公司發佈新款手機")
    '苹果公司发布新款手机'
    >>> to_simplified("华为昇腾芯片用于大模型训练，性能出色。")
    '华为昇腾芯片用于大模型训练，性能出色。'
    """
    if text.isascii():
        return text
    converted = str(_opencc(config).convert(text))
    if converted == text:
        return text
    if len(converted) != len(text):
        return converted
    changed = sum(1 for a, b in zip(text, converted, strict=True) if a != b)
    n_han = len(text) - len(_HAN.sub("", text))
    return converted if n_han and changed / n_han >= min_share else text


def collapse_whitespace(line: str) -> str:
    """Remove spaces between Chinese characters, squeeze other runs of spaces, strip the ends.

    Spaces between Latin words (``iPhone 15 Pro``) stay.

    >>> collapse_whitespace(" 人工 智能  iPhone 15 Pro  发布 ")
    '人工智能 iPhone 15 Pro 发布'
    """
    line = _SPACE_BETWEEN_CJK.sub("", line)
    return _MULTI_SPACE.sub(" ", line).strip()


#: A run of horizontal spaces (and zero-width characters) in running text.
_SPACE_RUN = re.compile("[ \t\u00a0\u1680\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff]+")
#: A line broken inside a sentence of a printed page: one line break between two Chinese
#: characters (周鸿\n祎); a line ending in punctuation, or a blank line, is a real break.
_HAN_CHAR = "[\u3400-\u4dbf\u4e00-\u9fff]"
_BROKEN_LINE = re.compile(f"(?<={_HAN_CHAR})[ \t\u3000]*\r?\n[ \t\u3000]*(?={_HAN_CHAR})")
_GAP = re.compile(f"{_BROKEN_LINE.pattern}|{_SPACE_RUN.pattern}")
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]+")
_CJK_OR_PUNCT_CHAR = re.compile(_CJK_OR_PUNCT)


@dataclass(frozen=True)
class TextView:
    """A text as a model reads it (:func:`tagging_view`, :func:`compact_spaces`), and the way
    back to offsets in the original.

    ``starts[k]``: where the k-th piece of the original kept in the view begins in
    :attr:`text`; ``origins[k]``: where it begins in the original.
    """

    text: str
    starts: tuple[int, ...] = (0,)
    origins: tuple[int, ...] = (0,)

    def origin(self, i: int) -> int:
        """The offset in the original of character ``i`` of :attr:`text`."""
        k = bisect_right(self.starts, i) - 1
        return self.origins[k] + i - self.starts[k]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original's ``(start, end)`` of ``text[start:end]`` (spaces dropped inside it are
        inside the span)."""
        return self.origin(start), self.origin(end - 1) + 1


def compact_spaces(text: str) -> TextView:
    """Drop the spaces next to Chinese characters or punctuation (and zero-width characters);
    keep those between Latin words and numbers (``iPhone 16 Pro``, ``Stability AI``), as plain
    spaces.

    Web copy spaces Latin names off from Chinese (``OpenAI 发布了 Sora``), pre-segmented
    corpora put a space between every word (``华为 技术 有限公司``), printed pages spread short
    names (``王  磊``) and break lines inside words (``周鸿\\n祎``); a model trained on unspaced
    text reads all of them worse. A line break between two Chinese characters goes too; other
    line breaks stay. Offsets map back with :meth:`TextView.span`.

    >>> c = compact_spaces("记者 王  磊 报道：OpenAI 发布了 GPT-4 Turbo")
    >>> c.text
    '记者王磊报道：OpenAI发布了GPT-4 Turbo'
    >>> c.span(2, 4)
    (3, 7)
    """
    starts, origins, parts = [0], [0], []
    prev = 0
    for m in _GAP.finditer(text):
        a, b = m.start(), m.end()
        before, after = text[a - 1:a], text[b:b + 1]
        if not (_ZERO_WIDTH.fullmatch(m.group()) or _CJK_OR_PUNCT_CHAR.match(before)
                or _CJK_OR_PUNCT_CHAR.match(after)):
            if m.group() != " " * (b - a):  # kept: plain spaces in its place (iPhone\u300016)
                parts.append(text[prev:a] + " " * (b - a))
                prev = b
            continue
        parts.append(text[prev:a])
        prev = b
        if a == 0:
            origins[0] = b
        else:
            starts.append(starts[-1] + a - origins[-1])
            origins.append(b)
    if prev == 0:
        return TextView(text)
    parts.append(text[prev:])
    return TextView("".join(parts), tuple(starts), tuple(origins))


def tagging_view(text: str) -> TextView:
    """The text as the entity tagger reads it: Simplified (by :func:`to_simplified`'s rule,
    when the conversion keeps every character's place), half-width ASCII
    (:func:`to_halfwidth`), without the spaces next to Chinese (:func:`compact_spaces`).
    A caller may pass raw text; the names found map back to it.

    >>> v = tagging_view("輝達執行長 黃仁勳：ＧＰＵ")
    >>> v.text, v.span(5, 8)
    ('辉达执行长黄仁勋：GPU', (6, 9))
    """
    return compact_spaces(tagging_chars(text))


#: Other dots printed between the parts of a transliterated name (埃隆•马斯克, 埃隆・马斯克).
_NAME_DOTS = "\u2022\u30fb\u2027\u2219\u22c5\uff65"
_NAME_DOT = re.compile(f"(?<={_HAN_CHAR})[{_NAME_DOTS}](?={_HAN_CHAR})")


def unify_name_dots(text: str) -> str:
    """The dot between the parts of a transliterated name written as the interpunct ``·``, one
    character for one: a bullet or a Japanese middle dot between two Chinese characters.

    >>> unify_name_dots("埃隆•马斯克和萨姆・奥尔特曼；• 要点")
    '埃隆·马斯克和萨姆·奥尔特曼；• 要点'
    """
    return _NAME_DOT.sub("\u00b7", text) if any(c in text for c in _NAME_DOTS) else text


def tagging_chars(text: str) -> str:
    """The characters of :func:`tagging_view`, one for one (no spaces dropped): Simplified when
    the conversion keeps every character's place, half-width ASCII, name dots as ``·``
    (:func:`unify_name_dots`). The NER recipe reads its
    training sentences so, as the tagger reads text.

    >>> tagging_chars("輝達ＧＰＵ　１６")
    '辉达GPU\u300016'
    """
    if text.isascii():
        return text
    simple = to_simplified(text)
    return unify_name_dots(to_halfwidth(simple if len(simple) == len(text) else text))


# --------------------------------------------------------------------------- layout

_SENT_END = "。！？!?…"
_CLOSERS = "”’」』）)】》\"'"
_MD_HEADING = re.compile(r"^#{1,6}\s*(.+?)\s*#*$")

_EDITOR_ROLES = (
    "责任编辑|值班编辑|美术编辑|文字编辑|网络编辑|编辑|责编|美编|校对|审核|审校|审签|终审|编审|监制|统筹|策划|排版|制图|视觉|出品"
)
_CREDIT_ROLES = _EDITOR_ROLES + "|摄影|摄像|图片|配图"
_CREDIT_PAIR = re.compile(rf"({_CREDIT_ROLES})\s*[：:/|｜]\s*(.*?)(?=\s*(?:{_CREDIT_ROLES})\s*[：:/|｜]|$)")
_CREDIT_LINE = re.compile(rf"^[【\[（(]?\s*(?:{_CREDIT_ROLES})\s*[：:/|｜]")
_SOURCE_LINE = re.compile(r"^[【\[（(]?\s*(?:来源|稿源|出处|来自)\s*[：:]\s*(.+?)\s*[】\]）)]?$")
_AUTHOR_LINE = re.compile(
    r"^[【\[（(]?\s*(?:文|作者|撰文|文字|记者|本报记者|特约记者)\s*[/：:|｜]\s*(.+?)\s*[】\]）)]?$"
)
_REPORTER_LINE = re.compile(
    r"^[（(]?\s*(?:本报|本台|本刊|特约)?(?:记者|通讯员|实习生|见习记者)\s*[\u4e00-\u9fff·A-Za-z]"
    r"[\u4e00-\u9fff·A-Za-z\s、，,]*?(?:报道|采写|摄影?)?\s*[）)]?$"
)
_END_MARK = re.compile(r"^[\s\-—_=*·.（(【\[]*(?:完|END|end|全文完|（完）)[\s\-—_=*·.）)】\]]*$")
_AD_LINE = re.compile(
    r"扫码|扫描二维码|二维码|长按识别|关注(?:我们|公众号|本号|微信)|点击(?:阅读原文|关注|下方|蓝字)|转载请注明|版权(?:所有|声明|归)|"
    r"未经(?:授权|许可)|欢迎(?:分享|转发|订阅)|订阅热线|广告热线|热线电话|点个?[赞在看]|下载.{0,6}客户端"
    r"|^[【\[（(]?(?:广告|推广)[】\]）)]?$"
)
_PAGE_HEADER = re.compile(
    r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周)[一二三四五六日天]"
    r"|第\s*[A-Z]?\s*\d{1,3}\s*(?:版|页)"
    r"|^[A-Z]\d{1,2}\s*(?:版)?\s*$"
    r"|^[\-—–~\s]*\d{1,3}[\-—–~\s]*$"
)
_DATELINE = re.compile(
    r"^(?P<src>本报|本台|本刊|新华社|中新社|中新网|人民网|新华网|央视网|央视新闻|[\u4e00-\u9fff]{2,6}?(?:社|网|报|台))?"
    r"(?P<place>[\u4e00-\u9fff]{0,8}?)"
    r"(?:\d{1,2}\s*月\s*\d{1,2}\s*日)?\s*(?:电|讯|消息)\s*"
    r"(?:[（(](?P<credit>[^（）()]{1,80})[）)])?\s*[：:，,]?\s*"
)
_LEAD_CREDIT = re.compile(r"^[（(](?P<credit>(?:本报|特约)?(?:记者|通讯员|实习生)[^（）()]{1,80})[）)]\s*[：:，,]?\s*")
_SOURCE_BRACKET = re.compile(r"^【(?P<src>[^【】]{2,12}?)(?:讯|报道|消息|快讯)?】\s*")
_CREDIT_ROLE_SPLIT = re.compile(r"(本报记者|特约记者|见习记者|记者|通讯员|实习生)")
_NAME = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff·•]{1,11}|[A-Za-z][A-Za-z .·-]{1,30}[A-Za-z]")
_NAME_TAIL = re.compile(r"(?:报道|采写|摄影|摄|发自.*|综合报道)$")


@dataclass(frozen=True)
class Cleaned:
    """Output of :func:`clean`: the cleaned text and what was taken out of it."""

    text: str
    title: str | None = None
    byline: Byline = field(default_factory=Byline)
    furniture: tuple[str, ...] = ()


@dataclass
class _Credits:
    reporters: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    source: str | None = None
    furniture: list[str] = field(default_factory=list)

    def byline(self) -> Byline:
        return Byline(
            reporters=tuple(dict.fromkeys(self.reporters)),
            editors=tuple(dict.fromkeys(self.editors)),
            source=self.source,
            correspondents=tuple(dict.fromkeys(self.correspondents)),
        )


def _names(chunk: str) -> list[str]:
    out = []
    for part in re.split(r"[\s、，,；;/|｜]+", chunk.strip()):
        part = _NAME_TAIL.sub("", part.strip(" ：:"))
        if part and _NAME.fullmatch(part):
            out.append(part)
    return out


def _parse_credit(credit: str, acc: _Credits) -> None:
    """Parse '记者 张三 李四 通讯员 王五' into reporters and correspondents."""
    pieces = _CREDIT_ROLE_SPLIT.split(credit)
    role = "记者"
    for piece in pieces:
        if _CREDIT_ROLE_SPLIT.fullmatch(piece):
            role = piece
            continue
        names = _names(piece)
        if role in ("通讯员", "实习生"):
            acc.correspondents.extend(names)
        else:
            acc.reporters.extend(names)


def _furniture_line(line: str, acc: _Credits) -> bool:
    """Recognise a line of page furniture or credits; record what it says in ``acc``."""
    if len(line) > 80:
        return False
    if _CREDIT_LINE.match(line):
        for role, names in _CREDIT_PAIR.findall(line):
            if role not in ("摄影", "摄像", "图片", "配图"):
                acc.editors.extend(_names(names.strip(" ）)】]")))
        acc.furniture.append(line)
        return True
    m = _SOURCE_LINE.match(line)
    if m:
        acc.source = acc.source or m.group(1)
        acc.furniture.append(line)
        return True
    m = _AUTHOR_LINE.match(line)
    if m and len(line) <= 40:
        _parse_credit("记者" + m.group(1), acc)
        acc.furniture.append(line)
        return True
    if len(line) <= 40 and _REPORTER_LINE.match(line):
        _parse_credit(line.strip("（）()"), acc)
        acc.furniture.append(line)
        return True
    if _END_MARK.match(line) or (len(line) <= 40 and (_AD_LINE.search(line) or _PAGE_HEADER.search(line))):
        acc.furniture.append(line)
        return True
    return False


def _strip_dateline(para: str, acc: _Credits) -> str:
    """Take '本报北京3月5日电（记者 张三）' or '（记者 张三）' off the front of the first paragraph."""
    m = _SOURCE_BRACKET.match(para)
    if m:
        acc.source = acc.source or m.group("src")
        acc.furniture.append(m.group(0).strip())
        para = para[m.end():]
    m = _dateline(para)
    if m and m.end() < len(para):
        if m.group("src"):
            acc.source = acc.source or m.group("src")
        if m.group("credit"):
            _parse_credit(m.group("credit"), acc)
        acc.furniture.append(m.group(0).strip())
        return para[m.end():]
    m = _LEAD_CREDIT.match(para)
    if m and m.end() < len(para):
        _parse_credit(m.group("credit"), acc)
        acc.furniture.append(m.group(0).strip())
        return para[m.end():]
    return para


def _ends_sentence(line: str) -> bool:
    core = line.rstrip(_CLOSERS + " ")
    return bool(core) and core[-1] in _SENT_END


_ENUM = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、]\s*"
    r"|第[一二三四五六七八九十\d]{1,3}[章节部分])"
)


def _is_heading(line: str) -> bool:
    """A numbered sub-heading such as '一、市场回暖' or '（二）风险': short, no sentence punctuation.

    Unnumbered short lines are not taken as headings: in printed-page copies they are far
    more often the broken-off start of a sentence.
    """
    return len(line) <= 25 and bool(_ENUM.match(line)) and not re.search(r"[，。,；;：:](?!$)", line)


def _dateline(line: str) -> re.Match[str] | None:
    """The dateline at the start of ``line`` if it names a source or a credit."""
    m = _DATELINE.match(line)
    return m if m and (m.group("src") or m.group("credit")) else None


def _title_candidate(line: str) -> bool:
    return 0 < len(line) <= 60 and line[-1] not in "，、。；：,;:" and not _dateline(line)


def same_headline(line: str, title: str) -> bool:
    """True when ``line`` is the headline ``title`` again, as scraped copies repeat it: equal but
    for spaces and punctuation, or nearly so (a word changed or added: similarity ≥ 0.85).

    >>> same_headline("我国首台重型燃气轮机 成功点火！", "我国首台重型燃气轮机成功点火")
    True
    >>> same_headline("新华社北京5月7日电", "我国首台重型燃气轮机成功点火")
    False
    """
    from difflib import SequenceMatcher

    a, b = _HEADLINE_NOISE.sub("", line), _HEADLINE_NOISE.sub("", title)
    if not a or not b:
        return False
    if a == b:
        return True
    return min(len(a), len(b)) / max(len(a), len(b)) >= 0.8 and SequenceMatcher(None, a, b).ratio() >= 0.85


_HEADLINE_NOISE = re.compile(r"[\s\W_]+")


def parse_layout(text: str, *, detect_title: bool = True, title: str | None = None) -> Cleaned:
    """Split a normalised text into headline, byline, furniture and repaired paragraphs.

    - A markdown heading (``# 标题``) or a short first line standing apart (followed by a
      blank line or a byline) becomes ``title``; spaces inside it stay, as they separate
      phrases in headlines. A ``——`` subtitle line after it stays a line of its own.
    - Bylines (``本报讯（记者 张三 通讯员 李四）``, ``记者 张三``, ``文/张三``, ``来源：新华社``)
      fill :class:`~toolkit.results.Byline` and leave the body.
    - Credits (``编辑：X 美编：Y``, ``责任编辑：X``), end marks (``（完）``), slogans and ads,
      page headers and page numbers leave the body and are kept in ``furniture``.
    - A line that does not end a sentence is joined to the next text line, across blank
      lines: paragraphs broken by a printed page's layout are put back together.
      Numbered sub-headings (``一、``, ``（二）``) stay lines of their own.

    The returned text is the title, a blank line, then one paragraph per line.
    ``detect_title=False`` leaves the first line in the body. A known ``title`` (a title column)
    is the headline: a first line that repeats it (:func:`same_headline`) leaves the body, so
    the byline and dateline after it are read as without it; the body then starts with the
    first paragraph, as when the text does not repeat the headline.
    """
    # Spaces separate names in credits ('记者 李明 王芳'): detect furniture before collapsing.
    lines = [_MULTI_SPACE.sub(" ", x).strip() for x in text.split("\n")]
    acc = _Credits()
    known = title
    title = None
    nonblank = [i for i, x in enumerate(lines) if x]
    if nonblank and known is not None:
        if same_headline(lines[nonblank[0]], known):
            lines = lines[nonblank[0] + 1:]
    elif nonblank and detect_title:
        first = lines[nonblank[0]]
        md = _MD_HEADING.match(first)
        if md:
            title = md.group(1)
        elif len(nonblank) > 1 and _title_candidate(first):
            nxt = lines[nonblank[1]]
            apart = nonblank[1] > nonblank[0] + 1
            byline_next = _furniture_line(nxt, _Credits()) or _dateline(nxt) is not None
            short = len(first) <= 30 and "，" not in first
            if apart or byline_next or short:
                title = first
        if title is not None:
            lines = lines[nonblank[0] + 1:]
    # furniture and bylines, line by line; a blank line is kept as ''
    body: list[str] = []
    for line in lines:
        if line and _furniture_line(line, acc):
            continue
        if line and not any(body):
            line = _strip_dateline(line, acc)
        body.append(collapse_whitespace(line))
    # paragraph repair
    paras: list[str] = []
    buf = ""
    for line in body:
        if not line:
            continue
        if not buf and line.startswith(("——", "--")) and not paras:
            paras.append(line)  # a subtitle under the headline
            continue
        if not buf and _is_heading(line):
            paras.append(line)
            continue
        buf = _join(buf, line) if buf else line
        if _ends_sentence(buf):
            paras.append(buf)
            buf = ""
    if buf:
        paras.append(buf)
    parts = ([title, ""] + paras if paras else [title]) if title else paras
    return Cleaned(text="\n".join(parts), title=title if known is None else known, byline=acc.byline(),
                   furniture=tuple(acc.furniture))


def _join(left: str, right: str) -> str:
    if left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return left + " " + right
    return left + right


def clean(raw: str, *, simplify: bool = True, layout: bool = True, detect_title: bool = True,
          title: str | None = None) -> Cleaned:
    """Clean one raw article: HTML, invisible characters, full-width ASCII, Traditional
    characters (when ``simplify``) and the printed-page layout (when ``layout``).

    Parameters
    ----------
    raw:
        The article as read.
    simplify:
        Convert Traditional characters to Simplified with OpenCC.
    layout:
        Run :func:`parse_layout` (headline, byline, furniture, paragraph repair).
        Without it only characters and whitespace are normalised.
    detect_title:
        Take a headline from the first line (off when the title is known from elsewhere).
    title:
        The headline when it is known (a title column): normalised like the text (so a
        Traditional title is converted), returned as ``Cleaned.title``, and a first line
        repeating it leaves the body (:func:`parse_layout`).

    >>> c = clean("蘋果發佈會\\n\\n記者 王小明\\n今天，蘋果公司發佈了新款ｉＰｈｏｎｅ。")
    >>> c.title, c.byline.reporters, c.text
    ('苹果发布会', ('王小明',), '苹果发布会\\n\\n今天，苹果公司发布了新款iPhone。')
    """
    text = _normalise_chars(raw, simplify)
    known = None if title is None else collapse_whitespace(_normalise_chars(title, simplify).replace("\n", " "))
    if not layout:
        return Cleaned(text="\n".join(collapse_whitespace(x) for x in text.split("\n")).strip("\n"), title=known)
    return parse_layout(text, detect_title=detect_title and known is None, title=known)


def _normalise_chars(raw: str, simplify: bool) -> str:
    """The character steps of :func:`clean`: HTML, newlines, invisible characters, full-width
    ASCII, name dots and (when ``simplify``) Traditional characters."""
    text = strip_html(raw)
    text = normalize_newlines(text)
    text = strip_invisible(text)
    text = unify_name_dots(to_halfwidth(text))
    return to_simplified(text) if simplify else text


# --------------------------------------------------------------------------- sentences

_SENT_BOUNDARY = re.compile(rf"(?:[。！？!?]+|…+|\.{{3,}})[{re.escape(_CLOSERS)}]*")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` in ``text``; closing quotes and brackets stay with their sentence.

    Line breaks always end a sentence. Leading and trailing spaces are not part of a span.

    >>> t = "他说：“明天见。”随后离开！第二段？\\n标题"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['他说：“明天见。”', '随后离开！', '第二段？', '标题']
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        start = 0
        for m in _SENT_BOUNDARY.finditer(line):
            _add_span(line, line_start, start, m.end(), spans)
            start = m.end()
        _add_span(line, line_start, start, len(line), spans)
    return spans


def _add_span(line: str, offset: int, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((offset + start, offset + end))
