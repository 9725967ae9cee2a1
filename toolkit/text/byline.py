"""Bylines, datelines and the credits and headers around an article.

:func:`furniture_line` reads one line of page furniture or credits (编辑：X, 记者 X, 来源：X, a web
header, a page strip, 原标题：…) into a :class:`Credits`; :func:`strip_dateline` takes the dateline
and credit off the front of the first paragraph (本报北京3月5日电（记者 张三）, 【环球网报道】,
〔记者林志明/台北报导〕). :func:`toolkit.text.normalize.parse_layout` runs them over a copy.

>>> acc = Credits()
>>> strip_dateline("新华社北京5月7日电（记者 王磊 赵敏）会议今天开幕。", acc)
'会议今天开幕。'
>>> acc.byline().reporters, acc.byline().source, acc.month_day
(('王磊', '赵敏'), '新华社', (5, 7))
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..results import Byline
from . import furniture as fur

__all__ = ["Credits", "dateline", "furniture_line", "strip_dateline", "strip_original_title", "strip_tail_credit"]

_EDITOR_ROLES = (
    "本版责任编辑|本版责编|本版编辑|版面编辑|版面设计|版式设计|责任编辑|值班编辑|美术编辑|文字编辑|网络编辑|值班主任|编辑|责编|美编|"
    "校对|审核|审校|审签|终审|编审|监制|统筹|策划|排版|版面|版式|照排|组版|制图|视觉|出品"
)
_CREDIT_ROLES = _EDITOR_ROLES + "|摄影|摄像|图片|配图"
_CREDIT_PAIR = re.compile(rf"({_CREDIT_ROLES})\s*[：:/|｜]\s*(.*?)(?=\s*(?:{_CREDIT_ROLES})\s*[：:/|｜]|$)")
_CREDIT_LINE = re.compile(rf"^[【\[（(]?\s*(?:{_CREDIT_ROLES})\s*[：:/|｜]")
_SOURCE_LINE = re.compile(r"^[【\[（(]?\s*(?:来源|稿源|出处|来自)\s*[：:]\s*(.+?)\s*[】\]）)]?$")
_AUTHOR_LINE = re.compile(
    r"^[【\[（(]?\s*(?:文|作者|撰文|文字|记者|本报记者|特约记者)\s*[/：:|｜]\s*(.+?)\s*[】\]）)]?$"
)
#: A name in a credit: two to four Chinese characters, a transliteration with dots, Latin words.
_CREDIT_NAME = (r"(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff·]{1,12}"
                r"|[A-Za-z][A-Za-z.\-]*(?: [A-Za-z][A-Za-z.\-]*)*)")
_CREDIT_ROLE = r"(?:本报|本台|本刊|特约)?(?:记者|通讯员|实习生|见习记者)"
#: Where and how a Taiwan or Hong Kong credit says it was filed: 记者林志明/台北报导.
_PLACE_TAIL = r"(?:\s*/\s*[\u4e00-\u9fff]{2,8}?(?:综合)?(?:报导|报道|电|讯)|\s+[\u4e00-\u9fff]{2,6}?(?:报导|报道)$)"
_REPORTER_LINE = re.compile(
    rf"^[（(〔\[【]?\s*{_CREDIT_ROLE}\s*{_CREDIT_NAME}(?:[\s、，,]+(?:{_CREDIT_ROLE}\s*)?{_CREDIT_NAME})*"
    rf"(?:{_PLACE_TAIL})?\s*(?:报道|采写|摄影?)?\s*[）)〕\]】]?$"
)
#: A line of credits alone, spaces between them or not: 记者杜某 通讯员聂某, 记者杜某通讯员聂某.
_CREDITS_ONLY = re.compile(
    rf"^(?:\s*{_CREDIT_ROLE}\s*[\u4e00-\u9fff]{{2,4}}?(?=\s|$|{_CREDIT_ROLE}))+\s*$")
#: A Taiwan paper's credit line: outlet／记者 name(s)／place报导, perhaps after the web page's date.
_TW_CREDIT = re.compile(
    r"^(?:(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2})?\s*)?"
    r"(?P<outlet>[\u4e00-\u9fff]{2,8})\s*[／/]\s*记者\s*(?P<names>[\u4e00-\u9fff、 ]{2,16}?)\s*[／/]\s*"
    r"[\u4e00-\u9fff]{2,8}?(?:即时|综合)?(?:报导|报道)$")
#: A Taiwan wire's bracketed dateline: （中央社记者钟某新竹15日电）.
_AGENCY_BRACKET = re.compile(
    r"^[（(](?P<src>[\u4e00-\u9fff]{2,6}?(?:社|网|报|台))记者(?P<name>[\u4e00-\u9fff]{2,3})"
    r"(?P<place>[\u4e00-\u9fff]{2,4})(?:\d{1,2}日)?(?:电|讯)[）)]\s*")
_END_MARK = re.compile(r"^[\s\-—_=*·.（(【\[]*(?:完|END|end|全文完|（完）)[\s\-—_=*·.）)】\]]*$")
_PAGE_HEADER = re.compile(
    r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周)[一二三四五六日天]"
    r"|第\s*[A-Z]?\s*\d{1,3}\s*(?:版|页)"
    r"|^[A-Z]\d{1,2}\s*(?:版)?\s*$"
    r"|^[\-—–~\s]*\d{1,3}[\-—–~\s]*$"
)
_DATELINE = re.compile(
    r"^(?P<src>本报|本台|本刊|新华社|中新社|中新网|人民网|新华网|央视网|央视新闻"
    r"|[\u4e00-\u9fff]{2,6}?(?:社|网|报|台)(?:·[\u4e00-\u9fff]{2,6}?(?:社|网|报|台))?)?"
    r"(?P<place>[\u4e00-\u9fff]{0,8}?)"
    r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日)?\s*(?:电|讯|消息)\s*"
    r"(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?=\s|[（(]))?\s*"
    r"(?:[（(](?P<credit>[^（）()]{1,80})[）)])?\s*[：:，,]?\s*"
)
#: The fields of a web page's header line (作者：小编 2025-04-02 09:15 来源：某某财经) and what else
#: such a line holds: dates, times, 发布于…, counters, the font-size switch.
_META_FIELD = re.compile(r"(来源|作者|记者|编辑|责任编辑|责编|发布者)\s*[：:]\s*([^\s|｜]+)")
_META_DATE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?")
_META_NOISE = re.compile(
    r"(?:发布时间|发布日期|时间|日期)\s*[：:]?|发布于\s*[\u4e00-\u9fff]{0,6}|(?:阅读|浏览|点击)量?\s*[：:]?\s*\d*"
    r"|字号\s*[：:]?|大\s*中\s*小|\d{1,2}:\d{2}(?::\d{2})?|[|｜/\s]+"
)
#: A full date opening the lead right after a dateline: 【本报讯】2025年4月2日，…
_LEAD_DATE = re.compile(r"^(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
#: An outlet's name before 记者 in a credit line (江城商报记者 李明).
_OUTLET_REPORTER = re.compile(r"^[\u4e00-\u9fff]{2,10}?(?=(?:特约|见习)?记者)")
#: Where a 来源 line's source ends and its other fields (作者, a date and time) begin.
_SOURCE_CUT = re.compile(r"\s*[|｜]\s*|\s+(?=作者|记者|编辑|责任编辑|发布时间|时间|(?:19|20)\d{2}\s*[-/.年])")
#: A line giving the headline the copy was first published under (原标题：…).
_ORIGINAL_TITLE = re.compile(r"^[【\[（(]?\s*(?:原标题|原题|原文标题)\s*[：:]\s*")
_LEAD_CREDIT = re.compile(
    r"^[（(〔【](?P<credit>(?:本报|特约)?(?:记者|通讯员|实习生)[^（）()〔〕【】]{1,80})[）)〕】]\s*[：:，,]?\s*"
)
_SOURCE_BRACKET = re.compile(r"^【(?P<src>[^【】]{2,12}?)(?P<news>专讯|讯|报道|消息|快讯|电)?】\s*")
#: The roles of a reporter's credit, longest first; and those of an editor's in a line of credits.
_REPORTER_ROLES = "本报记者|特约记者|见习记者|记者|通讯员|实习生"
_LINE_EDITOR_ROLES = "责任编辑|编辑|责编"
_CREDIT_ROLE_SPLIT = re.compile(f"({_REPORTER_ROLES})")
_NAME = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff·•]{1,11}|[A-Za-z][A-Za-z .·-]{1,30}[A-Za-z]")
_NAME_TAIL = re.compile(r"(?:报道|采写|摄影|摄|发自.*|综合报道)$")


@dataclass
class Credits:
    """What the credits, bylines and headers of one copy say, and the lines they took out."""

    reporters: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    source: str | None = None
    furniture: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)  # full dates the page prints, in order
    month_day: tuple[int, int] | None = None  # a dateline's date without its year

    def byline(self) -> Byline:
        """The credits as a :class:`Byline`; 本报 (or no source) becomes the paper a page strip
        names (``临州日报 2026年9月10日 第3版``)."""
        source = self.source
        if source in (None, "本报", "本刊"):
            source = next((p for p in map(_strip_paper, self.furniture) if p), source)
        return Byline(
            reporters=tuple(dict.fromkeys(self.reporters)),
            editors=tuple(dict.fromkeys(self.editors)),
            source=source,
            correspondents=tuple(dict.fromkeys(self.correspondents)),
        )

    def set_source(self, name: str) -> None:
        """A source, unless one is known already or it is a tag or a placeholder (网络, 重磅)."""
        name = name.strip()
        if name and self.source is None and not fur.is_placeholder(name) and not fur.is_tag(name):
            self.source = name

    def note_date(self, line: str) -> None:
        iso = fur.full_date(line)
        if iso:
            self.dates.append(iso)

    def date(self, year: int | None) -> str | None:
        """The page's printed date, else the dateline's month and day in ``year``."""
        if self.dates:
            return self.dates[0]
        if self.month_day and year:
            return fur.make_date(year, *self.month_day)
        return None


#: One credit of a line of credits: an outlet's (short) name, a role, a name.
_OUTLET_CREDIT = re.compile(
    r"\s*(?P<outlet>[0-9A-Za-z\u4e00-\u9fff·]{0,12}?)\s*(?P<role>"
    + _REPORTER_ROLES + "|" + _LINE_EDITOR_ROLES + r")"
    r"\s*(?P<name>[\u4e00-\u9fff]{2,6})(?=\s|$)")
_CREDIT_PLACE = re.compile(r"\s+[\u4e00-\u9fff]{2,6}?(?:报道|报导)\s*$")


def _outlet_credits(line: str, acc: Credits) -> bool:
    """A line made only of credits, each with its outlet's name or short name before the role
    (``每经记者 蒋某    每经编辑 马某``, ``21世纪经济报道记者 孔某 广州报道``); the first outlet
    named in full is the source.

    >>> acc = Credits()
    >>> _outlet_credits("江城晚报记者 李明 杭州报道", acc), acc.reporters, acc.source
    (True, ['李明'], '江城晚报')
    >>> _outlet_credits("记者表示 这是", Credits())
    False
    """
    if fur.reporter_label(line):
        return False  # 记者手记: a heading
    body = _CREDIT_PLACE.sub("", line).rstrip()
    found, pos = [], 0
    while pos < len(body):
        m = _OUTLET_CREDIT.match(body, pos)
        if m is None:
            return False
        found.append(m)
        pos = m.end()
    if not found or not any("记者" in m.group("role") for m in found):
        return False
    for m in found:
        names = fur.split_glued_names(m.group("name"))
        if m.group("role") in _LINE_EDITOR_ROLES.split("|"):
            acc.editors.extend(names)
        elif m.group("role") in ("通讯员", "实习生"):
            acc.correspondents.extend(names)
        else:
            acc.reporters.extend(names)
        outlet = m.group("outlet")
        # before a role, a name ending in 报道 is a paper's (21世纪经济报道记者), never a place's
        if fur.outlet_name(outlet) or (len(outlet) >= 4 and outlet.endswith("报道")):
            acc.set_source(outlet)
    return True


def _strip_paper(line: str) -> str | None:
    """The paper a page strip opens with: ``联合报 2026/11/20 A6版 生活`` → 联合报.

    >>> _strip_paper("临州日报  2026年9月10日  第3版"), _strip_paper("2025.03.01 | A5版 | 要闻")
    ('临州日报', None)
    """
    if not fur.page_strip(line):
        return None
    first = re.split(r"[\s|｜/]+", line.strip(), maxsplit=1)[0]
    return first if fur.outlet_name(first) and not fur.is_placeholder(first) else None


def _names(chunk: str) -> list[str]:
    out = []
    for part in re.split(r"[\s、，,；;/|｜]+", chunk.strip()):
        part = _NAME_TAIL.sub("", part.strip(" ：:"))
        if part and _NAME.fullmatch(part) and not fur.is_placeholder(part):
            out.extend(fur.split_glued_names(part) if "\u4e00" <= part[0] <= "\u9fff" else [part])
    return out


def _parse_credit(credit: str, acc: Credits) -> None:
    """Parse '记者 张三 李四 通讯员 王五' into reporters and correspondents ('记者林志明/台北报导':
    the place it was filed from is no name)."""
    without_place = re.sub(_PLACE_TAIL, "", credit)
    if not _names(_CREDIT_ROLE_SPLIT.sub(" ", without_place)):
        without_place = credit  # （记者 麦咏琪报道）: what looked like a place was the name
    pieces = _CREDIT_ROLE_SPLIT.split(without_place)
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


def _meta_line(line: str, acc: Credits) -> bool:
    """A web page's header line: a date with its time, 来源/作者 fields, 发布于… (or two fields
    without a date), or a date before a reporter's credit (2026年9月9日 记者周冠宇/台北报导)."""
    fields = _META_FIELD.findall(line)
    date = _META_DATE.search(line)
    if not date and len(fields) < 2:
        return False
    rest = _META_FIELD.sub(" ", _META_DATE.sub(" ", line)).strip(" |｜")
    credit = rest if date and len(rest) <= 40 and _REPORTER_LINE.match(rest) else None
    if credit is None and _META_NOISE.sub("", rest):
        return False
    for key, value in fields:
        if key == "来源":
            acc.set_source(value)
        elif key in ("作者", "记者"):
            _parse_credit("记者" + value, acc)
        else:
            acc.editors.extend(_names(value))
    if credit:
        _parse_credit(credit.strip("（）()〔〕[]【】"), acc)
    if date:
        acc.note_date(date.group())
    acc.furniture.append(line)
    return True


