"""Unicode clean-up shared by every extractor.

NFKC folds full-width forms and the Kangxi radicals (U+2F00-U+2FDF, e.g. ``⽣`` -> ``生``)
into ordinary characters.  NFKC leaves the CJK Radicals Supplement (U+2E80-U+2EFF) alone,
yet some PDF exporters use those code points for whole characters (``⻩`` for ``黄``), so
a small table maps them to the unified ideographs they stand for.
"""

from __future__ import annotations

import re
import unicodedata

# CJK Radicals Supplement -> the unified ideograph a reader sees (simplified forms first).
_SUPPLEMENT = dict(zip(
    "⺀⺁⺅⺆⺇⺈⺉⺊⺋⺌⺍⺎⺏⺐⺑⺒⺓⺔⺕⺖⺗⺘⺙⺛⺜⺝⺞⺟⺠⺡⺢⺣⺤⺥⺦⺧⺨⺩⺪⺫⺬⺭⺮⺯⺰⺱⺲⺳⺴⺶⺷⺹⺺⺻⺼⺾⺿⻀⻁⻂⻃⻄⻅⻆⻇⻈⻉⻊⻋⻌⻍⻎⻏⻐⻑⻒⻓⻔⻕⻖⻗⻘⻙⻚⻛⻜⻝⻞⻟⻠⻡⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻭⻮⻯⻰⻱⻲⻳",
    "冫厂亻冂几刀刂卜卩小小尢尢尢尣巳幺彐彐忄心扌攵旡日月歺母民氵水灬爫爫丬牛犭王疋罒示礻竹糸纟罒罒罓罓羊羊老聿肀月艹艹艹虎衤西西见角角讠贝足车辶辶辶阝钅長镸长门阝阝雨青韦页风飞食食食饣首马骨鬼鱼鸟卤麦黄黾斉齐歯齿竜龙龜亀龟",
    strict=True,
))

_TRANSLATE = {ord(k): v for k, v in _SUPPLEMENT.items()}
# Zero-width and soft characters that split words in exported PDFs; odd dashes to "-".
_INVISIBLE = {ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"}
_DASHES = {ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"}
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
_SPACED_CAPS = re.compile(r"\b(?:[A-Z] ){2,}[A-Z]\b")


def normalise(text: str) -> str:
    """NFKC, the radical look-alikes, invisible characters and dashes (one line or many)."""
    text = unicodedata.normalize("NFKC", text.translate(_TRANSLATE)).translate(_INVISIBLE)
    return text.translate(_DASHES).replace("\t", "  ").replace("\xa0", " ")


_SINGLE_RUN = re.compile(r"(?<!\S)(?:\S ){2,}\S(?!\S)")
_SPACED_PUNCT = re.compile(r" ([,.:;%、。:)]) ?|([(]) ")


def collapse_letter_spacing(line: str) -> str:
    """``基 本 信 息`` -> ``基本信息`` and ``E D U C A T I O N`` -> ``EDUCATION``."""
    if " " not in line:
        return line
    # Only collapse when the line is *mostly* single characters separated by single spaces.
    tokens = line.split(" ")
    singles = sum(1 for tok in tokens if len(tok) == 1)
    if (len(tokens) >= 3 and singles / len(tokens) >= 0.8) or (
            len(tokens) == 2 and singles == 2 and all(is_cjk(tok) for tok in tokens)):
        line = _CJK_GAP.sub("", line)
        line = _SPACED_CAPS.sub(lambda m: m.group(0).replace(" ", ""), line)
    if _SINGLE_RUN.search(line) and max(len(m.group(0)) for m in _SINGLE_RUN.finditer(line)) >= 7:
        # Letter-spaced text mixed with words (CSS letter-spacing in browser exports):
        # "2 0 1 9 . 0 7  -  至今" -> "2019.07  -  至今"
        line = _SINGLE_RUN.sub(lambda m: m.group(0).replace(" ", ""), line)
        line = _SPACED_PUNCT.sub(lambda m: (m.group(1) or m.group(2)), line)
    return line


def is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def cjk_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if is_cjk(c)) / len(letters)
