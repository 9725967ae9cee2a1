"""What a news page prints around an article, as vocabularies, and the tests that use them.

The word lists below are the data; the functions only say how a line is read against them.
:func:`toolkit.text.normalize.parse_layout` calls them to tell page furniture (the paper's name and
date strip, column names, public-service slogans, web-page prompts, headline tags) from the
article's own text, and to find the date a page or a web header prints.

>>> page_strip("经济日报 2025年3月1日 星期六 第5版")
True
>>> foot_line("讲文明 树新风"), foot_line("财经观察"), foot_line("长江流域水质持续改善。")
(True, True, False)
>>> split_tag("【重磅】央行宣布降准")
('【重磅】', '央行宣布降准')
"""
from __future__ import annotations

import re
from datetime import date

__all__ = [
    "CLICK_PROMPTS",
    "COLUMN_SUFFIXES",
    "HEADLINE_TAGS",
    "DOUBLE_SURNAMES",
    "OUTLET_SUFFIXES",
    "SURNAMES",
    "split_glued_names",
    "split_lead_prompt",
    "PAPER_SUFFIXES",
    "PLACEHOLDER_NAMES",
    "REPORTER_LABELS",
    "SECTION_WORDS",
    "SLOGAN_TERMS",
    "emoji_only",
    "foot_line",
    "full_date",
    "is_placeholder",
    "reporter_label",
    "is_tag",
    "column_line",
    "tag_line",
    "make_date",
    "outlet_name",
    "page_strip",
    "split_tag",
    "strip_emoji",
    "web_prompt",
]

# --------------------------------------------------------------------------- vocabularies

#: Words of the public-service slogans papers print at the foot of a page (讲文明 树新风,
#: 创建全国文明城市, 光盘行动 ...). A short line without a full stop holding one is furniture there.
SLOGAN_TERMS: tuple[str, ...] = (
    "讲文明", "树新风", "文明城市", "文明城", "创文", "创卫", "卫生城市", "核心价值观", "富强民主",
    "文明和谐", "自由平等", "公正法治", "爱国敬业", "诚信友善", "中国梦", "垃圾分类", "光盘行动",
    "节约粮食", "厉行节约", "反对浪费", "全民反诈", "反诈", "电信网络诈骗", "扫黑除恶", "安全生产",
    "禁毒", "无偿献血", "文明交通", "文明出行", "礼让斑马线", "爱国卫生", "公益广告", "移风易俗",
    "志愿服务", "平安建设", "绿水青山", "美好家园", "文明餐桌", "公筷公勺", "生态文明", "文明新风",
    "从我做起", "人人参与", "共建共享", "保护环境", "珍爱生命", "远离毒品", "防溺水", "森林防火",
)

#: How names of newspapers and news outlets end (人民日报, 南方都市报, 经济观察报, 新民晚报).
PAPER_SUFFIXES: tuple[str, ...] = (
    "日报", "晚报", "晨报", "早报", "都市报", "商报", "时报", "青年报", "法治报", "经济报", "证券报",
    "科技报", "导报", "快报", "周报", "周刊", "画报", "新闻网", "客户端", "报",
)

#: How names of news outlets end besides papers' (环球网, 财联社, 央视新闻, 第一财经, 澎湃新闻客户端).
#: Common one-character Chinese surnames (the ~150 most frequent), to tell two names glued in a
#: credit (记者王磊赵敏) from one; two-character surnames (欧阳, 司马 …) are :data:`DOUBLE_SURNAMES`.
_SURNAMES_BY_FREQUENCY = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷"
    "晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆"
    "乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平"
    "计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邱雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈"
    "湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)
SURNAMES = frozenset(_SURNAMES_BY_FREQUENCY)
_SURNAME_RANK = {s: i for i, s in reversed(list(enumerate(_SURNAMES_BY_FREQUENCY)))}
DOUBLE_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 独孤 南宫 西门 百里 呼延 澹台"
    .split())


