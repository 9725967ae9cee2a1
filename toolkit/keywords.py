"""Keywords and key phrases: TF-IDF and TextRank over words, phrases and entities.

Candidates are nouns, names, noun-like verbs and Latin terms (jieba POS tags) that are not
stop words, plus *phrases*: runs of adjacent words of one clause that end in a noun (文字生成视频,
物理世界模拟器), up to ``max_words`` words. Words jieba calls nouns that act as adverbs in news
(同比, 集体, 目前: :data:`ADVERBIAL_WORDS`) are never candidates nor part of a phrase, nor
are the one-character verbs jieba tags as nouns (:data:`VERB_CHARACTERS`: 人工智能/成/焦点 is a
clause, not a term). Named entities arrive as single tokens
(``Article.tokens`` keeps them whole), so 周鸿祎 is one term. A candidate that only ever
occurs inside a longer candidate (活血汤 inside 补肾活血汤) gives way to it.

- ``tfidf``: term frequency × IDF. The IDF is jieba's table (``jieba/analyse/idf.txt``,
  from a large general corpus) completed by ``models/keywords/idf_supplement.tsv`` (terms
  jieba's table lacks, from the text in ../shared/data, ``make train-keywords``); a phrase
  takes the mean IDF of its words, a little raised per extra word; unknown words get the
  median. Very common words (IDF below ``generic_idf``) are damped.
- ``textrank``: PageRank over a co-occurrence graph of single-word candidates (window 5);
  a phrase scores the sum of its words.

Terms in the headline weigh ``1 + title_boost`` times more. Weights are relative to the
article's best keyword (1.0), so they compare across articles of any length. Results are sorted
by weight; ties go to the term the article uses more often, then to the one it names first.
Stock-exchange suffixes and bare stock codes (SH, HK, 601318) are never keywords.

References: Mihalcea & Tarau 2004 (TextRank); jieba.analyse (IDF table, median IDF for
unknown words); Frantzi et al. 2000 (C-value: nested terms).
"""
from __future__ import annotations

import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import ModelFormatError, ModelNotFoundError, bad_choice
from .resources import resolve_model_dir, split_lines
from .results import Keyword, Token

__all__ = ["IdfTable", "KeywordExtractor", "candidate_terms", "METHODS", "load_idf", "ADVERBIAL_WORDS",
           "VERB_CHARACTERS"]

METHODS = ("tfidf", "textrank")
SYNONYMS_FILE = "keywords/synonyms.tsv"
_NOUNISH = ("n", "nr", "ns", "nt", "nz", "nrt", "nrfg", "ng", "vn", "eng", "j")
_PHRASE_INNER = ("a", "vn", "an", "b")
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nt"})
#: Words jieba tags as nouns or abbreviations that act as adverbs or time words in news
#: (指数集体走高, 出口量同比增长, 目前市场): never a keyword, never part of a key phrase.
ADVERBIAL_WORDS = frozenset("""
同比 环比 集体 全面 整体 共同 同期 累计 当前 目前 近日 日前 近期 此前 此后 今后 之后 之前 以来 期间 当天 当日 全年
全天 年内 月内 首次 再次 一度 一起 一同 大幅 小幅 持续 逐步 进一步 普遍 总体 全部 部分 多数 少数 其中 相关 有关
""".split())
#: One-character verbs that jieba's dictionary (``jieba/dict.txt``) tags as nouns, found by looking
#: up ~80 one-character headline verbs there (成 创 企; 获, 遭, 迎 … are tagged v; 拓, 晋 are
#: tagged as surnames and left out):
#: between two nouns they make a clause (人工智能成焦点, 销量创新高, 价格企稳), so they never start,
#: join or end a key phrase. Other one-character words do (锂电池, 有限元法, 地下水资源).
VERB_CHARACTERS = frozenset("成创企")


def _nounish(pos: str) -> bool:
    return pos in _NOUNISH or pos.startswith("n")


