"""Who said what: direct and indirect quotes with their speakers, and person–title–organization roles.

Rules over the cleaned text, its words and its entities (no trained model):

- **Direct quotes** are spans in “…” or 「…」 attributed by a speech verb before them in the same
  clause (周鸿祎坦言：“……”) or right after them (“……”李明说。); quoted words without such an
  attribution are scare quotes (调侃为“翻车现场”) and not quotes.
- **Indirect statements** are introduced by a speech verb followed by a comma or colon
  (付凌晖指出，国民经济……); the content runs to the end of the sentence.
- **Speakers** are the last PERSON (else COMPANY/ORG) entity between the clause start and the
  verb; a clause opened by 他/她 takes the previous speaker; with neither, the noun phrase before
  the verb (业内人士, 一位不愿具名的投资人) is kept as an unnamed source.
- **Roles** come from appositions before a person: [organization][的]title(、title)*name
  (360公司创始人、董事长周鸿祎), and from ``name，organization title，``.

>>> from toolkit.results import Entity
>>> text = "清华大学教授李明认为，人工智能教育应当普及。"
>>> ents = [Entity("清华大学", "ORG", 0, 4, "清华大学"), Entity("李明", "PERSON", 6, 8, "李明")]
>>> qs, roles = find_quotes(text, ents)
>>> [(q.speaker, q.kind, q.text) for q in qs]
[('李明', 'indirect', '人工智能教育应当普及')]
>>> [(r.person, r.title, r.organization) for r in roles]
[('李明', '教授', '清华大学')]
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .ner.wordlists import CORPORATE_TITLES, SOURCE_NOUNS, SOURCE_PLACES, STATE_TITLES, TITLES
from .results import Entity, Quote, Role, Sentiment

__all__ = ["SPEECH_VERBS", "TITLES", "find_quotes", "find_roles"]

#: Verbs that introduce what someone said or thinks.
SPEECH_VERBS = frozenset("""
表示 认为 说 称 指出 坦言 感慨 预言 强调 介绍 透露 提醒 警告 坦承 坦陈 建议 呼吁 提到 解释 回应 宣布 承认
相信 直言 写道 告诉 补充 说道 谈到 谈及 表态 声称 宣称 证实 披露 重申 表明 告诫 指称 回忆 批评
感叹 笑称 直言不讳 坦白 断言 主张 判断 分析指出 回应称 警告说 补充说 补充道 发文称 对记者说 问道 答道
辩称 抱怨 质疑 反问 坦诚 告知 提及 声明 承诺 保证 评价 回答 澄清 否认 辟谣 喊话 发声 直呼 笑言 自曝 慨叹 叮嘱
嘱咐 总结 警示 陈述 供述 辩解 反驳 驳斥 谴责 抨击 指责 追问 质问 称赞 赞扬 坦承道
""".split())
#: What the segmenter glues before 说/称 that is no part of the verb (采访时说, 会上称, 随后说).
_GLUED_BEFORE_VERB = frozenset("时中后上里还则就曾再")  # not 并称, 也称, 又称 (also known as)
#: Verbs that take whom they tell before the reported clause (告诉记者，…; 告知媒体，…).
_TELLING = frozenset({"告诉", "告知", "透露"})
_ADDRESSEE = re.compile(r"(?:[\u4e00-\u9fff]{0,6}记者|媒体|笔者|大家|本报)(?=[，,：:])")
_VERB_SUFFIX = ("说", "称", "道")
#: Verbs whose reported clause may follow without a comma (他呼吁各国加强……).
_BARE_CLAUSE_VERBS = frozenset("呼吁 建议 认为 相信 强调 希望 主张 坚信".split())
#: Verbs of forecast are not speech (分析人士预计，明年需求将回暖): 预计, 预期, 预测, 估计 are left out.
#: A quotation mark after one of these names a thing, it quotes no one: （以下简称“星辰动力”）.
_DEFINITION = re.compile(r"(?:简称|下称|统称|合称|又称|俗称|昵称|称为|名为|命名为|代号|译名)为?\s*[：:]?\s*$")
#: Fillers before an unnamed source: 有立法会议员批评 → 立法会议员; 一位不愿具名的投资者 → 投资者.
_SOURCE_FILLER = re.compile(r"^(?:也|还)?(?:有(?!关|效|力|名|利|望|序|限|线|机|色|意|些))?"
                            r"(?:一位|一名|一些|有些|多位|多名|几位|部分|不少|某位|某)?"
                            r"(?:不愿(?:具名|透露姓名|公开姓名)的|匿名的?)?")
_HONORIFIC = re.compile(r"[\u4e00-\u9fff](?:先生|女士|老师|师傅|大爷|阿姨|教授|医生)$")
_HONORIFIC_IN = re.compile(r"[\u4e00-\u9fff](?:先生|女士)(?!们)")
#: Titles for the role patterns (longest first when matched).
_TITLE_PREFIX = r"(?:副|常务|执行|首席|联合|高级|资深|名誉|代理|前|原)?"
_TITLE = _TITLE_PREFIX + "(?:" + "|".join(re.escape(t) for t in TITLES) + ")"
#: Between two titles of one person: 董事长、总裁 / 董事会主席兼首席执行官 / 党委书记暨院长.
_TITLE_JOIN = r"(?:、|兼|暨|及)"
#: A title and a name of two to four characters (导演陈思远): the name speaks.
_TITLED_NAME = re.compile(rf"(?:{_TITLE_PREFIX}(?:" + "|".join(re.escape(t) for t in TITLES) + r"))+"
                          r"([\u4e00-\u9fff]{2,4})(?<![们人员士方队组处部会理团])")
_TITLES_BEFORE = re.compile(rf"((?:{_TITLE})(?:{_TITLE_JOIN}(?:{_TITLE}))*)$")
_ONE_TITLE = re.compile(_TITLE)
_TITLES_AFTER = re.compile(rf"[，,]([^，,。；;（）()]{{2,30}}?)((?:{_TITLE})(?:{_TITLE_JOIN}(?:{_TITLE}))*)[，,。；;]")
_SPLIT_TITLES = re.compile(_TITLE_JOIN)
_QUOTE = re.compile(r"“([^“”]{1,2000})”|「([^「」]{1,2000})」|『([^『』]{1,2000})』")
_CLAUSE_BREAK = "，,；;。！？!?：:\n”」』“「『"
_SENT_END = "。！？!?\n"
_PRONOUNS = ("他们", "她们", "他", "她")
_TITLE_REF = re.compile(r"^(?:该|这位|此位|这名|该名)")
# Words that end the noun phrase of an unnamed speaker (what follows is adverbial).
_ADVERBIAL = re.compile(r"(在|于|通过|也|还|则|都|又|曾|已|再|均|同时|此前|日前|近日|昨天|今天|昨日|今日|赛后|"
                        r"会上|会后|"
                        r"私下|对此|对记者|向记者|接受|公开|随后|进一步|当天|一再|多次|直接|坦率|"
                        r"回应|答复|回复)")  # 运输局回应明报查询时表示: 明报 is no speaker
#: One-character prepositions before a person who is not the subject (在王明的带领下, 与李军合作).
_PREPOSITIONS = frozenset("在与和跟同对向被把给让替为由从据")
#: Platforms an organisation speaks through (X官方微博发文称): never the speaker when X is named.
_CHANNELS = frozenset("微博 新浪微博 微信 抖音 快手 小红书 B站 哔哩哔哩 今日头条 知乎 X 推特".split())
#: Whom something was said to, before the verb: 对财联社记者, 向本报记者, 接受新京报采访时.
_TOLD = re.compile(r"(?:对|向)[^，,。；;]{0,10}?记者|接受[^，,。；;]{0,10}?采访")
#: Connectives before a speech verb or its subject (同时他强调, 此外还指出, 并且表示): never a speaker.
_CONNECTIVES = re.compile(r"^(?:(?:同时|此外|另外|并且|而且|并|还|也|随后|接着|但是|但|不过|然而|此前|最后)[，, ]*)+"
                          r"(?=他|她|$)")
#: A phrase opening with a preposition is no speaker: 面对批评，…; 对于外界的质疑，….
_NOT_A_SPEAKER = ("对", "面对", "针对", "关于", "随着", "由于", "为了")
#: What a speaker's name never holds: emoji and other symbols (😂网友小王 → 网友小王).
_NOT_NAME_CHARS = re.compile(r"[^\u3400-\u9fffA-Za-z0-9·．.\- ]")
_PERSONISH = ("PERSON",)
_ORGISH = ("COMPANY", "ORG")
_MAX_SPEAKER_CHARS = 20


#: Who speaks: (name as shown, canonical name, kind: person / organization / unnamed).
_Who = tuple[str, str, str]


@dataclass
class _State:
    last_speaker: _Who | None = None  # the last named speaker
    last_speaker_sent: int = -10


def _clean_name(name: str) -> str:
    """A speaker's name without emoji or symbols, and without a title the entity layer left on it
    (导演陈思远 → 陈思远).

    >>> _clean_name("😂网友小王"), _clean_name("导演陈思远"), _clean_name("李明")
    ('网友小王', '陈思远', '李明')
    """
    name = _NOT_NAME_CHARS.sub("", name).strip()
    titled = _TITLED_NAME.fullmatch(name)
    return titled.group(1) if titled else name


def bare_source(phrase: str) -> str:
    """The name of an unnamed source without what only places it: the clause before its last 的,
    and a side or place in front of a kind of source (:data:`~toolkit.ner.wordlists.SOURCE_NOUNS`,
    :data:`~toolkit.ner.wordlists.SOURCE_PLACES`); a field stays (气象专家, 券商分析师).

    >>> bare_source("长期跟踪内房股的香港分析师"), bare_source("欧方外交官"), bare_source("立法会议员")
    ('分析师', '外交官', '立法会议员')
    >>> bare_source("气象专家"), bare_source("该负责人")
    ('气象专家', '该负责人')
    """
    tail = phrase.rsplit("的", 1)[-1]
    if len(tail) < 2 or _TITLE_REF.match(phrase):
        return phrase  # 这位三十五岁的老将: the phrase points back to someone named
    for k in range(1, len(tail) - 1):
        if tail[k:] in SOURCE_NOUNS:
            side = tail[:k]
            if any(side.endswith(place) for place in SOURCE_PLACES) or (len(side) == 2 and side.endswith("方")):
                return tail[k:]
            break
    return tail


def _is_verb(word: str) -> bool:
    return word in SPEECH_VERBS or (len(word) > 1 and word.endswith(_VERB_SUFFIX)
                                    and (word[:-1] in SPEECH_VERBS or word[:-1] in _GLUED_BEFORE_VERB))


class _Finder:
    """The text with sorted position indexes, so every look-up is a binary search and a long
    article stays linear."""

    def __init__(self, text: str, entities: Sequence[Entity], words: Sequence[tuple[str, int]],
                 spans: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.ents = sorted(entities, key=lambda e: e.start)
        self.ent_starts = [e.start for e in self.ents]
        self.words = sorted(words, key=lambda w: w[1])
        self.word_starts = [ws for _, ws in self.words]
        self.spans = spans
        self.span_starts = [a for a, _ in spans]
        self.sent_breaks = [i for i, c in enumerate(text) if c in _SENT_END]
        self.clause_breaks = [i for i, c in enumerate(text) if c in _CLAUSE_BREAK]
        self.state = _State()
        #: The people and organizations of the article by the text of any of their mentions.
        self.names = {e.text: (e.canonical, e.label) for e in self.ents if e.label in _PERSONISH + _ORGISH}

    def words_in(self, start: int, end: int) -> Sequence[tuple[str, int]]:
        return self.words[bisect_left(self.word_starts, start):bisect_left(self.word_starts, end)]

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        i = bisect_right(self.span_starts, pos) - 1
        return self.spans[i] if i >= 0 and pos < self.spans[i][1] else None

    def clause_start(self, pos: int) -> int:
        """Start of the clause holding ``pos``: just after the last clause break before it."""
        i = bisect_left(self.clause_breaks, pos) - 1
        return self.clause_breaks[i] + 1 if i >= 0 else 0

    def sentence_end(self, pos: int) -> int:
        """The first sentence end at or after ``pos`` that is not inside a quotation."""
        while True:
            i = bisect_left(self.sent_breaks, pos)
            if i == len(self.sent_breaks):
                return len(self.text)
            b = self.sent_breaks[i]
            q = self.quote_at(b)
            if q is None:
                return b
            pos = q[1]

    def sentence_index(self, pos: int) -> int:
        return bisect_right(self.sent_breaks, pos - 1)

    def speaker(self, start: int, end: int) -> _Who | None:
        """Who speaks in ``text[start:end]`` (the words before a speech verb)."""
        text = self.text
        lo, hi = bisect_left(self.ent_starts, start), bisect_left(self.ent_starts, end)
        inside = [e for e in self.ents[lo:hi] if e.end <= end]
        people = [e for e in inside if e.label in _PERSONISH]
        if people:
            # the subject stands before an adverbial (李华在回应王明的质疑时表示: 李华, not 王明)
            first_adverbial = _ADVERBIAL.search(text, people[0].end, end)
            if first_adverbial is not None:
                people = [e for e in people if e.end <= first_adverbial.start()] or people
            e = people[-1]
            return _clean_name(e.text), e.canonical, "person"
        head = text[start:end].strip()
        if head.startswith(("）", ")")):  # X（下称“Y”）发布公告称: the bracket is read through
            open_at = max(text.rfind("（", 0, start), text.rfind("(", 0, start))
            if open_at > 0 and open_at >= start - 40:
                return self.speaker(self.clause_start(open_at), end)
            head = head.lstrip("）) ")
        if head.startswith("据"):
            head = head[1:]
        bare = _CONNECTIVES.sub("", head)
        if not bare and head:  # 并且表示, 此外还指出: the subject is the last speaker's
            if self.state.last_speaker is not None and self.sentence_index(start) - self.state.last_speaker_sent <= 2:
                return self.state.last_speaker
            return None
        head = bare
        if head.startswith(_PRONOUNS):
            # 他/她: the subject of the nearest sentence that names a person (读者汤女士赶来。她说 →
            # 汤女士; 教练马克对谭浩然赞不绝口……。他还表示 → 马克, not the 谭浩然 he praised)
            gap = self.sentence_index(start) - self.state.last_speaker_sent
            if self.state.last_speaker is not None and gap <= 1:
                return self.state.last_speaker  # a speaker continuing (X表示……。他还指出)
            subject = self.subject_before(start) if head[1:2] != "们" else None
            if subject is not None:
                return subject
            if self.state.last_speaker is not None and gap <= 2:
                return self.state.last_speaker
            return None
        if _TITLE_REF.match(head) and self.state.last_speaker is not None \
                and self.sentence_index(start) - self.state.last_speaker_sent <= 1:
            return self.state.last_speaker
        orgs = [e for e in inside if e.label in _ORGISH]
        # 还有专家认为: the filler goes before 还 ends the phrase; emoji never name anyone
        head = _SOURCE_FILLER.sub("", _NOT_NAME_CHARS.sub("", head))
        cut = _ADVERBIAL.search(head)
        phrase = head[:cut.start()] if cut else head
        phrase = _SOURCE_FILLER.sub("", phrase.strip(" 、"))
        told = _TOLD.search(text, start, end)
        if told is not None:  # 基金经理对财联社记者直言: whom it was said to does not speak
            orgs = [e for e in orgs if e.end <= told.start()]
            if not orgs and phrase:
                phrase = _TOLD.split(phrase)[0] or phrase
        if len(orgs) > 1:  # 鸣鹤互娱官方微博发文称: the company speaks through its channel
            orgs = [e for e in orgs if e.canonical not in _CHANNELS] or orgs
        if orgs:
            # the subject stands before an adverbial (星海科技通过官方微博发文称: not 微博)
            first_adverbial = _ADVERBIAL.search(text, orgs[0].end, end)
            if first_adverbial is not None:
                orgs = [e for e in orgs if e.end <= first_adverbial.start()] or orgs
            e = orgs[-1]
            rest = text[e.end:end]
            m = _ADVERBIAL.search(rest)
            rest = rest[:m.start()] if m else rest
            if rest and _ONE_TITLE.search(rest):  # 足协新闻发言人: an unnamed spokesperson
                name = _clean_name(phrase or e.text + rest)
                return name, name, "unnamed"
            return e.text, e.canonical, "organization"
        if len(phrase) < 2 or len(phrase) > _MAX_SPEAKER_CHARS or phrase.startswith(_NOT_A_SPEAKER):
            return None
        m = _HONORIFIC.search(phrase) or next((h for h in _HONORIFIC_IN.finditer(phrase)
                                               if phrase[h.end():h.end() + 1] != "的"), None)
        if m:  # 市民刘女士 → 刘女士; 会员包女士指着门上的通知说 → 包女士; not 接待李先生的工作人员
            return m.group(), m.group(), "unnamed"
        titled = _TITLED_NAME.fullmatch(phrase)
        if titled:  # 导演陈思远 (a name the entity layer missed): the name, not the title
            return titled.group(1), titled.group(1), "person"
        named = self.names.get(phrase)
        if named is not None:  # a name the entity layer found at another mention of the article
            return phrase, named[0], "person" if named[1] in _PERSONISH else "organization"
        phrase = bare_source(phrase)
        return phrase, phrase, "unnamed"

    def subject_before(self, pos: int) -> _Who | None:
        """The first person (or 某女士/某先生) named in the sentence of ``pos`` before it, else in
        the one before, else the one before that: the subject a 他/她 at ``pos`` stands for."""
        sent = self.sentence_index(pos)
        for back in range(3):
            k = sent - back
            if k < 0:
                break
            begin = self.sent_breaks[k - 1] + 1 if k >= 1 else 0
            end = pos if back == 0 else (self.sent_breaks[k] if k < len(self.sent_breaks) else len(self.text))
            if begin >= end:
                continue
            # a subject, not a possessor (王女士的丈夫) or the object of a preposition (在王明的带领下, 与李军)
            people = [e for e in self.ents[bisect_left(self.ent_starts, begin):bisect_left(self.ent_starts, end)]
                      if e.label in _PERSONISH and e.end <= end and self.text[e.end:e.end + 1] != "的"
                      and self.text[max(begin, e.start - 1):e.start] not in _PREPOSITIONS]
            honorific = next((m for m in _HONORIFIC_IN.finditer(self.text, begin, end)
                              if self.text[m.end():m.end() + 1] != "的"
                              and self.text[max(begin, m.start() - 1):m.start()] not in _PREPOSITIONS), None)
            first = people[0] if people else None
            if honorific is not None and (first is None or honorific.start() < first.start):
                return honorific.group(), honorific.group(), "unnamed"
            if first is not None:
                return _clean_name(first.text), first.canonical, "person"
        return None

    def antecedent(self, pos: int) -> _Who | None:
        """The person a 他/她 at ``pos`` stands for when no one has spoken just before: the last
        person named in this sentence or the one before (墨韵网络创始人童某今年29岁……。他告诉记者：),
        else the last 某先生/某女士 of this sentence (车主张先生……，他告诉记者：)."""
        sent = self.sentence_index(pos)
        for e in reversed(self.ents[:bisect_left(self.ent_starts, pos)]):
            if self.sentence_index(e.start) < sent - 1:
                break
            if e.label in _PERSONISH and e.end <= pos:
                return _clean_name(e.text), e.canonical, "person"
        k = bisect_left(self.sent_breaks, pos) - 1
        begin = self.sent_breaks[k] + 1 if k >= 0 else 0
        found = list(_HONORIFIC_IN.finditer(self.text, begin, pos))
        if found:
            return found[-1].group(), found[-1].group(), "unnamed"
        return None

    def remember(self, who: _Who, pos: int) -> None:
        if not _TITLE_REF.match(who[0]) and not who[0].startswith(_PRONOUNS):
            self.state.last_speaker = who
            self.state.last_speaker_sent = self.sentence_index(pos)


def find_quotes(text: str, entities: Sequence[Entity], words: Sequence[tuple[str, int]] | None = None,
                tone: Callable[[str], Sentiment | None] | None = None) -> tuple[list[Quote], list[Role]]:
    """Quotes and roles of a text. ``words``: ``(word, start)`` pairs (default: cut by a
    default tokenizer built for the call, which takes a fraction of a second: pass the words when
    calling often); ``tone``: scores a quote's text (the sentiment layer)."""
    if words is None:
        words = _scan_verbs(text)
    spans = [(m.start(), m.end()) for m in _QUOTE.finditer(text)]
    finder = _Finder(text, entities, words, spans)
    events: list[tuple[int, str, int, int]] = [(s, "direct", s, e) for s, e in spans]
    for w, ws in finder.words:
        if _is_verb(w) and finder.quote_at(ws) is None:
            events.append((ws, "verb", ws, ws + len(w)))
    events.sort()
    quotes: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for _, kind, s, e in events:
        if kind == "direct":
            q = _direct(finder, s, e)
        else:
            q = _indirect(finder, s, e)
        if q is None:
            continue
        who, qs, qe, qkind = q
        finder.remember(who, qs)
        if (qs, qe) in seen:  # 警告/说 both introduce the same clause
            continue
        seen.add((qs, qe))
        content = text[qs:qe]
        quotes.append(Quote(who[0], who[1], content, qs, qe, qkind,  # type: ignore[arg-type]
                            tone(content) if tone else None, who[2]))  # type: ignore[arg-type]
    return quotes, find_roles(text, entities)


