"""The shared data sets the evaluations score on and the recipes train on, read one way for both
(``toolkit.evaluate.*`` and ``toolkit.train.*``; the data is described in ``../shared/data/README.md``).

NER (``--data/ner``): :func:`read_ner_jsonl` gives (text, [(start, end, toolkit label)]) per
sentence, mapping each data set's labels to the toolkit's (see docs/ENTITIES.md):

- MSRA: PER → PERSON, LOC → LOC, ORG → COMPANY when the name ends in a business suffix
  (公司, 集团, 银行 except central/policy banks, 厂, 商场, 酒店 ...), else ORG.
- CLUENER2020: name → PERSON, company → COMPANY, organization/government → ORG,
  address/scene → LOC, book/movie/game → WORK (without the 《》 most CLUENER spans include),
  position → not an entity.
- Weibo: PER.NAM → PERSON, LOC.NAM/GPE.NAM → LOC, ORG.NAM → as MSRA's ORG; nominal
  mentions (.NOM) are not entities.

Tone (``--data/sentiment``): every set is a list of :class:`Example` (text, three-class label);
FinNSP items are also read whole as :class:`TargetItem` (text, listed entities, the negative ones).
BDCI-2019 news comes as one file: it is split here by a hash of its id (10 % dev, 10 % test held
out, 80 % train), so the split never changes and never depends on the file's order.

>>> bdci_split("0a20903175714d4b992e756e9a1c1529") in ("train", "dev", "test")
True
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Span", "map_label", "read_ner_jsonl", "read_raw_ner_jsonl",
           "Example", "TargetItem", "LABELS", "bdci_split", "read_set", "read_finnsp", "read_own", "SETS",
           "finnsp_half", "OWN_DIR", "DEFAULT_SETS", "read_bdci", "read_heldout_sentences", "read_heldout_targets"]

#: A labelled character span: start, end (exclusive), label.
Span = tuple[int, int, str]

_COMPANY = re.compile(
    r"(公司|集团|(?<!人民|中央|世界|开发|储备|亚洲)银行|厂|商场|商店|商厦|百货|超市|酒店|宾馆|饭店|药店|书店|企业)$"
)
_CLUENER = {"name": "PERSON", "company": "COMPANY", "organization": "ORG", "government": "ORG",
            "address": "LOC", "scene": "LOC", "book": "WORK", "movie": "WORK", "game": "WORK"}
_WEIBO = {"PER.NAM": "PERSON", "LOC.NAM": "LOC", "GPE.NAM": "LOC", "ORG.NAM": "ORG"}


def map_label(dataset: str, label: str, text: str, *, relabel_org: bool = True) -> str | None:
    """The toolkit label of a data set's span, or None when it is not an entity for us.

    >>> map_label("msra", "ORG", "中国银行"), map_label("msra", "ORG", "中国人民银行")
    ('COMPANY', 'ORG')
    """
    if dataset == "cluener":
        return _CLUENER.get(label)
    if dataset == "weibo":
        label = _WEIBO.get(label, "")
        if not label:
            return None
    if label == "PER":
        return "PERSON"
    if label == "ORG":
        return "COMPANY" if relabel_org and _COMPANY.search(text) else "ORG"
    if label in ("LOC", "PERSON"):
        return label
    return None


def read_ner_jsonl(path: Path, dataset: str, *, relabel_org: bool = True) -> Iterator[tuple[str, list[Span]]]:
    """(text, [(start, end, toolkit label)]) per line of a shared-data NER file (:func:`map_label`)."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            text = row["text"]
            ents = []
            for start, end, label in row["entities"]:
                mapped = map_label(dataset, label, text[start:end], relabel_org=relabel_org)
                if mapped == "WORK":  # titles without their 《》 (CLUENER includes them in most spans)
                    if text[start] == "《" and end - start > 1:
                        start += 1
                    if text[end - 1] == "》" and end - start > 1:
                        end -= 1
                if mapped is not None:
                    ents.append((start, end, mapped))
            yield text, ents


def read_raw_ner_jsonl(path: Path) -> list[tuple[str, list[Span]]]:
    """(text, [(start, end, the data set's own label)]) per line of a shared-data NER file."""
    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                rows.append((row["text"], [(int(a), int(b), str(c)) for a, b, c in row["entities"]]))
    return rows


# Tone data sets.

#: The three tone classes.
LABELS = ("negative", "neutral", "positive")
OWN_DIR = Path(__file__).resolve().parents[2] / "corpora" / "annotated"
#: The sets the recipe can read: name → what it is (for reports).
SETS = {
    "finne": "FinNE financial-news sentences (3 classes)",
    "bdci": "BDCI-2019 internet news, headline + lead (3 classes)",
    "chnsenticorp": "ChnSentiCorp hotel reviews (positive/negative)",
    "finnsp": "FinNSP financial news items (negative or not; not-negative read as neutral)",
    "own": "the project's annotated news sentences (3 classes)",
    "waimai": "waimai_10k delivery reviews (positive/negative; no split, train only)",
    "shopping": "online_shopping_10_cats product reviews (positive/negative; no split, train only)",
}
#: Sets the shipped model is trained on (``toolkit.train.sentiment``), and the plain baseline too.
DEFAULT_SETS = ("finne", "bdci", "chnsenticorp", "own", "finnsp")
#: FinNSP items are long; the first characters carry the item's news (its title comes first).
FINNSP_CHARS = 300


@dataclass(frozen=True)
class Example:
    """One labelled text."""

    text: str
    label: str


@dataclass(frozen=True)
class TargetItem:
    """One FinNSP item: its text, the entities it lists and which of them the negative news is about."""

    id: str
    text: str
    entities: tuple[str, ...]
    negative: bool
    negative_entities: frozenset[str]