@dataclass(frozen=True)
class IdfTable:
    """Inverse document frequencies; ``get`` falls back to the median for unknown words."""

    idf: dict[str, float]
    median: float

    def get(self, term: str) -> float:
        return self.idf.get(term, self.median)

    def __contains__(self, term: object) -> bool:
        return term in self.idf

    @classmethod
    def from_files(cls, paths: Iterable[str | os.PathLike[str]]) -> IdfTable:
        """Read ``term<whitespace>idf`` lines; later files override earlier ones."""
        idf: dict[str, float] = {}
        for path in paths:
            p = Path(path)
            for lineno, line in enumerate(split_lines(p.read_text(encoding="utf-8")), start=1):
                if not line.strip() or line.startswith("#"):
                    continue
                parts = line.rsplit(None, 1)
                try:
                    idf[parts[0]] = float(parts[1])
                except (IndexError, ValueError):
                    raise ModelFormatError(f"{p}:{lineno}: expected 'term idf', got {line!r}") from None
        if not idf:
            raise ModelFormatError("empty IDF table")
        values = sorted(idf.values())
        return cls(idf, values[len(values) // 2])


def jieba_idf_path() -> Path:
    """jieba's bundled IDF table (``jieba/analyse/idf.txt``)."""
    import jieba

    return Path(jieba.__file__).resolve().parent / "analyse" / "idf.txt"


@lru_cache(maxsize=4)
def load_idf(model_dir: str | None = None) -> IdfTable:
    """jieba's IDF table plus the project's supplement (cached per model directory)."""
    supplement = resolve_model_dir(model_dir) / "keywords" / "idf_supplement.tsv"
    paths = [jieba_idf_path()]
    if supplement.is_file():
        paths.append(supplement)
    return IdfTable.from_files(paths)


def candidate_terms(tokens: Sequence[Token], stop_words: frozenset[str], *, max_words: int = 4,
                    min_len: int = 2, atomic: frozenset[tuple[int, int]] | None = None) -> Counter[str]:
    """Counts of candidate terms: content words and phrases of adjacent words ending in a noun.

    A phrase contains no verb but may start with one if it occurs three times or more (补肾活血汤
    is a term, 讲述普通人 is not), and no modifier follows its head noun. A phrase that starts
    with a noun and holds one verb (数值模拟, 质量控制方法) is a term when it occurs twice or more. Tokens whose
    ``(start, end)`` is in ``atomic`` (named entities) are terms of their own and never part
    of a phrase. When ``atomic`` is given (the entity
    layer ran), jieba's own name tags (nr, ns, nt) on other words are not trusted
    (jieba tags 明显增加 ``nr``).

    >>> from toolkit.results import Token
    >>> toks = [Token("物理", 0, 2, "n"), Token("世界", 2, 4, "n"), Token("模拟器", 4, 7, "n")]
    >>> sorted(candidate_terms(toks, frozenset()).items())
    [('世界', 1), ('世界模拟器', 1), ('模拟器', 1), ('物理', 1), ('物理世界', 1), ('物理世界模拟器', 1)]
    """
    counts: Counter[str] = Counter()
    verb_phrases: Counter[str] = Counter()
    n = len(tokens)
    names = frozenset() if atomic is None else atomic
    if atomic is not None:
        tokens = [t if (t.start, t.end) in names or t.pos not in _NAME_TAGS else Token(t.text, t.start, t.end, "x")
                  for t in tokens]
    for i, tok in enumerate(tokens):
        text = tok.text
        if text in stop_words or text in ADVERBIAL_WORDS:
            continue
        good = (_nounish(tok.pos) or tok.pos in ("an", "l")) and len(text) >= min_len and not text.isdigit()
        if good:
            counts[text] += 1
        if (tok.start, tok.end) in names:
            continue
        if text in VERB_CHARACTERS:
            continue  # 人工智能成焦点: 成 links two nouns, it starts no phrase
        verb_start = tok.pos == "v"
        noun = _nounish(tok.pos)
        if not (noun or (len(text) >= 2 and (tok.pos in ("a", "an", "b") or verb_start))):
            continue
        phrase, end = text, tok.end
        seen_noun = _nounish(tok.pos)
        for j in range(i + 1, min(n, i + max_words)):
            nxt = tokens[j]
            if nxt.start != end or not _phrase_word(nxt, stop_words, names):
                break
            if not (_nounish(nxt.pos) or (nxt.pos in _PHRASE_INNER and not seen_noun)):
                break  # a modifier after the head noun ends the noun phrase
            seen_noun = seen_noun or _nounish(nxt.pos)
            phrase += nxt.text
            end = nxt.end
            if _nounish(nxt.pos):
                if verb_start:
                    verb_phrases[phrase] += 1
                else:
                    counts[phrase] += 1
    for phrase, c in verb_phrases.items():  # a verb-initial phrase must recur to count as a term
        if c >= 3:
            counts[phrase] += c
    for phrase, c in _noun_verb_compounds(tokens, stop_words, max_words, names).items():
        if c >= 2:  # 数值模拟, 质量控制(方法): a noun with one verb inside, if the article repeats it
            counts[phrase] += c
    return counts


def _noun_verb_compounds(tokens: Sequence[Token], stop_words: frozenset[str], max_words: int,
                         names: frozenset[tuple[int, int]]) -> Counter[str]:
    """Phrases that start with a noun of two or more characters and hold exactly one verb of
    two or more characters (数值模拟, 质量控制方法), each occurrence counted."""
    out: Counter[str] = Counter()
    n = len(tokens)
    for i, tok in enumerate(tokens):
        if (not _nounish(tok.pos) or len(tok.text) < 2 or tok.text in stop_words or tok.text in ADVERBIAL_WORDS
                or (tok.start, tok.end) in names):
            continue
        phrase, end, has_verb = tok.text, tok.end, False
        for j in range(i + 1, min(n, i + max_words)):
            nxt = tokens[j]
            if nxt.start != end or not _phrase_word(nxt, stop_words, names):
                break
            if nxt.pos == "v" and len(nxt.text) >= 2 and not has_verb:
                has_verb = True
            elif not _nounish(nxt.pos):
                break
            phrase += nxt.text
            end = nxt.end
            if has_verb:
                out[phrase] += 1
    return out


def _phrase_word(tok: Token, stop_words: frozenset[str], names: frozenset[tuple[int, int]]) -> bool:
    """Whether ``tok`` can continue a key phrase: not a stop word, an adverbial word (同比, 集体),
    a name, or a one-character verb jieba tags as a noun (人工智能/成/焦点, 价格/企/稳)."""
    text = tok.text
    return not (text in stop_words or text in ADVERBIAL_WORDS or text in VERB_CHARACTERS
                or (tok.start, tok.end) in names)


class KeywordExtractor:
    """Rank the candidate terms of one article.

    Parameters
    ----------
    method:
        ``"tfidf"`` (default) or ``"textrank"``.
    top_k:
        Number of keywords returned.
    max_words:
        Longest phrase, in words.
    title_boost:
        Terms found in the headline weigh ``1 + title_boost`` times more.
    generic_idf, generic_damping:
        Single words whose IDF is below ``generic_idf`` (研究, 方法, 发展 …) are multiplied by
        ``generic_damping``.
    model_dir:
        Where ``keywords/idf_supplement.tsv`` is.
    merge_synonyms:
        Count the forms of one term (AI / 人工智能, 大模型 / LLM) as one keyword, written as the
        form the article weighs most, with the weights added. Synonyms come from
        ``keywords/synonyms.tsv`` in the model directory and the ``synonyms`` files
        (``canonical<TAB>variant|variant`` per line).
    """

    def __init__(self, *, method: str = "tfidf", top_k: int = 10, max_words: int = 4, title_boost: float = 1.0,
                 generic_idf: float = 7.0, generic_damping: float = 0.3,
                 model_dir: str | os.PathLike[str] | None = None, merge_synonyms: bool = False,
                 synonyms: Iterable[str | os.PathLike[str]] = ()) -> None:
        if method not in METHODS:
            raise bad_choice("method", method, METHODS)
        self.method = method
        self.top_k = top_k
        self.max_words = max_words
        self.title_boost = title_boost
        self.generic_idf = generic_idf
        self.generic_damping = generic_damping
        self.model_dir = None if model_dir is None else str(model_dir)
        self.merge_synonyms = merge_synonyms
        self.synonyms = tuple(str(p) for p in synonyms)
        self._groups: dict[str, str] | None = None
        self.df_: dict[str, int] | None = None
        self.n_docs_ = 0

    @property
    def synonym_groups(self) -> dict[str, str]:
        """Every form of a synonym group → the group's canonical term."""
        if self._groups is None:
            groups: dict[str, str] = {}
            bundled = resolve_model_dir(self.model_dir) / SYNONYMS_FILE
            for path in ([bundled] if bundled.is_file() else []) + [Path(p) for p in self.synonyms]:
                groups.update(read_synonyms(path))
            self._groups = groups
        return self._groups

    @property
    def idf(self) -> IdfTable:
        return load_idf(self.model_dir)

    def fit(self, docs: Iterable[Sequence[Token]], stop_words: frozenset[str], *,
            prior_docs: int = 200) -> KeywordExtractor:
        """Learn document frequencies of candidate terms from the user's own corpus.

        Afterwards a term's IDF mixes the corpus IDF ``log((1+N)/(1+df)) + 1`` (on jieba's
        scale, ×2) with the background table, the corpus weighing ``N / (N + prior_docs)``.
        On the CSL dev abstracts this raised F1@5 from 0.212 to 0.216 (docs/BENCHMARKS.md).
        """
        df: Counter[str] = Counter()
        n = 0
        for tokens in docs:
            df.update(candidate_terms(tokens, stop_words, max_words=self.max_words).keys())
            n += 1
        self.df_, self.n_docs_, self._prior_docs = dict(df), n, prior_docs
        return self

    def phrase_idf(self, term: str, words: Sequence[str]) -> float:
        idf = self.idf
        if term in idf or len(words) <= 1:
            background = idf.get(term)
        else:
            background = sum(idf.get(w) for w in words) / len(words) * (1.0 + 0.15 * (len(words) - 1))
        if self.df_ is None or not self.n_docs_:
            return background
        corpus = 2.0 * (math.log((1 + self.n_docs_) / (1 + self.df_.get(term, 0))) + 1)
        weight = self.n_docs_ / (self.n_docs_ + self._prior_docs)
        return weight * corpus + (1 - weight) * background

    def extract(self, tokens: Sequence[Token], stop_words: frozenset[str], *, title: str | None = None,
                top_k: int | None = None, entities: Iterable[tuple[int, int]] | None = None) -> list[Keyword]:
        """Keywords of a tokenized article, best first.

        ``entities``: (start, end) of the entity tokens when the entity layer ran, else None.
        """
        k = self.top_k if top_k is None else top_k
        atomic = None if entities is None else frozenset(entities)
        counts = candidate_terms(tokens, stop_words, max_words=self.max_words, atomic=atomic)
        if not counts or k <= 0:
            return []
        words_of = _phrase_words(tokens, counts)
        if self.method == "tfidf":
            scores = {}
            for term, tf in counts.items():
                words = words_of.get(term, [term])
                score = tf * self.phrase_idf(term, words)
                if len(words) == 1 and term in self.idf and self.idf.get(term) < self.generic_idf:
                    score *= self.generic_damping
                scores[term] = score
        else:
            ranks = _textrank([t.text for t in tokens if t.text in counts and t.text not in stop_words])
            scores = {term: sum(ranks.get(w, 0.0) for w in words_of.get(term, [term])) for term in counts}
        _suppress_nested(scores, counts, words_of)
        if title:
            for term in scores:
                if term in title:
                    scores[term] *= 1.0 + self.title_boost
        if self.merge_synonyms:
            scores = _merge_synonyms(scores, self.synonym_groups)
        scores = {t: s for t, s in scores.items() if s > 0 and not _NOT_A_KEYWORD.match(t)}
        if atomic:
            names = {tok.text for tok in tokens if (tok.start, tok.end) in atomic}
            scores = {t: s for t, s in scores.items() if t in names or not _cut_from_a_name(t, names)}
        if not scores:
            return []
        first = _first_positions(tokens, scores, self.max_words)
        # ties: the more frequent term first, then the one the article names first
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], -counts.get(kv[0], 0), first.get(kv[0], 1 << 30)))
        top = ranked[0][1]
        return [Keyword(term, round(score / top, 6)) for term, score in ranked[:k]]


