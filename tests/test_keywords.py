"""Keywords and key phrases."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit import Token
from toolkit.errors import ModelFormatError
from toolkit.keywords import IdfTable, KeywordExtractor, candidate_terms, load_idf

JUNK = {"可以", "进行", "表示", "记者", "报道", "目前", "已经", "一个", "我们"}


@pytest.fixture(scope="module")
def words_only() -> toolkit.Analyzer:
    return toolkit.Analyzer(components=("keywords",)).load()


def test_recurring_adjacent_words_become_one_phrase(words_only: toolkit.Analyzer) -> None:
    text = "研究人员把Sora称为物理世界模拟器。物理世界模拟器能预测物体的运动，但物理世界模拟器仍不完美。"
    terms = [k.term for k in words_only.keywords(text, 5)]
    assert terms[0] == "物理世界模拟器"
    assert "物理世界" not in terms and "模拟器" not in terms  # never seen outside the phrase


def test_entities_are_terms_of_their_own_and_never_glued_into_phrases() -> None:
    a = toolkit.Analyzer(components=("entities", "keywords"))
    text = "360公司创始人周鸿祎表示，Sora意味着通用人工智能的到来。周鸿祎认为Sora很重要。"
    terms = [k.term for k in a.keywords(text, 10)]
    assert "周鸿祎" in terms and "Sora" in terms
    assert not any(t != "周鸿祎" and "周鸿祎" in t for t in terms)
    assert not any(t != "Sora" and "Sora" in t for t in terms)


def test_headline_terms_weigh_more(words_only: toolkit.Analyzer) -> None:
    text = "央行宣布降准。市场普遍认为降息仍有空间，债券收益率下行，降息预期升温。"
    assert words_only.keywords(text, 1)[0].term == "降息"
    assert words_only.keywords(text, 1, title="央行宣布降准")[0].term == "降准"


def test_sample_articles_have_no_junk_in_their_top_ten(samples: Path) -> None:
    report = toolkit.Analyzer().analyze_corpus(samples)
    kw = report.keywords
    assert set(kw["doc_id"]) == set(report.articles["doc_id"])
    assert kw.groupby("doc_id").size().max() <= 10
    assert not (set(kw["term"]) & JUNK)
    assert not kw["term"].str.contains(r"[，。\n]|[\u4e00-\u9fff] | [\u4e00-\u9fff]").any()


def test_results_are_deterministic_and_sorted_by_weight_with_ties_in_reading_order(
        words_only: toolkit.Analyzer) -> None:
    text = "甲公司和乙公司都在研发芯片和电池，芯片和电池是重点。"
    a, b = words_only.keywords(text), words_only.keywords(text)
    assert a == b
    assert [k.weight for k in a] == sorted((k.weight for k in a), reverse=True)


def test_tied_keywords_come_in_the_order_the_article_names_them() -> None:
    from toolkit.keywords import KeywordExtractor
    from toolkit.results import Token

    def tokens(words: list[str]) -> list[Token]:
        out, pos = [], 0
        for w in words:
            out.append(Token(w, pos, pos + len(w), "n" if len(w) > 1 else "x"))
            pos += len(w)
        return out

    # two words no IDF table knows (both get the median IDF), each twice: a tie
    kws = KeywordExtractor().extract(tokens(["鹞旃", "，", "葵翟", "。", "鹞旃", "，", "葵翟", "。"]), frozenset())
    assert [k.term for k in kws] == ["鹞旃", "葵翟"] and kws[0].weight == kws[1].weight == 1.0
    kws = KeywordExtractor().extract(tokens(["葵翟", "。", "鹞旃", "，", "葵翟", "。", "鹞旃", "，"]), frozenset())
    assert [k.term for k in kws] == ["葵翟", "鹞旃"]


def test_weights_are_relative_to_the_best_keyword_of_the_article(words_only: toolkit.Analyzer) -> None:
    for text in ["芯片企业发布新款芯片。", "芯片企业发布新款芯片。" * 20]:
        kws = words_only.keywords(text)
        assert kws[0].weight == 1.0 and all(0 < k.weight <= 1.0 for k in kws)


def test_stock_codes_and_exchange_suffixes_are_never_keywords(words_only: toolkit.Analyzer) -> None:
    text = "中国平安(601318.SH)今日发布年报，腾讯控股(00700.HK)股价上涨，平安集团净利润增长。"
    terms = {k.term.upper() for k in words_only.keywords(text, 20)}
    assert not terms & {"SH", "HK", "601318", "00700", "601318.SH", "00700.HK"}


@pytest.mark.parametrize("text", ["", "   ", "。！？", "的了是在"])
def test_empty_or_contentless_text_has_no_keywords(words_only: toolkit.Analyzer, text: str) -> None:
    assert words_only.keywords(text) == []


def test_textrank_method_and_bad_method() -> None:
    a = toolkit.Analyzer(components=("keywords",), keyword_method="textrank")
    terms = [k.term for k in a.keywords("江豚在长江出现。长江江豚数量增加，江豚保护见效。")]
    assert "江豚" in terms[:2]
    with pytest.raises(toolkit.InvalidParameterError, match="textrank"):
        KeywordExtractor(method="textrnak")


def test_candidates_skip_stop_words_digits_and_verbs_seen_once() -> None:
    toks = [Token("讲述", 0, 2, "v"), Token("普通人", 2, 5, "n"), Token("2024", 5, 9, "m"), Token("可以", 9, 11, "v")]
    assert candidate_terms(toks, frozenset({"可以"})) == {"普通人": 1}


def test_idf_table_unknown_words_get_the_median_and_bad_lines_are_named(tmp_path: Path) -> None:
    idf = load_idf()
    assert idf.get("的") < idf.get("光刻机") <= idf.get("一个从未见过的词") == idf.median
    bad = tmp_path / "idf.tsv"
    bad.write_text("词 1.5\n坏行\n", encoding="utf-8")
    with pytest.raises(ModelFormatError, match="idf.tsv:2"):
        IdfTable.from_files([bad])


def test_corpus_idf_is_fitted_on_the_corpus_for_that_run_only() -> None:
    # "芯片" is in every article of this corpus, each device name in one of eight: the corpus IDF
    # lowers 芯片 against the device names.
    names = ["光刻机", "存储器", "传感器", "处理器", "控制器", "放大器", "示波器", "变压器"]
    texts = [f"芯片产业第{i}篇：芯片企业发布{names[i % 8]}，{names[i % 8]}引发关注。" for i in range(80)]
    a = toolkit.Analyzer(components=("keywords",))

    def ratio(kw: pd.DataFrame) -> float:
        w = kw[kw["doc_id"] == 0].set_index("term")["weight"]
        return float(w["芯片"] / w["光刻机"])

    plain = a.analyze_corpus(texts)
    fitted = a.analyze_corpus(texts, corpus_idf=True)
    assert ratio(fitted.keywords) < ratio(plain.keywords) - 0.05
    assert fitted.params["corpus_idf"] is True
    assert a.keyword_extractor.df_ is None  # the analyzer itself is unchanged
    two = a.analyze_corpus(texts, corpus_idf=True, n_process=2, batch_size=16)  # workers get the fit
    pd.testing.assert_frame_equal(two.keywords, fitted.keywords)
    with pytest.raises(toolkit.InvalidParameterError, match="twice"):
        a.analyze_corpus(iter(texts), corpus_idf=True)


SYN_TEXT = "人工智能正在改变医疗。AI辅助诊断已进入医院。多家AI企业表示，AI应用前景广阔。大模型和LLM都是热词。"


def test_synonyms_stay_separate_unless_the_user_asks() -> None:
    from toolkit import Analyzer

    plain = [k.term for k in Analyzer(components=("keywords",)).keywords(SYN_TEXT, 6)]
    assert "AI" in plain and "人工智能" in plain
    merged = Analyzer(components=("keywords",), merge_synonyms=True).keywords(SYN_TEXT, 6)
    terms = [k.term for k in merged]
    assert ("AI" in terms) != ("人工智能" in terms) and ("大模型" in terms) != ("LLM" in terms)
    weights = {k.term: k.weight for k in Analyzer(components=("keywords",)).keywords(SYN_TEXT, 20)}
    merged_w = {k.term: k.weight for k in Analyzer(components=("keywords",), merge_synonyms=True).keywords(SYN_TEXT, 20)}
    # weights are relative to each list's best term: compare against a term both lists hold alone
    other = next(t for t in merged_w if t in weights and t not in ("AI", "人工智能", "大模型", "LLM"))
    assert merged_w["AI"] / merged_w[other] == pytest.approx((weights["AI"] + weights["人工智能"]) / weights[other],
                                                             rel=1e-3)


def test_a_bad_synonym_file_names_its_line(tmp_path: Path) -> None:
    from toolkit.errors import ModelFormatError
    from toolkit.keywords import read_synonyms

    f = tmp_path / "syn.tsv"
    f.write_text("# ok\n人工智能\tAI\n没有制表符\n", encoding="utf-8")
    with pytest.raises(ModelFormatError, match=r"syn.tsv:3"):
        read_synonyms(f)


def test_a_noun_verb_compound_is_a_term_when_the_article_repeats_it() -> None:
    def toks(*pairs: tuple[str, str]) -> list[Token]:
        out, pos = [], 0
        for text, tag in pairs:
            out.append(Token(text, pos, pos + len(text), tag))
            pos += len(text)
        return out

    once = toks(("采用", "v"), ("数值", "n"), ("模拟", "v"), ("方法", "n"))
    twice = once + toks(("。", "x")) + toks(("数值", "n"), ("模拟", "v"), ("结果", "n"))
    assert "数值模拟" not in candidate_terms(once, frozenset())
    assert candidate_terms(twice, frozenset())["数值模拟"] == 2
    assert "指上涨" not in candidate_terms(toks(("指", "n"), ("上涨", "v"), ("，", "x"), ("指", "n"), ("上涨", "v")),
                                          frozenset())  # a one-character noun does not start one


ARTICLES = [  # (title, text, phrases that must not be keywords)
    ("两市股指集体回暖 券商板块走强",
     "两市股指集体回暖 券商板块走强\n周四，两市股指集体上涨，成交额同比放大三成。券商板块走强，保险股集体跟涨。"
     "分析人士认为，股指集体走高说明资金情绪修复，成交额同比放大的势头有望延续。",
     ["股指集体", "成交额同比", "保险股集体", "成交额同比放大"]),
    ("前三季度粮食进口量同比下降 大豆进口成焦点",
     "前三季度粮食进口量同比下降 大豆进口成焦点\n海关数据显示，前三季度粮食进口量同比下降8%，大豆进口成焦点。"
     "粮食进口量同比下降的同时，玉米进口量同比减少近一半。业内人士表示，大豆进口成焦点的原因是价格波动。",
     ["进口量同比", "进口量同比下降", "大豆进口成焦点", "成焦点", "玉米进口量同比"]),
    ("新能源成亮点 城市更新创新高",
     "新能源成亮点 城市更新创新高\n今年以来，新能源成亮点，城市更新项目投资创新高。目前，新能源车销量环比增长，"
     "城市更新投资环比上升。专家指出，新能源成亮点与政策支持有关。",
     ["新能源成亮点", "成亮点", "销量环比", "投资环比", "目前"]),
]


@pytest.mark.parametrize("title, text, bad", ARTICLES)
def test_key_phrases_are_noun_phrases_and_never_hold_a_predicate(words_only: toolkit.Analyzer, title: str,
                                                                 text: str, bad: list[str]) -> None:
    terms = [k.term for k in words_only.analyze(text, title=title).keywords]
    assert terms and not set(terms) & set(bad), terms


def test_adverbial_words_and_linking_characters_never_join_a_phrase() -> None:
    toks = [Token("出口量", 0, 3, "n"), Token("同比", 3, 5, "j"), Token("增长", 5, 7, "v"), Token("，", 7, 8, "x"),
            Token("人工智能", 8, 12, "n"), Token("成", 12, 13, "n"), Token("焦点", 13, 15, "n"),
            Token("话题", 15, 17, "n")]
    terms = set(candidate_terms(toks, frozenset()))
    assert terms == {"出口量", "人工智能", "焦点", "话题", "焦点话题"}


def test_a_one_character_word_still_starts_a_phrase_after_a_non_noun() -> None:
    toks = [Token("发展", 0, 2, "v"), Token("锂", 2, 3, "nz"), Token("电池", 3, 5, "n")]
    assert "锂电池" in candidate_terms(toks, frozenset())


def test_a_model_code_cut_from_a_product_name_is_no_keyword() -> None:
    from toolkit.keywords import KeywordExtractor
    from toolkit.results import Token

    words = [("青川Q9", "nz"), ("上市", "v"), ("，", "x"), ("Q9", "eng"), ("，", "x"), ("续航", "n"), ("，", "x"),
             ("Q9", "eng"), ("！", "x"), ("Q9", "eng"), ("。", "x")]
    tokens, pos = [], 0
    for w, tag in words:
        tokens.append(Token(w, pos, pos + len(w), tag))
        pos += len(w)
    assert "Q9" in [k.term for k in KeywordExtractor().extract(tokens, frozenset(), entities=None)]
    found = [k.term for k in KeywordExtractor().extract(tokens, frozenset(), entities=[(0, 4)])]
    assert "青川Q9" in found and "Q9" not in found
