"""Fields from sectioned lines: basics (labels, then layout), education and work entries, skills.

Every field found is recorded with a confidence and the source line, keyed by its path in the
JSON Resume output.  Nothing is guessed: a field the resume does not state stays absent.
"""

from __future__ import annotations

import re
import typing as t

import phonenumbers

from resumes.parser import vocab
from resumes.parser.dates import PRESENT, find_date, find_range, parse_date
from resumes.parser.layout import Line
from resumes.parser.sections import Section, body_font_size
from resumes.parser.text import cjk_ratio

EMAIL_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

# Labels -> field.  "stop" labels are facts we do not extract; they only end the value before them.
LABELS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字", "Name", "Full Name"),
    "gender": ("性别", "Gender", "Sex"),
    "birth": ("出生日期", "出生年月", "出生年月日", "生日", "出生", "Date of Birth", "Birth Date", "Birthdate",
              "Birthday", "Born", "DOB", "D.O.B."),
    "native": ("籍贯", "Native Place", "Place of Origin", "Native"),
    "city": ("现居住地", "现居地", "现居", "现住址", "居住地", "所在地", "所在城市", "目前所在地", "现居城市", "常住地",
             "Current City", "Current Location", "Location", "City", "Based in", "Lives in", "Residence"),
    "email": ("邮箱", "电子邮箱", "电子邮件", "邮件", "Email", "E-mail", "Mail"),
    "phone": ("电话", "手机", "联系电话", "手机号", "手机号码", "移动电话", "Phone", "Mobile", "Tel", "Telephone", "Cell"),
    "stop": ("年龄", "Age", "民族", "政治面貌", "学历", "最高学历", "婚姻状况", "婚否", "户口", "户籍", "户口所在地", "身高",
             "体重", "求职意向", "期望职位", "期望薪资", "期望城市", "工作年限", "工作经验", "毕业院校", "毕业学校", "专业",
             "地址", "通讯地址", "家庭住址", "微信", "QQ", "Nationality", "Marital Status", "Address", "WeChat",
             "LinkedIn", "GitHub", "Website", "Ethnicity", "Political Status", "Hukou", "Degree", "Major",
             "Objective", "Status", "健康状况", "英语水平", "到岗时间", "Salary", "身份证"),
}
_LABEL_FIELD = {lab.lower(): field for field, labs in LABELS.items() for lab in labs}
_LABEL_ALT = "|".join(re.escape(lab) for lab in sorted(_LABEL_FIELD, key=len, reverse=True))
# A label, then a colon (or, for Chinese labels, at least a space before the value).
LABEL_RE = re.compile(rf"(?:(?<=^)|(?<=[\s|｜/,，;；·•]))(?P<label>{_LABEL_ALT})\s*(?:[:：]|(?<=[\u4e00-\u9fff])\s)\s*",
                      re.I)
_ANY_LABEL_RE = re.compile(r"(?:(?<=^)|(?<=\s))[\u4e00-\u9fff]{2,5}\s*[:：]")
_SEGMENT_SPLIT = re.compile(r"\s*(?:\s{2,}|\||｜|\s/\s|\s—\s|\s–\s|\s-\s|\s·\s|•|，|;|；|\bat\b|@(?=\s))\s*")
_BULLET = re.compile(r"^\s*(?:[-*•●◆■▪►–·○◦]|\d+[.、)）])\s*")
_GENDER = {"男": "male", "女": "female", "male": "male", "female": "female", "m": "male", "f": "female"}
_AGE_RE = re.compile(r"(?:\d{2}\s*岁|\bAge\b)", re.I)


class Result:
    def __init__(self) -> None:
        self.resume: dict[str, t.Any] = {}
        self.confidence: dict[str, float] = {}
        self.sources: dict[str, str] = {}

    def put(self, path: str, value: t.Any, confidence: float, source: str) -> None:
        if value in (None, "", []):
            return
        self.confidence[path] = round(confidence, 2)
        self.sources[path] = source.strip()[:300]


def _clean_value(value: str) -> str:
    return value.strip().strip(" ,，;；|｜/、:：·•").strip()