def furniture_line(line: str, acc: Credits) -> bool:
    """Recognise a line of page furniture or credits; record what it says in ``acc``."""
    if len(line) > 80:
        return False
    if _meta_line(line, acc):
        return True
    if _CREDIT_LINE.match(line):
        for role, names in _CREDIT_PAIR.findall(line):
            if role not in ("摄影", "摄像", "图片", "配图"):
                acc.editors.extend(_names(names.strip(" ）)】]")))
        acc.furniture.append(line)
        return True
    m = _SOURCE_LINE.match(line)
    if m:
        source, *others = _SOURCE_CUT.split(m.group(1), maxsplit=1)
        acc.set_source(source)
        for key, value in _META_FIELD.findall(" ".join(others)):
            if key in ("作者", "记者"):
                _parse_credit("记者" + value, acc)
        acc.note_date(" ".join(others))
        acc.furniture.append(line)
        return True
    m = _AUTHOR_LINE.match(line)
    if m and len(line) <= 40:
        _parse_credit("记者" + m.group(1), acc)
        acc.furniture.append(line)
        return True
    if len(line) <= 40 and _REPORTER_LINE.match(line) and not fur.reporter_label(line):
        _parse_credit(line.strip("（）()〔〕[]【】"), acc)
        acc.furniture.append(line)
        return True
    m = _TW_CREDIT.match(line)
    if m and len(line) <= 60:  # 联合报／记者林某／台北报导, 2025-03-14 21:30 经济日报／记者陈某／新竹即时报导
        if fur.outlet_name(m.group("outlet")):
            acc.set_source(m.group("outlet"))
        _parse_credit("记者" + m.group("names"), acc)
        acc.note_date(line)
        acc.furniture.append(line)
        return True
    m = dateline(line)
    if m and len(line) <= 50 and m.group("credit") and m.group(0).strip() == line.strip():
        _take_dateline(m, acc)  # 本报讯 2025年8月3日（记者 房某）: the dateline is a line of its own
        acc.furniture.append(line)
        return True
    if m and len(line) <= 50 and m.group(0).strip() != line.strip() and _CREDITS_ONLY.match(line[m.end():]):
        _take_dateline(m, acc)  # 本报讯 记者贺某 通讯员罗某: a line of its own, never joined to the lead
        _parse_credit(line[m.end():], acc)
        acc.furniture.append(line)
        return True
    if len(line) <= 50 and _outlet_credits(line, acc):
        acc.furniture.append(line)
        return True
    m = _OUTLET_REPORTER.match(line)
    if m and len(line) <= 40 and fur.outlet_name(m.group()) and _REPORTER_LINE.match(line[m.end():]):
        acc.set_source(m.group())
        _parse_credit(line[m.end():], acc)
        acc.furniture.append(line)
        return True
    if fur.tag_line(line):
        acc.furniture.append(line)
        return True
    if _END_MARK.match(line) or (len(line) <= 40 and (fur.web_prompt(line) or fur.emoji_only(line))):
        acc.furniture.append(line)
        return True
    if len(line) <= 40 and (_PAGE_HEADER.search(line) or fur.page_strip(line)):
        acc.note_date(line)
        acc.furniture.append(line)
        return True
    if _ORIGINAL_TITLE.match(line) and len(line) <= 60 and not _PERIOD_INSIDE.search(line):
        acc.furniture.append(line)
        return True
    return False


