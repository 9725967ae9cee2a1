"""An :class:`~toolkit.results.Article` as a spaCy ``Doc``: the full system's entities (model,
gazetteer and rules, with canonical names), its sentences and words, for spaCy tools such as
``displacy``.

>>> import toolkit
>>> art = toolkit.Analyzer().analyze("360公司创始人周鸿祎谈Sora。他说：“很震撼。”")
>>> doc = art.to_spacy()
>>> [(e.text, e.label_, e._.canonical) for e in doc.ents]
[('360公司', 'COMPANY', '360'), ('周鸿祎', 'PERSON', '周鸿祎'), ('Sora', 'PRODUCT', 'Sora')]
>>> doc.text == art.text, len(list(doc.sents)) == len(art.sentences)
(True, True)

The entity attributes are spaCy extensions on ``Span``: ``canonical``, ``source`` (model,
gazetteer, rule …) and ``score``. spaCy keeps extensions in one table for the whole process, so
they are registered on first use only, never at import, and never over an attribute another
library registered: then ``to_spacy(prefix="toolkit_")`` gives ``e._.toolkit_canonical`` etc.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import InvalidParameterError, missing_dependency

if TYPE_CHECKING:  # pragma: no cover
    from ..results import Article

__all__ = ["SPAN_EXTENSIONS", "to_spacy"]

#: The ``Span._`` attributes set on every entity (with the prefix given to :func:`to_spacy`).
SPAN_EXTENSIONS = ("canonical", "source", "score")


def _register(prefix: str) -> None:
    from spacy.tokens import Span

    for name in SPAN_EXTENSIONS:
        attr = prefix + name
        if Span.has_extension(attr):
            default, method, getter, setter = Span.get_extension(attr)
            if method is not None or getter is not None or setter is not None or default is not None:
                raise InvalidParameterError(
                    f"Span._.{attr} is already registered by another library (with a getter, method or "
                    f"default); pass a prefix, e.g. to_spacy(prefix='toolkit_'), to use other names")
            continue  # ours (or one just like it): reused, never replaced
        Span.set_extension(attr, default=None)


def _cuts(art: Article) -> list[int]:
    """Word boundaries: the tokenizer's, plus every entity and sentence boundary (so that each
    entity and sentence is a whole number of words), plus the ends of the text."""
    n = len(art.text)
    cuts = {0, n}
    for t in art.tokens:
        cuts.update((t.start, t.end))
    for e in art.entities:
        cuts.update((e.start, e.end))
    for s in art.sentences:
        cuts.update((s.start, s.end))
    return sorted(c for c in cuts if 0 <= c <= n)


def to_spacy(art: Article, *, vocab: Any = None, prefix: str = "") -> Any:
    """The article as a spaCy ``Doc`` over ``art.text`` (see the module docstring): words from
    the toolkit's tokenizer (``token.tag_`` its part of speech), cut further at entity and
    sentence boundaries, sentence starts set, ``doc.ents`` the article's entities. ``vocab``:
    a spaCy ``Vocab`` to share (default: a new one)."""
    try:
        from spacy.tokens import Doc
        from spacy.util import filter_spans
        from spacy.vocab import Vocab
    except ImportError:
        raise missing_dependency("spacy", "base") from None
    if art.error is not None:
        raise InvalidParameterError(f"article {art.doc_id!r} failed ({art.error}): it has no text to convert")
    _register(prefix)
    cuts = _cuts(art)
    words = [art.text[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
    if not words:
        return Doc(vocab or Vocab(), words=[])
    doc = Doc(vocab or Vocab(), words=words, spaces=[False] * len(words))
    pos = {(t.start, t.end): t.pos for t in art.tokens}
    starts = {s.start for s in art.sentences}
    for i, tok in enumerate(doc):
        tok.tag_ = pos.get((cuts[i], cuts[i + 1]), "")
        tok.is_sent_start = i == 0 or cuts[i] in starts
    spans = []
    for e in art.entities:
        span = doc.char_span(e.start, e.end, label=e.label)
        if span is None:  # cannot happen: every entity boundary is a word boundary
            continue
        span._.set(prefix + "canonical", e.canonical)
        span._.set(prefix + "source", e.source)
        span._.set(prefix + "score", e.score)
        spans.append(span)
    doc.ents = filter_spans(spans)  # no two entities of an article overlap; kept safe for hand-made ones
    return doc