def label_pairs(line: Line) -> list[tuple[str, str]]:
    """``姓名：张三  性别：男`` -> [("name", "张三"), ("gender", "男")].  Table cells pair a label
    cell with the cell after it."""
    pairs: list[tuple[str, str]] = []
    if line.cells and len(line.cells) >= 2:
        cells = [c.strip() for c in line.cells]
        i = 0
        rest: list[str] = []
        while i < len(cells):
            bare = cells[i].rstrip(":： ").lower()
            if bare in _LABEL_FIELD and i + 1 < len(cells) and cells[i + 1].rstrip(":： ").lower() not in _LABEL_FIELD:
                pairs.append((_LABEL_FIELD[bare], _clean_value(cells[i + 1])))
                i += 2
                continue
            rest.append(cells[i])
            i += 1
        text = "  ".join(rest)
    else:
        text = line.text
    matches = list(LABEL_RE.finditer(text))
    for n, m in enumerate(matches):
        end = matches[n + 1].start() if n + 1 < len(matches) else len(text)
        value = text[m.end():end]
        # A value ends at a wide gap or an unknown "label：".
        cut = re.search(r"\s{2,}|\s[|｜]\s?", value)
        if cut:
            value = value[:cut.start()]
        other = _ANY_LABEL_RE.search(value)
        if other:
            value = value[:other.start()]
        pairs.append((_LABEL_FIELD[m.group("label").lower()], _clean_value(value)))
    return pairs


def _city_of(value: str) -> str | None:
    for city in vocab.CITIES_ZH:
        if city in value:
            return city
    m = vocab.CITY_EN_RE.search(value)
    if m:
        return vocab.CITIES_EN[m.group(1).lower()]
    return None


def _norm_gender(value: str) -> str | None:
    value = value.strip().lower().rstrip("性")
    return _GENDER.get(value) or (_GENDER.get(value[:1]) if value[:1] in ("男", "女") else None)


def _birth_from(value: str) -> str | None:
    if _AGE_RE.search(value) and not re.search(r"\d{4}", value):
        return None
    found = find_date(value)
    if found is None:
        return None
    return found[0]


_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff)）]) (?=[\u4e00-\u9fff(（A-Za-z0-9])|(?<=[A-Za-z0-9)）]) (?=[\u4e00-\u9fff])")


_COMMA = re.compile(r",\s*")
_SUFFIX_ONLY = re.compile(r"^(?:Ltd|Inc|LLC|LLP|Co|Corp|Limited|PLC|GmbH|S\.A|Jr)\.?(?:,?\s*(?:Ltd|Limited)\.?)?$", re.I)
COUNTRIES = {"china", "prc", "p.r.china", "中国", "hong kong sar", "usa", "uk", "united kingdom",
             "united states", "canada", "australia", "japan"}


def _segments(text: str) -> list[str]:
    """Pieces of a line between separators (wide gaps, bars, dashes, commas; single spaces next
    to CJK).  "Co., Ltd." stays with its company."""
    text = _CJK_SPACE.sub("  ", text)
    out: list[str] = []
    for piece in _SEGMENT_SPLIT.split(text):
        parts = _COMMA.split(piece)
        for n, part in enumerate(parts):
            part = _clean_value(part)
            if not part:
                continue
            if n and out and _SUFFIX_ONLY.match(part):
                out[-1] = f"{out[-1]}, {part}"
            elif part.lower() not in COUNTRIES:
                out.append(part)
    return out


# --------------------------------------------------------------------------- basics