#: Stock-exchange suffixes and bare stock codes are not keywords (601318.SH, 00700.HK).
_NOT_A_KEYWORD = re.compile(r"^(?:(?:SH|SZ|SS|HK|BJ|NYSE|NASDAQ)|\d{4,6}(?:\.[A-Za-z]{1,2})?)$", re.IGNORECASE)


def _cut_from_a_name(term: str, names: set[str]) -> bool:
    """Whether ``term`` is a piece of a name of the article holding a Latin letter or a digit
    (E7 and 岸E7 of 极岸E7): a model code cut from its product, never a keyword of its own.

    >>> _cut_from_a_name("岸E7", {"极岸E7"}), _cut_from_a_name("汽车", {"极岸汽车"})
    (True, False)
    """
    return _LATIN_OR_DIGIT.search(term) is not None and any(term in n and term != n for n in names)


_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")


def _first_positions(tokens: Sequence[Token], terms: dict[str, float], max_words: int) -> dict[str, int]:
    """Where each term first starts in the article (terms are runs of up to ``max_words`` tokens)."""
    first: dict[str, int] = {}
    for i, tok in enumerate(tokens):
        text = ""
        for j in range(i, min(i + max_words, len(tokens))):
            text += tokens[j].text
            if text in terms and text not in first:
                first[text] = tok.start
    return first


