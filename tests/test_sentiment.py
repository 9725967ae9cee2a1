"""Tone of sentences, articles and entities: what the sentiment layer promises."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from toolkit import Analyzer, Lexicon, SentimentModel
from toolkit.errors import ModelFormatError, ModelNotFoundError
from toolkit.sentiment import load_lexicon
from toolkit.train.eval_sentiment import prf
from toolkit.train.sentiment import read_news

ROOT = Path(__file__).resolve().parent.parent
LEX = Lexicon.from_rows([
    ("满意", "pos", 1.0), ("好", "pos", 1.0), ("担忧", "neg", 1.0), ("伤亡", "neg", 1.5),
    ("不", "negator", 1), ("没有", "negator", 1), ("非常", "degree", 2.0), ("略微", "degree", 0.5),
    ("但是", "contrast", 1.5), ("虽然", "concession", 0.5), ("严重", "neg", 0.8), ("严重", "degree", 1.5),
])


@pytest.fixture(scope="module")
def tone() -> Analyzer:
    return Analyzer(components=("sentiment",)).load()


# ---------------------------------------------------------------- the lexicon scorer

def test_negation_flips_and_damps_a_polarity_word() -> None:
    assert LEX.score(["用户", "满意"]).total == 1.0
    s = LEX.score(["用户", "不", "满意"])
    assert s.total == pytest.approx(-0.8) and s.terms == (("不满意", -0.8),)
    assert LEX.score(["没有", "造成", "伤亡"]).total == pytest.approx(1.2)  # "no casualties" reads well


def test_double_negation_cancels() -> None:
    assert LEX.score(["不", "是", "不", "满意"]).total == pytest.approx(1.0)


def test_negation_stays_inside_its_clause() -> None:
    assert LEX.score(["不", "知道", "，", "满意"]).total == 1.0


def test_degree_adverbs_scale_the_next_polarity_word() -> None:
    assert LEX.score(["非常", "满意"]).total == pytest.approx(2.0)
    assert LEX.score(["略微", "担忧"]).total == pytest.approx(-0.5)


def test_a_word_that_is_both_degree_and_polarity_reads_by_its_neighbour() -> None:
    assert LEX.score(["严重", "担忧"]).total == pytest.approx(-1.5)  # degree: 严重担忧
    assert LEX.score(["问题", "严重"]).total == pytest.approx(-0.8)  # polarity: 问题严重


def test_the_clause_after_a_contrast_weighs_more() -> None:
    s = LEX.score(["服务", "好", "，", "但是", "担忧", "价格"])
    assert s.positive == pytest.approx(1 / 1.5) and s.negative == pytest.approx(1.5)
    assert s.total < 0


def test_a_concession_clause_weighs_less() -> None:
    assert LEX.score(["虽然", "担忧", "，", "满意"]).total == pytest.approx(0.5)


def test_compound_tokens_match_by_their_head() -> None:
    assert LEX.score(["人员伤亡"]).terms == (("伤亡", -1.5),)


def test_lexicon_file_errors_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "lex.tsv"
    bad.write_text("# c\n好\tpos\t1\n坏\tbad-kind\t1\n", encoding="utf-8")
    with pytest.raises(ModelFormatError, match=r"lex.tsv:3"):
        load_lexicon(bad)
    bad.write_text("好\tdegree\t-1\n", encoding="utf-8")
    with pytest.raises(ModelFormatError, match=r"lex.tsv:1"):
        load_lexicon(bad)
    with pytest.raises(ModelNotFoundError):
        load_lexicon(tmp_path / "missing.tsv")


def test_the_shipped_lexicon_covers_the_news_cues_of_the_issue() -> None:
    lex = load_lexicon(ROOT / "models" / "sentiment" / "lexicon.tsv")
    assert {"担忧", "失业"} <= {t for t, v in lex.polarity.items() if v < 0}
    assert {"突破", "飞跃"} <= {t for t, v in lex.polarity.items() if v > 0}
    assert {"不", "没有", "并不", "未必"} <= lex.negators
    assert lex.degree["非常"] > 1 > lex.degree["略微"]
    assert {"但是", "然而"} <= set(lex.contrast)


# ---------------------------------------------------------------- the combined tone

@pytest.mark.parametrize("text, label", [
    ("受需求疲软拖累，公司利润大幅下滑，投资者十分担忧。", "negative"),
    ("这项技术突破让电池续航提升了近一倍，被业内称为里程碑式的飞跃。", "positive"),
    ("会议将于明天上午九点在市政府举行。", "neutral"),
    ("该公司总部位于深圳，员工约两万人。", "neutral"),
    ("这部电影并不好看。", "negative"),
    ("这款手机虽然价格偏贵，但是性能非常出色。", "positive"),
    ("这款手机性能不错，但是发热严重，续航令人失望。", "negative"),
])
def test_sentence_tone(tone: Analyzer, text: str, label: str) -> None:
    assert tone.sentiment(text).label == label


def test_score_is_in_range_and_agrees_with_the_label(tone: Analyzer) -> None:
    for text in ["股价暴跌，公司濒临破产。", "球队夺冠，全城欢庆。", "明天多云。"]:
        s = tone.sentiment(text)
        assert -1 <= s.score <= 1
        assert (s.label == "positive") <= (s.score > 0) and (s.label == "negative") <= (s.score < 0)


def test_empty_input_is_neutral(tone: Analyzer) -> None:
    for text in ["", "   \n "]:
        s = tone.sentiment(text)
        assert s.label == "neutral" and s.score == 0.0 and s.evidence == ()


def test_the_explanation_names_the_words_that_drove_the_tone(tone: Analyzer) -> None:
    s = tone.sentiment("工厂停产，数百名工人面临失业。")
    assert s.label == "negative" and "失业" in dict(s.evidence) and dict(s.evidence)["失业"] < 0
    why = tone.explain_sentiment("服务并不好")
    assert why["lexicon_terms"] and why["lexicon_terms"][0][1] < 0
    assert why["classifier_ngrams"] and set(why["probabilities"]) == {"negative", "neutral", "positive"}


def test_article_tone_reports_mixed_evidence(tone: Analyzer) -> None:
    art = tone.analyze("公司利润大幅增长，股价创新高。\n\n但是工厂发生严重事故，造成三人死亡。\n\n会议下周举行。")
    assert art.sentiment is not None
    labels = [s.sentiment.label for s in art.sentences if s.sentiment]
    assert labels == ["positive", "negative", "neutral"]
    assert art.sentiment.positive_share == pytest.approx(1 / 3, abs=1e-3)
    assert art.sentiment.negative_share == pytest.approx(1 / 3, abs=1e-3)


def test_entity_tone_follows_the_sentences_that_name_the_entity() -> None:
    a = Analyzer(components=("entities", "sentiment"))
    art = a.analyze("华为新款手机销售火爆，用户好评如潮。\n\n另一家公司小米则因质量问题遭到大量投诉，股价暴跌。")
    tones = {t.canonical: t for t in art.entity_tones}
    assert tones["华为"].sentiment.label == "positive" and tones["华为"].sentences == 1
    assert tones["小米"].sentiment.label == "negative"


@pytest.mark.parametrize("name", ["sentiment_dev.tsv", "sentiment_test.tsv"])
def test_news_regression_floor(tone: Analyzer, name: str) -> None:
    texts, gold = read_news(ROOT / "corpora" / "annotated" / name)
    pred = [tone.sentiment(t).label for t in texts]
    macro = sum(prf(gold, pred, lab)[2] for lab in ("negative", "neutral", "positive")) / 3
    assert macro >= 0.75  # measured 0.81 / 0.84 (docs/BENCHMARKS.md); the issue asks for 0.70


# ---------------------------------------------------------------- report and model files

def test_report_has_tone_columns_and_an_entity_tone_summary() -> None:
    a = Analyzer(components=("entities", "sentiment"))
    rep = a.analyze_corpus([("a", "华为手机销量大增，用户非常满意。"), ("b", "华为被曝质量问题，消费者十分不满。"),
                            ("c", "小米今天举行发布会。")], progress=False)
    assert rep.articles["sentiment"].tolist()[:2] == ["positive", "negative"]
    assert rep.sentences["tone_terms"].notna().sum() >= 2
    assert {"sentiment", "sentiment_score"} <= set(rep.entities.columns)
    summary = rep.entity_tone()
    row = summary[summary["canonical"] == "华为"].iloc[0]
    assert row["articles"] == 2 and row["positive"] == 0.5 and row["negative"] == 0.5
    assert list(summary.columns) == ["canonical", "label", "articles", "mentions", "mean_score", "positive",
                                     "negative", "neutral"]


def test_components_without_sentiment_leave_tone_empty() -> None:
    art = Analyzer(components=("keywords",)).analyze("公司利润大幅增长。")
    assert art.sentiment is None and art.entity_tones == () and art.sentences[0].sentiment is None


def test_model_files_are_json_and_plain_arrays() -> None:
    root = ROOT / "models" / "sentiment"
    meta = json.loads((root / "classifier.json").read_text(encoding="utf-8"))
    with np.load(root / "classifier.npz", allow_pickle=False) as npz:
        assert npz["coef"].shape == (len(meta["char_vocabulary"]) + len(meta["word_vocabulary"]),)
    assert (root / "README.md").is_file()


def test_a_truncated_classifier_is_a_clear_error(tmp_path: Path) -> None:
    root = ROOT / "models" / "sentiment"
    (tmp_path / "sentiment").mkdir()
    meta = json.loads((root / "classifier.json").read_text(encoding="utf-8"))
    meta["word_vocabulary"] = meta["word_vocabulary"][:10]
    (tmp_path / "sentiment" / "classifier.json").write_text(json.dumps(meta), encoding="utf-8")
    (tmp_path / "sentiment" / "classifier.npz").write_bytes((root / "classifier.npz").read_bytes())
    (tmp_path / "sentiment" / "lexicon.tsv").write_bytes((root / "lexicon.tsv").read_bytes())
    with pytest.raises(ModelFormatError):
        SentimentModel.load(tmp_path)


def test_the_notebook_view_shows_the_tone_and_evaluative_sentences(tone: Analyzer) -> None:
    html = tone.analyze("公司利润大幅增长，股价创新高。\n\n会议下周举行。")._repr_html_()
    assert "<b>tone</b>" in html and "创新高 +1.2" in html
    assert html.count("border-left") == 1  # the neutral sentence is not listed


def test_a_corrupted_array_file_is_a_clear_error(tmp_path: Path) -> None:
    root = ROOT / "models" / "sentiment"
    (tmp_path / "sentiment").mkdir()
    for name in ("classifier.json", "lexicon.tsv"):
        (tmp_path / "sentiment" / name).write_bytes((root / name).read_bytes())
    (tmp_path / "sentiment" / "classifier.npz").write_bytes((root / "classifier.npz").read_bytes()[:5000])
    with pytest.raises(ModelFormatError, match="cannot be read"):
        SentimentModel.load(tmp_path)


def test_the_classifier_matches_scikit_learn_on_the_same_features() -> None:
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer

    from toolkit import Tokenizer
    from toolkit.sentiment import word_ngrams

    c = SentimentModel.load().classifier
    tok = Tokenizer()
    cv = TfidfVectorizer(analyzer="char", ngram_range=c.char_range, sublinear_tf=True, vocabulary=c.char_index)
    cv.idf_ = c.char_idf
    wv = TfidfVectorizer(analyzer=lambda t: word_ngrams(t, c.word_n), sublinear_tf=True, vocabulary=c.word_index)
    wv.idf_ = c.word_idf
    texts = ["这家酒店  服务很好，但是 Room 太小了。", "会议将于明天举行", "ＡＢＣ 😀\n\n换行", ""]
    toks = [tok.lcut(t) for t in texts]
    x = hstack([cv.transform(texts), wv.transform(toks)]).tocsr()
    expected = (x @ np.concatenate([c.char_coef, c.word_coef]) + c.intercept) * c.platt[0] + c.platt[1]
    assert np.allclose(c.margin(texts, toks), expected)