def extract_basics(lines: list[Line], sections: list[Section], out: Result) -> None:
    basics: dict[str, t.Any] = {}
    src: dict[str, tuple[float, str]] = {}

    def keep(field: str, value: t.Any, conf: float, source: str) -> None:
        if value and field not in basics:
            basics[field] = value
            src[field] = (conf, source)

    phone_line: Line | None = None
    for n, ln in enumerate(lines):
        pairs = [pair for pair in label_pairs(ln) if pair[1]]
        bare = ln.text.strip().rstrip(":： ").lower()
        if not pairs and bare in _LABEL_FIELD and n + 1 < len(lines):
            # The label on its own line, the value on the next (sidebars, narrow tables).
            value_line = lines[n + 1]
            if value_line.text.strip().rstrip(":： ").lower() not in _LABEL_FIELD and not label_pairs(value_line):
                pairs = [(_LABEL_FIELD[bare], _clean_value(value_line.text))]
                ln = Line(text=f"{ln.text} {value_line.text}")
        for field, value in pairs:
            if not value:
                continue
            if field == "name" and 1 <= len(value) <= 40 and not re.search(r"[\d@]", value):
                keep("name", re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", value), 0.95, ln.text)
            elif field == "gender":
                keep("gender", _norm_gender(value), 0.95, ln.text)
            elif field == "birth":
                keep("birthDate", _birth_from(value), 0.93, ln.text)
            elif field == "native":
                if len(value) <= 30 and not re.search(r"\d", value):
                    keep("nativePlace", value, 0.93, ln.text)
            elif field == "city":
                keep("city", _city_of(value) or (value if len(value) <= 20 else None), 0.85, ln.text)
            elif field == "phone" and phone_line is None:
                phone_line = ln

    # E-mail: the first address anywhere.
    for ln in lines:
        m = EMAIL_RE.search(ln.text)
        if m:
            keep("email", m.group(0).rstrip("."), 0.97, ln.text)
            break

    # Phone: a labelled line first, then the first valid number in the document.
    candidates = ([phone_line] if phone_line else []) + lines
    for ln in candidates:
        text = EMAIL_RE.sub(" ", ln.text)
        for match in phonenumbers.PhoneNumberMatcher(text, "CN", leniency=phonenumbers.Leniency.VALID):
            keep("phone", phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164),
                 0.95 if ln is phone_line else 0.9, ln.text)
            break
        if "phone" in basics:
            break

    header = _header_lines(lines, sections)
    if "name" not in basics:
        name, conf, source = _name_from_layout(header, lines)
        keep("name", name, conf, source)
    _header_facts(header, keep)

    out_basics: dict[str, t.Any] = {}
    for field in ("name", "email", "phone"):
        if field in basics:
            out_basics[field] = basics[field]
            out.put(f"basics.{field}", basics[field], *src[field])
    if "city" in basics:
        out_basics["location"] = {"city": basics["city"]}
        out.put("basics.location.city", basics["city"], *src["city"])
    for field in ("gender", "birthDate", "nativePlace"):
        if field in basics:
            out_basics[field] = basics[field]
            out.put(f"basics.{field}", basics[field], *src[field])
    if out_basics:
        out.resume["basics"] = out_basics


def _header_lines(lines: list[Line], sections: list[Section]) -> list[Line]:
    """Lines that may hold the name and header facts: the part before the first heading,
    the basics section, and the first lines of the document."""
    header: list[Line] = []
    for sec in sections:
        if sec.kind in ("header", "basics"):
            header.extend(sec.lines[:12])
    for ln in lines[:6]:
        if ln not in header:
            header.append(ln)
    return header


_NOT_NAME = re.compile(r"简历|履历|resume|curriculum|vitae|\bcv\b|求职|应聘|意向|欢迎|期待|个人|信息|"
                       r"[\d@:：/()（）,，.。]", re.I)
_EN_NAME = re.compile(r"^[A-Z][a-zA-Z'\-]+(?:\s+[A-Z][a-zA-Z'\-.]+){1,3}$")


def _name_candidates(text: str) -> list[str]:
    parts = [p for p in re.split(r"\s*[|｜/·•]\s*|\s{2,}", text) if p]
    return parts[:2] if parts else []


def _is_zh_name(s: str) -> bool:
    s = re.sub(r"\s+", "", s)
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", s):
        return False
    return s[:1] in vocab.SURNAMES or s[:2] in vocab.COMPOUND_SURNAMES