def split_glued_names(run: str) -> list[str]:
    """Two names written without a space in a credit (记者唐某宁邵某欣, 记者王磊赵敏) as two; a
    run that is one name (or cannot be told apart) stays whole. Each part is two or three
    characters and starts with a surname; where two cuts would do, the commoner surname starts
    the second name.

    >>> split_glued_names("王磊赵敏"), split_glued_names("唐昊宁邵可欣"), split_glued_names("欧阳娜娜")
    (['王磊', '赵敏'], ['唐昊宁', '邵可欣'], ['欧阳娜娜'])
    >>> split_glued_names("韩冬梅罗俊")  # 梅 and 罗 are both surnames: the commoner one starts a name
    ['韩冬梅', '罗俊']
    """
    if not 4 <= len(run) <= 6 or run[:2] in DOUBLE_SURNAMES or run[0] not in SURNAMES:
        return [run]
    splits = [k for k in (2, 3) if 2 <= len(run) - k <= 3 and run[k] in SURNAMES]
    if not splits:
        return [run]
    k = min(splits, key=lambda k: _SURNAME_RANK[run[k]])  # 韩冬梅罗俊: 罗 is a far commoner surname than 梅
    return [run[:k], run[k:]]


OUTLET_SUFFIXES: tuple[str, ...] = PAPER_SUFFIXES + ("网", "社", "台", "新闻", "财经", "广播", "电视", "频道")

#: How names of page columns end (财经观察, 今日关注, 国际视野, 文化周刊).
COLUMN_SUFFIXES: tuple[str, ...] = (
    "观察", "视点", "视野", "关注", "聚焦", "速递", "快讯", "周刊", "专刊", "副刊", "特刊", "专版",
    "专题", "要闻", "时评", "评论", "纵深", "导读", "资讯", "看台", "直击", "前沿", "热线", "走笔",
    "新闻", "民生", "天下", "广角", "扫描", "论坛", "茶座", "夜话", "现场", "在线", "之窗", "周末",
)

#: Page and edition names printed next to a page number (第5版：要闻).
SECTION_WORDS: tuple[str, ...] = (
    "要闻", "综合", "国内", "国际", "经济", "财经", "评论", "副刊", "体育", "文化", "社会", "地方",
    "专版", "专题", "理论", "时评", "科技", "教育", "健康", "法治", "民生", "城市", "区县", "公告",
    "广告", "数字报", "电子版", "头版", "封面", "本版",
)

#: Tags web copy puts before a headline or a first line (【重磅】, [独家], 突发！).
HEADLINE_TAGS: tuple[str, ...] = (
    "重磅", "独家", "突发", "快讯", "热点", "关注", "最新", "提醒", "视频", "图集", "组图", "推荐",
    "深度", "头条", "聚焦", "首发", "官宣", "震惊", "注意", "速看", "必看", "紧急", "预警", "原创",
    "转载", "荐读", "热议", "爆料", "直播", "现场", "权威发布", "重要", "置顶", "特稿", "独家报道",
    "独家专访", "重磅消息", "突发新闻", "最新消息", "今日头条", "热门", "精选", "早知道", "划重点",
    "一图读懂", "图解", "解读", "专访", "评论", "观点", "速报", "快评",
)

#: What follows 记者 in a label rather than a credit (记者手记, 【记者观察】, 记者调查).
REPORTER_LABELS: tuple[str, ...] = (
    "手记", "观察", "调查", "连线", "探访", "体验", "走访", "札记", "笔记", "视角", "跟踪", "追踪", "再访",
    "回访", "暗访", "一线", "实测", "探营", "直击", "现场", "随笔", "日记", "感言", "档案",
)

#: Names that stand in for a missing author or source in web copy ("作者：小编", "来源：网络").
PLACEHOLDER_NAMES: tuple[str, ...] = (
    "小编", "佚名", "网络", "网友", "互联网", "综合", "网络整理", "综合整理", "网络综合", "综合网络",
    "来源网络", "本站", "本网", "编者", "匿名", "未知", "不详", "管理员", "admin", "Admin", "转载",
    "网络转载", "整理", "编辑部", "本站编辑", "网络来源", "原创", "自媒体",
)

