"""The public entry point: :class:`Analyzer` wires the layers into one pipeline.

text → cleaned text (title, byline, furniture) → sentences and tokens →
(entities, keywords, sentiment, quotes as their layers arrive) → Article → report.
"""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .. import __version__
from ..corpus import Record, iter_records, read_text_file
from ..errors import InvalidInputError, InvalidParameterError, ToolkitError, bad_choice
from ..keywords import KeywordExtractor
from ..ner import MODEL_CHOICES, EntityExtractor, Gazetteer
from ..report.tables import CorpusReport, ReportBuilder
from ..results import Article, Entity, Keyword, Quote, Sentence, Sentiment, TargetTone
from ..sentiment import Scored, SentimentModel
from ..text.normalize import REGIONAL_WORDING, Cleaned, RegionalWording, clean
from ..text.sentences import split_sentences
from ..text.tokenizer import Backend, Tokenizer
from ..tone_target import mentions_of
from .parallel import pipe_parallel
from .steps import ENTITY_POS, STEPS, Draft, keep_entities_whole, quotes_of

__all__ = ["Analyzer"]

DEFAULT_MAX_CHARS = 10_000_000
#: Analysis layers that can be switched on and off with ``components=``.
COMPONENTS = ("entities", "keywords", "sentiment", "quotes")