def _name_from_layout(header: list[Line], lines: list[Line]) -> tuple[str | None, float, str]:
    if not header:
        return None, 0.0, ""
    body = body_font_size(lines)
    top_size = max((ln.size for ln in header), default=0.0)
    best: tuple[float, str, Line] | None = None
    for rank, ln in enumerate(header):
        for part in _name_candidates(ln.text):
            part = part.strip()
            compact = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", part)
            score = 0.0
            if _is_zh_name(compact):
                score += 4
                part = compact
            elif _EN_NAME.match(part) and not vocab.TITLE_RE.search(part) and not vocab.SCHOOL_RE.search(part) \
                    and not vocab.COMPANY_RE.search(part) and not vocab.CITY_EN_RE.search(part):
                score += 3
                if part.isupper():
                    part = part.title()
            elif re.fullmatch(r"[A-Z]+(?:\s+[A-Z]+){1,3}", part) and not vocab.TITLE_RE.search(part):
                score += 2.5
                part = part.title()
            else:
                continue
            if _NOT_NAME.search(part):
                continue
            if ln.size and top_size and ln.size >= top_size - 0.1:
                score += 2
            if body and ln.size > body * 1.2:
                score += 1
            if ln.bold:
                score += 0.5
            score -= rank * 0.15
            if best is None or score > best[0]:
                best = (score, part, ln)
    if best is None or best[0] < 3:
        return None, 0.0, ""
    conf = 0.9 if best[0] >= 6 else 0.75
    return best[1], conf, best[2].text


def _header_facts(header: list[Line], keep: t.Callable[..., None]) -> None:
    """Unlabelled facts in the header: ``男 | 28岁 | 汉族``, ``张三 / 女 / 1994年5月生``."""
    for ln in header:
        segs = _segments(ln.text)
        if ln.text.strip().lower() in ("男", "女", "male", "female"):
            keep("gender", _GENDER[ln.text.strip().lower()], 0.8, ln.text)
            continue
        if len(segs) < 2 and not re.search(r"出生|生于|\bborn\b", ln.text, re.I):
            continue
        contact = bool(EMAIL_RE.search(ln.text) or re.search(r"\d{3}[\s-]?\d{4}", ln.text))
        for seg in segs:
            low = seg.lower()
            if low in ("男", "女", "male", "female"):
                keep("gender", _GENDER[low], 0.8, ln.text)
            elif contact and not LABEL_RE.match(seg):
                # "138 0000 0000 | a@example.com | Shanghai, China": a city among the contact details
                city = seg.split(",")[0].strip()
                if city in vocab.CITIES_ZH or city.lower() in vocab.CITIES_EN:
                    keep("city", vocab.CITIES_EN.get(city.lower(), city), 0.75, ln.text)
        m = re.search(r"((?:19|20)\d{2}(?:\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|[./-]\d{1,2}(?:[./-]\d{1,2})?)?)\s*(?:出生|生人|生(?![\u4e00-\u9fff]))",
                      ln.text)
        if m:
            value = parse_date(m.group(1))
            if value and value != PRESENT:
                keep("birthDate", value, 0.8, ln.text)
        m = re.search(r"\bborn(?:\s+on)?\s*[:\-–]?\s*(.+)$", ln.text, re.I)
        if m:
            found = find_date(m.group(1))
            if found:
                keep("birthDate", found[0], 0.8, ln.text)


# --------------------------------------------------------------------------- entries

def _degree_of(text: str) -> tuple[str | None, tuple[int, int] | None]:
    for degree, rx in vocab.DEGREES:
        m = rx.search(text)
        if m:
            return degree, m.span()
    return None, None


_COMPANY_END = re.compile(r"(?:公司|集团|事务所|银行|研究院|研究所|医院|中心|工作室|实验室)\)?$")
_TITLE_END = re.compile(r"(?:工程师|经理|实习生|专员|分析师|设计师|主管|总监|助理|架构师|研究员|顾问|代表|负责人|组长|"
                        r"主任|专家|管培生)$")


def _company_score(seg: str) -> float:
    score = 0.0
    if re.search(r"有限公司|公司|集团|\b(?:Inc|Ltd|LLC|Corp|Corporation|Company|Limited|GmbH|PLC)\b", seg, re.I) \
            or _COMPANY_END.search(seg):
        score += 3
    elif vocab.COMPANY_RE.search(seg):
        score += 1.5
    return score


def _title_score(seg: str) -> float:
    score = 0.0
    if vocab.TITLE_RE.search(seg):
        score += 2
        if _TITLE_END.search(seg):
            score += 1
    if len(seg) > 40:
        score -= 2
    return score


def _is_bullet(ln: Line) -> bool:
    return bool(_BULLET.match(ln.text))


_ORG_END = re.compile(r"(?:Ltd|Inc|Co|Corp|LLC|Jr|St)\.$", re.I)