#: Prompts of web pages and apps (点击关注, 长按识别二维码, 转载请注明出处 ...); a short line
#: holding one is furniture.
CLICK_PROMPTS: tuple[str, ...] = (
    "扫码", "扫描二维码", "二维码", "长按识别", "长按二维码", "关注我们", "关注公众号", "关注本号",
    "关注微信", "点击关注", "点击阅读原文", "阅读原文", "点击下方", "点击上方", "点击蓝字", "戳这里",
    "点击这里", "转载请注明", "版权所有", "版权声明", "版权归", "未经授权", "未经许可", "欢迎分享",
    "欢迎转发", "欢迎订阅", "订阅热线", "广告热线", "热线电话", "点赞", "点个赞", "点在看", "点个在看",
    "分享给朋友", "设为星标", "置顶公众号", "更多精彩", "往期回顾", "推荐阅读", "相关阅读",
    "延伸阅读", "猜你喜欢", "免责声明", "本文仅代表作者", "不代表本站", "如有侵权", "联系删除",
    "下载客户端", "客户端下载", "打开APP", "打开App", "收藏本文", "一键三连", "评论区留言",
)

# --------------------------------------------------------------------------- matchers

_TAG_RE = re.compile(
    "^(?:[【\\[〖「『]\\s*(?P<b>[^【】\\[\\]〖〗「」『』]{1,8}?)\\s*[】\\]〗」』]"
    "|(?P<p>[\u4e00-\u9fff]{2,4})\\s*[！!｜|]+)\\s*"
)
_PLACEHOLDERS = frozenset(PLACEHOLDER_NAMES)
_REPORTER_LABELS = frozenset(REPORTER_LABELS)
_TAGS = frozenset(HEADLINE_TAGS)
_PROMPT_RE = re.compile("|".join(re.escape(w) for w in sorted(CLICK_PROMPTS, key=len, reverse=True))
                        + r"|下载.{0,6}客户端|^[【\[（(]?(?:广告|推广)[】\]）)]?$")
_QUOTES = re.compile("[“”‘’「」『』\"']")
_SLOGAN_RE = re.compile("|".join(re.escape(w) for w in sorted(SLOGAN_TERMS, key=len, reverse=True)))

# Emoji and pictographs (with their joiners, variation selectors and skin tones); a run of them
# decorates web copy.
_EMOJI = "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\u25a0-\u25ff\u2190-\u21ff"
_EMOJI_JOIN = "\ufe0f\ufe0e\u200d\u20e3"
_EMOJI_RUN = re.compile(f"[{_EMOJI}][{_EMOJI}{_EMOJI_JOIN}]*")
_EMOJI_BASE = re.compile(f"(?<!\u200d)[{_EMOJI}]")  # one per emoji, a joined sequence counted once
_EMOJI_LINE = re.compile(f"^[{_EMOJI}{_EMOJI_JOIN}\\s.。…~～!！]+$")

#: A date with its year: 2025年3月1日, 2025-03-01, 2025/3/1, 2025.03.01.
_FULL_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|([-/.])(\d{1,2})\4(\d{1,2})(?!\d))"
)
_STRIP_PARTS = re.compile(
    r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)"
    r"|\d{1,2}\s*月\s*\d{1,2}\s*日|(?:星期|周|礼拜)[一二三四五六日天]|农历[\u4e00-\u9fff]{2,8}"
    r"|第\s*[A-Z]?\s*\d{1,3}\s*[版页]|[A-Z]\s*\d{1,2}\s*版?|\d{1,3}\s*版|(?:总\s*)?第\s*\d{1,6}\s*期"
    r"|\d{1,2}:\d{2}(?::\d{2})?"
)
_PAGE_NO = re.compile(r"第\s*[A-Z]?\s*\d{1,3}\s*[版页]|(?<![A-Za-z])[A-Z]\s*\d{1,2}\s*版?(?![\dA-Za-z])|\d{1,3}\s*版")
#: A page's own name next to its number (城事, 深圳新闻): a few Chinese characters.
_PAGE_NAME = re.compile("[\u4e00-\u9fff]{2,4}")
_STRIP_SEP = re.compile(r"[\s|｜/·•—\-–_:：,，()（）\[\]【】]+")


def _paper_name(token: str) -> bool:
    return 2 <= len(token) <= 10 and token.endswith(PAPER_SUFFIXES) and not token.isdigit()


def _column_name(token: str) -> bool:
    return 2 <= len(token) <= 8 and token.endswith(COLUMN_SUFFIXES)


