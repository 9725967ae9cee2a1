"""The public entry point: :class:`Analyzer` wires the layers into one pipeline.

text → cleaned text (title, byline, furniture) → sentences and tokens →
(entities, keywords, sentiment, quotes as their layers arrive) → Article → report.
"""
from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from . import __version__
from .corpus import Record, iter_records, read_text_file
from .errors import InvalidInputError, InvalidParameterError, ToolkitError
from .normalize import Cleaned, clean, split_sentences
from .report import CorpusReport, ReportBuilder
from .results import Article, Sentence
from .tokenizer import Backend, Tokenizer

__all__ = ["Analyzer"]

DEFAULT_MAX_CHARS = 10_000_000


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
    backend, hmm, user_dicts:
        Passed to :class:`~toolkit.tokenizer.Tokenizer`.
    model_dir:
        Directory of models and resources; default ``$TOOLKIT_MODEL_DIR`` or ``models/``.
    max_chars:
        Longer texts are refused with :class:`~toolkit.errors.InvalidInputError`.

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
        backend: Backend = "rjieba",
        hmm: bool = False,
        user_dicts: Iterable[str | os.PathLike[str]] = (),
        model_dir: str | os.PathLike[str] | None = None,
        max_chars: int = DEFAULT_MAX_CHARS,
    ) -> None:
        self.clean = clean
        self.simplify = simplify
        self.backend = backend
        self.hmm = hmm
        self.user_dicts = tuple(str(p) for p in user_dicts)
        self.model_dir = None if model_dir is None else str(model_dir)
        self.max_chars = max_chars
        self._tokenizer: Tokenizer | None = None

    # ------------------------------------------------------------------ params
    def get_params(self) -> dict[str, Any]:
        """The constructor parameters (enough to build an equal Analyzer elsewhere)."""
        return {"clean": self.clean, "simplify": self.simplify, "backend": self.backend, "hmm": self.hmm,
                "user_dicts": list(self.user_dicts), "model_dir": self.model_dir, "max_chars": self.max_chars}

    def __repr__(self) -> str:
        defaults = Analyzer.__init__.__kwdefaults__ or {}
        shown = [f"{k}={v!r}" for k, v in self.get_params().items()
                 if not (k in defaults and (v == defaults[k] or (k == "user_dicts" and not v)))]
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

    # ------------------------------------------------------------------ layers
    @property
    def tokenizer(self) -> Tokenizer:
        """This analyzer's :class:`~toolkit.tokenizer.Tokenizer` (private jieba dictionary)."""
        if self._tokenizer is None:
            self._check_params()
            self._tokenizer = Tokenizer(backend=self.backend, hmm=self.hmm, user_dicts=self.user_dicts,
                                        model_dir=self.model_dir)
        return self._tokenizer

    def load(self) -> Analyzer:
        """Load every model now (before timing, or before forking workers)."""
        self.tokenizer.load()
        return self

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
        return clean(text, simplify=self.simplify)

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
            ``text`` is empty or only whitespace, or longer than ``max_chars``.
        """
        self._check(text)
        if not text.strip():
            raise InvalidInputError("empty text: nothing to analyse")
        if self.clean:
            cleaned = clean(text, simplify=self.simplify, detect_title=title is None)
        else:
            cleaned = Cleaned(text=text)
        body = cleaned.text
        sentences = tuple(Sentence(body[s:e], s, e) for s, e in split_sentences(body))
        tokens = tuple(self.tokenizer.cut(body))
        return Article(
            raw=text,
            text=body,
            doc_id=doc_id,
            title=title if title is not None else cleaned.title,
            byline=cleaned.byline,
            furniture=cleaned.furniture,
            sentences=sentences,
            tokens=tokens,
            meta=dict(meta or {}),
        )

    def analyze_file(self, path: str | os.PathLike[str]) -> Article:
        """Read a text file in any encoding (UTF-8/16, GBK/GB18030, Big5) and analyse it.

        Raises :class:`~toolkit.errors.DecodingError` naming the file when it cannot be decoded.
        """
        p = Path(path)
        return self.analyze(read_text_file(p), doc_id=p.name, meta={"path": str(p)})

    # ------------------------------------------------------------------ corpora
    def _analyze_record(self, rec: Record) -> Article:
        if rec.error is not None or rec.text is None:
            return _failed(rec, rec.error or "no text")
        meta = dict(rec.meta)
        title = meta.get("title")
        try:
            return self.analyze(rec.text, doc_id=rec.doc_id, meta=meta,
                                title=title if isinstance(title, str) and title.strip() else None)
        except ToolkitError as exc:
            return _failed(rec, str(exc))
        except Exception as exc:  # noqa: BLE001 - a corpus run records the failure and goes on
            return _failed(rec, f"{type(exc).__name__}: {exc}")

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
            for rec in records:
                yield self._analyze_record(rec)
            return
        yield from self._pipe_parallel(records, n_process, batch_size)

    def _pipe_parallel(self, records: Iterator[Record], n_process: int, batch_size: int) -> Iterator[Article]:
        pending: deque[Future[list[Article]]] = deque()
        with ProcessPoolExecutor(max_workers=n_process, initializer=_worker_init,
                                 initargs=(self.get_params(),)) as pool:
            batch: list[Record] = []
            for rec in records:
                batch.append(rec)
                if len(batch) == batch_size:
                    pending.append(pool.submit(_worker_run, batch))
                    batch = []
                    while len(pending) >= 2 * n_process:
                        yield from pending.popleft().result()
            if batch:
                pending.append(pool.submit(_worker_run, batch))
            while pending:
                yield from pending.popleft().result()

    def analyze_corpus(self, source: Any, *, text_col: str = "text", id_col: str | None = None,
                       n_process: int = 1, batch_size: int = 64, progress: bool | None = None) -> CorpusReport:
        """Analyse a corpus into a :class:`~toolkit.report.CorpusReport` of tidy DataFrames.

        ``progress``: show a tqdm progress bar (default: when stderr is a terminal).
        Failed articles are rows with ``error`` set; ``report.n_failed`` counts them.
        """
        builder = ReportBuilder()
        articles = self.pipe(source, n_process=n_process, batch_size=batch_size, text_col=text_col, id_col=id_col)
        show = sys.stderr.isatty() if progress is None else progress
        if show:
            from tqdm.auto import tqdm

            total = len(source) if hasattr(source, "__len__") and not isinstance(source, (str, os.PathLike)) else None
            articles = tqdm(articles, total=total, unit="art", desc="analysing", file=sys.stderr)
        for art in articles:
            builder.add(art)
        return builder.build(params={"analyzer": self.get_params(), "toolkit_version": __version__})


# ---------------------------------------------------------------------- helpers

def _check_text(text: object, max_chars: int) -> None:
    if not isinstance(text, str):
        raise TypeError(f"expected a str, got {type(text).__name__}")
    if len(text) > max_chars:
        raise InvalidInputError(f"text has {len(text):,} characters, more than max_chars={max_chars:,}; "
                                "split it or raise max_chars")


def _failed(rec: Record, error: str) -> Article:
    raw = rec.text if isinstance(rec.text, str) else ""
    return Article(raw=raw, text="", doc_id=rec.doc_id, meta=dict(rec.meta), error=error)


_WORKER: Analyzer | None = None


def _worker_init(params: dict[str, Any]) -> None:
    global _WORKER
    _WORKER = Analyzer(**params).load()


def _worker_run(batch: list[Record]) -> list[Article]:
    if _WORKER is None:  # pragma: no cover - the pool's initializer always runs first
        raise RuntimeError("worker process was not initialised")
    return [_WORKER._analyze_record(r) for r in batch]