def _is_sentence(text: str) -> bool:
    """A line of running text (a description), not an entry's heading."""
    if len(text) > 90:
        return True
    if re.search(r"[。；;!！.]$", text) and len(text) > 15 and not _ORG_END.search(text):
        return True
    if cjk_ratio(text) > 0.5:
        return text.count(",") >= 1 and len(text) > 20 or len(text) > 45
    return text.count(", ") >= 3 or (len(text) > 60 and len(_segments(text)) == 1)


def _group_entries(lines: list[Line], is_org: t.Callable[[str], bool]) -> list[dict[str, t.Any]]:
    """Group a section's lines into entries: a new entry starts at a line that brings
    something the current entry already has (dates or an organisation)."""
    entries: list[dict[str, t.Any]] = []
    cur: dict[str, t.Any] | None = None
    before: list[Line] = []      # lines before the first entry
    for ln in lines:
        text = ln.text.strip()
        if not text:
            continue
        rng = find_range(text)
        org_line = (not _is_bullet(ln) and not _is_sentence(text)
                    and any(is_org(s) for s in _segments(text)))
        if rng is not None:
            if cur is None or cur["range"] is not None:
                moved: list[Line] = []
                # A short plain line just before the dates is this entry's organisation.
                pool = cur["desc"] if cur is not None else before
                bare_dates = not _segments(_strip_range(text))
                if pool and bare_dates:
                    prev = pool[-1]
                    if not _is_bullet(prev) and not _is_sentence(prev.text) and (prev.bold or not ln.bold) \
                            and not (prev.x0 > ln.x0 + 3):
                        moved = [pool.pop()]
                cur = {"head": moved, "range": None, "desc": []}
                entries.append(cur)
            cur["range"] = (rng, ln)
            cur["head"].append(ln)
        elif org_line:
            if cur is None or cur["range"] is not None and (
                    cur["desc"] or _has_org(cur, is_org) or len(cur["head"]) >= 2):
                cur = {"head": [], "range": None, "desc": []}
                entries.append(cur)
            cur["head"].append(ln)
        elif cur is None:
            before.append(ln)
        else:
            if not cur["desc"] and len(cur["head"]) < 3 and cur["range"] is not None and _looks_like_head(ln):
                cur["head"].append(ln)      # e.g. the position under "company  dates"
            else:
                cur["desc"].append(ln)
    return entries


def _looks_like_head(ln: Line) -> bool:
    """A short line under an entry's dates that names its position, degree or major."""
    text = ln.text.strip()
    if _is_bullet(ln) or _is_sentence(text) or len(text) > 60:
        return False
    if cjk_ratio(text) > 0.5 and "," in text:
        return False
    return bool(ln.bold or vocab.TITLE_RE.search(text) or _degree_of(text)[0] or vocab.SCHOOL_RE.search(text)
                or vocab.COMPANY_RE.search(text) or re.search(r"[:：|]", text) or len(text) <= 15
                or len(text.split()) <= 6)


def _has_org(cur: dict[str, t.Any], is_org: t.Callable[[str], bool]) -> bool:
    return any(is_org(s) for h in cur["head"] for s in _segments(_strip_range(h.text)))


def _strip_range(text: str) -> str:
    rng = find_range(text)
    if rng:
        a, b = rng[2]
        text = text[:a] + "  " + text[b:]
    return text


def _head_segments(entry: dict[str, t.Any]) -> list[tuple[str, Line]]:
    segs: list[tuple[str, Line]] = []
    for ln in entry["head"]:
        text = _strip_range(ln.text)
        for s in _segments(text):
            s = re.sub(r"^[(（]|[)）]$", "", s).strip()
            s = re.sub(r"^(?:学历|学位|Degree|Level)\s*[:：]\s*", "", s, flags=re.I)
            if s and not vocab.CITY_EN_RE.fullmatch(s) and s not in vocab.CITIES_ZH and not re.fullmatch(r"[\d.\-/\s]+", s):
                segs.append((s, ln))
    return segs


def _degree_only(s: str) -> bool:
    """"本科", "High School Diploma", "Associate Degree": a degree, not a school."""
    degree, span = _degree_of(s)
    if not (degree and span):
        return False
    rest = (s[:span[0]] + s[span[1]:]).strip(" .,")
    return not rest or bool(re.fullmatch(r"(?:Diploma|Degree|学历|学位)", rest, re.I))


