"""Dictionary matches per character: every lexicon word covering a character, as features."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from toolkit.ner.tagging.lexicon import FEATURE_NAMES, MAX_LEN, Lexicon, bundled_lexicon, read_jieba_dict, word_class


def _names(lex: Lexicon, text: str) -> list[list[str]]:
    return [[lex.names[f] for f in fs] for fs in lex.matches(text)]


def test_every_word_covering_a_character_is_seen_not_only_one_segmentation() -> None:
    lex = Lexicon({"中国": "ns", "中国人民银行": "nt", "人民": "n", "银行": "n"})
    assert _names(lex, "中国人民银行") == [
        ["B2ns", "B4nt"], ["E2ns", "M4nt"], ["M4nt", "B2n"], ["M4nt", "E2n"], ["M4nt", "B2n"], ["E4nt", "E2n"]]


def test_features_are_position_length_and_word_class() -> None:
    assert len(FEATURE_NAMES) == 3 * 3 * 8 and len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)
    assert word_class("nrt") == "nrt" and word_class("vn") == "v" and word_class("m") == "x"
    lex = Lexicon({"克里斯托瓦尔": "nrt"})
    feats = lex.features("见克里斯托瓦尔。")
    assert feats.shape == (8, len(FEATURE_NAMES)) and feats.dtype == np.float32
    assert feats[0].sum() == 0 and feats[-1].sum() == 0
    assert [lex.names[i] for i in np.flatnonzero(feats[1])] == ["B4nrt"]
    assert [lex.names[i] for i in np.flatnonzero(feats[6])] == ["E4nrt"]


def test_single_characters_and_overlong_words_are_not_entries() -> None:
    lex = Lexicon({"说": "v", "长" * (MAX_LEN + 1): "n", "长长": "n"})
    assert len(lex) == 1
    assert lex.features("").shape == (0, len(FEATURE_NAMES))
    assert _names(lex, "说") == [[]]


def test_dictionary_files_in_jiebas_format(tmp_path: object) -> None:
    from pathlib import Path

    p = Path(str(tmp_path)) / "d.txt"
    p.write_text("# comment\n周鸿祎 5 nr\n鸿蒙智行 nz\n大模型\n", encoding="utf-8")
    assert read_jieba_dict(p) == {"周鸿祎": "nr", "鸿蒙智行": "nz", "大模型": ""}


def test_the_bundled_lexicon_is_jiebas_dictionary_and_the_news_dictionary() -> None:
    lex = bundled_lexicon()
    assert len(lex) > 300_000
    assert _names(lex, "周鸿祎")[0] == ["B3nr"]
    assert any(lex.matches("大模型"))  # from models/userdict


def test_the_bundled_lexicon_reads_the_user_dictionary_of_the_model_folder_it_is_given(tmp_path: Path) -> None:
    (tmp_path / "userdict").mkdir()
    (tmp_path / "userdict" / "userdict.txt").write_text("栖木云图 50 nz\n", encoding="utf-8")
    assert "B4nz" in _names(bundled_lexicon(tmp_path), "栖木云图")[0]
    assert "B4nz" not in _names(bundled_lexicon(), "栖木云图")[0]