class Analyzer:
    """Analyse Chinese news articles.

    Construction is cheap: parameters are stored and models load on first use
    (or with :meth:`load`).

    Parameters
    ----------
    clean:
        Clean the raw text (HTML, invisible characters, full-width ASCII, layout repair,
        headline/byline/furniture extraction). Off: only :attr:`Article.text` = input.
    simplify:
        Convert Traditional characters to Simplified (OpenCC) while cleaning;
        :attr:`Article.raw` keeps the original.
    regional_wording:
        ``"convert"`` (default): Traditional text from Taiwan or Hong Kong also gets mainland
        wording (人工智慧 → 人工智能, 晶片 → 芯片), so names and keywords aggregate with mainland
        copies; ``"keep"``: characters only (see :func:`toolkit.text.normalize.clean`).
    backend, hmm, user_dicts:
        Passed to :class:`~toolkit.text.tokenizer.Tokenizer`.
    model_dir:
        Directory of models and resources; default ``$TOOLKIT_MODEL_DIR`` or ``models/``.
    max_chars:
        Longer texts are refused with :class:`~toolkit.errors.InvalidInputError`.
    components:
        Layers to run beyond cleaning and tokens (see ``COMPONENTS``); a layer left out
        leaves its fields and columns empty.
    gazetteers:
        Extra entity lists (``canonical<TAB>label<TAB>alias|alias`` per line) added to the
        bundled gazetteer.
    ner_model:
        The statistical NER model: ``True`` the whole shipped model (most accurate),
        ``"fast"`` its CRF part alone (faster, a little less accurate: docs/BENCHMARKS.md has
        both; for very large corpora), ``"accurate"`` with a network that also reads Baidu LAC's
        pretrained tag scores (more accurate on unseen news, slower; ``pip install toolkit[accurate]``),
        ``False`` none (gazetteer and rules only).
    ner_style:
        The annotation conventions of the NER network (see
        :class:`~toolkit.ner.extractor.EntityExtractor`): ``""`` the toolkit's guideline, or a
        training data set's (``"msra"``, ``"cluener"``), for comparing with work on those data.
    keyword_method, top_k:
        ``"tfidf"`` or ``"textrank"`` (see :mod:`toolkit.keywords`) and how many keywords
        each article gets.
    merge_synonyms:
        One keyword for the forms of one term the article uses (AI / 人工智能), from
        ``models/keywords/synonyms.tsv``.

    Examples
    --------
    >>> a = Analyzer()
    >>> art = a.analyze("# 新模型发布\\n\\n本报讯（记者 李明）人工智能公司今天发布了新模型。")
    >>> art.title, art.byline.reporters, art.sentences[1].text
    ('新模型发布', ('李明',), '人工智能公司今天发布了新模型。')
    """

    def __init__(
        self,
        *,
        clean: bool = True,
        simplify: bool = True,
        regional_wording: str = "convert",
        backend: Backend = "rjieba",
        hmm: bool = False,
        user_dicts: Iterable[str | os.PathLike[str]] = (),
        model_dir: str | os.PathLike[str] | None = None,
        max_chars: int = DEFAULT_MAX_CHARS,
        components: Iterable[str] = COMPONENTS,
        gazetteers: Iterable[str | os.PathLike[str]] = (),
        ner_model: bool | str = True,
        ner_style: str = "",
        keyword_method: str = "tfidf",
        top_k: int = 10,
        merge_synonyms: bool = False,
    ) -> None:
        self.clean = clean
        self.simplify = simplify
        self.regional_wording = regional_wording
        self.backend = backend
        self.hmm = hmm
        self.user_dicts = tuple(str(p) for p in user_dicts)
        self.model_dir = None if model_dir is None else str(model_dir)
        self.max_chars = max_chars
        self.components = tuple(components)
        self.gazetteers = tuple(str(p) for p in gazetteers)
        self.ner_model = ner_model
        self.ner_style = ner_style
        self.keyword_method = keyword_method
        self.top_k = top_k
        self.merge_synonyms = merge_synonyms
        self._tokenizer: Tokenizer | None = None
        self._keywords: KeywordExtractor | None = None
        self._entities: EntityExtractor | None = None
        self._sentiment: SentimentModel | None = None

    # ------------------------------------------------------------------ params
    def get_params(self) -> dict[str, Any]:
        """The constructor parameters (enough to build an equal Analyzer elsewhere)."""
        return {"clean": self.clean, "simplify": self.simplify, "regional_wording": self.regional_wording,
                "backend": self.backend, "hmm": self.hmm,
                "user_dicts": list(self.user_dicts), "model_dir": self.model_dir, "max_chars": self.max_chars,
                "components": list(self.components), "gazetteers": list(self.gazetteers),
                "ner_model": self.ner_model, "ner_style": self.ner_style, "keyword_method": self.keyword_method,
                "top_k": self.top_k, "merge_synonyms": self.merge_synonyms}

    def __repr__(self) -> str:
        defaults = Analyzer.__init__.__kwdefaults__ or {}
        shown = [f"{k}={v!r}" for k, v in self.get_params().items()
                 if not (k in defaults and (v == defaults[k] or list(v or []) == list(defaults[k] or [])
                                            if isinstance(v, list) else v == defaults[k]))]
        return f"Analyzer({', '.join(shown)})"

    def __getstate__(self) -> dict[str, Any]:
        return {"params": self.get_params()}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state["params"])  # type: ignore[misc]

    def _check(self, text: object) -> None:
        self._check_params()
        _check_text(text, self.max_chars)

    def _check_params(self) -> None:
        if not isinstance(self.max_chars, int) or self.max_chars <= 0:
            raise InvalidParameterError(f"max_chars={self.max_chars!r} must be a positive integer")
        for c in self.components:
            if c not in COMPONENTS:
                raise bad_choice("components", c, COMPONENTS)
        if self.regional_wording not in REGIONAL_WORDING:
            raise bad_choice("regional_wording", self.regional_wording, REGIONAL_WORDING)
        if self.ner_model not in MODEL_CHOICES:
            raise InvalidParameterError(f"ner_model={self.ner_model!r}: expected True, False, 'fast' or 'accurate'")

    @property
    def _wording(self) -> RegionalWording:
        return "keep" if self.regional_wording == "keep" else "convert"

    # ------------------------------------------------------------------ layers
    @property
    def tokenizer(self) -> Tokenizer:
        """This analyzer's :class:`~toolkit.text.tokenizer.Tokenizer` (private jieba dictionary)."""
        if self._tokenizer is None:
            self._check_params()
            self._tokenizer = Tokenizer(backend=self.backend, hmm=self.hmm, user_dicts=self.user_dicts,
                                        model_dir=self.model_dir)
        return self._tokenizer

    @property
    def entity_extractor(self) -> EntityExtractor:
        """This analyzer's :class:`~toolkit.ner.extractor.EntityExtractor` (model + gazetteer + rules)."""
        if self._entities is None:
            self._check_params()
            self._entities = EntityExtractor(model_dir=self.model_dir, gazetteers=self.gazetteers,
                                             use_model=self.ner_model, style=self.ner_style)
        return self._entities

    @property
    def keyword_extractor(self) -> KeywordExtractor:
        """This analyzer's :class:`~toolkit.keywords.KeywordExtractor`."""
        if self._keywords is None:
            self._check_params()
            self._keywords = KeywordExtractor(method=self.keyword_method, top_k=self.top_k,
                                              model_dir=self.model_dir, merge_synonyms=self.merge_synonyms)
        return self._keywords

    @property
    def sentiment_model(self) -> SentimentModel:
        """This analyzer's :class:`~toolkit.sentiment.SentimentModel` (lexicon + classifier)."""
        if self._sentiment is None:
            self._check_params()
            self._sentiment = SentimentModel.load(self.model_dir)
        return self._sentiment

    def load(self) -> Analyzer:
        """Load every model now (before timing, or before forking workers)."""
        self.tokenizer.load()
        if "entities" in self.components:
            self.entity_extractor.load()
        if "keywords" in self.components:
            self.keyword_extractor.idf  # noqa: B018 - load the IDF table now
            self.tokenizer.stop_words  # noqa: B018
        if "sentiment" in self.components:
            self.sentiment_model  # noqa: B018
        return self

    def keywords(self, text: str, top_k: int | None = None, *, title: str | None = None) -> list[Keyword]:
        """Keywords and key phrases of ``text`` as given (no cleaning), best first.

        Entities are kept whole when the entity layer is on. ``title``: a headline whose
        terms weigh more.

        >>> [k.term for k in Analyzer(components=("keywords",)).keywords("物理世界模拟器。物理世界模拟器很难。", 2)]
        ['物理世界模拟器']
        """
        self._check(text)
        tokens = self.tokenizer.cut(text)
        spans: list[tuple[int, int]] | None = None
        if "entities" in self.components:
            ents = tuple(self.entity_extractor(text))
            tokens = keep_entities_whole(tokens, ents, text)
            spans = [(e.start, e.end) for e in ents]
        return self.keyword_extractor.extract(tokens, self.tokenizer.stop_words, title=title, top_k=top_k,
                                              entities=spans)

    def add_entity(self, canonical: str, label: str, aliases: Iterable[str] = ()) -> None:
        """Teach this analyzer a name: ``a.add_entity("鸿蒙智行", "COMPANY", ["HIMA"])``.

        The name is found by the gazetteer, counted under ``canonical``, and kept whole by
        the tokenizer. A name written ``~name`` is also a common word and counts only where
        the context confirms it (``a.add_entity("~星火", "PRODUCT", ["讯飞星火"])``; see
        :func:`toolkit.ner.extractor.confirm_ambiguous`). Other analyzers are not affected.
        """
        self.entity_extractor.add(canonical, label, aliases)
        for name, _ in map(Gazetteer.unmark, (canonical, *aliases)):
            if name and not any(c.isspace() for c in name):
                self.tokenizer.add_word(name, tag=ENTITY_POS.get(label, "nz"))

    def sentiment(self, text: str, *, title: str | None = None) -> Sentiment:
        """Tone of ``text`` as given (no cleaning): label, score in [-1, 1], the words that
        drove it, and the shares of positive and negative sentences. A ``title`` (headline)
        weighs in as the article's tone does.

        Empty or whitespace-only text is neutral with score 0.

        >>> a = Analyzer(components=("sentiment",))
        >>> a.sentiment("受需求疲软拖累，公司利润大幅下滑，投资者十分担忧。").label
        'negative'
        >>> a.sentiment("会议将于明天上午九点举行。").label
        'neutral'
        """
        self._check(text)
        if title is not None:
            self._check(title)
        if not text.strip() and not (title or "").strip():
            return Sentiment("neutral", 0.0)
        model = self.sentiment_model
        spans = split_sentences(text)
        scored = model.score([text[a:b] for a, b in spans], [self.tokenizer.lcut(text[a:b]) for a, b in spans])
        return model.document(scored, self._title_scored(title))

    def _title_scored(self, title: str | None) -> Scored | None:
        if not title or not title.strip():
            return None
        return self.sentiment_model.score([title.strip()], [self.tokenizer.lcut(title.strip())])[0]

    def tone_towards(self, text: str, targets: Iterable[str], *, title: str | None = None) -> list[TargetTone]:
        """The tone of ``text`` (as given, no cleaning) towards each of ``targets``: names the
        user gives, found in the text as written (a company the entity layer does not know
        included). One :class:`TargetTone` per target, in the order given; a target that is not
        in the text is neutral with 0 mentions. The tone is read from the clauses that name the
        target (:mod:`toolkit.tone_target`), so one sentence can be good news for one name and
        bad news for another.

        >>> a = Analyzer(components=("sentiment",))
        >>> text = "甲公司股价大涨，乙公司则因财务造假被立案调查。"
        >>> [(t.target, t.label) for t in a.tone_towards(text, ["甲公司", "乙公司"])]
        [('甲公司', 'positive'), ('乙公司', 'negative')]
        """
        self._check(text)
        if isinstance(targets, str):
            raise InvalidParameterError("targets must be a list of names, not one string")
        names = list(dict.fromkeys(targets))
        for t in names:
            if not isinstance(t, str):
                raise InvalidParameterError(f"targets must be strings; got {type(t).__name__}: {t!r}")
        model = self.sentiment_model
        spans = split_sentences(text)
        scored = model.score([text[a:b] for a, b in spans], [self.tokenizer.lcut(text[a:b]) for a, b in spans])
        doc = model.document_proba(scored, self._title_scored(title))
        return model.towards(text, spans, scored, doc, mentions_of(text, names),
                             lambda a, b: self.tokenizer.lcut(text[a:b]))

    def explain_sentiment(self, text: str) -> dict[str, Any]:
        """Why ``text`` (read as one sentence) gets its tone: the lexicon terms with their
        weights, the classifier's most influential n-grams, and P(negative/neutral/positive).

        >>> Analyzer(components=("sentiment",)).explain_sentiment("服务并不好")["lexicon_terms"]
        [('不好', -0.64)]
        """
        self._check(text)
        return self.sentiment_model.explain(text, self.tokenizer.lcut(text))

    def entities(self, text: str) -> list[Entity]:
        """Named entities of ``text`` exactly as given (no cleaning), sorted by position.

        >>> [(e.text, e.label) for e in Analyzer().entities("周鸿祎谈Sora。")]  # doctest: +SKIP
        [('周鸿祎', 'PERSON'), ('Sora', 'PRODUCT')]
        """
        self._check(text)
        return self.entity_extractor(text)

    def entities_many(self, texts: Iterable[str]) -> list[list[Entity]]:
        """Named entities of each text (the same as :meth:`entities` on each, several times faster
        on many short texts: the model scores their pieces in batches). Any text that is not a
        string, or is longer than ``max_chars``, raises before any is analysed.

        >>> [[e.text for e in ents] for ents in Analyzer().entities_many(["周鸿祎谈Sora。", "无名"])]  # doctest: +SKIP
        [['周鸿祎', 'Sora'], []]
        """
        batch = list(texts)
        for text in batch:
            self._check(text)
        return self.entity_extractor.pipe(batch)

    def tokenize(self, text: str) -> list[str]:
        """Words of ``text`` exactly as given (no cleaning), whitespace skipped.

        >>> Analyzer().tokenize("周鸿祎谈文生视频大模型")
        ['周鸿祎', '谈', '文生视频', '大模型']
        """
        self._check(text)
        return self.tokenizer.lcut(text)

    def clean_text(self, text: str) -> Cleaned:
        """The cleaning layer alone: cleaned text, title, byline and furniture."""
        self._check(text)
        return clean(text, simplify=self.simplify, regional_wording=self._wording)

    # ------------------------------------------------------------------ one article
    def analyze(self, text: str, *, doc_id: Any = None, meta: dict[str, Any] | None = None,
                title: str | None = None) -> Article:
        """Analyse one article.

        Parameters
        ----------
        text:
            The raw article.
        doc_id, meta:
            Carried into the result and the report (``meta`` becomes columns).
        title:
            A headline known from elsewhere (a title column); when given, the first
            line of ``text`` is not taken as the headline.

        Raises
        ------
        TypeError
            ``text`` is not a string.
        InvalidInputError
            ``text`` is empty or only whitespace, nothing is left of it after cleaning (only
            markup, invisible characters or boilerplate), or it is longer than ``max_chars``.
        """
        prepared = self._prepare(text, title)
        ents = (self.entity_extractor(prepared.text, _outlets(prepared, meta), _headline(prepared, title))
                if "entities" in self.components else None)
        return self._finish(text, prepared, ents, doc_id=doc_id, meta=meta, title=title)

    def _prepare(self, text: str, title: str | None) -> Cleaned:
        """Validate and clean one text (the part of :meth:`analyze` before the models)."""
        self._check(text)
        if not text.strip():
            raise InvalidInputError("empty text: nothing to analyse")
        if not self.clean:
            return Cleaned(text=text)
        cleaned = clean(text, simplify=self.simplify, title=title, regional_wording=self._wording)
        if not cleaned.text.strip():
            raise InvalidInputError(f"empty after cleaning: nothing to analyse (the text held only "
                                    f"{_what_cleaning_removed(text, cleaned)})")
        return cleaned

    def _finish(self, raw: str, cleaned: Cleaned, ents: list[Entity] | None, *, doc_id: Any,
                meta: dict[str, Any] | None, title: str | None) -> Article:
        """The article of a cleaned text whose entities are known: sentences and tokens, then
        the steps of the components that are on (:data:`~toolkit.pipeline.steps.STEPS`)."""
        body = cleaned.text
        entities: tuple[Entity, ...] = tuple(ents or ())
        draft = Draft(
            text=body,
            # the headline: a title column as cleaned (Traditional converted), else the detected one
            title=cleaned.title if cleaned.title is not None else title,
            sentences=tuple(Sentence(body[s:e], s, e) for s, e in split_sentences(body)),
            tokens=tuple(keep_entities_whole(self.tokenizer.cut(body), entities, body)),
            entities=entities,
            entity_layer=ents is not None,
            outlets=_outlets(cleaned, meta),
        )
        for step in STEPS:
            if step.component in self.components:
                draft = step.run(self, draft)
        return Article(
            raw=raw,
            text=body,
            doc_id=doc_id,
            title=draft.title,
            byline=cleaned.byline,
            furniture=cleaned.furniture,
            sentences=draft.sentences,
            tokens=draft.tokens,
            entities=entities,
            keywords=draft.keywords,
            sentiment=draft.sentiment,
            entity_tones=draft.entity_tones,
            title_tone=draft.title_tone,
            quotes=draft.quotes,
            roles=draft.roles,
            meta=_with_date(meta, cleaned.date),
        )

    def quotes(self, text: str) -> list[Quote]:
        """Who said what in ``text`` as given (no cleaning): direct and indirect quotes with
        their speakers (entities when the entity layer is on) and, with sentiment on, their tone.

        >>> [(q.speaker, q.kind) for q in Analyzer().quotes("李明认为，教育应当普及。他说：“越早越好。”")]
        [('李明', 'indirect'), ('李明', 'direct')]
        """
        self._check(text)
        ents: tuple[Entity, ...] = tuple(self.entity_extractor(text)) if "entities" in self.components else ()
        tokens = keep_entities_whole(self.tokenizer.cut(text), ents, text)
        found, _ = quotes_of(text, tokens, ents, self.sentiment_model if "sentiment" in self.components else None)
        return list(found)

    def analyze_file(self, path: str | os.PathLike[str]) -> Article:
        """Read a text file in any encoding (UTF-8/16, GBK/GB18030, Big5) and analyse it.

        Raises :class:`~toolkit.errors.DecodingError` naming the file when it cannot be decoded.
        """
        p = Path(path)
        return self.analyze(read_text_file(p), doc_id=p.name, meta={"path": str(p)})

    # ------------------------------------------------------------------ corpora
    def _analyze_records(self, records: list[Record]) -> list[Article]:
        """Analyse a batch: clean each, run the entity model over all of them at once, finish each.

        A record that fails becomes an Article with ``error`` set; the others are unaffected.
        """
        out: list[Article | None] = [None] * len(records)
        todo: list[tuple[int, str, Cleaned, str | None]] = []
        for i, rec in enumerate(records):
            if rec.error is not None or rec.text is None:
                out[i] = _failed(rec, rec.error or "no text")
                continue
            title = rec.meta.get("title")
            title = title if isinstance(title, str) and title.strip() else None
            try:
                todo.append((i, rec.text, self._prepare(rec.text, title), title))
            except Exception as exc:  # noqa: BLE001 - a corpus run records the failure and goes on
                out[i] = _failed(rec, _describe_error(exc))
        ents: list[list[Entity] | None] = [None] * len(todo)
        if "entities" in self.components and todo:
            try:
                ents = list(self.entity_extractor.pipe([c.text for _, _, c, _ in todo],
                                                       [_outlets(c, records[i].meta) for i, _, c, _ in todo],
                                                       [_headline(c, t) for _, _, c, t in todo]))
            except Exception:  # noqa: BLE001 - find the culprit article by article below
                ents = []
                for i, _, c, t in todo:
                    try:
                        ents.append(self.entity_extractor(c.text, _outlets(c, records[i].meta), _headline(c, t)))
                    except Exception:  # noqa: BLE001
                        ents.append(None)
        for (i, raw, cleaned, title), found in zip(todo, ents, strict=True):
            rec = records[i]
            try:
                if "entities" in self.components and found is None:
                    # raises the real error
                    found = self.entity_extractor(cleaned.text, _outlets(cleaned, rec.meta), _headline(cleaned, title))
                out[i] = self._finish(raw, cleaned, found, doc_id=rec.doc_id, meta=dict(rec.meta), title=title)
            except Exception as exc:  # noqa: BLE001
                out[i] = _failed(rec, _describe_error(exc))
        return [a for a in out if a is not None]

    def pipe(self, texts: Any, *, n_process: int = 1, batch_size: int = 64, text_col: str = "text",
             id_col: str | None = None) -> Iterator[Article]:
        """Analyse many articles; yields one :class:`Article` per input, in input order.

        ``texts`` is anything :func:`toolkit.corpus.iter_records` accepts (texts, ``(id, text)``
        pairs, a DataFrame, paths). An article that fails is yielded with ``error`` set; the run
        goes on. With ``n_process > 1`` worker processes each build their own Analyzer from
        :meth:`get_params` and at most ``2 * n_process`` batches are in flight at once.
        """
        if not isinstance(n_process, int) or n_process < 1:
            raise InvalidParameterError(f"n_process={n_process!r} must be a positive integer")
        if not isinstance(batch_size, int) or batch_size < 1:
            raise InvalidParameterError(f"batch_size={batch_size!r} must be a positive integer")
        records = iter_records(texts, text_col=text_col, id_col=id_col)
        if n_process == 1:
            batch: list[Record] = []
            for rec in records:
                batch.append(rec)
                if len(batch) == batch_size:
                    yield from self._analyze_records(batch)
                    batch = []
            if batch:
                yield from self._analyze_records(batch)
            return
        yield from self._pipe_parallel(records, n_process, batch_size)

    def _pipe_parallel(self, records: Iterator[Record], n_process: int, batch_size: int) -> Iterator[Article]:
        kw = self._keywords
        corpus_df = None if kw is None or kw.df_ is None else (kw.df_, kw.n_docs_, kw._prior_docs)
        yield from pipe_parallel(self.get_params(), corpus_df, records, n_process, batch_size)

    def analyze_corpus(self, source: Any, *, text_col: str = "text", id_col: str | None = None,
                       n_process: int = 1, batch_size: int = 64, progress: bool | None = None,
                       corpus_idf: bool = False) -> CorpusReport:
        """Analyse a corpus into a :class:`~toolkit.report.tables.CorpusReport` of tidy DataFrames.

        ``progress``: show a tqdm progress bar (default: when stderr is a terminal).
        ``corpus_idf``: first read the corpus once to fit keyword IDF on it
        (:meth:`~toolkit.keywords.KeywordExtractor.fit`), then analyse; the source must be
        readable twice (a list, DataFrame or paths, not a generator); the fit is one pass of
        cleaning and tokenizing in this process, the workers of ``n_process`` receive its counts.
        Failed articles are rows with ``error`` set; ``report.n_failed`` counts them.
        """
        previous = self._keywords
        if corpus_idf:
            self._fit_corpus_idf(source, text_col=text_col, id_col=id_col)
        try:
            return self._analyze_corpus(source, text_col=text_col, id_col=id_col, n_process=n_process,
                                        batch_size=batch_size, progress=progress, corpus_idf=corpus_idf)
        finally:
            self._keywords = previous  # the corpus IDF belongs to this run only

    def _analyze_corpus(self, source: Any, *, text_col: str, id_col: str | None, n_process: int,
                        batch_size: int, progress: bool | None, corpus_idf: bool) -> CorpusReport:
        builder = ReportBuilder()
        articles = self.pipe(source, n_process=n_process, batch_size=batch_size, text_col=text_col, id_col=id_col)
        show = sys.stderr.isatty() if progress is None else progress
        if show:
            from tqdm.auto import tqdm

            articles = tqdm(articles, total=_known_length(source), unit="art", desc="analysing", file=sys.stderr)
        for art in articles:
            builder.add(art)
        return builder.build(params=self._report_params(corpus_idf))

    def _report_params(self, corpus_idf: bool) -> dict[str, Any]:
        """What a report records about the run that made it (``params.json``)."""
        return {"analyzer": self.get_params(), "toolkit_version": __version__, "corpus_idf": corpus_idf}

    def _fit_corpus_idf(self, source: Any, *, text_col: str, id_col: str | None,
                        skip: Iterable[str | os.PathLike[str]] = ()) -> None:
        if not isinstance(source, (str, os.PathLike)) and not hasattr(source, "columns") and iter(source) is source:
            raise InvalidParameterError("corpus_idf=True reads the corpus twice: pass a list, DataFrame or "
                                        "paths, not an iterator or generator")
        docs = []
        for rec in iter_records(source, text_col=text_col, id_col=id_col, skip=skip):
            if rec.text is None or rec.error is not None:
                continue
            try:
                docs.append(self.tokenizer.cut(self._prepare(rec.text, None).text))
            except ToolkitError:
                continue  # the analysis pass records the failure
        fitted = KeywordExtractor(method=self.keyword_method, top_k=self.top_k, model_dir=self.model_dir,
                                  merge_synonyms=self.merge_synonyms)
        self._keywords = fitted.fit(docs, self.tokenizer.stop_words)


