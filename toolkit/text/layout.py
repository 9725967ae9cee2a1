"""Paragraphs of a page copy: which line breaks are a layout's and which are the author's.

A printed page, a PDF or a careless scrape breaks lines inside sentences; a section heading
is a line of its own that ends without a full stop too. :func:`join_paragraphs` joins the
first kind and keeps the second, reading the copy's own layout: whether it indents
paragraphs, whether its lines share a column width, whether blank lines separate paragraphs.

>>> join_paragraphs([Line("多家车企发布了"), Line("新款电动车。"), Line("### 市场反应", blank_before=True),
...                  Line("股价普遍上涨。")])
['多家车企发布了新款电动车。', '市场反应', '股价普遍上涨。']
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .sentences import CLOSERS

__all__ = ["Line", "ends_sentence", "heading_text", "is_heading", "join_paragraphs", "marked_heading"]

_SENT_END = "。！？!?…"


#: Characters a line cannot end on when the sentence goes on: particles, prepositions,
#: conjunctions, classifiers, opening brackets, a colon or a comma.
CONTINUING_ENDS = frozenset(
    "的了和与及在对将把被向从为是等也就都而但并或以其之所让使给跟同由于因如若该这那一不没很更最还又再已"
    "要会能可个种些着地得每各至即且则乃"
    "“‘「『（(《〈【[，,、：:；;—-"
)
#: Characters a line cannot start with when it begins a new sentence or a heading.
CONTINUING_STARTS = frozenset("的了们地得着过和与及等、，,。！？!?；;：:）)”’」』》〉】]%")
#: Words that carry on a sentence rather than start the paragraph under a heading.
CONTINUING_WORDS: tuple[str, ...] = (
    "已经", "正在", "仍然", "依然", "还是", "也是", "就是", "都是", "却是", "并且", "而且", "以及", "从而",
    "进而", "因而", "并不", "也不", "还将", "也将", "将会", "已于", "均已", "分别",
)

_CLASSIFIERS = "个种些"
_COUNTED = re.compile(r"(?:\d|[一二三四五六七八九十百千万亿两几多]{2})$")

#: Longest line read as an unmarked heading.
HEADING_MAX = 24
#: Longest one-clause line read as the tail of the sentence before it rather than as the
#: paragraph under a heading.
SHORT_TAIL = 12

_ENUM = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、是]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、．](?!\d)\s*"
    r"|第[一二三四五六七八九十\d]{1,3}[章节部分篇]|[①-⑳])"
)
_MD_HEADING = re.compile(r"^#{1,6}\s*(.+?)\s*#*$")
_BOLD = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__)$")
_LABEL = re.compile(r"^[【〖][^【】〖〗]{1,20}[】〗]$")
_INNER_PUNCT = re.compile(r"[，,。；;、！？!?]")


@dataclass(frozen=True)
class Line:
    """A text line of a copy: its text (spaces collapsed), whether the page indented it, and
    whether a blank line stands between it and the text line before."""

    text: str
    indented: bool = False
    blank_before: bool = False


def ends_sentence(line: str) -> bool:
    """True when ``line`` ends with a full stop, a question or exclamation mark or an ellipsis
    (closing quotes and brackets after it do not count).

    >>> ends_sentence("他说：“明天见。”"), ends_sentence("今年消费者")
    (True, False)
    """
    core = line.rstrip(CLOSERS + " ")
    return bool(core) and core[-1] in _SENT_END


def marked_heading(line: str) -> bool:
    """A line marked as a heading: ``### 市场反应``, ``**风险提示**``, a 【】 label alone
    (``【记者观察】``), or numbered (``一、市场回暖``, ``（二）风险``, ``3. 展望``), short and without
    a sentence inside.

    >>> [marked_heading(x) for x in ("## 展望", "【延伸阅读】", "二、政策解读", "3.5%的涨幅。")]
    [True, True, True, False]
    """
    if _MD_HEADING.match(line) or _BOLD.match(line) or _LABEL.match(line):
        return True
    return len(line) <= 25 and bool(_ENUM.match(line)) and not re.search(r"[，。,；;：:](?!$)", line)


def heading_text(line: str) -> str:
    """A heading without its markdown marks.

    >>> heading_text("### 市场反应 ###"), heading_text("**风险提示**"), heading_text("一、概况")
    ('市场反应', '风险提示', '一、概况')
    """
    m = _MD_HEADING.match(line) or _BOLD.match(line)
    return m.group(1).strip() if m else line


def is_heading(line: str) -> bool:
    """A line that reads as a heading on its own: marked (:func:`marked_heading`), or short
    (at most :data:`HEADING_MAX` characters), without a clause mark inside and ending on no
    character that would carry a sentence on (:data:`CONTINUING_ENDS`).

    Whether such a line really is a heading depends on the copy's layout
    (:func:`join_paragraphs`).

    >>> is_heading("政策红利持续释放"), is_heading("多家电商平台公布的"), is_heading("他表示，市场回暖")
    (True, False, False)
    """
    if marked_heading(line):
        return True
    return (len(line) <= HEADING_MAX and not ends_sentence(line) and not _continuing_end(line)
            and not _INNER_PUNCT.search(line))


def _continuing_end(line: str) -> bool:
    """Does the line end on a character that carries the sentence on? A classifier after a
    number of two or more numerals is a complete phrase (三千个, 20个), after one it is not (这是一个)."""
    if line[-1] not in CONTINUING_ENDS:
        return False
    return not (line[-1] in _CLASSIFIERS and _COUNTED.search(line[:-1]))


@dataclass(frozen=True)
class _Layout:
    indents: bool  # the copy indents paragraphs (and not the lines that continue them)
    width: int | None  # the column width its full lines share
    blank_separated: bool  # blank lines separate its paragraphs


def _read_layout(lines: Sequence[Line]) -> _Layout:
    n_ind = sum(x.indented for x in lines)
    indents = n_ind >= 2 and n_ind < len(lines)
    lengths = Counter(len(x.text) for x in lines if len(x.text) >= 8)
    width = None
    if lengths:
        w, n = max(lengths.items(), key=lambda kv: (kv[1], kv[0]))
        near = sum(c for k, c in lengths.items() if abs(k - w) <= 1)
        width = w if n >= 2 and near >= 3 else None
    ends = [i for i, x in enumerate(lines[:-1]) if ends_sentence(x.text)]
    apart = sum(lines[i + 1].blank_before for i in ends)
    gaps = sum(x.blank_before for x in lines[1:])
    blank_separated = bool(ends) and apart >= 0.6 * len(ends) and (len(ends) >= 2 or gaps >= 0.6 * (len(lines) - 1))
    return _Layout(indents, width, blank_separated)


def _continues(left: Line, right: Line, layout: _Layout) -> bool:
    """Does ``right`` carry on the sentence ``left`` leaves open?"""
    if marked_heading(left.text) or marked_heading(right.text):
        return False
    if (not is_heading(left.text) or right.text[0] in CONTINUING_STARTS or right.text.startswith(CONTINUING_WORDS)
            or _latin_break(left.text, right.text)):
        return True
    if len(right.text) <= SHORT_TAIL and ends_sentence(right.text) and not _INNER_PUNCT.search(right.text[:-1]):
        return True  # a heading is followed by a paragraph, not by one short clause
    if layout.indents:
        return not right.indented
    if layout.width and len(left.text) >= layout.width - 1:
        return True
    if layout.blank_separated:
        return not right.blank_before
    return False


def _set_apart(left: Line, lines: Sequence[Line], i: int, layout: _Layout) -> bool:
    """Is ``lines[i]`` a heading set apart by blank lines before and after it, in a copy whose
    paragraphs are so set apart, after a paragraph that lacks its closing mark (but does not
    end on a word that carries the sentence on)?"""
    line = lines[i]
    return (layout.blank_separated and line.blank_before and (i + 1 == len(lines) or lines[i + 1].blank_before)
            and is_heading(line.text) and not _continuing_end(left.text)
            and line.text[0] not in CONTINUING_STARTS and not line.text.startswith(CONTINUING_WORDS))


def _latin_break(left: str, right: str) -> bool:
    return left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum()


def join_paragraphs(lines: Sequence[Line]) -> list[str]:
    """The paragraphs of a copy's text lines, one string each.

    A line that ends a sentence ends its paragraph. One that does not is joined to the next
    line, unless it is a heading: marked (``###``, ``**…**``, a 【】 label, ``一、``/``（二）``),
    or short without a clause mark (:func:`is_heading`) where the layout says it stands alone:
    the next line is indented in a copy that indents paragraphs, the line falls short of the
    copy's column width, or a blank line follows it in a copy whose paragraphs are set apart
    by blank lines; in a copy of one paragraph per line every such line stands alone. A line
    that starts like a continuation (``的``, ``，``, ``）``, ``已经``: :data:`CONTINUING_WORDS`)
    is always joined, and a heading is
    never joined to the paragraph before it (a short line set apart by blank lines in such a
    copy is a heading, also after a paragraph that lacks its closing mark); nor is one short clause (at most
    :data:`SHORT_TAIL` characters) that ends the sentence a paragraph under a heading.

    >>> join_paragraphs([Line("政策红利持续释放"), Line("今年以来，多地出台措施。")])
    ['政策红利持续释放', '今年以来，多地出台措施。']
    >>> join_paragraphs([Line("今年以来，多地出台了"), Line("支持措施。")])
    ['今年以来，多地出台了支持措施。']
    """
    layout = _read_layout(lines)
    paras: list[str] = []
    buf = ""
    prev: Line | None = None
    for i, line in enumerate(lines):
        if buf and prev is not None and (not _continues(prev, line, layout) or _set_apart(prev, lines, i, layout)):
            paras.append(heading_text(buf))
            buf = ""
        buf = _join(buf, line.text) if buf else line.text
        prev = line
        if ends_sentence(buf):
            paras.append(buf)
            buf = ""
    if buf:
        paras.append(heading_text(buf))
    return paras


def _join(left: str, right: str) -> str:
    return left + " " + right if _latin_break(left, right) else left + right
