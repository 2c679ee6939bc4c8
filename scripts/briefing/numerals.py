"""Take an integer and a numeral style, produce the numeral a reader expects (五, C, iv, 12)."""

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


def alpha(n: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA (spreadsheet columns, as Word's ALPHABETIC)."""
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def roman(n: int) -> str:
    """1 -> I, 4 -> IV, 1999 -> MCMXCIX (1 <= n <= 3999)."""
    if not 1 <= n <= 3999:
        raise ValueError(f"no Roman numeral for {n}")
    values = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out = []
    for value, letters in values:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


STYLES = {
    "": str,
    "arabic": str,
    "chinese": chinese_numeral,
    "upper-alpha": alpha,
    "lower-alpha": lambda n: alpha(n).lower(),
    "upper-roman": roman,
    "lower-roman": lambda n: roman(n).lower(),
}


def numeral(n: int, style: str = "arabic") -> str:
    """`n` in a numeral style named in a theme's label patterns ({n:chinese})."""
    return STYLES[style](n)
