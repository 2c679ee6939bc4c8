"""Take WeasyPrint 70.0, produce it remembering the fonts it subsets: the same face cut to
the same glyphs is cut once per process.

Why this exists: writing a PDF, WeasyPrint subsets every face the document uses with
HarfBuzz (`pdf/fonts.py`, `Font.subset`), and for a Noto CJK face of 20 MB that costs
~0.05-0.1 s each time. A warm process that builds the same paper again and again (the
live preview, `briefing watch`) cuts the same faces to the same glyph sets after most
edits, and the preview writes two PDFs of one layout (a quick one for the page images,
then the real one). The subset of a face depends only on the face and the glyphs kept
(WeasyPrint keeps glyph ids, HB_SUBSET_FLAGS_RETAIN_GIDS), so the result is reused: the
bytes are exactly those HarfBuzz would produce again.

A face is known by WeasyPrint's own `Font.hash` (from its Pango description) and
index, and the length of its file; the glyph set, the hinting flag and whether .notdef
is drawn complete the key. At most `CACHE_SIZE` subsets are kept (least recently used
goes first). The patched function is pinned by the sha256 of its source, as every
extension is (`weasyprint_ext.py`).
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock

from .weasyprint_ext import checked, install

OUR_FILE = "scripts/briefing/subset_cache.py"
SUBSET = "weasyprint.pdf.fonts:Font.subset"
PINS = {SUBSET: "61ed6bc2e9a7e43a7ad4c50e4bd61a0c5b6db06069754e66c6e328f4a97a6311"}
CACHE_SIZE = 32  # a CJK subset for a few pages is some hundred kB

_cache: OrderedDict[tuple, bytes] = OrderedDict()
_lock = Lock()  # a server's threads may write PDFs at once
_applied = False
stats = {"hits": 0, "misses": 0}


def apply() -> None:
    global _applied
    if _applied:
        return
    subset = checked(PINS, OUR_FILE)[SUBSET]

    def cached_subset(font, to_unicode, hinting):
        if not to_unicode:  # WeasyPrint keeps the whole font then
            return subset(font, to_unicode, hinting)
        key = (
            font.hash,
            font.index,
            len(font.file_content),
            frozenset(to_unicode),
            bool(hinting),
            bool(font.missing),
        )
        with _lock:
            found = _cache.get(key)
            if found is not None:
                _cache.move_to_end(key)
                stats["hits"] += 1
                font.file_content = found
                return None
        subset(font, to_unicode, hinting)
        with _lock:
            stats["misses"] += 1
            _cache[key] = font.file_content
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
        return None

    install(SUBSET, cached_subset)
    _applied = True


def clear() -> None:
    with _lock:
        _cache.clear()