#: A headline may exclaim or ask (又卷起来了！澜思-3正式发布), but a full stop inside a 原标题 line
#: means body text is glued to it.
_PERIOD_INSIDE = re.compile(r"。(?!$)")
#: Where a dateline or a credit may begin after an old headline: agencies first, then anywhere.
_KNOWN_LEAD = re.compile(
    r"本报|本台|本刊|新华社|中新社|中新网|人民网|新华网|央视网|央视新闻|[（(](?:本报|特约)?记者|【"
)
_ANY_POSITION = re.compile(r"(?=.)")


def strip_original_title(line: str, acc: Credits) -> str:
    """Take '原标题：…' off the front of a line it is glued to; the rest of the line is returned.

    The old headline ends at the first space, at a dateline or credit (新华社北京5月7日电,
    （记者 …）), or at the end of a short line without a sentence in it.
    """
    m = _ORIGINAL_TITLE.match(line)
    if not m:
        return line
    rest = line[m.end():]
    cut = None
    for pattern in (_KNOWN_LEAD, _ANY_POSITION):
        for lead in pattern.finditer(rest, 1, 61):
            tail = rest[lead.start():]
            if dateline(tail) or _LEAD_CREDIT.match(tail) or _SOURCE_BRACKET.match(tail):
                cut = lead.start()
                break
        if cut is not None:
            break
    if cut is None and len(line) <= 60 and not _PERIOD_INSIDE.search(rest):
        cut = len(rest)
    gap = re.search(r"\s", rest)
    if cut is None and gap:
        cut = gap.start()
    if cut is None:
        return line
    acc.furniture.append(line[:m.end() + cut].strip())
    return rest[cut:].strip()


