"""Take an integer, produce the numeral a Chinese or English reader expects (五、, （三）, 1.2)."""

from __future__ import annotations

_DIGITS = "〇一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五 (1 <= n <= 9999)."""
    if not 1 <= n <= 9999:
        raise ValueError(f"no Chinese numeral for {n}")
    if n < 10:
        return _DIGITS[n]
    if n < 20:  # 十, 十一 … 十九: the leading 一 is dropped, as in 第十一條
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    out = []
    units = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
    zero_pending = False
    for value, unit in units:
        digit = n // value % 10
        if digit:
            if zero_pending:
                out.append("零")
                zero_pending = False
            out.append(_DIGITS[digit] + unit)
        elif out:
            zero_pending = True
    return "".join(out)


def paper_number(n: int, lang: str) -> str:
    """The paper's position in its series or volume: 五、 / No. 5."""
    return f"{chinese_numeral(n)}、" if lang == "zh-Hant" else f"No. {n}"


def section_label(path: tuple[int, ...], lang: str) -> str:
    """A heading's number from its position: zh-Hant （一） then 1. then (1); en 1, 1.1, 1.1.1."""
    if lang == "zh-Hant":
        n = path[-1]
        return {1: f"（{chinese_numeral(n)}）", 2: f"{n}.", 3: f"({n})"}[len(path)]
    return ".".join(str(p) for p in path)