def _merge_synonyms(scores: dict[str, float], groups: dict[str, str]) -> dict[str, float]:
    """One entry per synonym group: the best-scoring form, carrying the group's summed score.

    >>> _merge_synonyms({"AI": 2.0, "人工智能": 3.0, "芯片": 1.0}, {"AI": "人工智能", "人工智能": "人工智能"})
    {'人工智能': 5.0, '芯片': 1.0}
    """
    best: dict[str, tuple[float, str]] = {}
    total: dict[str, float] = {}
    for term, score in scores.items():
        key = groups.get(term, groups.get(term.lower(), term))
        total[key] = total.get(key, 0.0) + score
        if key not in best or (score, term) > best[key]:
            best[key] = (score, term)
    return {best[key][1]: total[key] for key in total}


def read_synonyms(path: str | os.PathLike[str]) -> dict[str, str]:
    """Read ``canonical<TAB>variant|variant`` lines (``#`` comments) into form → canonical."""
    p = Path(path)
    if not p.is_file():
        raise ModelNotFoundError(f"synonym file not found: {p}")
    out: dict[str, str] = {}
    for n, line in enumerate(split_lines(p.read_text(encoding="utf-8-sig")), 1):
        if not line.strip() or line.startswith("#"):
            continue
        canonical, sep, variants = line.partition("\t")
        forms = [v.strip() for v in variants.split("|") if v.strip()]
        if not sep or not canonical.strip() or not forms:
            raise ModelFormatError(f"{p}:{n}: expected 'canonical<TAB>variant|variant', got {line!r}")
        for form in [canonical.strip(), *forms]:
            out[form] = canonical.strip()
            out[form.lower()] = canonical.strip()
    return out


