"""The cleaning layer: characters, layout, bylines, furniture, sentences."""
from __future__ import annotations

import pytest

from toolkit import clean, split_sentences
from toolkit.text.normalize import (
    collapse_whitespace,
    normalize_newlines,
    strip_html,
    strip_invisible,
    to_halfwidth,
    to_simplified,
    unify_name_dots,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＯｐｅｎＡＩ发布ＧＰＴ－５", "OpenAI发布GPT-5"),
        ("ｉＰｈｏｎｅ　１５　Ｐｒｏ", "iPhone　15　Pro"),  # U+3000 is whitespace's job, not this function's
        ("涨幅３．５％", "涨幅3.5%"),
        ("你好，世界！真的吗？（注）：是；～", "你好，世界！真的吗？（注）：是；～"),  # Chinese punctuation stays
        ("全角．句号", "全角．句号"),  # a full-width stop that is not a decimal point stays
        ("", ""),
    ],
)
def test_to_halfwidth_converts_ascii_letters_digits_and_symbols_only(raw: str, expected: str) -> None:
    assert to_halfwidth(raw) == expected


def test_strip_invisible_removes_zero_width_and_control_but_keeps_emoji_sequences() -> None:
    family = "👨\u200d👩\u200d👧"
    assert strip_invisible(f"人工\u200b智能\ufeff\x07{family}") == f"人工智能{family}"
    assert strip_invisible("甲\u3000乙\u00a0丙\t丁") == "甲 乙 丙 丁"
    assert strip_invisible("第一行\n第二行") == "第一行\n第二行"


def test_normalize_newlines_handles_every_convention() -> None:
    assert normalize_newlines("一\r\n二\r三\u2028四\x0c五") == "一\n二\n三\n四\n五"


def test_strip_html_keeps_paragraphs_and_unescapes_entities() -> None:
    assert strip_html("<p>上海&amp;北京</p><p>第二段<br/>换行</p>") == "上海&北京\n第二段\n换行\n"
    assert strip_html("<script>var a=1;</script>正文") == "正文"
    assert strip_html("a<b 且 c>d 不是标签") == "a<b 且 c>d 不是标签"


def test_to_simplified_converts_traditional() -> None:
    assert to_simplified("臺灣記者報導：蘋果發佈新機") == "台湾记者报导：苹果发布新机"
    assert to_simplified("ASCII only") == "ASCII only"


@pytest.mark.parametrize("dot", ["\u2022", "\u30fb", "\u2027", "\u2219", "\u22c5", "\uff65"])
def test_a_printed_name_dot_becomes_the_interpunct_only_between_chinese_characters(dot: str) -> None:
    assert unify_name_dots(f"埃隆{dot}马斯克") == "埃隆·马斯克"
    assert unify_name_dots(f"{dot} 要点一；A{dot}B") == f"{dot} 要点一；A{dot}B"  # bullets and Latin stay
    assert clean(f"今天，萨姆{dot}奥尔特曼发表演讲。").text == "今天，萨姆·奥尔特曼发表演讲。"


def test_the_taggers_view_joins_a_line_broken_inside_a_word_but_keeps_real_breaks() -> None:
    from toolkit.text.normalize import compact_spaces

    v = compact_spaces("创始人周鸿\n祎表示。\n下一段\n\n第二段\nOpenAI")
    assert v.text == "创始人周鸿祎表示。\n下一段\n\n第二段\nOpenAI"
    assert v.span(3, 6) == (3, 7)  # 周鸿祎 is 周鸿\n祎 in the original


def test_collapse_whitespace_removes_spaces_between_chinese_but_not_latin_words() -> None:
    assert collapse_whitespace("人工 智能  iPhone 15 Pro  发布 。") == "人工智能 iPhone 15 Pro 发布。"