_Found = tuple[_Who, int, int, str]  # speaker, start, end, kind


def _direct(f: _Finder, s: int, e: int) -> _Found | None:
    text = f.text
    qs, qe = s + 1, e - 1
    if qe - qs < 2 or _DEFINITION.search(text[max(0, s - 8):s]):
        return None
    # Attribution before: 「X表示：“…”」 / 「X说，“…”」 / 「…”X补充道，“…”」.
    before_end = len(text[max(0, s - 3):s].rstrip("：:，, ")) + max(0, s - 3)
    cstart = f.clause_start(before_end)
    verb = _verb_ending_at(f, cstart, before_end)
    if verb is not None:
        who = f.speaker(cstart, verb)
        if who is not None:
            return who, qs, qe, "direct"
    # Attribution after: 「“…”李明说。」 / 「“…”，他补充道，“…”」.
    j = e
    while j < len(text) and text[j] in "，, ":
        j += 1
    k = j
    while k < len(text) and text[k] not in _CLAUSE_BREAK and k - j <= 40:
        k += 1
    for w, ws in f.words_in(j, k):
        if _is_verb(w):
            who = f.speaker(j, ws)
            if who is not None:
                return who, qs, qe, "direct"
            break
    # A quote that runs on from the previous sentence's quote by the same speaker.
    if f.state.last_speaker is not None and len(text[qs:qe]) >= 10 \
            and f.sentence_index(s) - f.state.last_speaker_sent == 0 and any(c in text[qs:qe] for c in "。！？"):
        return f.state.last_speaker, qs, qe, "direct"
    return None