def bdci_split(item_id: str) -> str:
    """``train``, ``dev`` or ``test`` for a BDCI-2019 item, by the md5 of its id."""
    h = int(hashlib.md5(item_id.encode("utf-8")).hexdigest(), 16) % 10
    return "dev" if h == 0 else "test" if h == 1 else "train"


def _jsonl(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _review(row: dict[str, object]) -> Example | None:
    text = row.get("text")
    if not isinstance(text, str) or not text.strip() or row.get("label") not in (0, 1):
        return None
    return Example(text, "positive" if row["label"] == 1 else "negative")


def _labelled_lines(path: Path) -> list[Example]:
    """``label<TAB>sentence`` lines (``#`` comments, blank lines skipped); errors name the line."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        label, _, text = line.partition("\t")
        if label not in LABELS or not text.strip():
            raise ValueError(f"{path}:{n}: expected 'negative|neutral|positive<TAB>sentence', got {line!r}")
        out.append(Example(text.strip(), label))
    return out


def read_own(split: str) -> list[Example]:
    """The project's news sentences, ``corpora/annotated/sentiment_{split}.tsv`` (label<TAB>sentence)."""
    return _labelled_lines(OWN_DIR / f"sentiment_{split}.tsv")


HELDOUT_DIR = OWN_DIR.parent / "heldout"


def read_heldout_sentences() -> list[Example]:
    """News sentences written and labelled by a helper that saw neither the training sentences
    nor the lexicon (``corpora/heldout/tone_sentences.tsv``): an honest check, never trained on."""
    return _labelled_lines(HELDOUT_DIR / "tone_sentences.tsv")


def read_heldout_targets() -> list[tuple[str, dict[str, str]]]:
    """Texts naming two or three targets with the tone towards each (``text<TAB>name=label|…``),
    written by the same independent helper (``corpora/heldout/tone_targets.tsv``)."""
    out = []
    path = HELDOUT_DIR / "tone_targets.tsv"
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        text, _, spec = line.partition("\t")
        pairs = dict(p.split("=", 1) for p in spec.split("|") if "=" in p)
        if not pairs or any(v not in LABELS or k not in text for k, v in pairs.items()):
            raise ValueError(f"{path}:{n}: expected 'text<TAB>name=label|…' with names in the text, got {line!r}")
        out.append((text, pairs))
    return out


def _title_lead(title: str, text: str) -> str:
    """A BDCI item as one text: the headline, then the lead unless the headline already holds it."""
    title, text = title.strip(), text.strip()
    if not title or text.startswith(title) or title.startswith(text):
        return text if len(text) >= len(title) else title
    return f"{title}。{text}"


def read_set(data: Path, name: str, split: str) -> list[Example]:
    """Examples of set ``name`` (a key of :data:`SETS`) and ``split`` (train, dev; test where held
    out sets have one). ``data`` is the folder holding ``sentiment/``."""
    root = data / "sentiment"
    if name == "own":
        return read_own(split)
    if name == "finne":
        return [Example(str(r["text"]).strip(), str(r["label"])) for r in _jsonl(root / "finne" / f"{split}.jsonl")]
    if name == "chnsenticorp":
        return [e for e in map(_review, _jsonl(root / "chnsenticorp" / f"{split}.jsonl")) if e]
    if name in ("waimai", "shopping"):
        if split != "train":
            return []
        folder = "waimai_10k" if name == "waimai" else "online_shopping_10_cats"
        return [e for e in map(_review, _jsonl(root / folder / "all.jsonl")) if e]
    if name == "bdci":
        return [Example(_title_lead(title, lead), label) for title, lead, label in read_bdci(data, split)]
    if name == "finnsp":
        # train: the half of FinNSP train that the sentence model learns from (the other half,
        # ``target``, trains the target model on the sentence model's outputs, unseen by it)
        return [Example(it.text[:FINNSP_CHARS], "negative" if it.negative else "neutral")
                for it in read_finnsp(data, split)]
    raise ValueError(f"unknown tone set {name!r}; expected one of {sorted(SETS)}")


def finnsp_half(item_id: str) -> str:
    """Which half of FinNSP train an item is in: ``train`` (the sentence model's) or ``target``."""
    return "target" if int(hashlib.md5(item_id.encode("utf-8")).hexdigest(), 16) % 2 else "train"


def read_bdci(data: Path, split: str) -> list[tuple[str, str, str]]:
    """BDCI-2019 items of ``split`` (:func:`bdci_split`) as (headline, lead, label)."""
    return [(str(r.get("title") or ""), str(r.get("text") or ""), str(r["label"]))
            for r in _jsonl(data / "sentiment" / "bdci2019_news" / "all.jsonl") if bdci_split(str(r["id"])) == split]


def read_finnsp(data: Path, split: str) -> list[TargetItem]:
    """FinNSP items of ``split`` with their listed and negative entities: ``dev``, or one half of
    the train file, ``train`` or ``target`` (:func:`finnsp_half`)."""
    out = []
    file = "dev" if split == "dev" else "train"
    for r in _jsonl(data / "sentiment" / "finnsp" / f"{file}.jsonl"):
        if file == "train" and finnsp_half(str(r["id"])) != split:
            continue
        text = str(r.get("text") or "")
        ents = tuple(dict.fromkeys(str(e) for e in (r.get("entities") or []) if str(e).strip()))  # type: ignore[attr-defined]
        neg = frozenset(str(e) for e in (r.get("negative_entities") or []))  # type: ignore[attr-defined]
        out.append(TargetItem(str(r["id"]), text, ents, bool(r.get("negative")), neg))
    return out