def _phrase_words(tokens: Sequence[Token], counts: Counter[str]) -> dict[str, list[str]]:
    """The words each multi-word candidate is made of (first way it was seen)."""
    out: dict[str, list[str]] = {}
    n = len(tokens)
    for i in range(n):
        words = [tokens[i].text]
        end = tokens[i].end
        for j in range(i + 1, min(n, i + 6)):
            if tokens[j].start != end:
                break
            words.append(tokens[j].text)
            end = tokens[j].end
            term = "".join(words)
            if term in counts and term not in out:
                out[term] = list(words)
    return out


def _suppress_nested(scores: dict[str, float], counts: Counter[str], words_of: dict[str, list[str]]) -> None:
    """A term that never occurs outside a longer candidate gives way to it (is removed).

    Only word-aligned parts of each phrase are checked, so this stays linear in the number of
    candidates (a character-level ``a in b`` over all pairs is quadratic on long articles).
    """
    doomed = set()
    for longer, words in words_of.items():
        if longer not in scores:
            continue
        k = len(words)
        for i in range(k):
            for j in range(i + 1, k + 1):
                if j - i == k:
                    continue
                part = "".join(words[i:j])
                if part in scores and counts[longer] >= counts[part]:
                    doomed.add(part)
    for term in doomed:
        del scores[term]


def _textrank(words: Sequence[str], window: int = 5, damping: float = 0.85, iterations: int = 30) -> dict[str, float]:
    graph: dict[str, Counter[str]] = defaultdict(Counter)
    for i, w in enumerate(words):
        for v in words[i + 1:i + window]:
            if v != w:
                graph[w][v] += 1
                graph[v][w] += 1
    if not graph:
        return {w: 1.0 for w in words}
    nodes = sorted(graph)
    rank = {w: 1.0 for w in nodes}
    out_weight = {w: sum(graph[w].values()) for w in nodes}
    for _ in range(iterations):
        rank = {w: (1 - damping) + damping * sum(rank[v] * c / out_weight[v] for v, c in graph[w].items())
                for w in nodes}
    top = max(rank.values())
    return {w: r / top for w, r in rank.items()} if top > 0 else rank


def tokens_idf_fit(docs: Iterable[Iterable[str]]) -> tuple[dict[str, int], int]:
    """Document frequencies and document count of term lists (for ``make train-keywords``)."""
    df: Counter[str] = Counter()
    n = 0
    for terms in docs:
        df.update(set(terms))
        n += 1
    return dict(df), n


def idf_from_df(df: dict[str, int], n_docs: int) -> dict[str, float]:
    """Smoothed IDF: ``log((1 + n) / (1 + df)) + 1``."""
    return {t: math.log((1 + n_docs) / (1 + c)) + 1 for t, c in df.items()}