class TestLayout:
    def test_markdown_heading_becomes_title(self) -> None:
        c = clean("# 新品发布会举行\n\n正文第一句。")
        assert c.title == "新品发布会举行"
        assert c.text == "新品发布会举行\n\n正文第一句。"

    def test_first_line_standing_apart_becomes_title_and_keeps_its_inner_space(self) -> None:
        c = clean("A股三大指数收涨 新能源领涨\n\n今日，A股收涨。")
        assert c.title == "A股三大指数收涨 新能源领涨"

    def test_first_sentence_is_not_mistaken_for_a_title(self) -> None:
        c = clean("今天上午，市政府召开新闻发布会，介绍了最新情况。\n会议持续了两个小时。")
        assert c.title is None
        assert c.text == "今天上午，市政府召开新闻发布会，介绍了最新情况。\n会议持续了两个小时。"

    def test_broken_lines_and_blank_lines_inside_a_sentence_are_joined(self) -> None:
        raw = "标题\n\n美国人工智能公司日前发布了\n文生视频模型，只需输入一段\n\n文字就能生成视频。\n\n第二段开始了。"
        c = clean(raw)
        assert c.text.split("\n")[2:] == ["美国人工智能公司日前发布了文生视频模型，只需输入一段文字就能生成视频。", "第二段开始了。"]

    def test_latin_words_broken_across_lines_get_a_space(self) -> None:
        assert clean("标题\n\n苹果发布了iPhone\n16 Pro新机。").text == "标题\n\n苹果发布了iPhone 16 Pro新机。"

    def test_numbered_subheadings_stay_on_their_own_line(self) -> None:
        c = clean("标题\n\n一、行业震动\n多家公司\n股价上涨。\n（二）风险提示\n注意风险。")
        assert c.text.split("\n")[2:] == ["一、行业震动", "多家公司股价上涨。", "（二）风险提示", "注意风险。"]

    def test_dateline_byline_is_parsed_and_removed_from_the_body(self) -> None:
        c = clean("标题\n\n本报北京2月18日电（记者 李明 王芳 通讯员 赵强）美国公司发布了新模型。")
        assert c.byline.reporters == ("李明", "王芳")
        assert c.byline.correspondents == ("赵强",)
        assert c.byline.source == "本报"
        assert c.text.endswith("\n美国公司发布了新模型。")
        assert "本报北京2月18日电（记者 李明 王芳 通讯员 赵强）" in c.furniture

    @pytest.mark.parametrize(
        ("lead", "source", "reporters"),
        [
            ("本报讯（记者 张伟）", "本报", ("张伟",)),
            ("新华社上海6月12日电（记者 周琳）", "新华社", ("周琳",)),
            ("（记者 孙丽 通讯员 钱进）", None, ("孙丽",)),
            ("【环球网报道】", "环球网", ()),
        ],
    )
    def test_leading_credits(self, lead: str, source: str | None, reporters: tuple[str, ...]) -> None:
        c = clean(f"标题\n\n{lead}今日，市场全线上涨。")
        assert c.byline.source == source
        assert c.byline.reporters == reporters
        assert c.text.endswith("\n今日，市场全线上涨。")

    @pytest.mark.parametrize(
        "line",
        ["记者 陈静", "本报记者 杨帆", "文/张三", "作者：李四", "记者 吴昊 报道"],
    )
    def test_byline_lines_leave_the_body(self, line: str) -> None:
        c = clean(f"标题\n\n{line}\n\n正文内容在这里。")
        assert c.byline.reporters
        assert line not in c.text
        assert c.text.endswith("正文内容在这里。")

    def test_editor_credits_end_marks_ads_and_page_headers_become_furniture(self) -> None:
        raw = (
            "标题\n\n经济日报 2025年11月12日 星期三 第A3版\n正文第一段。\n（完）\n"
            "编辑：孙悦  美编：陈晨\n责任编辑：刘洋\n扫码关注我们，获取更多资讯\n来源：新华社"
        )
        c = clean(raw)
        assert c.text == "标题\n\n正文第一段。"
        assert c.byline.editors == ("孙悦", "陈晨", "刘洋")
        assert c.byline.source == "新华社"
        assert len(c.furniture) == 6

    def test_long_sentences_mentioning_ads_are_not_furniture(self) -> None:
        body = "监管部门表示，将严厉查处虚假广告和违规营销行为，保护消费者的合法权益，维护公平竞争的市场秩序，这是今年的重点工作之一。"
        assert clean(f"标题\n\n{body}").text.endswith(body)

    def test_traditional_fullwidth_and_invisible_characters_together(self) -> None:
        c = clean("蘋果發佈會\n\n記者 王小明\n今天，蘋果公司發佈了新款\u200bｉＰｈｏｎｅ。")
        assert c.title == "苹果发布会"
        assert c.byline.reporters == ("王小明",)
        assert c.text == "苹果发布会\n\n今天，苹果公司发布了新款iPhone。"

    def test_simplify_can_be_turned_off(self) -> None:
        assert "蘋果" in clean("蘋果公司發佈新機。", simplify=False).text

    def test_cleaning_is_idempotent_on_its_own_output(self, samples) -> None:  # type: ignore[no-untyped-def]
        from toolkit import read_text_file

        for path in sorted(samples.iterdir()):
            once = clean(read_text_file(path))
            twice = clean(once.text)
            assert twice.text == once.text, path.name
            assert twice.title == once.title, path.name


