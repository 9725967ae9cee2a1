"""The sentence splitter: the spans every layer calls a sentence (the report's sentences, the
tone per sentence, the evaluations).

A sentence ends at 。！？ (or ! ?), an ellipsis (…, ...) or a line break, with the closing quotes
and brackets after the mark; leading and trailing spaces are not part of it. (The entity tagger
cuts its own pieces, which cover the text without gaps: :func:`toolkit.ner.extractor._chunks`.)
"""
from __future__ import annotations

import re

__all__ = ["split_sentences"]

#: What closes a sentence after its end mark: quotes and brackets.
CLOSERS = "”’」』）)】》\"'"

_SENT_BOUNDARY = re.compile(rf"(?:[。！？!?]+|…+|\.{{3,}})[{re.escape(CLOSERS)}]*")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` in ``text``; closing quotes and brackets stay with their sentence.

    Line breaks always end a sentence. Leading and trailing spaces are not part of a span.

    >>> t = "他说：“明天见。”随后离开！第二段？\\n标题"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['他说：“明天见。”', '随后离开！', '第二段？', '标题']
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        start = 0
        for m in _SENT_BOUNDARY.finditer(line):
            _add_span(line, line_start, start, m.end(), spans)
            start = m.end()
        _add_span(line, line_start, start, len(line), spans)
    return spans


def _add_span(line: str, offset: int, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((offset + start, offset + end))