def _verb_ending_at(f: _Finder, start: int, end: int) -> int | None:
    """Start of a speech verb (plus object such as 记者) that ends the clause ``[start, end)``."""
    for w, ws in reversed(f.words_in(start, end)):
        if _is_verb(w):
            tail = f.text[ws + len(w):end]
            return ws if len(tail) <= 3 else None  # 告诉记者：
    return None


def _indirect(f: _Finder, vs: int, ve: int) -> _Found | None:
    text = f.text
    j = ve
    while j < len(text) and text[j] in "说道称" and j - ve < 1:
        j += 1
    if text[vs:ve] in _TELLING:
        told = _ADDRESSEE.match(text, j)  # 告诉记者，…
        j = told.end() if told else j
    if j < len(text) and text[j] in "，,：:":
        k = j + 1
    elif text[vs:ve] in _BARE_CLAUSE_VERBS and j < len(text) and text[j] not in _CLAUSE_BREAK + "的了着过":
        k = j  # 他呼吁各国加强……
        if f.sentence_end(k) - k < 6:
            return None
    else:
        return None
    if k < len(text) and text[k] in "“「『":
        return None  # a direct quote: handled with it
    end = f.sentence_end(k)
    if end - k < 4:
        return None
    cstart = f.clause_start(vs)
    who = f.speaker(cstart, vs)
    if who is None:
        return None
    return who, k, end, "indirect"


