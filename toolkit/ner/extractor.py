"""Named entities: a trained spaCy model, a curated gazetteer and rules, merged by one policy.

- The statistical model (``models/ner``: a spaCy pipeline holding a character tagger — a
  BiLSTM-CRF over character, bigram and jieba word embeddings summed with a CRF over
  character n-gram and jieba word features, or either alone; see :mod:`toolkit.ner.tagging.charnet` and
  :mod:`toolkit.ner.tagging.crf`) finds names that are in no list.
- The gazetteer (``models/gazetteer/entities.tsv``: canonical name, label, aliases) finds
  the companies, products, people and organisations that matter in today's news, under
  one canonical name per entity. Users add their own entries with :meth:`Gazetteer.add`
  or a file of the same format.
- Rules: titles in 《》 are WORKs; a product name is extended over its model suffix
  (``iPhone`` + `` 15 Pro``); unknown Latin-script names are COMPANY or PRODUCT when the
  context says so (``Runway公司``, ``发布了Gen-3``).

Overlaps are resolved by :func:`resolve_overlaps` (swappable): gazetteer before rules
before the model, longer before shorter, earlier before later; a model span that strictly
contains gazetteer spans of its own label is kept whole. Canonical names unify mentions
within an article (``马斯克`` → ``埃隆·马斯克`` when the article names him in full).
"""
from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import InvalidParameterError
from ..resources import resolve_model_dir
from ..results import ENTITY_LABELS, Entity, EntityLabel
from ..text.normalize import tagging_view
from ..text.tokenizer import Tokenizer
from .context import (
    ListHeads,
    context_companies,
    latin_people,
    list_labels,
    media_outlets,
    quoted_products,
    split_runons,
)
from .cues import (
    AppositiveCues,
    appositive_entities,
    coded_companies,
    quoted_names,
    registered_companies,
    without_codes,
)
from .gazetteer import Gazetteer
from .mentions import repeated_mentions
from .merge import (
    LATIN_LEGAL,
    LATIN_LEGAL_DOT,
    at_original,
    canonicalize,
    confirm_ambiguous,
    generic_name,
    in_markup,
    plausible_name,
    resolve_overlaps,
)
from .places import Places, place_mentions
from .rules import ASCII_NAME, COUNT_TAIL, defined_abbreviations, extend_products, rule_entities
from .tagging.charnet import CharNet, Ensemble
from .tagging.crf import CharCRF, WordSegmenter
from .tagging.load import load_pipeline, load_tagger
from .wordlists import COUNTED, PERSON_WORDS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

__all__ = ["MODEL_CHOICES", "EntityExtractor"]

_CHUNK = 1500



# ---------------------------------------------------------------------------------- extractor

#: A sentence ends at 。！？ (or ! ?) or a line break, with the closing quotes and brackets after it.
_SENTENCE_END = re.compile(r"(?:[。！？!?]+[”’」』）)]*|\n)\n*")


def _chunks(text: str, size: int = _CHUNK) -> list[tuple[int, str]]:
    """Cut text into sentences (``(offset, piece)``), the pieces the tagger scores: it was trained
    on sentences, and many short pieces are scored in parallel where one long one is a long
    sequential pass. A sentence over ``size`` characters is cut at its last ；，, or space
    before the limit (or at the limit).

    >>> _chunks("他说：“好。”我们走吧！\\n第二段")
    [(0, '他说：“好。”'), (7, '我们走吧！\\n'), (13, '第二段')]
    """
    out: list[tuple[int, str]] = []
    start = 0
    n = len(text)
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    if not ends or ends[-1] < n:
        ends.append(n)
    for end in ends:
        while end - start > size:
            limit = start + size
            cut = max(text.rfind(c, start, limit) for c in "；;，, ")
            cut = cut + 1 if cut > start else limit
            out.append((start, text[start:cut]))
            start = cut
        if end > start:
            out.append((start, text[start:end]))
            start = end
    return out


#: Pieces handed to the tagger at once: it sorts them by length and scores batches of 64 similar
#: lengths (few padding steps); the window bounds the memory held for a very long text.
WINDOW_PIECES, WINDOW_CHARS = 4096, 250_000


def _groups(pieces: Iterable[tuple[int, int, str]], size: int = WINDOW_PIECES,
            max_chars: int = WINDOW_CHARS) -> Iterator[list[tuple[int, int, str]]]:
    """Consecutive windows of at most ``size`` pieces and about ``max_chars`` characters."""
    group: list[tuple[int, int, str]] = []
    chars = 0
    for p in pieces:
        group.append(p)
        chars += len(p[2])
        if len(group) == size or chars >= max_chars:
            yield group
            group, chars = [], 0
    if group:
        yield group