def extract_education(section_lines: list[Line], out: Result) -> None:
    entries = _group_entries(section_lines, lambda s: bool(vocab.SCHOOL_RE.search(s)) and len(s) <= 50
                             and not re.search(r"[:：]", s) and not _degree_only(s))
    result = []
    for entry in entries:
        segs = _head_segments(entry)
        item: dict[str, t.Any] = {}
        srcs: dict[str, str] = {}
        for s, ln in segs:
            if "institution" not in item and vocab.SCHOOL_RE.search(s) and not _degree_only(s):
                school = re.split(r"\s*[(（]", s)[0].strip() if not re.search(r"[(（][^)）]*(?:大学|学院)", s) else s
                degree, span = _degree_of(school)
                # "浙江大学本科" -> 浙江大学 + Bachelor; but "Shanghai High School" stays a school.
                if degree and span and span[0] > 0 and vocab.SCHOOL_RE.search(school[:span[0]]):
                    item.setdefault("studyType", degree)
                    srcs.setdefault("studyType", ln.text)
                    school = school[:span[0]].strip()
                item["institution"] = school
                srcs["institution"] = ln.text
        for s, ln in segs:
            if s == item.get("institution"):
                continue
            degree, span = _degree_of(s)
            if degree and "studyType" not in item:
                item["studyType"] = degree
                srcs["studyType"] = ln.text
                rest = vocab.DEGREE_PREFIX.sub("", s).strip() if span and span[0] == 0 else s[:span[0]].strip() if span else ""
                if span and span[0] == 0 and rest == s:
                    rest = s[span[1]:].strip(" ,-–in")
                rest = re.sub(r"^(?:in|of)\s+", "", rest).strip()
                if rest and not _degree_of(rest)[0] and "area" not in item and len(rest) <= 40:
                    item["area"] = re.sub(r"专业$", "", rest).strip()
                    srcs["area"] = ln.text
                continue
            m = re.match(r"^(?:专业|Major)\s*[:：]\s*(.+)$", s, re.I)
            if m:
                item["area"] = m.group(1).strip()
                srcs["area"] = ln.text
                continue
            if "area" not in item and not vocab.SCHOOL_RE.search(s) and not re.search(r"GPA|绩点|排名|\d", s, re.I) \
                    and len(s) <= 30 and not re.search(r"[:：]", s):
                item["area"] = re.sub(r"专业$", "", s).strip()
                srcs["area"] = ln.text
        if "institution" not in item and entry["range"]:
            # No school word ("Raffles Institution"): the plain segment on the dated line.
            rline = entry["range"][1]
            plain = [s for s, ln in segs if ln is rline and not _degree_of(s)[0] and not re.search(r"[:：\d]", s)]
            if plain:
                item["institution"] = plain[0]
                srcs["institution"] = rline.text
                if item.get("area") == plain[0]:
                    del item["area"]
        if entry["range"]:
            (start, end, _), ln = entry["range"]
            item["startDate"] = start
            srcs["startDate"] = ln.text
            if end:
                item["endDate"] = end
                srcs["endDate"] = ln.text
        if "institution" not in item:
            continue
        index = len(result)
        ordered = {k: item[k] for k in ("institution", "studyType", "area", "startDate", "endDate") if k in item}
        result.append(ordered)
        for key, value in ordered.items():
            conf = 0.85 if key in ("institution", "startDate", "endDate") else 0.75
            out.put(f"education[{index}].{key}", value, conf, srcs[key])
    if result:
        out.resume["education"] = result


