"""Cleaning and normalisation of raw news text.

Small pure ``str -> str`` functions, one job each, plus :func:`parse_layout`
(headline, byline, page furniture, broken paragraphs), :func:`clean` which
chains them (sentences: :mod:`toolkit.text.sentences`).

>>> clean("# 标题\\n\\n本报讯（记者 张三）ＡＩ公司今天发布了新\\n\\n模型。\\n编辑：李四").text
'标题\\n\\nAI公司今天发布了新模型。'
"""
from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from ..errors import missing_dependency
from ..results import Byline
from . import furniture as fur
from . import regional
from .byline import Credits, dateline, furniture_line, strip_dateline, strip_original_title, strip_tail_credit
from .layout import Line, join_paragraphs

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

_MD_HEADING = re.compile(r"^#{1,6}\s*(.+?)\s*#*$")



@dataclass(frozen=True)
class Cleaned:
    """Output of :func:`clean`: the cleaned text and what was taken out of it.

    ``date`` is the date the copy prints (a page strip, a web header, a dateline with its
    year), as ``YYYY-MM-DD``; None when it prints none with a year.
    """

    text: str
    title: str | None = None
    byline: Byline = field(default_factory=Byline)
    furniture: tuple[str, ...] = ()
    date: str | None = None


_SENT_END_CHAR = re.compile(r"[。！？!?，,；;]")
#: Bullets and markers printed before a line (■本报记者 …, ● 要点).
_LEAD_MARK = re.compile(r"^[■□●○▲△◆◇★☆▶►◎◉※]+\s*")

def _title_candidate(line: str) -> bool:
    return 0 < len(line) <= 60 and line[-1] not in "，、。；：,;:" and not dateline(line)


def same_headline(line: str, title: str) -> bool:
    """True when ``line`` is the headline ``title`` again, as scraped copies repeat it: equal but
    for spaces and punctuation, or nearly so (a word changed or added: similarity ≥ 0.85).
    A headline tag before the line (【重磅】) does not count.

    >>> same_headline("我国首台重型燃气轮机 成功点火！", "我国首台重型燃气轮机成功点火")
    True
    >>> same_headline("新华社北京5月7日电", "我国首台重型燃气轮机成功点火")
    False
    """
    from difflib import SequenceMatcher

    a, b = _HEADLINE_NOISE.sub("", fur.split_tag(line)[1]), _HEADLINE_NOISE.sub("", title)
    if not a or not b:
        return False
    if a == b:
        return True
    return min(len(a), len(b)) / max(len(a), len(b)) >= 0.8 and SequenceMatcher(None, a, b).ratio() >= 0.85


_HEADLINE_NOISE = re.compile(r"[\s\W_]+")


def _foot_start(lines: list[str]) -> int:
    """Where the foot of the page begins: the lines after the last one of the article's text,
    when every one of them is furniture (credits, slogans, the paper's name and date strip,
    column names, web prompts)."""
    start = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if line and not (furniture_line(line, Credits()) or fur.foot_line(line)):
            return start
        start = i
    return len(lines)  # no article above it: a short text is read as text, not as a page's foot