def strip_dateline(para: str, acc: Credits) -> str:
    """Take '本报北京3月5日电（记者 张三）' or '（记者 张三）' off the front of the first paragraph
    (and a headline tag before it: 【独家】)."""
    start = para
    tag, para = fur.split_tag(para)
    if tag:
        acc.furniture.append(tag)
    m = _SOURCE_BRACKET.match(para)
    if (m and (m.group("news") or fur.outlet_name(m.group("src"))) and not fur.is_tag(m.group("src"))
            and not fur.is_tag(m.group(0).strip("【】 "))):
        acc.set_source(m.group("src"))
        acc.furniture.append(m.group(0).strip())
        para = para[m.end():]
    m = dateline(para)
    if m and m.end() < len(para):
        _take_dateline(m, acc)
        acc.furniture.append(m.group(0).strip())
        rest = para[m.end():]
        first, nl, after = rest.partition("\n")
        if nl and not m.group("credit") and len(first) <= 40 and _CREDITS_ONLY.match(first):
            _parse_credit(first.strip(), acc)
            acc.furniture.append(first.strip())
            rest = after
        return _lead_date(rest, acc)
    m = _AGENCY_BRACKET.match(para)
    if m and m.end() < len(para):
        acc.set_source(m.group("src"))
        acc.reporters.append(m.group("name"))
        acc.furniture.append(m.group(0).strip())
        return _lead_date(para[m.end():], acc)
    m = _LEAD_CREDIT.match(para)
    if m and m.end() < len(para) and not fur.reporter_label(m.group("credit")):
        _parse_credit(m.group("credit"), acc)
        acc.furniture.append(m.group(0).strip())
        return _lead_date(para[m.end():], acc)
    return _lead_date(para, acc) if para != start else para