#: The values of ``use_model`` / ``Analyzer(ner_model=...)``.
MODEL_CHOICES = (True, False, "fast", "accurate")


class EntityExtractor:
    """Find entities with the shipped model, the gazetteer and rules.

    Parameters
    ----------
    model_dir:
        Where ``ner/`` and ``gazetteer/`` are (default: see :mod:`toolkit.resources`).
    gazetteers:
        Extra gazetteer files (same TSV format) added to the bundled one.
    use_model:
        Run the statistical model: ``True`` the whole shipped model (the BiLSTM-CRF and CRF
        together, most accurate), ``"fast"`` its CRF part alone (faster, a little less accurate:
        docs/BENCHMARKS.md has both), ``"accurate"`` the CRF summed with a network that also
        reads Baidu LAC's pretrained tag scores (more accurate on news it has not seen, about half
        the speed; needs ``pip install toolkit[accurate]``), ``False`` none (gazetteer and rules only).
    resolve:
        The overlap policy, default :func:`resolve_overlaps`.
    style:
        The annotation conventions the network follows, for a model trained with styles
        (:attr:`styles`): ``""`` the model's default (the toolkit's guideline,
        docs/ENTITIES.md), or a training data set's, e.g. ``"msra"`` (MSRA splits addresses into
        province / city / district and has no WORK) or ``"cluener"``, or a blend of styles
        joined by ``+`` (``"any+own"``: halfway between them, :meth:`CharNet.with_blend`).
    """

    def __init__(self, *, model_dir: str | os.PathLike[str] | None = None,
                 gazetteers: Iterable[str | os.PathLike[str]] = (), use_model: bool | str = True,
                 resolve: Callable[[Iterable[Entity]], list[Entity]] = resolve_overlaps, style: str = "") -> None:
        self.model_dir = model_dir
        self.gazetteers = tuple(gazetteers)
        if use_model not in MODEL_CHOICES:
            raise InvalidParameterError(f"use_model={use_model!r}: expected True, False, 'fast' or 'accurate'")
        if not isinstance(style, str):
            raise InvalidParameterError(f"style={style!r}: expected a style name or ''")
        self.use_model = use_model
        self.style = style
        self.resolve = resolve
        self._nlp: Language | None = None
        self._gazetteer: Gazetteer | None = None
        self._list_heads: ListHeads | None = None
        self._tokenizer: Tokenizer | None = None
        self._tagger: Ensemble | CharNet | CharCRF | None = None
        self._segmenter: WordSegmenter | None = None
        self._cues: AppositiveCues | None = None
        self._places: Places | None = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.update(_nlp=None, _gazetteer=None, _list_heads=None, _tokenizer=None, _tagger=None, _segmenter=None,
                     _cues=None, _places=None, _lock=None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            g = Gazetteer.from_file(resolve_model_dir(self.model_dir) / "gazetteer" / "entities.tsv")
            for path in self.gazetteers:
                g.extend_from_file(path)
            self._gazetteer = g
        return self._gazetteer

    @property
    def cues(self) -> AppositiveCues:
        """The category nouns that introduce names (``记账应用小满``) and the IDF table behind them."""
        if self._cues is None:
            self._cues = AppositiveCues.load(self.model_dir)
        return self._cues

    @property
    def places(self) -> Places:
        """China's divisions and the world's countries and cities (``gazetteer/places.tsv``)."""
        if self._places is None:
            self._places = Places.load(self.model_dir)
        return self._places

    @property
    def list_heads(self) -> ListHeads:
        """Head nouns that decide the label of a list's members (``gazetteer/list_heads.tsv``)."""
        if self._list_heads is None:
            self._list_heads = ListHeads.from_file(resolve_model_dir(self.model_dir) / "gazetteer" / "list_heads.tsv")
        return self._list_heads

    @property
    def nlp(self) -> Language:
        """The shipped NER model as a spaCy pipeline (``nlp(text).ents``)."""
        if self._nlp is None:
            with self._lock:
                if self._nlp is None:
                    self._nlp = load_pipeline(resolve_model_dir(self.model_dir) / "ner")
        return self._nlp

    @property
    def tagger(self) -> Ensemble | CharNet | CharCRF:
        """The pipeline's character tagger, called on text directly (no Doc of characters), read
        by :func:`load_tagger` (``"fast"``: the CRF part alone)."""
        if self._tagger is None:
            with self._lock:
                if self._tagger is None:
                    tagger = load_tagger(resolve_model_dir(self.model_dir) / "ner", fast=self.use_model == "fast",
                                         accurate=self.use_model == "accurate")
                    if self.style:
                        styles = getattr(tagger, "styles", ())
                        if self.style not in styles and any(b not in styles for b in self.style.split("+")):
                            raise InvalidParameterError(
                                f"style={self.style!r}: this NER model has "
                                + (f"the styles {', '.join(styles)}" if styles else "no styles")
                                + " (or a blend of them, e.g. 'any+own')")
                        assert isinstance(tagger, CharNet | Ensemble)
                        tagger = tagger.with_styles(self.style)
                    self._tagger = tagger
        return self._tagger

    @property
    def styles(self) -> tuple[str, ...]:
        """The annotation conventions the model can follow (empty for a model without styles)."""
        return tuple(getattr(self.tagger, "styles", ()))

    @property
    def _segment(self) -> WordSegmenter:
        """The tagger's words: :attr:`_words` as the model's features read them."""
        if self._segmenter is None:
            self._segmenter = WordSegmenter(self._words)
        return self._segmenter

    def load(self) -> EntityExtractor:
        self.gazetteer  # noqa: B018 - load now
        self.cues  # noqa: B018
        self.places  # noqa: B018
        self.list_heads  # noqa: B018
        if self.use_model:
            self.tagger  # noqa: B018
        return self

    def add(self, canonical: str, label: str, aliases: Iterable[str] = ()) -> None:
        """Add a gazetteer entry for this extractor only."""
        self.gazetteer.add(canonical, label, aliases)

    def __call__(self, text: str, outlets: Sequence[str] = (), headline: str | None = None) -> list[Entity]:
        """Entities of ``text`` with offsets into exactly ``text``, sorted by position.
        ``outlets``: the outlets the article's credits name (its byline source): their mentions
        in the text are COMPANY (``接受经济观察报记者采访`` in an article of 经济观察报).
        ``headline``: the article's headline when it is not part of ``text``: the names it
        introduces (``茶饮品牌“半盏”``) are found where the text repeats them without a cue."""
        return self.pipe([text], [outlets], [headline])[0]

    def pipe(self, texts: Sequence[str], outlets: Sequence[Sequence[str]] | None = None,
             headlines: Sequence[str | None] | None = None) -> list[list[Entity]]:
        """Entities of several texts (the same as calling the extractor on each; faster: the
        model decodes their pieces in batches). ``outlets``, ``headlines``: per text, as for
        :meth:`__call__`.

        Raw text is read as cleaned text would be (:func:`toolkit.text.normalize.tagging_view`):
        Traditional characters as Simplified, full-width letters and digits as half-width, and
        without the spaces next to Chinese characters (``OpenAI 发布了 Sora``, pre-segmented
        ``华为 技术 有限公司``, a spread-out ``王  磊``). An entity's text and offsets are the
        original's (spaces inside it included); its canonical name is read from the view
        (``輝達`` → ``英伟达``)."""
        views = [tagging_view(t) for t in texts]
        seeds: list[dict[str, EntityLabel]] = [{} for _ in texts]
        if headlines and any(headlines):
            heads = [tagging_view(h).text if h else "" for h in headlines]
            for k, ents in enumerate(self._pipe(heads)):
                # the headline's names, but not a short guess of the model alone (too weak to repeat)
                seeds[k] = {e.text: e.label for e in ents if e.source != "model" or len(e.text) > 2}
        found = self._pipe([v.text for v in views], outlets, seeds)
        out = []
        for text, view, ents in zip(texts, views, found, strict=True):
            if view.text != text:
                ents = [at_original(e, text, view.span(e.start, e.end)) for e in ents]
            out.append(ents)
        return out

    def _pipe(self, texts: Sequence[str], outlets: Sequence[Sequence[str]] | None = None,
              seeds: Sequence[Mapping[str, EntityLabel]] | None = None) -> list[list[Entity]]:
        n_texts = len(texts)
        starts = [[False] * len(t) for t in texts]
        ends = [[False] * len(t) for t in texts]
        words: list[list[tuple[int, str, str]]] = [[] for _ in texts]  # (start, word, POS) per text
        model: list[list[Entity]] = [[] for _ in texts]
        if self.use_model:
            pieces = ((k, offset, piece) for k, t in enumerate(texts) if t.strip() for offset, piece in _chunks(t))
            for group in _groups(pieces, WINDOW_PIECES, WINDOW_CHARS):
                self._model_group(texts, group, starts, ends, model, words)
        else:
            for k, text in enumerate(texts):
                for word in self._words.cut(text):
                    starts[k][word.start] = True
                    ends[k][word.end - 1] = True
                    words[k].append((word.start, word.text, word.pos))
        out: list[list[Entity]] = []
        for k in range(n_texts):
            text = texts[k]
            if not text.strip():
                out.append([])
                continue
            # 债务压力未解碧桂园集团: 碧桂园集团; 华屹药业(600893): 华屹药业
            model[k] = split_runons(text, without_codes(text, model[k]), self._tags)
            gaz = confirm_ambiguous(text, self.gazetteer.match(text, starts[k], ends[k]), model[k], self.gazetteer)
            people = latin_people(text, PERSON_WORDS)  # 分析师Dan Ives（丹·艾夫斯）: over a rule's guess
            rules = [r for r in rule_entities(text, gaz + model[k])
                     if not any(p.start < r.end and r.start < p.end for p in people)] + people
            text_words = sorted(words[k])
            rules += appositive_entities(text, text_words, [*gaz, *rules, *model[k]], self.cues)
            rules += coded_companies(text, text_words, [*gaz, *rules, *model[k]], self.cues)
            rules += registered_companies(text, text_words, [*gaz, *rules, *model[k]], self.cues)
            merged = self.resolve(extend_products(text, [*gaz, *rules, *model[k]]))
            found = defined_abbreviations(text, canonicalize(merged, self.gazetteer), self.gazetteer)
            found = self._in_context(text, found)
            start_k, end_k = starts[k], ends[k]
            found = place_mentions(text, found, self.places, start_k.__getitem__, end_k.__getitem__)
            credited: dict[str, EntityLabel] = {}
            for o in outlets[k] if outlets else ():
                name = tagging_view(o).text
                listed = self.gazetteer.lookup(name)  # 新华社 is listed as an ORG: it stays one
                if name and (listed is None or listed[0] == name):
                    credited[name] = listed[1] if listed is not None else "COMPANY"
            out.append(repeated_mentions(text, found, start_k.__getitem__, end_k.__getitem__, self.cues.tails,
                                         credited, seeds[k] if seeds else None, self.cues.idf))
        return out

    def _in_context(self, text: str, entities: list[Entity]) -> list[Entity]:
        """Labels read from the context (:mod:`toolkit.ner.context`): media outlets, quoted
        product names, companies named by what follows them (旗下, 董事长), then the head nouns
        of lists."""
        known = {}
        for e in entities:
            hit = self.gazetteer.lookup(e.canonical)
            if hit is not None:
                known[e.canonical] = hit[1]
        found = quoted_names(text, quoted_products(text, media_outlets(text, entities, known)), self.cues)
        found = context_companies(text, found, self._tags, known)
        return list_labels(text, found, self.list_heads, self._tags)

    def _model_group(self, texts: Sequence[str], group: list[tuple[int, int, str]], starts: list[list[bool]],
                     ends: list[list[bool]], model: list[list[Entity]],
                     words_of: list[list[tuple[int, str, str]]]) -> None:
        """Run the tagger on a group of pieces ``(text index, offset, piece)``; record words
        and their boundaries (for the gazetteer and the context cues) and the model's entities."""
        words = [self._segment(piece) for _, _, piece in group]
        found = self.tagger.spans_many([p for _, _, p in group], words)
        for (k, offset, _), piece_words, spans in zip(group, words, found, strict=True):
            text = texts[k]
            i = offset
            for w, tag in piece_words:
                words_of[k].append((i, w, tag))
                starts[k][i] = True
                i += len(w)
                ends[k][i - 1] = True
            for s, e, label in spans:
                s, e = offset + s, offset + e
                if text[s] == "《" and text[e - 1] == "》" and e - s > 2:  # titles without their marks
                    s, e = s + 1, e - 1
                if ASCII_NAME.fullmatch(text[s:e]) and LATIN_LEGAL.search(text[s:e]):
                    label = "COMPANY"  # Apple Inc., Google LLC: a company by its legal form
                    if text[e:e + 1] == "." and LATIN_LEGAL_DOT.search(text[s:e]):
                        e += 1
                if label == "PRODUCT" and e < len(text) and text[e] in COUNTED:
                    e = s + len(COUNT_TAIL.sub("", text[s:e]))  # ChatGPT 3月: a date, not version 3
                if (e > s and label in ENTITY_LABELS and plausible_name(text[s:e], label) and not in_markup(text, s)
                        and not generic_name(text[s:e], label)):
                    model[k].append(Entity(text[s:e], label, s, e, text[s:e], "model", 1.0))

    def _tags(self, text: str) -> list[tuple[str, str, int]]:
        """Words of ``text`` with their jieba POS tags and offsets (to tell a clause from a name)."""
        return [(t.text, t.pos, t.start) for t in self._words.cut(text)]

    @property
    def _words(self) -> Tokenizer:
        """This extractor's tokenizer: the tagger's word features, word boundaries for the
        gazetteer, POS tags for run-on spans. Always the bundled dictionary of ``model_dir`` with
        the HMM off, as in training, whatever dictionaries the analyzer's own tokenizer has."""
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    self._tokenizer = Tokenizer(hmm=False, bundled_dict=True, model_dir=self.model_dir)
        return self._tokenizer