def parse_layout(text: str, *, detect_title: bool = True, title: str | None = None,
                 year: int | None = None) -> Cleaned:
    """Split a normalised text into headline, byline, furniture and repaired paragraphs.

    - A markdown heading (``# 标题``) or a short first line standing apart (followed by a
      blank line or a byline) becomes ``title``; spaces inside it stay, as they separate
      phrases in headlines. A ``——`` subtitle line after it stays a line of its own. A tag
      before it (【重磅】, 突发！) goes to ``furniture``.
    - Bylines (``本报讯（记者 张三 通讯员 李四）``, ``记者 张三``, ``文/张三``, ``来源：新华社``)
      fill :class:`~toolkit.results.Byline` and leave the body; placeholders (``作者：小编``,
      ``来源：网络``) and tags are never a reporter or the source.
    - Credits (``编辑：X 美编：Y``, ``责任编辑：X``, ``版面：X``), end marks (``（完）``), web
      prompts (``点击关注``), emoji runs, ``原标题：…``, web headers (``2025-03-01 10:20 来源：X``),
      page headers and page numbers leave the body and are kept in ``furniture``; at the foot
      of the page, so do slogans, the paper's name and column names
      (:mod:`toolkit.text.furniture`).
    - Paragraphs broken by a page's layout are put back together; headings stay lines of
      their own (:func:`toolkit.text.layout.join_paragraphs`).
    - ``date``: the first full date the page prints (page strip, web header, a dateline's
      ``本报讯 2025年3月1日``), else a dateline's month and day (新华社北京5月7日电) in ``year``
      when it is given; a date without a year is never completed by guessing.

    The returned text is the title, a blank line, then one paragraph per line.
    ``detect_title=False`` leaves the first line in the body. A known ``title`` (a title column)
    is the headline: a first line that repeats it (:func:`same_headline`) leaves the body, so
    the byline and dateline after it are read as without it; the body then starts with the
    first paragraph, as when the text does not repeat the headline.
    """
    # Spaces separate names in credits ('记者 李明 王芳'): detect furniture before collapsing.
    raw_lines = text.split("\n")
    lines = [_MULTI_SPACE.sub(" ", x).strip() for x in raw_lines]
    indented = [x[:2].isspace() and bool(x.strip()) for x in raw_lines]
    acc = Credits()
    known = title
    title = None
    nonblank = [i for i, x in enumerate(lines) if x]
    while nonblank and furniture_line(lines[nonblank[0]], Credits()):
        nonblank.pop(0)  # a page strip or a web header above the headline
    drop = None
    if nonblank and known is not None:
        tag = fur.split_tag(lines[nonblank[0]])[0]
        if same_headline(lines[nonblank[0]], known):
            drop = nonblank[0]
            if tag:
                acc.furniture.append(tag)
    elif nonblank and detect_title:
        first = lines[nonblank[0]]
        tag, first = fur.split_tag(first)
        md = _MD_HEADING.match(first)
        if md:
            if not tag:
                tag, title = fur.split_tag(md.group(1))
            else:
                title = md.group(1)
        elif len(nonblank) > 1 and _title_candidate(first):
            nxt = lines[nonblank[1]]
            apart = nonblank[1] > nonblank[0] + 1
            byline_next = furniture_line(nxt, Credits()) or dateline(nxt) is not None
            short = len(first) <= 30 and "，" not in first
            if apart or byline_next or short:
                title = first
        if title is not None:
            drop = nonblank[0]
            if tag:
                acc.furniture.append(tag)
    dropped = lines[drop] if drop is not None and known is not None else ""
    if drop is not None:
        lines, indented = lines[:drop] + lines[drop + 1:], indented[:drop] + indented[drop + 1:]
    foot = _foot_start(lines)
    # furniture and bylines, line by line
    body: list[Line] = []
    blank = False
    head = True  # above the first paragraph of text: only kickers and subtitles so far
    for i, line in enumerate(lines):
        mark = _LEAD_MARK.match(line)
        if mark and mark.end() < len(line):
            acc.furniture.append(mark.group().strip())
            line = line[mark.end():]
        if line and head:
            line = strip_original_title(line, acc)
            prompt, line = fur.split_lead_prompt(line)
            if prompt:
                acc.furniture.append(prompt)
        if line and (furniture_line(line, acc) or (i >= foot and fur.foot_line(line))
                     or (head and fur.column_line(line) and any(lines[i + 1:]))):
            if line not in acc.furniture:
                acc.furniture.append(line)
            continue
        if line and head:
            line = strip_dateline(line, acc)
        if line:
            line = strip_tail_credit(line, acc)
        line, runs = fur.strip_emoji(line)
        acc.furniture.extend(runs)
        line = collapse_whitespace(line)
        if not line:
            blank = blank or not lines[i]
            continue
        body.append(Line(line, indented[i], blank_before=blank and bool(body)))
        blank = False
        head = head and len(line) <= 30 and not _SENT_END_CHAR.search(line)
    # a subtitle under the headline stays a line of its own; then paragraph repair
    paras: list[str] = []
    if body and body[0].text.startswith(("——", "--")):
        paras.append(body.pop(0).text)
    paras += join_paragraphs(body)
    if not paras and dropped:
        # the text is its headline and nothing else (a short post, a wire flash): it stays the text
        paras = [collapse_whitespace(fur.split_tag(dropped)[1])]
    parts = ([title, ""] + paras if paras else [title]) if title else paras
    return Cleaned(text="\n".join(parts), title=title if known is None else known, byline=acc.byline(),
                   furniture=tuple(acc.furniture), date=acc.date(year))


