"""The tokenizer layer: jieba words with offsets, POS, dictionaries and isolation."""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import toolkit
from toolkit import Tokenizer
from toolkit.errors import ModelFormatError
from toolkit.resources import read_user_dict, resource_path

BACKENDS = ["rjieba", "jieba"]
SENTENCES = [
    "360公司创始人周鸿祎表示，Sora是文生视频大模型。",
    "iPhone 15 Pro 售价7999元，涨幅3.5%！",
    "😀 表情和𠀀扩展字符也不能丢。",
    "  前后空格\n换行\t制表  ",
    "",
]


@pytest.fixture(scope="module", params=BACKENDS)
def tok(request: pytest.FixtureRequest) -> Tokenizer:
    return Tokenizer(backend=request.param).load()


@pytest.mark.parametrize("text", SENTENCES)
def test_tokens_are_offsets_into_the_text_and_skip_whitespace(tok: Tokenizer, text: str) -> None:
    tokens = tok.cut(text)
    for t in tokens:
        assert text[t.start:t.end] == t.text
        assert not t.text.isspace()
    assert "".join(t.text for t in tokens) == "".join(text.split())


@pytest.mark.parametrize("text", SENTENCES)
def test_both_backends_give_the_same_words_and_tags(text: str) -> None:
    fast, slow = Tokenizer(backend="rjieba"), Tokenizer(backend="jieba")
    assert fast.cut(text) == slow.cut(text)
    assert fast.lcut(text) == slow.lcut(text)


def test_pos_tags_come_from_jiebas_tag_set(tok: Tokenizer) -> None:
    tags = {t.text: t.pos for t in tok.cut("周鸿祎在北京发布了2024年的新产品")}
    assert tags["周鸿祎"] == "nr"
    assert tags["北京"] == "ns"
    assert tags["2024"] == "m"


def test_every_bundled_dictionary_word_stays_whole(tok: Tokenizer) -> None:
    entries = read_user_dict(resource_path("userdict"))
    assert len(entries) >= 200
    split = [e.word for e in entries if tok.lcut(e.word) != [e.word]]
    in_context = [e.word for e in entries if e.word not in tok.lcut(f"据报道，{e.word}的消息引发关注")]
    assert split == [] and in_context == []


def test_without_the_bundled_dictionary_new_words_are_split() -> None:
    assert Tokenizer(bundled_dict=False).lcut("周鸿祎") != ["周鸿祎"]
    assert Tokenizer().lcut("周鸿祎") == ["周鸿祎"]


def test_user_dictionary_file_and_add_word(tmp_path: Path) -> None:
    d = tmp_path / "mine.txt"
    d.write_text("# my words\n鸿蒙智行 nt\n问界新M7 100 nz\n", encoding="utf-8")
    tok = Tokenizer(user_dicts=[d])
    assert "鸿蒙智行" in tok.lcut("鸿蒙智行发布会")
    assert {t.text: t.pos for t in tok.cut("鸿蒙智行发布会")}["鸿蒙智行"] == "nt"
    tok.add_word("长河落日", tag="nz")
    assert "长河落日" in tok.lcut("长河落日很美")


@pytest.mark.parametrize(
    ("content", "line"),
    [("好词 10 n\n坏词 -3 n\n", 2), ("词 n 多余\n", 1), ("两个 词 5\n", 1), ("a\n\xff\xfe\n", 2)],
)
def test_malformed_user_dictionary_names_the_line(tmp_path: Path, content: str, line: int) -> None:
    d = tmp_path / "bad.txt"
    d.write_bytes(content.encode("utf-8", "surrogateescape") if "\xff" not in content else b"a\n\xff\xfe\n")
    with pytest.raises(ModelFormatError, match=rf"bad.txt:{line}:"):
        Tokenizer(user_dicts=[d]).lcut("测试")


def test_add_word_rejects_spaces() -> None:
    with pytest.raises(toolkit.InvalidParameterError):
        Tokenizer().add_word("Model Y")


def test_unknown_backend_is_a_clear_error() -> None:
    with pytest.raises(toolkit.InvalidParameterError, match="did you mean 'rjieba'"):
        Tokenizer(backend="rjeiba").lcut("测试")  # type: ignore[arg-type]


def test_isolation_one_tokenizers_words_do_not_reach_another_or_jiebas_global() -> None:
    import jieba

    a, b = Tokenizer(), Tokenizer()
    before = (len(jieba.dt.FREQ), jieba.dt.total, dict(jieba.dt.user_word_tag_tab))
    a.add_word("量子纠缠态", tag="n")
    assert "量子纠缠态" in a.lcut("量子纠缠态研究")
    assert "量子纠缠态" not in b.lcut("量子纠缠态研究")
    assert "量子纠缠态" not in Tokenizer(backend="jieba").lcut("量子纠缠态研究")
    assert (len(jieba.dt.FREQ), jieba.dt.total, dict(jieba.dt.user_word_tag_tab)) == before
    assert "量子纠缠态" not in jieba.dt.FREQ


def test_analyzers_with_different_dictionaries_are_independent(tmp_path: Path) -> None:
    d = tmp_path / "d.txt"
    d.write_text("鸿蒙智行 nt\n", encoding="utf-8")
    custom, plain = toolkit.Analyzer(user_dicts=[d]), toolkit.Analyzer()
    assert "鸿蒙智行" in custom.tokenize("鸿蒙智行发布会")
    assert "鸿蒙智行" not in plain.tokenize("鸿蒙智行发布会")


def test_tokenizer_is_a_scikit_learn_tokenizer_and_pickles() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    tok = Tokenizer()
    vec = TfidfVectorizer(tokenizer=tok, token_pattern=None, lowercase=False)
    vec.fit(["周鸿祎谈大模型", "大模型和文生视频"])
    assert {"周鸿祎", "大模型", "文生视频"} <= set(vec.get_feature_names_out())
    clone = pickle.loads(pickle.dumps(tok))
    assert clone.lcut("周鸿祎谈大模型") == tok.lcut("周鸿祎谈大模型")


def test_stop_words_include_spacy_list_and_news_additions() -> None:
    sw = Tokenizer().stop_words
    assert {"的", "了", "可以", "进行", "表示"} <= sw  # spaCy's list
    assert {"记者", "据悉", "日前"} <= sw  # ours
    assert "人工智能" not in sw