def _take_dateline(m: re.Match[str], acc: Credits) -> None:
    """Record what a dateline says: its source, credit and date."""
    if m.group("src"):
        acc.set_source(m.group("src"))
    if m.group("credit"):
        _parse_credit(m.group("credit"), acc)
    if m.group("date"):
        acc.note_date(m.group("date"))
    elif m.group("y") and m.group("m"):  # 新华社北京2025年3月5日电
        acc.note_date(f"{m.group('y')}年{m.group('m')}月{m.group('d')}日")
    elif m.group("m"):
        acc.month_day = (int(m.group("m")), int(m.group("d")))


def _lead_date(lead: str, acc: Credits) -> str:
    """A lead that opens with a full date right after its dateline gives the article's date
    (the lead keeps it)."""
    m = _LEAD_DATE.match(lead)
    if m:
        acc.note_date(m.group())
    return lead


def dateline(line: str) -> re.Match[str] | None:
    """The dateline at the start of ``line`` if it names a source or a credit."""
    m = _DATELINE.match(line)
    return m if m and (m.group("src") or m.group("credit")) else None


#: An editor's credit in brackets closing a paragraph, perhaps with the wire's story number after
#: it (……收在新台币1185元。（编辑：许文龙）1151115).
_TAIL_CREDIT = re.compile(r"[（(]\s*(?:" + _LINE_EDITOR_ROLES + r"|校对)\s*[：:]\s*([\u4e00-\u9fff、 ]{2,20})\s*[）)]"
                          r"\s*\d{0,12}\s*$")


def strip_tail_credit(line: str, acc: Credits) -> str:
    """Take an editor's credit in brackets (and a story number) off the end of a paragraph.

    >>> acc = Credits()
    >>> strip_tail_credit("股价上涨2.6%。（编辑：许文龙）1151115", acc), acc.editors, acc.furniture
    ('股价上涨2.6%。', ['许文龙'], ['（编辑：许文龙）1151115'])
    """
    m = _TAIL_CREDIT.search(line)
    if m is None or m.start() == 0 or line[m.start() - 1] not in "。！？!?”」』）)":
        return line
    acc.editors.extend(_names(m.group(1)))
    acc.furniture.append(m.group().strip())
    return line[:m.start()].rstrip()