def _scan_verbs(text: str) -> list[tuple[str, int]]:
    """Words of ``text`` with their offsets, from a default tokenizer built for this call (an
    :class:`~toolkit.Analyzer` passes the words of its own)."""
    from .text.tokenizer import Tokenizer

    return [(t.text, t.start) for t in Tokenizer().cut(text)]


def _name_char(text: str, k: int) -> bool:
    """Whether ``text[k]`` could belong to a name (a CJK character or a Latin letter/digit)."""
    return k >= 0 and (text[k].isalnum())


def _opens_clause(text: str, pos: int) -> bool:
    """Whether ``pos`` starts a clause (after punctuation, a line break or the text start)."""
    k = pos - 1
    while k >= 0 and text[k] == " ":
        k -= 1
    return k < 0 or text[k] in _CLAUSE_BREAK


def _bare_title(title: str) -> str:
    """A title without its prefix (副, 前, 联合 …): 前董事长 → 董事长."""
    m = re.match(_TITLE_PREFIX, title)
    rest = title[m.end():] if m else title
    return rest if rest in TITLES else title


def _main_company(ents: Sequence[Entity], before: int) -> str | None:
    """The company named most often before ``before`` (the latest of a tie), or None."""
    counts: dict[str, tuple[int, int]] = {}
    for e in ents:
        if e.label == "COMPANY" and e.end <= before:
            n, _ = counts.get(e.canonical, (0, 0))
            counts[e.canonical] = (n + 1, e.start)
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: kv[1])[0]