def page_strip(line: str) -> bool:
    """True for the strip a printed page carries with the paper's name, date and page
    (``人民日报 2025年3月1日 星期六 第5版``, ``2025.03.01 | A5版 | 要闻``): every part of the line
    is a date, weekday, page or issue number, the paper's name or a section name (any short
    name next to a page number), and it has a date with its year or a page number.

    >>> page_strip("南方都市报｜2024年12月3日 星期二 A08版 深圳新闻")
    True
    >>> page_strip("2025年3月1日，市政府召开新闻发布会。")
    False
    """
    if len(line) > 50:
        return False
    paged = _PAGE_NO.search(line) is not None
    if not (paged or _FULL_DATE.search(line)):
        return False  # a month and day alone (3月1日) heads a timeline's entry
    rest = _STRIP_PARTS.sub(" ", line)
    tokens = [t for t in _STRIP_SEP.split(rest) if t]
    return all(t in SECTION_WORDS or _paper_name(t) or _column_name(t) or (paged and _PAGE_NAME.fullmatch(t))
               for t in tokens)


def outlet_name(name: str) -> bool:
    """True for a name shaped like a news outlet's: it ends like one (:data:`OUTLET_SUFFIXES`).

    >>> outlet_name("环球网"), outlet_name("澎湃新闻"), outlet_name("编者按")
    (True, True, False)
    """
    return 2 <= len(name) <= 14 and name.endswith(OUTLET_SUFFIXES)


def foot_line(line: str) -> bool:
    """True for what a page prints below an article: a public-service slogan (no full stop,
    no digits), a page strip (:func:`page_strip`), the paper's or a column's name alone, a web
    prompt (:func:`web_prompt`) or a run of emoji.

    >>> foot_line("创建全国文明城市 共建美好幸福家园"), foot_line("新民晚报")
    (True, True)
    >>> foot_line("全市垃圾分类覆盖率已达到95%。")
    False
    """
    line = line.strip()
    if not line or len(line) > 40:
        return False
    if page_strip(line) or web_prompt(line) or emoji_only(line):
        return True
    core = line.strip("【】[]（）() ")
    if _paper_name(core) or _column_name(core) or core in SECTION_WORDS:
        return True
    return (_SLOGAN_RE.search(line) is not None and not re.search(r"[。；;?？\d]", line)
            and len(line) <= 30)


def web_prompt(line: str) -> bool:
    """True for a short line of web-page prompts: 点击关注, 长按识别二维码, 转载请注明出处 ...

    >>> web_prompt("👆点击上方蓝字，关注我们"), web_prompt("记者点击进入了该网站的后台。")
    (True, False)
    """
    return len(line) <= 40 and _PROMPT_RE.search(_QUOTES.sub("", line)) is not None and not line.endswith("。")


#: A page's call to follow it at the start of a line that goes on with text (点击蓝字关注我们简介……).
_LEAD_PROMPT = re.compile(r"^\W*点击(?:上方|下方)?[^，。！？\s]{0,6}?关注(?:我们)?[，,！!～~]?")


def split_lead_prompt(line: str) -> tuple[str, str]:
    """A leading call to follow the page and the text after it, when that text is no prompt
    itself and holds at least eight characters; else ``("", line)``.

    >>> split_lead_prompt("点击蓝字关注我们简介方某女藏族参加工作加入中国共产党")
    ('点击蓝字关注我们', '简介方某女藏族参加工作加入中国共产党')
    >>> split_lead_prompt("点击上方蓝字关注我们")
    ('', '点击上方蓝字关注我们')
    """
    m = _LEAD_PROMPT.match(line)
    if m is None:
        return "", line
    rest = line[m.end():].strip()
    if len(rest) < 8 or web_prompt(rest):
        return "", line
    return m.group().strip(), rest


def emoji_only(line: str) -> bool:
    """True for a line of emoji and pictographs alone (``👇👇👇``, ``▼``).

    >>> emoji_only("👇👇👇"), emoji_only("好消息👍")
    (True, False)
    """
    return bool(line.strip()) and _EMOJI_LINE.match(line) is not None