# ---------------------------------------------------------------------- helpers

def _check_text(text: object, max_chars: int) -> None:
    if not isinstance(text, str):
        raise TypeError(f"expected a str, got {type(text).__name__}")
    if len(text) > max_chars:
        raise InvalidInputError(f"text has {len(text):,} characters, more than max_chars={max_chars:,}; "
                                "split it or raise max_chars")


def _known_length(source: Any) -> int | None:
    """Number of articles in ``source`` when it is known without reading it (not for paths)."""
    if isinstance(source, (str, bytes, os.PathLike)) or not hasattr(source, "__len__"):
        return None
    if hasattr(source, "columns"):
        return len(source)
    if isinstance(source, (list, tuple)) and not any(isinstance(x, (os.PathLike, Record)) for x in source[:1]):
        return len(source)
    return None


def _what_cleaning_removed(raw: str, cleaned: Cleaned) -> str:
    """Why a non-blank text cleaned to nothing, for the error message."""
    if cleaned.furniture:
        removed = " | ".join(cleaned.furniture)
        return f"news boilerplate: {removed[:80]}{'…' if len(removed) > 80 else ''}"
    if re.search(r"<[^>]*>|&#?\w+;", raw):
        return "HTML markup"
    return "invisible characters (zero-width, direction marks, byte-order marks) or control characters"