RegionalWording = Literal["convert", "keep"]
REGIONAL_WORDING: tuple[RegionalWording, ...] = ("convert", "keep")


def clean(raw: str, *, simplify: bool = True, layout: bool = True, detect_title: bool = True,
          title: str | None = None, year: int | None = None,
          regional_wording: RegionalWording = "convert") -> Cleaned:
    """Clean one raw article: HTML, invisible characters, full-width ASCII, Traditional
    characters (when ``simplify``) and the printed-page layout (when ``layout``).

    Parameters
    ----------
    raw:
        The article as read.
    simplify:
        Convert Traditional characters to Simplified with OpenCC.
    layout:
        Run :func:`parse_layout` (headline, byline, furniture, paragraph repair, date).
        Without it only characters and whitespace are normalised.
    detect_title:
        Take a headline from the first line (off when the title is known from elsewhere).
    title:
        The headline when it is known (a title column): normalised like the text (so a
        Traditional title is converted), returned as ``Cleaned.title`` without a leading tag
        (【重磅】), and a first line repeating it leaves the body (:func:`parse_layout`).
    year:
        The year a dateline's month and day fall in, when known from elsewhere; it makes
        ``Cleaned.date`` of a copy that prints no full date.
    regional_wording:
        ``"convert"``: Traditional text from Taiwan or Hong Kong also gets mainland wording
        (人工智慧 → 人工智能, 晶片 → 芯片; :func:`toolkit.text.regional.to_mainland`); ``"keep"``:
        characters only (OpenCC ``t2s``: 人工智慧 → 人工智慧). Simplified text is never rewritten.

    >>> c = clean("蘋果發佈會\\n\\n記者 王小明\\n今天，蘋果公司發佈了新款ｉＰｈｏｎｅ。")
    >>> c.title, c.byline.reporters, c.text
    ('苹果发布会', ('王小明',), '苹果发布会\\n\\n今天，苹果公司发布了新款iPhone。')
    >>> clean("新华社北京5月7日电 今天，会议开幕。", year=2025).date
    '2025-05-07'
    >>> clean("軟體與晶片產業", detect_title=False).text, clean("軟體與晶片產業", regional_wording="keep").text
    ('软件与芯片产业', '软体与晶片产业')
    """
    if regional_wording not in REGIONAL_WORDING:
        from ..errors import bad_choice

        raise bad_choice("regional_wording", regional_wording, REGIONAL_WORDING)
    text, region = _simplified(_normalise_chars(raw), simplify, regional_wording, None)
    known = None
    if title is not None:
        # a headline's halves keep the space between them (谭浩然砍下38分 青岛力克昆明), as a
        # headline read from the text's first line does
        known = _MULTI_SPACE.sub(" ", _normalise_chars(title).replace("\n", " ")).strip()
        known = fur.split_tag(_simplified(known, simplify, regional_wording, region)[0])[1]
    if not layout:
        return Cleaned(text="\n".join(collapse_whitespace(x) for x in text.split("\n")).strip("\n"), title=known)
    return parse_layout(text, detect_title=detect_title and known is None, title=known, year=year)


def _normalise_chars(raw: str) -> str:
    """The character steps of :func:`clean` before Traditional characters: HTML, newlines,
    invisible characters, full-width ASCII, name dots."""
    text = strip_html(raw)
    text = normalize_newlines(text)
    text = strip_invisible(text)
    return unify_name_dots(to_halfwidth(text))


def _simplified(text: str, simplify: bool, wording: RegionalWording, region: regional.Region | None
                ) -> tuple[str, regional.Region | None]:
    """Simplified characters when ``simplify``; mainland wording too when the text is
    Traditional and ``wording`` is ``"convert"``, for ``region`` (read from the text when
    None; a title is read as its article). Returns the text and the region used."""
    if not simplify:
        return text, region
    simple = to_simplified(text)
    if wording == "convert" and simple != text:
        region = region or regional.region_of(text)
        return regional.to_mainland(text, region), region
    return simple, region
