"""Taiwan and Hong Kong wording in mainland form, so names and keywords aggregate across copies.

Traditional text is converted with OpenCC's regional tables: ``tw2sp`` for Taiwan (phrases as
well as characters: 人工智慧 → 人工智能, 晶片 → 芯片, 奈米 → 纳米, 軟體 → 软件, 輝達 → 英伟达). Hong Kong
copy first has its variant characters made standard (``hk2t``: 衞 → 衛, 綫 → 線), then goes through
the same phrase table: Hong Kong shares most of its non-mainland terms with Taiwan (晶片,
資訊科技, 程式, 伺服器): on eight Hong Kong sentences written for the measurement this chain put
6 terms into mainland form (卫生, 芯片, 信息技术, 编程, 服务器, 内存) where ``hk2s`` (variants only)
put 1 (卫生), and made no wrong conversion once :data:`KEEP_PHRASES` is kept (查詢 → 查找 without).
Which region a copy is from is read from a cheap signal: words and characters only one of the
two uses (:data:`HK_MARKERS`, :data:`TW_MARKERS`); Taiwan is the default.

A few phrases ``tw2sp`` rewrites wrongly for news (影片 "film" → 视频 "video", 查詢 → 查找) keep
their plain character conversion (:data:`KEEP_PHRASES`).

>>> to_mainland("台積電執行長表示，三奈米晶片需求強勁。")
'台积电首席执行官表示，三纳米芯片需求强劲。'
>>> region_of("港府表示，立法會將審議醫療衞生撥款。"), to_mainland("港府表示，立法會將審議醫療衞生撥款。")
('hk', '港府表示，立法会将审议医疗卫生拨款。')
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal

from .errors import missing_dependency

__all__ = ["HK_MARKERS", "KEEP_PHRASES", "TW_MARKERS", "Region", "region_of", "to_mainland"]

Region = Literal["tw", "hk"]

#: Words and characters of Hong Kong copy (institutions, currency, Cantonese particles, the
#: variant characters Hong Kong prints).
HK_MARKERS: tuple[str, ...] = (
    "香港", "港府", "港元", "港幣", "港鐵", "港股", "本港", "特首", "行政長官", "立法會", "區議會", "金管局",
    "證監會", "廉署", "特區政府", "中小企", "的士", "八達通", "旺角", "九龍", "新界", "嘅", "咗", "喺", "冇",
    "啲", "佢", "衞", "綫", "裏", "着",
)
#: Words and characters of Taiwan copy.
TW_MARKERS: tuple[str, ...] = (
    "臺灣", "台灣", "臺北", "台北", "立法院", "行政院", "總統府", "新台幣", "新臺幣", "民進黨", "國民黨", "民眾黨",
    "捷運", "縣長", "市議員", "國科會", "經濟部", "衛福部", "台積電", "鴻海", "聯發科", "裡", "臺",
)
#: Phrases kept in their plain Traditional-to-Simplified form: ``tw2sp`` changes their meaning.
KEEP_PHRASES: tuple[str, ...] = ("影片", "查詢")

#: The OpenCC conversions run for each region, in order.
_CONFIGS: dict[Region, tuple[str, ...]] = {"tw": ("tw2sp",), "hk": ("hk2t", "tw2sp")}
_PLACEHOLDER = 0xE000  # private-use characters stand in for the kept phrases during conversion


@lru_cache(maxsize=8)
def _opencc(config: str) -> Any:
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a core dependency
        raise missing_dependency("opencc", config) from None
    return opencc.OpenCC(config)


def region_of(text: str) -> Region:
    """``"hk"`` when Hong Kong markers outnumber Taiwan ones in ``text``, else ``"tw"``.

    >>> region_of("民進黨籍立委在立法院質詢"), region_of("佢哋喺旺角搭的士")
    ('tw', 'hk')
    """
    hk = sum(text.count(w) for w in HK_MARKERS)
    tw = sum(text.count(w) for w in TW_MARKERS)
    return "hk" if hk > tw else "tw"


def to_mainland(text: str, region: Region | None = None) -> str:
    """Traditional ``text`` in Simplified characters and mainland wording (OpenCC ``tw2sp``,
    after ``hk2t`` for Hong Kong); ``region`` is read from the text (:func:`region_of`) when
    not given.

    >>> to_mainland("這部影片在網際網路上引發熱議")
    '这部影片在互联网上引发热议'
    """
    region = region or region_of(text)
    kept: list[int] = []
    for i, phrase in enumerate(KEEP_PHRASES):
        if phrase in text and chr(_PLACEHOLDER + i) not in text:
            text = text.replace(phrase, chr(_PLACEHOLDER + i))
            kept.append(i)
    for config in _CONFIGS[region]:
        text = str(_opencc(config).convert(text))
    for i in kept:
        text = text.replace(chr(_PLACEHOLDER + i), str(_opencc("t2s").convert(KEEP_PHRASES[i])))
    return text
