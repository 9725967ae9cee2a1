"""Train the character BiLSTM-CRF of :mod:`toolkit.ner.tagging.charnet` with PyTorch (training only).

Called by :mod:`toolkit.train.ner` (``make train-ner``). The training sentences and label
mapping are those of :func:`toolkit.train.ner.training_examples`. Each epoch ends with a
score on the MSRA and CLUENER dev splits; the epoch with the best mean F1 is kept (dev
splits choose the epoch, nothing else; test splits are never read).
"""
from __future__ import annotations

import math
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..ner.tagging.charnet import FIELDS, CharNet, encode, fold_char, word_columns
from ..ner.tagging.crf import WordSegmenter, spans_to_tags
from ..ner.tagging.lexicon import FEATURE_NAMES, bundled_lexicon

__all__ = ["NetConfig", "build_vocab", "train_net"]

Span = tuple[int, int, str]
Example = tuple[str, list[Span]]


@dataclass
class NetConfig:
    char_dim: int = 100
    bigram_dim: int = 50
    word_dim: int = 64
    shape_dim: int = 16
    pos_dim: int = 16
    lex_dim: int = 0  # > 0: read the dictionary matches (toolkit.ner.tagging.lexicon) through a linear layer
    lac_dim: int = 0  # > 0: read Baidu LAC's tag scores (toolkit.ner.tagging.lac) through a linear layer of this width
    lac_inputs: str = "scores"  # what of LAC: its tag scores, or "states+scores" (its hidden states too)
    style_dim: int = 0  # > 0: an embedding of each sentence's data set ("style") read by the LSTM and output layer
    style_any: float = 0.1  # share of sentences trained with the generic style "any" instead of their own
    hidden: int = 150
    dropout: float = 0.3
    unk_dropout: float = 0.05  # share of bigram/word ids replaced by UNK while training
    min_count: int = 2
    epochs: int = 8
    lr: float = 2e-3
    batch_chars: int = 1600
    seed: int = 1


def build_vocab(rows: Sequence[tuple[str, list[tuple[str, str]]]], min_count: int) -> dict[str, dict[str, int]]:
    """Tables of the entries seen ``min_count`` times or more (ids from 2; 0 = padding, 1 = unknown)."""
    counts: dict[str, Counter[str]] = {f: Counter() for f in FIELDS}
    for text, words in rows:
        folded = [fold_char(c) for c in text]
        counts["char"].update(folded)
        padded = ["^", *folded, "$"]
        counts["bigram"].update(padded[i] + padded[i + 1] for i in range(len(padded) - 1))
        word_of, shape_of, pos_of = word_columns(len(text), words)
        counts["word"].update(w or c for w, c in zip(word_of, folded, strict=True))
        counts["shape"].update(shape_of)
        counts["pos"].update(pos_of)
    vocab = {}
    for f in FIELDS:
        keep = 1 if f in ("shape", "pos") else min_count
        names = sorted((k for k, v in counts[f].items() if v >= keep), key=lambda k: (-counts[f][k], k))
        vocab[f] = {k: i for i, k in enumerate(names, start=2)}
    return vocab