def strip_emoji(line: str) -> tuple[str, list[str]]:
    """The line without its decorative emoji, and the runs taken out: a run of two or more, and
    any run that starts the line, a sentence or a clause or ends the line (``📱分析人士认为``,
    ``🔥🔥重磅``, ``…入馆。👍``, ``，😂网友表示``). A single emoji after a word inside a sentence is the
    writer's and stays (``火了😀，``).

    >>> strip_emoji("🔥🔥好消息！新馆今天开放👏，欢迎入馆。👍")
    ('好消息！新馆今天开放👏，欢迎入馆。', ['🔥🔥', '👍'])
    """
    runs: list[str] = []
    parts: list[str] = []
    prev = 0
    for m in _EMOJI_RUN.finditer(line):
        before, after = line[:m.start()].rstrip(), line[m.end():].strip()
        n = len(_EMOJI_BASE.findall(m.group()))
        if n >= 2 or not before or before[-1] in "。！？!?…；;：:，,、" or not after:
            parts.append(line[prev:m.start()])
            runs.append(m.group())
            prev = m.end()
    if not runs:
        return line, []
    parts.append(line[prev:])
    return "".join(parts), runs


def is_tag(word: str) -> bool:
    """True for a headline tag such as 重磅 or 独家报道 (:data:`HEADLINE_TAGS`)."""
    return word.strip() in _TAGS


def split_tag(line: str) -> tuple[str, str]:
    """A headline tag at the start of ``line`` (``【重磅】``, ``[独家]``, ``突发！``) and the rest;
    ``('', line)`` when it starts with none. Brackets that hold anything else (【环球网报道】)
    are no tag.

    >>> split_tag("突发！某地发生4.5级地震")
    ('突发！', '某地发生4.5级地震')
    >>> split_tag("【环球网报道】美国")
    ('', '【环球网报道】美国')
    """
    m = _TAG_RE.match(line)
    if m and is_tag(m.group("b") or m.group("p")) and m.end() < len(line):
        return m.group(0).strip(), line[m.end():]
    return "", line


def tag_line(line: str) -> bool:
    """True for a line that is a headline tag alone (``【热点】``, ``[独家]``).

    >>> tag_line("【热点】"), tag_line("【记者手记】")
    (True, False)
    """
    return len(line) <= 12 and line[:1] in "【[〖" and line[-1:] in "】]〗" and is_tag(line[1:-1])


def column_line(line: str) -> bool:
    """True for a column's or page's name set above an article (``体育·篮球``, ``■经济观察``,
    ``法治在线``): a column name, or section words joined by dots or bars.

    >>> column_line("体育·篮球"), column_line("文化周刊"), column_line("惠及居民6.3万户")
    (True, True, False)
    """
    core = line.strip("■□●○▲△◆◇★☆▶►【】[] ")
    if not core or len(core) > 12:
        return False
    if _column_name(core) or core in SECTION_WORDS:
        return True
    parts = [p for p in re.split(r"[·•|｜/\s]+", core) if p]
    return (len(parts) > 1 and any(p in SECTION_WORDS or _column_name(p) for p in parts)
            and all(_PAGE_NAME.fullmatch(p) for p in parts))


def reporter_label(text: str) -> bool:
    """True for 记者 plus a label word (记者手记, 本报记者观察): a heading, not a credit.

    >>> reporter_label("记者手记"), reporter_label("【记者观察】"), reporter_label("记者 王磊")
    (True, True, False)
    """
    core = re.sub(r"^[【\[（(〔\s]*(?:本报|本台|特约|见习)?记者\s*", "", text).rstrip("】]）)〕 ")
    return core != text.strip() and core in _REPORTER_LABELS


def is_placeholder(name: str) -> bool:
    """True for a name that stands in for a missing one: 小编, 佚名, 网络, 综合 ...

    >>> is_placeholder("小编"), is_placeholder("新华社")
    (True, False)
    """
    return name.strip(" 【】[]（）()") in _PLACEHOLDERS


def full_date(text: str) -> str | None:
    """The first valid date with a year in ``text``, as ``YYYY-MM-DD``; None when there is none.

    >>> full_date("南方日报 2025年3月1日 星期六"), full_date("2024/12/03 10:20"), full_date("3月1日")
    ('2025-03-01', '2024-12-03', None)
    """
    for m in _FULL_DATE.finditer(text):
        month, day = (m.group(2), m.group(3)) if m.group(2) else (m.group(5), m.group(6))
        iso = make_date(int(m.group(1)), int(month), int(day))
        if iso:
            return iso
    return None


def make_date(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD`` when the three make a real date, else None.

    >>> make_date(2024, 2, 29), make_date(2025, 2, 29)
    ('2024-02-29', None)
    """
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