def find_roles(text: str, entities: Sequence[Entity]) -> list[Role]:
    """Person–title–organization triples from appositions around PERSON entities."""
    ents = sorted(entities, key=lambda e: e.start)
    by_start = {e.start: e for e in reversed(ents) if e.label in _ORGISH + ("LOC",)}
    roles: list[Role] = []
    for i, p in enumerate(ents):
        if p.label != "PERSON":
            continue
        window_start = max(0, p.start - 40)
        m = _TITLES_BEFORE.search(text[window_start:p.start])
        if m:
            t_start = window_start + m.start()
            org, org_canon, span_start = _org_before(text, ents, i, t_start)
            titles = _SPLIT_TITLES.split(m.group(1))
            place = by_start.get(span_start)
            if org is not None and place is not None and place.label == "LOC" and org != place.text \
                    and org.startswith(place.text) and titles[0].endswith(tuple(STATE_TITLES)):
                # 日本经济产业大臣: the ministry's field goes to the title, the country is the organisation
                titles[0] = org[len(place.text):] + titles[0]
                org, org_canon = place.text, place.canonical
            if org is None and _opens_clause(text, t_start) and all(_bare_title(t) in CORPORATE_TITLES for t in titles):
                org = org_canon = _main_company(ents, t_start)  # ……说明会，执行长宋某表示: the article's company
            for t in titles:
                roles.append(Role(p.text, p.canonical, t, org, org_canon, span_start, p.end))
            continue
        # 周鸿祎，360公司董事长，……
        after = text[p.end:p.end + 40]
        if after.startswith(("，", ",")):
            seg = _TITLES_AFTER.match(after)
            if seg:
                org_text = seg.group(1).rstrip("的")
                org_ent = by_start.get(p.end + 1)
                for t in _SPLIT_TITLES.split(seg.group(2)):
                    roles.append(Role(p.text, p.canonical, t, org_text or None,
                                      org_ent.canonical if org_ent else (org_text or None),
                                      p.start, p.end + seg.end() - 1))
    return roles


