"""Find the sections of a resume (Chinese and English headings, helped by layout)."""

from __future__ import annotations

import dataclasses
import re
import statistics

from resumes.parser.layout import Line

HEADINGS: dict[str, tuple[str, ...]] = {
    "basics": ("基本信息", "个人信息", "个人资料", "基本资料", "个人概况", "联系方式", "联系信息", "联系我",
               "personalinformation", "personalinfo", "personaldetails", "personaldata", "contact",
               "contactinformation", "contactinfo", "contactdetails", "details"),
    "education": ("教育经历", "教育背景", "教育经验", "学历背景", "教育信息", "学习经历", "education",
                  "educationbackground", "academicbackground", "educationalbackground", "academics"),
    "work": ("工作经历", "工作经验", "实习经历", "实习经验", "工作及实习经历", "实践经历", "职业经历", "工作履历",
             "workexperience", "experience", "professionalexperience", "employmenthistory", "employment",
             "workhistory", "internships", "internship", "internshipexperience", "relevantexperience",
             "careerhistory"),
    "projects": ("项目经历", "项目经验", "项目", "projects", "projectexperience", "selectedprojects",
                 "personalprojects"),
    "skills": ("专业技能", "技能", "技能特长", "个人技能", "技能证书", "职业技能", "技能专长", "skills",
               "technicalskills", "skillsandtools", "skillstools", "coreskills", "skillset", "competencies"),
    "summary": ("自我评价", "个人评价", "个人简介", "个人总结", "自我介绍", "求职意向", "summary", "profile",
                "aboutme", "objective", "careerobjective", "professionalsummary"),
    "other": ("获奖情况", "荣誉奖项", "获奖经历", "所获荣誉", "证书", "资格证书", "校园经历", "社会实践", "兴趣爱好",
              "语言能力", "awards", "honors", "honorsandawards", "awardsandhonors", "certificates",
              "certifications", "activities", "languages", "interests", "publications", "volunteering",
              "extracurricularactivities", "leadership", "references"),
}
_KEY_TO_KIND = {key: kind for kind, keys in HEADINGS.items() for key in keys}
_KEYS_BY_LENGTH = sorted(_KEY_TO_KIND, key=len, reverse=True)
_STRIP = re.compile(r"[^0-9a-z\u4e00-\u9fff&]+")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\d+[.、)]|[ivx]+\.)\s*", re.I)


@dataclasses.dataclass
class Section:
    kind: str
    heading: Line | None
    lines: list[Line]


def _compact(text: str) -> str:
    text = _NUMBERING.sub("", text.strip().lower())
    return _STRIP.sub("", text.replace("&", "and"))


def heading_kind(line: Line, body_size: float) -> str | None:
    """The section a line opens, or None.  Exact keywords need no help from the layout;
    a keyword followed by more text counts only on a short line that looks like a heading."""
    text = line.text.strip()
    if not text or len(text) > 40 or re.search(r"[:：]\s*\S", text):
        return None
    compact = _compact(text)
    if not compact:
        return None
    if compact in _KEY_TO_KIND:
        return _KEY_TO_KIND[compact]
    looks = line.bold or (body_size and line.size >= body_size * 1.12) or text.isupper()
    for key in _KEYS_BY_LENGTH:
        if compact.startswith(key):
            rest = compact[len(key):]
            # 教育背景 Education / Education 教育背景 / 工作经历 WORK EXPERIENCE
            if not rest or rest in _KEY_TO_KIND:
                return _KEY_TO_KIND[key]
            if looks and len(rest) <= 12 and not re.search(r"\d", rest):
                return _KEY_TO_KIND[key]
    return None


def body_font_size(lines: list[Line]) -> float:
    sizes = [round(ln.size, 1) for ln in lines if ln.size]
    return statistics.mode(sizes) if sizes else 0.0


def split_sections(lines: list[Line]) -> list[Section]:
    body = body_font_size(lines)
    sections = [Section("header", None, [])]
    for ln in lines:
        kind = heading_kind(ln, body)
        if kind:
            sections.append(Section(kind, ln, []))
        else:
            sections[-1].lines.append(ln)
    return sections
