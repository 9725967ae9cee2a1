"""Other mentions of a name the article has already named get the same label and canonical name."""
from __future__ import annotations

import pytest

from toolkit import Analyzer
from toolkit.ner.mentions import repeated_mentions
from toolkit.results import Entity


def bounds(words: list[str]) -> tuple[set[int], set[int]]:
    starts, pos = set(), 0
    for w in words:
        starts.add(pos)
        pos += len(w)
    return starts, {s + len(w) - 1 for s, w in zip(sorted(starts), words, strict=True)}


def found(text: str, words: list[str], entities: list[Entity]) -> list[tuple[str, int, str]]:
    starts, ends = bounds(words)
    return [(e.text, e.start, e.source) for e in repeated_mentions(text, entities, starts.__contains__,
                                                                   ends.__contains__, frozenset({"科技"}))]


def test_a_later_whole_word_mention_is_marked_with_the_same_label_and_canonical_name() -> None:
    text = "推出助手青苔。青苔上线后很受欢迎。"
    words = ["推出", "助手", "青苔", "。", "青苔", "上线", "后", "很", "受", "欢迎", "。"]
    first = Entity("青苔", "PRODUCT", 4, 6, "青苔", "rule")
    out = repeated_mentions(text, [first], bounds(words)[0].__contains__, bounds(words)[1].__contains__)
    assert [(e.text, e.label, e.start, e.canonical) for e in out] == [("青苔", "PRODUCT", 4, "青苔"),
                                                                     ("青苔", "PRODUCT", 7, "青苔")]


def test_an_occurrence_inside_a_longer_word_is_not_a_mention() -> None:
    text = "推出助手小满。小满足了用户需求。"
    words = ["推出", "助手", "小满", "。", "小", "满足", "了", "用户", "需求", "。"]
    assert found(text, words, [Entity("小满", "PRODUCT", 4, 6, "小满", "rule")]) == [("小满", 4, "rule")]


def test_a_latin_name_is_not_found_inside_a_longer_latin_word() -> None:
    text = "Lumo发布新品。Lumora与Lumo合作。"
    words = ["Lumo", "发布", "新品", "。", "Lumora", "与", "Lumo", "合作", "。"]
    got = found(text, words, [Entity("Lumo", "COMPANY", 0, 4, "Lumo", "rule")])
    assert got == [("Lumo", 0, "rule"), ("Lumo", 16, "repeat")]


def test_a_short_model_guess_is_not_repeated_but_a_rule_name_is() -> None:
    text = "平台发帖。发帖的人很多。"
    words = ["平台", "发帖", "。", "发帖", "的", "人", "很", "多", "。"]
    assert found(text, words, [Entity("发帖", "PRODUCT", 2, 4, "发帖", "model")]) == [("发帖", 2, "model")]


def test_a_name_before_a_trade_word_belongs_to_a_longer_company_name() -> None:
    text = "车企远帆发布新车。远帆科技是另一家公司。"
    words = ["车企", "远帆", "发布", "新车", "。", "远帆", "科技", "是", "另", "一家", "公司", "。"]
    assert found(text, words, [Entity("远帆", "COMPANY", 2, 4, "远帆", "rule")]) == [("远帆", 2, "rule")]


def test_a_product_with_a_version_is_also_found_without_it() -> None:
    text = "推出助手回音2.0。回音的用户很多。"
    words = ["推出", "助手", "回音", "2.0", "。", "回音", "的", "用户", "很", "多", "。"]
    got = found(text, words, [Entity("回音2.0", "PRODUCT", 4, 9, "回音2.0", "rule")])
    assert got == [("回音2.0", 4, "rule"), ("回音", 10, "repeat")]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(components=("entities", "quotes")).load()


def test_an_article_counts_every_mention_of_a_name_it_introduced_once(analyzer: Analyzer) -> None:
    text = ("本周，一家教育公司推出了一款名为“麦穗”的AI助教。\n"
            "老师们说，麦穗批改作业很快。家长则担心孩子过度依赖麦穗。")
    got = [(e.text, e.label) for e in analyzer.entities(text) if e.text == "麦穗"]
    assert got == [("麦穗", "PRODUCT")] * 3


def test_the_outlet_an_article_credits_is_a_company_wherever_it_is_named(analyzer: Analyzer) -> None:
    text = "本报记者 林默\n青松资本合伙人接受晨星商报记者采访时表示，今年募资难度加大。"
    got = {(e.text, e.label, e.source) for e in analyzer.analyze(text, meta={"source": "晨星商报"}).entities}
    assert ("晨星商报", "COMPANY", "credit") in got
    # the same text credited to no one: the paper's name is left to the model and the rules
    assert ("晨星商报", "COMPANY", "credit") not in {(e.text, e.label, e.source) for e in analyzer.analyze(text).entities}


def test_a_credited_outlet_the_model_labelled_otherwise_is_a_company() -> None:
    text = "对财讯社记者表示。"
    model = Entity("财讯社", "ORG", 1, 4, "财讯社", "model")
    out = repeated_mentions(text, [model], lambda i: True, lambda i: True, known={"财讯社": "COMPANY"})
    assert [(e.text, e.label) for e in out] == [("财讯社", "COMPANY")]


def test_a_longer_name_replaces_a_model_guess_inside_it() -> None:
    text = "恒远电气（300001）公告。恒远电气表示，产能已满。"
    found = [Entity("恒远电气", "COMPANY", 0, 4, "恒远电气", "rule"), Entity("恒远", "COMPANY", 15, 17, "恒远", "model")]
    out = repeated_mentions(text, found, lambda i: True, lambda i: True)
    assert [(e.text, e.start) for e in out] == [("恒远电气", 0), ("恒远电气", 15)]


def test_a_name_the_headline_introduces_is_found_where_the_body_repeats_it_bare(analyzer: Analyzer) -> None:
    title = "网红烘焙品牌“麦田里”被曝使用过期面粉"
    body = "7月3日，有消费者投诉称，麦田里多家门店仍在销售过期面包。麦田里随后致歉。"
    with_title = {(e.text, e.label) for e in analyzer.analyze(body, title=title).entities}
    assert ("麦田里", "COMPANY") in with_title
    assert ("麦田里", "COMPANY") not in {(e.text, e.label) for e in analyzer.analyze(body).entities}


def test_the_outlet_an_article_credits_is_no_keyword_of_it() -> None:
    text = ("晨星商报记者 林默\n青松资本合伙人接受晨星商报记者采访时表示，今年募资难度加大。"
            "晨星商报记者了解到，多家机构放缓投资节奏，募资难度加大。")
    art = Analyzer().analyze(text, meta={"source": "晨星商报"})
    assert "晨星商报" not in [k.term for k in art.keywords] and art.keywords[0].weight == 1.0