#: Words before a title that stand for the company the article is about (公司董事长兼首席执行官X).
_THE_COMPANY = ("该公司", "本公司", "公司", "该集团", "集团")


def _org_before(text: str, ents: Sequence[Entity], i: int, t_start: int) -> tuple[str | None, str | None, int]:
    """The organization right before a title (an entity before ``ents[i]``, plus up to 8 more
    characters such as 经济学院, and an optional 的), or None. An organization entity that runs
    into the title (锐驰汽车董事会 before 董事会主席) gives its part before the title; 公司 or
    该公司 right before the title stands for the company the article names most up to there.

    >>> text = "锐驰汽车发布财报。公司董事长李明表示……"
    >>> ents = [Entity("锐驰汽车", "COMPANY", 0, 4, "锐驰汽车"), Entity("李明", "PERSON", 14, 16, "李明")]
    >>> _org_before(text, ents, 1, 11)
    ('锐驰汽车', '锐驰汽车', 9)
    """
    for head in _THE_COMPANY:
        if text.endswith(head, 0, t_start) and (head[0] in "该本" or not _name_char(text, t_start - len(head) - 1)):
            main = _main_company(ents, t_start)
            if main is not None:
                return main, main, t_start - len(head)
            break
    for j in range(i - 1, -1, -1):
        e = ents[j]
        if e.end > t_start:
            name = text[e.start:t_start]
            if len(name) >= 2 and e.label in _ORGISH and not any(c in name for c in "，,。；;：:、 \n"):
                return name, name, e.start
            continue
        if e.label not in _ORGISH + ("LOC",) or t_start - e.end > 8:
            return None, None, t_start
        between = text[e.end:t_start]
        if any(c in between for c in "，,。；;：:、（）() \n"):
            return None, None, t_start
        name = text[e.start:t_start].rstrip("的")
        canon = e.canonical if not between.rstrip("的") else name
        return name, canon, e.start
    return None, None, t_start