def extract_work(section_lines: list[Line], out: Result) -> None:
    def is_org(s: str) -> bool:
        return _company_score(s) >= 1.5 and _title_score(s) < _company_score(s) and len(s) <= 50

    entries = _group_entries(section_lines, is_org)
    base = len(out.resume.get("work", []))
    result = []
    for entry in entries:
        if entry["range"] is None:
            continue
        segs = _head_segments(entry)
        item: dict[str, t.Any] = {}
        srcs: dict[str, str] = {}
        labelled = {}
        plain: list[tuple[str, Line]] = []
        for s, ln in segs:
            m = re.match(r"^(公司|单位|公司名称|Company|Employer|职位|岗位|职务|Position|Title|Role)\s*[:：]\s*(.+)$", s, re.I)
            if m:
                key = "name" if m.group(1).lower() in ("公司", "单位", "公司名称", "company", "employer") else "position"
                labelled[key] = (m.group(2).strip(), ln)
            else:
                plain.append((s, ln))
        scored = [(s, ln, _company_score(s), _title_score(s)) for s, ln in plain]
        for key, (value, ln) in labelled.items():
            item[key] = value
            srcs[key] = ln.text
        if "name" not in item:
            orgs = [x for x in scored if x[2] > x[3] and x[2] > 0]
            if orgs:
                item["name"], srcs["name"] = orgs[0][0], orgs[0][1].text
        if "position" not in item:
            titles = [x for x in scored if x[3] > 0 and x[0] != item.get("name")]
            if titles:
                item["position"], srcs["position"] = titles[0][0], titles[0][1].text
        # Neither word list helps: first plain segment is the company, the next the position.
        rest = [x for x in scored if x[0] not in (item.get("name"), item.get("position"))
                and not re.search(r"[:：]", x[0]) and len(x[0]) <= 40]
        if "name" not in item and rest:
            item["name"], srcs["name"] = rest[0][0], rest[0][1].text
            rest = rest[1:]
        if "position" not in item and rest:
            item["position"], srcs["position"] = rest[0][0], rest[0][1].text
        (start, end, _), rline = entry["range"]
        item["startDate"] = start
        srcs["startDate"] = rline.text
        if end:
            item["endDate"] = end
            srcs["endDate"] = rline.text
        desc = [_BULLET.sub("", ln.text).strip() for ln in entry["desc"]]
        desc = [d for d in desc if d]
        if desc:
            item["summary"] = "\n".join(desc)
            srcs["summary"] = entry["desc"][0].text
        if "name" not in item:
            continue
        index = base + len(result)
        ordered = {k: item[k] for k in ("name", "position", "startDate", "endDate", "summary") if k in item}
        result.append(ordered)
        for key, value in ordered.items():
            conf = 0.85 if key in ("startDate", "endDate") else 0.75 if key != "summary" else 0.7
            out.put(f"work[{index}].{key}", value, conf, srcs[key])
    if result:
        out.resume.setdefault("work", []).extend(result)


_SKILL_PREFIX = re.compile(r"^(?:熟练掌握|熟练使用|熟悉|精通|掌握|了解|擅长|能够使用|会使用|proficient (?:in|with)|"
                           r"familiar with|experienced (?:in|with)|knowledge of|good at)\s*", re.I)


def extract_skills(section_lines: list[Line], out: Result) -> None:
    names: list[str] = []
    sources: dict[str, str] = {}
    for ln in section_lines:
        text = _BULLET.sub("", ln.text).strip()
        m = re.match(r"^[^:：]{1,20}[:：]\s*(.+)$", text)
        if m:
            text = m.group(1)
        for part in re.split(r"\s*(?:[、,，;；|｜/•·]|\s{2,}|\band\b|和|及)\s*", text):
            part = _SKILL_PREFIX.sub("", part.strip()).strip(" .。")
            part = re.sub(r"(?:等|等工具|等技术)$", "", part).strip()
            if not part or len(part) > 30 or _is_sentence(part) or re.search(r"[。]", part):
                continue
            if cjk_ratio(part) > 0 and len(part) > 12:
                continue
            if part.lower() not in {n.lower() for n in names}:
                names.append(part)
                sources[part] = ln.text
    if names:
        out.resume["skills"] = [{"name": n} for n in names]
        for i, n in enumerate(names):
            out.put(f"skills[{i}].name", n, 0.7, sources[n])


def extract_all(lines: list[Line], sections: list[Section]) -> Result:
    out = Result()
    extract_basics(lines, sections, out)
    edu = [ln for sec in sections if sec.kind == "education" for ln in sec.lines]
    work = [sec.lines for sec in sections if sec.kind == "work"]
    if edu:
        extract_education(edu, out)
    for lines_ in work:
        extract_work(lines_, out)
    skills = [ln for sec in sections if sec.kind == "skills" for ln in sec.lines]
    if skills:
        extract_skills(skills, out)
    return out
