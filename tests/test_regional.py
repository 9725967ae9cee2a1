"""Taiwan and Hong Kong copies in mainland wording, with an option to keep the regional words."""
from __future__ import annotations

import pytest

from toolkit import Analyzer, clean
from toolkit.errors import InvalidParameterError
from toolkit.text.regional import region_of, to_mainland

TAIWAN = "聯發科發表新一代手機晶片，採用三奈米製程，並整合人工智慧軟體，執行長表示將在網際網路平台直播。"
HONG_KONG = "港府宣佈撥款支持醫療衞生及晶片研究，立法會議員認為本港中小企亦應受惠，特首將於下月公布細節。"


@pytest.mark.parametrize(("regional", "mainland"), [
    ("人工智慧", "人工智能"), ("晶片", "芯片"), ("奈米", "纳米"), ("軟體", "软件"), ("網際網路", "互联网"),
])
def test_taiwan_wording_becomes_mainland_wording(regional: str, mainland: str) -> None:
    text = clean(TAIWAN, detect_title=False).text
    assert mainland in text and regional not in text


def test_hong_kong_copy_gets_its_variant_characters_converted_with_hk2s() -> None:
    assert region_of(HONG_KONG) == "hk" and region_of(TAIWAN) == "tw"
    text = clean(HONG_KONG, detect_title=False).text
    assert "医疗卫生" in text and "衞" not in text  # plain t2s leaves the Hong Kong 衞
    assert "晶片" in text  # hk2s has no phrase table: Hong Kong wording is kept


@pytest.mark.parametrize("text", [
    "芯源半導體今日在聯交所招股，按年收入增長逾一倍，將於下周掛牌。",
    "樓市淡靜，發展商新盤減價，屋苑呎價按月回落。",
])
def test_hong_kong_financial_and_property_copy_is_read_as_hong_kong(text: str) -> None:
    assert region_of(text) == "hk"


def test_keep_converts_characters_only() -> None:
    text = clean(TAIWAN, detect_title=False, regional_wording="keep").text
    assert "人工智慧" in text and "晶片" in text and "奈米" in text


def test_simplified_copy_is_never_rewritten_even_when_it_uses_a_taiwan_looking_word() -> None:
    mainland = "研究团队在软体动物体内发现了一种新的蛋白质，相关影片已上传。"
    assert clean(mainland, detect_title=False).text == mainland


def test_a_film_stays_a_film() -> None:
    assert "这部影片" in to_mainland("這部影片入圍金馬獎最佳劇情片")


def test_the_analyzer_converts_and_keeps_the_original_in_raw() -> None:
    art = Analyzer(components=()).analyze(TAIWAN)
    assert "芯片" in art.text and art.raw == TAIWAN
    kept = Analyzer(components=(), regional_wording="keep").analyze(TAIWAN)
    assert "晶片" in kept.text


def test_a_traditional_title_column_gets_the_same_wording_as_the_body() -> None:
    c = clean(TAIWAN, title="聯發科發表三奈米晶片")
    assert c.title == "联发科发表三纳米芯片"


def test_a_bad_choice_is_a_clear_error() -> None:
    with pytest.raises(InvalidParameterError, match="regional_wording"):
        Analyzer(regional_wording="mainland").analyze("新闻正文。")
    with pytest.raises(InvalidParameterError, match="regional_wording"):
        clean("新闻正文。", regional_wording="mainland")  # type: ignore[arg-type]


def test_the_cli_flag_keeps_the_regional_wording() -> None:
    from toolkit.cli import _analyzer, _parser

    ns = _parser().parse_args(["analyze", "x", "--keep-regional-wording"])
    assert _analyzer(ns).regional_wording == "keep"
    assert _analyzer(_parser().parse_args(["analyze", "x"])).regional_wording == "convert"