def _describe_error(exc: Exception) -> str:
    return str(exc) if isinstance(exc, ToolkitError) else f"{type(exc).__name__}: {exc}"


def _failed(rec: Record, error: str) -> Article:
    raw = rec.text if isinstance(rec.text, str) else ""
    return Article(raw=raw, text="", doc_id=rec.doc_id, meta=_with_date(rec.meta, None), error=error)


def _with_date(meta: dict[str, Any] | None, date: str | None) -> dict[str, Any]:
    """The metadata with a ``date`` always: the input's, else the date the copy prints
    (``YYYY-MM-DD``, :attr:`~toolkit.text.normalize.Cleaned.date`), else None. Every article has
    the key, so every report (one process, shards, Dask partitions) has the same columns."""
    out = dict(meta or {})
    if _no_value(out.get("date")):
        out["date"] = date if date is not None else out.get("date")
    return out


def _no_value(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(value != value)  # NaN, NaT
    except Exception:  # noqa: BLE001 - a value that cannot compare is a value
        return False


#: Credits that name no outlet (来源：网络, 综合报道, 本报 before the paper is known).
_NOT_OUTLETS = frozenset({"网络", "网友", "综合", "综合报道", "本报", "本台", "本网", "本站", "互联网", "未知", "转载",
                          "网络转载", "小编", "编辑"})


def _outlets(cleaned: Cleaned, meta: dict[str, Any] | None) -> tuple[str, ...]:
    """The outlets an article's credits name: its byline source and a ``source`` column."""
    names = [cleaned.byline.source if cleaned.byline is not None else None, (meta or {}).get("source")]
    return tuple(dict.fromkeys(n.strip() for n in names
                               if isinstance(n, str) and len(n.strip()) >= 2 and n.strip() not in _NOT_OUTLETS))


def _headline(cleaned: Cleaned, title: str | None) -> str | None:
    """The headline of an article when the body does not hold it (a title column, or the
    headline line cleaning took off the body)."""
    head = cleaned.title if cleaned.title is not None else title
    return head if head and head.strip() and head not in cleaned.text else None
