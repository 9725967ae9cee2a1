"""The character CRF (``make train-ner MODEL=crf``): features, BIO tags, numpy decoding equal to CRFsuite's, safe storage."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from toolkit.errors import ModelFormatError, ModelNotFoundError
from toolkit.ner.tagging.crf import CharCRF, WordSegmenter, char_features, spans_to_tags, tags_to_spans

pycrfsuite = pytest.importorskip("pycrfsuite")

ROOT = Path(__file__).resolve().parent.parent
TRAIN = [
    ("张伟在北京工作。", [(0, 2, "PERSON"), (3, 5, "LOC")]),
    ("李娜去了上海。", [(0, 2, "PERSON"), (4, 6, "LOC")]),
    ("王强在华为公司上班。", [(0, 2, "PERSON"), (3, 7, "COMPANY")]),
    ("刘洋访问了广州和深圳。", [(0, 2, "PERSON"), (5, 7, "LOC"), (8, 10, "LOC")]),
    ("陈静加入了腾讯公司。", [(0, 2, "PERSON"), (5, 9, "COMPANY")]),
]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[CharCRF, Path]:
    seg = WordSegmenter()
    trainer = pycrfsuite.Trainer(verbose=False)
    for text, ents in TRAIN:
        trainer.append(char_features(text, seg(text)), spans_to_tags(len(text), ents))
    trainer.set_params({"c1": 0.0, "c2": 0.01, "max_iterations": 50, "feature.possible_transitions": True})
    path = tmp_path_factory.mktemp("crf") / "tiny.crfsuite"
    trainer.train(str(path))
    return CharCRF.from_crfsuite(path, {"test": True}), path


def test_features_see_characters_and_the_jieba_word_around_them() -> None:
    feats = char_features("马云说", [("马云", "nr"), ("说", "v")])
    assert len(feats) == 3
    assert {"c0=云", "c-1=马", "b-1=马云", "w=马云", "wb=E2", "wt=E2nr", "wn=说"} <= set(feats[1])
    assert {"c0=说", "wb=S1", "wp=马云", "c1=$"} <= set(feats[2])


def test_bio_tags_round_trip_and_stray_inside_tags_start_an_entity() -> None:
    spans = [(0, 2, "PERSON"), (3, 7, "COMPANY")]
    assert tags_to_spans(spans_to_tags(8, spans)) == spans
    assert tags_to_spans(["O", "I-LOC", "I-LOC", "B-LOC", "I-PERSON"]) == [(1, 3, "LOC"), (3, 4, "LOC"),
                                                                         (4, 5, "PERSON")]


def test_numpy_viterbi_gives_crfsuites_own_tags(tiny: tuple[CharCRF, Path]) -> None:
    crf, path = tiny
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    seg = WordSegmenter()
    texts = [t for t, _ in TRAIN] + ["赵敏在杭州的阿里巴巴公司工作。", "周鸿祎说。", "A", "今天下雨了，北京很冷。"]
    for text in texts:
        feats = char_features(text, seg(text))
        assert crf.tag(feats) == tagger.tag(feats), text


def test_decoding_in_batches_equals_decoding_one_by_one(tiny: tuple[CharCRF, Path]) -> None:
    crf, _ = tiny
    texts = ["张伟在北京工作。" * k for k in (1, 5, 2)] + ["", "王强", "刘洋访问了广州和深圳，李娜去了上海。"]
    assert crf.spans_many(texts) == [crf.spans(t) for t in texts]
    seg = WordSegmenter()
    feats = [char_features(t, seg(t)) for t in texts if t]
    assert crf.tag_many(feats, batch=2) == [crf.tag(f) for f in feats]


HOSTILE = ["", "A", "==等号=", "^^$$", "  ＡＩ公司OpenAI发布Sora😀，iPhone 16 Pro上市。\n\n张伟在杭州说。",
           "赵敏在杭州的阿里巴巴公司工作。" * 3]


def test_scores_looked_up_by_template_equal_the_sum_of_the_named_features(tiny: tuple[CharCRF, Path]) -> None:
    from toolkit.ner.tagging.load import load_tagger

    seg = WordSegmenter()
    for crf in (tiny[0], load_tagger(ROOT / "models" / "ner", fast=True)):
        assert isinstance(crf, CharCRF)
        for text in [t for t, _ in TRAIN] + HOSTILE:
            words = seg(text)
            want = crf._emissions(char_features(text, words)) if text else np.zeros((0, len(crf.labels)))
            assert np.allclose(crf.scores(text, words), want, atol=1e-5), text


def test_scores_of_many_texts_at_once_equal_each_texts_own_and_odd_words_are_read_as_given(
        tiny: tuple[CharCRF, Path]) -> None:
    from toolkit.ner.tagging.load import load_tagger

    seg = WordSegmenter()
    texts = [t for t, _ in TRAIN] + HOSTILE + ["𠀀𪚥生僻字与emoji🚀", "华为公司"]
    words = [seg(t) for t in texts]
    # words that do not tile their text (too short, an empty word) are read per character
    words[-1] = [("华为", "nt")]
    words[-2] = [("", "x"), *words[-2]]
    for crf in (tiny[0], load_tagger(ROOT / "models" / "ner", fast=True)):
        assert isinstance(crf, CharCRF)
        together = crf.emissions_many(texts, words)
        for text, w, got in zip(texts, words, together, strict=True):
            want = crf._emissions(char_features(text, w)) if text else np.zeros((0, len(crf.labels)))
            assert got.shape == want.shape and np.allclose(got, want, atol=1e-5), text


def test_a_crf_trained_with_dictionary_features_scores_them(tiny: tuple[CharCRF, Path], tmp_path: Path) -> None:
    from toolkit.ner.tagging.crf import lexicon_features
    from toolkit.ner.tagging.lexicon import bundled_lexicon

    seg, lex = WordSegmenter(), bundled_lexicon()
    trainer = pycrfsuite.Trainer(verbose=False)
    for text, ents in TRAIN:
        feats = [f + lx for f, lx in zip(char_features(text, seg(text)), lexicon_features(text, lex), strict=True)]
        trainer.append(feats, spans_to_tags(len(text), ents))
    trainer.set_params({"c1": 0.0, "c2": 0.01, "max_iterations": 50, "feature.possible_transitions": True})
    trainer.train(str(tmp_path / "lex.crfsuite"))
    crf = CharCRF.from_crfsuite(tmp_path / "lex.crfsuite", {})
    assert crf.uses_lexicon and not tiny[0].uses_lexicon
    for text in [t for t, _ in TRAIN] + HOSTILE[1:]:
        words = seg(text)
        feats = [f + lx for f, lx in zip(char_features(text, words), lexicon_features(text, lex), strict=True)]
        assert np.allclose(crf.emissions_many([text], [words])[0], crf._emissions(feats), atol=1e-5), text
    crf.save(tmp_path / "saved")
    assert CharCRF.load(tmp_path / "saved").uses_lexicon


def test_a_trained_model_learns_its_training_sentences(tiny: tuple[CharCRF, Path]) -> None:
    crf, _ = tiny
    for text, ents in TRAIN:
        assert crf.spans(text) == ents


def test_save_and_load_round_trip_without_pickle(tiny: tuple[CharCRF, Path], tmp_path: Path) -> None:
    crf, _ = tiny
    crf.save(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crf.json", "weights.npz"]
    with np.load(tmp_path / "weights.npz", allow_pickle=False) as z:  # loads without pickle
        assert set(z.files) == {"rows", "cols", "values", "transition"}
    back = CharCRF.load(tmp_path)
    assert back.labels == crf.labels and back.index == crf.index
    assert np.array_equal(back.state, crf.state) and np.array_equal(back.transition, crf.transition)


def test_broken_or_foreign_models_are_clear_errors(tiny: tuple[CharCRF, Path], tmp_path: Path) -> None:
    crf, _ = tiny
    with pytest.raises(ModelNotFoundError):
        CharCRF.load(tmp_path / "missing")
    crf.save(tmp_path)
    npz = tmp_path / "weights.npz"
    good = npz.read_bytes()
    npz.write_bytes(good[:200])
    with pytest.raises(ModelFormatError, match=str(tmp_path)):
        CharCRF.load(tmp_path)
    npz.write_bytes(good)
    doc = json.loads((tmp_path / "crf.json").read_text(encoding="utf-8"))
    (tmp_path / "crf.json").write_text(json.dumps({**doc, "features_version": 1}), encoding="utf-8")
    with pytest.raises(ModelFormatError, match="features version"):
        CharCRF.load(tmp_path)
    (tmp_path / "crf.json").write_text(json.dumps({**doc, "labels": doc["labels"][:2]}), encoding="utf-8")
    with pytest.raises(ModelFormatError, match="do not match"):
        CharCRF.load(tmp_path)


def test_the_training_recipe_writes_a_loadable_pipeline(tmp_path: Path) -> None:
    from toolkit.ner.tagging.load import load_pipeline
    from toolkit.train.ner import main

    rows = {"msra": [{"text": t, "entities": [[s, e, {"PERSON": "PER", "COMPANY": "ORG"}.get(lab, lab)]
                                              for s, e, lab in ents]} for t, ents in TRAIN],
            "cluener": [{"text": "赵敏在杭州。", "entities": [[0, 2, "name"], [3, 5, "address"]]}],
            "weibo": [{"text": "孙悦到了武汉", "entities": [[0, 2, "PER.NAM"], [4, 6, "GPE.NAM"]]}]}
    for name, lines in rows.items():
        (tmp_path / "data" / "ner" / name).mkdir(parents=True)
        (tmp_path / "data" / "ner" / name / "train.jsonl").write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in lines), encoding="utf-8")
    dest = tmp_path / "models" / "ner"
    assert main(["--data", str(tmp_path / "data"), "--work", str(tmp_path / "work"), "--dest", str(dest),
                 "--model", "crf", "--iterations", "30", "--sets", "msra,cluener,weibo"]) == 0
    meta = json.loads((dest / "meta.json").read_text(encoding="utf-8"))
    assert meta["toolkit"]["sentences"] == len(TRAIN) + 2 * 1 + 1  # CLUENER counted twice
    nlp = load_pipeline(dest)
    assert [(e.text, e.label_) for e in nlp("张伟在北京工作。").ents] == [("张伟", "PERSON"), ("北京", "LOC")]


def test_a_crf_trained_with_styles_adds_the_features_of_the_style_asked_for(tmp_path: Path) -> None:
    from toolkit.ner.tagging.crf import style_features

    seg = WordSegmenter()
    trainer = pycrfsuite.Trainer(verbose=False)
    for k, (text, ents) in enumerate(TRAIN):
        trainer.append(style_features(char_features(text, seg(text)), "news" if k % 2 else "web"),
                       spans_to_tags(len(text), ents))
    trainer.set_params({"c1": 0.0, "c2": 0.01, "max_iterations": 50, "feature.possible_transitions": True})
    trainer.train(str(tmp_path / "styled.crfsuite"))
    crf = CharCRF.from_crfsuite(tmp_path / "styled.crfsuite", {})
    assert crf.styles == ("any", "news", "web") and crf.style == ""
    texts = [t for t, _ in TRAIN] + HOSTILE
    words = [seg(t) for t in texts]
    for style in ("", "any", "news", "web"):
        styled = crf.with_style(style)
        for text, w, got in zip(texts, words, styled.emissions_many(texts, words), strict=True):
            feats = char_features(text, w)
            if style not in ("", "any"):
                feats = style_features(feats, style)
            want = crf._emissions(feats) if text else np.zeros((0, len(crf.labels)))
            assert np.allclose(got, want, atol=1e-5), (style, text)
    assert not np.allclose(*(crf.with_style(s).scores(TRAIN[0][0], seg(TRAIN[0][0])) for s in ("news", "web")))
    with pytest.raises(ValueError, match="unknown style"):
        crf.with_style("msra")


@pytest.mark.parametrize(("style_any", "styled"), [(0.0, 5), (1.0, 0)])
def test_the_recipe_trains_a_share_of_sentences_on_the_shared_features_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, style_any: float, styled: int) -> None:
    from toolkit.train import ner as recipe

    appended: list[list[list[str]]] = []
    real = pycrfsuite.Trainer.append

    def spy(self: object, feats: list[list[str]], tags: list[str]) -> None:
        appended.append(feats)
        real(self, feats, tags)  # type: ignore[arg-type]

    monkeypatch.setattr(pycrfsuite.Trainer, "append", spy)
    recipe.train_crf(TRAIN, tmp_path / "m.crfsuite", iterations=5, c1=0.0, c2=0.01,
                     sources=["msra"] * len(TRAIN), style_any=style_any)
    assert sum(any(f.startswith("msra|") for f in feats[0]) for feats in appended) == styled
    crf = CharCRF.from_crfsuite(tmp_path / "m.crfsuite", {})
    assert crf.styles == (("any", "msra") if styled else ())


def test_the_recipe_reads_sentences_as_the_tagger_does_and_swaps_names_in_later_copies(tmp_path: Path) -> None:
    from toolkit.train.ner import training_examples

    names = ["赵敏", "周芷若", "张无忌", "杨逍", "范遥", "殷离", "小昭", "宋青书"]
    rows = [{"text": f"{n}在杭州参加了Ｇ２０峰会。", "entities": [[0, len(n), "name"], [len(n) + 1, len(n) + 3, "address"]]}
            for n in names]
    (tmp_path / "ner" / "cluener").mkdir(parents=True)
    (tmp_path / "ner" / "cluener" / "train.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    first, second = (training_examples(tmp_path, sets=("cluener",), augment=augment)[0]
                      for augment in ((), ("cluener",)))
    assert first[:8] == first[8:] and "Ｇ２０" not in first[0][0] and "G20" in first[0][0]
    assert second[:8] == first[:8]  # the first copy as annotated
    swapped = [(a, b) for a, b in zip(first[8:], second[8:], strict=True) if a != b]
    assert 1 <= len(swapped) <= 8
    for _, (text, spans) in swapped:
        person, place = ((text[s:e], lab) for s, e, lab in spans)
        assert person[1] == "PERSON" and person[0] in names and place == ("杭州", "LOC")
        assert text == f"{person[0]}在杭州参加了G20峰会。"