class TestSentences:
    def test_closing_quotes_and_brackets_stay_with_their_sentence(self) -> None:
        t = "他说：“明天见。”随后离开！（注：已确认。）第三句？"
        assert [t[s:e] for s, e in split_sentences(t)] == ["他说：“明天见。”", "随后离开！", "（注：已确认。）", "第三句？"]

    def test_line_breaks_end_sentences_and_spaces_are_trimmed(self) -> None:
        t = "标题没有句号\n  第一句。 第二句！  \n\n"
        assert [t[s:e] for s, e in split_sentences(t)] == ["标题没有句号", "第一句。", "第二句！"]

    def test_ellipses_repeated_marks_and_decimals(self) -> None:
        t = "真的吗？！我不信……他说3.5%的涨幅不大。"
        assert [t[s:e] for s, e in split_sentences(t)] == ["真的吗？！", "我不信……", "他说3.5%的涨幅不大。"]

    def test_spans_are_offsets_into_the_text(self) -> None:
        t = "第一句。第二句！\n第三句"
        for s, e in split_sentences(t):
            assert 0 <= s < e <= len(t)
            assert t[s:e].strip() == t[s:e]

    @pytest.mark.parametrize("t", ["", "   ", "\n\n"])
    def test_empty_text_has_no_sentences(self, t: str) -> None:
        assert split_sentences(t) == []


# ---------------------------------------------------------------- a title column and a text that repeats it

WIRE = ("新华社北京5月7日电（记者王磊 赵敏）记者7日从国家能源局获悉，我国首台自主研发的重型燃气轮机日前成功点火。\n"
        "国家能源局副局长李明表示：“这是一个重要的里程碑。”")
HEADLINE = "我国首台自主研发重型燃气轮机成功点火"


@pytest.mark.parametrize("text", [
    f"{HEADLINE}\n{WIRE}",            # scraped: the headline glued to the dateline line
    f"{HEADLINE}\n\n{WIRE}",          # the headline standing apart
    f"{HEADLINE}！\n{WIRE}",          # the headline with a mark the column lacks
    WIRE,                             # the text without the headline
])
def test_a_text_that_repeats_its_title_column_reads_like_one_that_does_not(text: str) -> None:
    c = clean(text, title=HEADLINE)
    assert c.title == HEADLINE
    assert c.byline.reporters == ("王磊", "赵敏") and c.byline.source == "新华社"
    assert c.text.startswith("记者7日从国家能源局获悉") and c.text.count("\n") == 1


def test_a_traditional_title_column_is_converted_like_the_body() -> None:
    c = clean(f"{HEADLINE}\n{WIRE}", title="我國首臺自主研發重型燃氣輪機成功點火")
    assert c.title == HEADLINE and c.text.startswith("记者7日")


def test_a_first_line_that_is_not_the_title_stays_in_the_body() -> None:
    c = clean("燃气轮机的国产化之路\n\n" + WIRE, title=HEADLINE)
    assert c.text.startswith("燃气轮机的国产化之路") and c.title == HEADLINE


def test_the_analyzer_reads_the_byline_after_a_repeated_headline() -> None:
    from toolkit import Analyzer

    art = Analyzer(components=("entities",)).analyze(f"{HEADLINE}\n{WIRE}", title=HEADLINE)
    assert art.byline.reporters == ("王磊", "赵敏") and art.title == HEADLINE
    assert "王磊赵敏" not in {e.text for e in art.entities}