def _model(cfg: NetConfig, vocab: dict[str, dict[str, int]], k: int, n_styles: int = 0, n_lac: int = 0) -> Any:
    import torch
    from torch import nn

    class BiLSTMCRF(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            size = {f: len(vocab[f]) + 2 for f in FIELDS}
            self.char = nn.Embedding(size["char"], cfg.char_dim, padding_idx=0)
            self.bigram = nn.Embedding(size["bigram"], cfg.bigram_dim, padding_idx=0)
            self.word = nn.Embedding(size["word"], cfg.word_dim, padding_idx=0)
            self.shape = nn.Embedding(size["shape"], cfg.shape_dim, padding_idx=0)
            self.pos = nn.Embedding(size["pos"], cfg.pos_dim, padding_idx=0)
            d = (cfg.char_dim + 2 * cfg.bigram_dim + cfg.word_dim + cfg.shape_dim + cfg.pos_dim + cfg.lex_dim
                 + cfg.lac_dim)
            self.lex = nn.Linear(len(FEATURE_NAMES), cfg.lex_dim, bias=False) if cfg.lex_dim else None
            self.lac = nn.Linear(n_lac, cfg.lac_dim, bias=False) if cfg.lac_dim else None
            self.style = nn.Embedding(n_styles, cfg.style_dim) if cfg.style_dim else None
            self.drop = nn.Dropout(cfg.dropout)
            self.lstm = nn.LSTM(d + cfg.style_dim, cfg.hidden, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * cfg.hidden + cfg.style_dim, k)
            self.transition = nn.Parameter(torch.zeros(k, k))
            self.start = nn.Parameter(torch.zeros(k))
            self.end = nn.Parameter(torch.zeros(k))

        def emissions(self, ids: torch.Tensor, lens: torch.Tensor, lex: torch.Tensor | None = None,
                      style: torch.Tensor | None = None, lac: torch.Tensor | None = None) -> torch.Tensor:
            parts = [self.char(ids[..., 0]), self.bigram(ids[..., 1]), self.bigram(ids[..., 2]),
                     self.word(ids[..., 3]), self.shape(ids[..., 4]), self.pos(ids[..., 5])]
            if self.lex is not None:
                assert lex is not None, "this model reads dictionary features"
                parts.append(self.lex(lex))
            if self.lac is not None:
                assert lac is not None, "this model reads LAC's tag scores"
                parts.append(self.lac(lac))
            x = self.drop(torch.cat(parts, dim=-1))
            s = None
            if self.style is not None:
                assert style is not None, "this model reads each sentence's style"
                s = self.style(style)[:, None, :].expand(-1, ids.shape[1], -1)
                x = torch.cat([x, s], dim=-1)
            packed = nn.utils.rnn.pack_padded_sequence(x, lens, batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=ids.shape[1])
            h = self.drop(h)
            if s is not None:
                h = torch.cat([h, s], dim=-1)
            return self.out(h)  # type: ignore[no-any-return]

        def nll(self, emit: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            """Mean negative log-likelihood of the gold tag paths (linear-chain CRF)."""
            b, t, _ = emit.shape
            ar = torch.arange(b)
            gold = self.start[tags[:, 0]] + emit[ar, 0, tags[:, 0]]
            alpha = self.start[None] + emit[:, 0]
            for i in range(1, t):
                m = mask[:, i]
                step = self.transition[tags[:, i - 1], tags[:, i]] + emit[ar, i, tags[:, i]]
                gold = gold + step * m
                nxt = torch.logsumexp(alpha[:, :, None] + self.transition[None] + emit[:, i, None, :], dim=1)
                alpha = torch.where(m[:, None] > 0, nxt, alpha)
            last = tags[ar, mask.sum(1).long() - 1]
            gold = gold + self.end[last]
            log_z = torch.logsumexp(alpha + self.end[None], dim=1)
            return (log_z - gold).mean()

    return BiLSTMCRF()


def _to_charnet(model: Any, labels: list[str], vocab: dict[str, dict[str, int]], meta: dict[str, Any],
                styles: Sequence[str] = (), lac_inputs: str = "scores") -> CharNet:
    sd = {k: v.detach().cpu().numpy().astype(np.float32) for k, v in model.state_dict().items()}
    w = {f: sd[f"{f}.weight"] for f in FIELDS}
    w["w_ih"] = np.stack([sd["lstm.weight_ih_l0"], sd["lstm.weight_ih_l0_reverse"]])
    w["w_hh"] = np.stack([sd["lstm.weight_hh_l0"], sd["lstm.weight_hh_l0_reverse"]])
    w["b"] = np.stack([sd["lstm.bias_ih_l0"] + sd["lstm.bias_hh_l0"],
                       sd["lstm.bias_ih_l0_reverse"] + sd["lstm.bias_hh_l0_reverse"]])
    w["out_w"], w["out_b"] = sd["out.weight"], sd["out.bias"]
    w["transition"], w["start"], w["end"] = sd["transition"], sd["start"], sd["end"]
    if "lex.weight" in sd:
        w["lex"] = np.ascontiguousarray(sd["lex.weight"].T)
    if "lac.weight" in sd:
        w["lac"] = np.ascontiguousarray(sd["lac.weight"].T)
    if "style.weight" in sd:
        # a style is a constant input: its share of the LSTM's input projection and of the output
        # layer is a bias per style, so the numpy model stores those biases and not the embedding
        emb = sd["style.weight"]
        d = emb.shape[1]
        w["style_b"] = np.einsum("sd,zgd->szg", emb, w["w_ih"][:, :, -d:])
        w["w_ih"] = np.ascontiguousarray(w["w_ih"][:, :, :-d])
        w["style_out"] = emb @ w["out_w"][:, -d:].T
        w["out_w"] = np.ascontiguousarray(w["out_w"][:, :-d])
    return CharNet(labels, vocab, w, meta, styles=tuple(styles), lac_inputs=lac_inputs)


def train_net(examples: Sequence[Example], cfg: NetConfig,
              dev_score: Callable[[CharNet], dict[str, float]] | None = None,
              log: Callable[[str], None] = print, checkpoint: Path | None = None,
              sources: Sequence[str] | None = None) -> tuple[CharNet, list[dict[str, Any]]]:
    """Train on ``examples``; ``dev_score`` (model → {name: F1}) picks the best epoch by the
    mean of its values (without it, the last epoch is kept), saved to ``checkpoint`` when
    given. Returns the model and the per-epoch history.

    With ``cfg.style_dim``, ``sources`` names each example's data set: the model learns one
    style per data set (its annotation conventions) plus the generic style ``any`` (a
    ``cfg.style_any`` share of sentences, drawn afresh each epoch, is trained with it)."""
    import torch

    random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    segment = WordSegmenter()
    t0 = time.perf_counter()
    rows = [(text, segment(text)) for text, _ in examples]
    vocab = build_vocab(rows, cfg.min_count)
    labels = sorted({t for text, ents in examples for t in spans_to_tags(len(text), ents)},
                    key=lambda t: (t != "O", t[2:], t[:1]))
    col = {t: i for i, t in enumerate(labels)}
    lexicon = bundled_lexicon() if cfg.lex_dim else None
    styles: tuple[str, ...] = ()
    style_of: list[int] = [0] * len(examples)
    if cfg.style_dim:
        if sources is None or len(sources) != len(examples):
            raise ValueError("a model with styles needs the data set of each example (sources=)")
        styles = ("any", *sorted(set(sources) - {"any"}))
        style_of = [styles.index(x) for x in sources]
    lac_of: dict[str, np.ndarray] = {}
    n_lac = 0
    if cfg.lac_dim:
        from ..ner.tagging.lac import LacScores

        lac = LacScores.from_package(cfg.lac_inputs)
        n_lac = lac.n_features
        t2 = time.perf_counter()
        for text, _ in rows:
            if text and text not in lac_of:
                lac_of[text] = lac.scores([text])[0].astype(np.float16)
        log(f"LAC {cfg.lac_inputs} of {len(lac_of)} distinct sentences in {time.perf_counter() - t2:.0f} s")
    data = [(encode(text, words, vocab), np.array([col[t] for t in spans_to_tags(len(text), ents)]),
             lexicon.features(text).astype(np.uint8) if lexicon is not None else None, sid,
             lac_of.get(text))
            for (text, words), (_, ents), sid in zip(rows, examples, style_of, strict=True) if text]
    log(f"encoded {len(data)} sentences in {time.perf_counter() - t0:.0f} s; "
        f"vocab {', '.join(f'{f} {len(v)}' for f, v in vocab.items())}; {len(labels)} tags")
    model = _model(cfg, vocab, len(labels), len(styles), n_lac)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    order = sorted(range(len(data)), key=lambda i: len(data[i][0]))
    batches: list[list[int]] = []
    cur: list[int] = []
    for i in order:
        if cur and (len(cur) + 1) * len(data[i][0]) > cfg.batch_chars:
            batches.append(cur)
            cur = []
        cur.append(i)
    if cur:
        batches.append(cur)
    history: list[dict[str, Any]] = []
    best: tuple[float, dict[str, Any]] | None = None
    meta: dict[str, Any] = {}
    for epoch in range(1, cfg.epochs + 1):
        model.train()
        random.shuffle(batches)
        lr = cfg.lr * 0.5 * (1 + math.cos(math.pi * (epoch - 1) / cfg.epochs))
        for g in opt.param_groups:
            g["lr"] = lr
        t1, total, seen = time.perf_counter(), 0.0, 0
        for bi, batch in enumerate(batches):
            lens = [len(data[i][0]) for i in batch]
            t = max(lens)
            ids = np.zeros((len(batch), t, 6), dtype=np.int64)
            tags = np.zeros((len(batch), t), dtype=np.int64)
            lex = np.zeros((len(batch), t, len(FEATURE_NAMES)), dtype=np.float32) if cfg.lex_dim else None
            lac_in = np.zeros((len(batch), t, n_lac), dtype=np.float32) if cfg.lac_dim else None
            for j, i in enumerate(batch):
                ids[j, :lens[j]] = data[i][0]
                tags[j, :lens[j]] = data[i][1]
                if lex is not None:
                    lex[j, :lens[j]] = data[i][2]
                if lac_in is not None:
                    lac_in[j, :lens[j]] = data[i][4]
            x = torch.from_numpy(ids)
            if cfg.unk_dropout:
                drop = torch.rand(x.shape[:2]) < cfg.unk_dropout
                for c in (1, 2, 3):
                    x[..., c] = torch.where(drop & (x[..., c] > 0), torch.ones_like(x[..., c]), x[..., c])
            lt = torch.tensor(lens)
            mask = (torch.arange(t)[None] < lt[:, None]).float()
            lex_t = torch.from_numpy(lex) if lex is not None else None
            style_t = None
            if styles:
                style_t = torch.tensor([data[i][3] for i in batch])
                style_t = torch.where(torch.rand(len(batch)) < cfg.style_any, torch.zeros_like(style_t), style_t)
            lac_t = torch.from_numpy(lac_in) if lac_in is not None else None
            loss = model.nll(model.emissions(x, lt, lex_t, style_t, lac_t), torch.from_numpy(tags), mask)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            total += loss.item() * len(batch)
            seen += len(batch)
            if bi % 200 == 0:
                log(f"epoch {epoch} batch {bi}/{len(batches)} loss {total / seen:.3f} "
                    f"({time.perf_counter() - t1:.0f} s)")
        model.eval()
        with torch.no_grad():
            net = _to_charnet(model, labels, vocab, meta, styles, cfg.lac_inputs)
        scores = dev_score(net) if dev_score else {}
        row = {"epoch": epoch, "loss": round(total / seen, 4), "lr": lr,
               "minutes": round((time.perf_counter() - t1) / 60, 1), **scores}
        history.append(row)
        log(str(row))
        mean = sum(scores.values()) / len(scores) if scores else float(epoch)
        if best is None or mean > best[0]:
            best = (mean, {k: v.clone() for k, v in model.state_dict().items()})
            if checkpoint is not None:
                net.meta = {"epoch": epoch, **scores}
                net.save(checkpoint)
    assert best is not None
    model.load_state_dict(best[1])
    with torch.no_grad():
        net = _to_charnet(model, labels, vocab, meta, styles, cfg.lac_inputs)
    return net, history
