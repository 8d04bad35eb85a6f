"""Field rules on small inputs: dates, degrees, phones, labels, normalisation, sections."""

from __future__ import annotations

import pytest

from resumes.parser import ParseFailure, parse_bytes
from resumes.parser.dates import find_range, parse_date
from resumes.parser.fields import _degree_of
from resumes.parser.layout import Line, clean_text
from resumes.parser.sections import heading_kind
from resumes.parser.text import normalise


def parse_text(text: str) -> dict:
    return parse_bytes(text.encode("utf-8"), "r.txt")


@pytest.mark.parametrize(("written", "iso"), [
    ("2019.07", "2019-07"), ("2019.7", "2019-07"), ("2019年7月", "2019-07"), ("Jul 2019", "2019-07"),
    ("July 2019", "2019-07"), ("Sept. 2019", "2019-09"), ("07/2019", "2019-07"), ("2019-07", "2019-07"),
    ("2019/07", "2019-07"), ("1995年3月12日", "1995-03-12"), ("1994.09.23", "1994-09-23"),
    ("12 March 1995", "1995-03-12"), ("March 12, 1995", "1995-03-12"), ("20NOV 1986", "1986-11-20"),
    ("20/11/1986", "1986-11-20"), ("2019", "2019"), ("2019年", "2019"),
    ("至今", "present"), ("今", "present"), ("Present", "present"), ("Now", "present"),
])
def test_dates_are_normalised_as_precise_as_written(written: str, iso: str) -> None:
    assert parse_date(written) == iso


@pytest.mark.parametrize("written", ["2019.13", "hello", "31岁", ""])
def test_not_a_date(written: str) -> None:
    assert parse_date(written) is None


@pytest.mark.parametrize(("line", "expected"), [
    ("2015.09 - 2019.06 浙江大学", ("2015-09", "2019-06")),
    ("Sep 2015 – Jun 2019", ("2015-09", "2019-06")),
    ("2022.3 至今 字节跳动", ("2022-03", None)),
    ("2019年7月至今", ("2019-07", None)),
    ("07/2019 - Present", ("2019-07", None)),
    ("Dec 2013 - June 2014", ("2013-12", "2014-06")),
    ("2 0 1 9 . 0 7 ~ 2 0 2 1 . 0 6", None),  # letter-spaced: only after clean_text
])
def test_date_ranges(line: str, expected: tuple | None) -> None:
    found = find_range(line)
    assert (found[:2] if found else None) == expected
    if expected is None:
        assert find_range(clean_text(line))[:2] == ("2019-07", "2021-06")


@pytest.mark.parametrize(("text", "degree"), [
    ("本科", "Bachelor"), ("学士", "Bachelor"), ("硕士", "Master"), ("研究生", "Master"), ("博士研究生", "Doctorate"),
    ("博士", "Doctorate"), ("大专", "Associate"), ("专科", "Associate"), ("高中", "HighSchool"),
    ("B.Sc. in Physics", "Bachelor"), ("BSc", "Bachelor"), ("B.S.", "Bachelor"), ("Bachelor of Arts", "Bachelor"),
    ("MSc Finance", "Master"), ("M.S.", "Master"), ("MBA", "Master"), ("Master of Engineering", "Master"),
    ("PhD", "Doctorate"), ("Ph.D.", "Doctorate"), ("Associate Degree", "Associate"), ("High School Diploma", "HighSchool"),
])
def test_degrees_are_normalised(text: str, degree: str) -> None:
    assert _degree_of(text)[0] == degree


def test_basics_from_labels_and_phone_in_e164() -> None:
    result = parse_text("张伟\n电话：138 1234 5678  邮箱：zhang.wei@example.cn\n性别：男\n出生年月：1995.03\n")
    basics = result["resume"]["basics"]
    assert basics == {"name": "张伟", "email": "zhang.wei@example.cn", "phone": "+8613812345678",
                      "gender": "male", "birthDate": "1995-03"}
    assert result["sources"]["basics.phone"].startswith("电话")
    assert 0 < result["confidence"]["basics.phone"] <= 1


@pytest.mark.parametrize(("written", "e164"), [
    ("(+86) 152-1234-5678", "+8615212345678"), ("+86 18612345678", "+8618612345678"),
    ("+852 9123 4567", "+85291234567"), ("+65 9123 4567", "+6591234567"), ("139-1234-5678", "+8613912345678"),
])
def test_phone_formats(written: str, e164: str) -> None:
    assert parse_text(f"Jane Doe\nPhone: {written}\njane@example.com\n")["resume"]["basics"]["phone"] == e164


def test_dates_are_not_taken_for_phone_numbers() -> None:
    basics = parse_text("Jane Doe\njane@example.com\nEducation\nFudan University 2015.09-2019.06\n")["resume"]["basics"]
    assert "phone" not in basics


def test_native_place_is_jiguan_only_never_the_current_address() -> None:
    basics = parse_text("李娜\n籍贯：浙江杭州  现居：北京市朝阳区\n电话：13812345678\n")["resume"]["basics"]
    assert basics["nativePlace"] == "浙江杭州"
    assert basics["location"] == {"city": "北京"}
    only_current = parse_text("李娜\n现居住地：上海市浦东新区\n电话：13812345678\n")["resume"]["basics"]
    assert "nativePlace" not in only_current
    assert only_current["location"] == {"city": "上海"}


@pytest.mark.parametrize("line", ["年龄：28岁", "Age: 28", "28岁 | 女 | 汉族"])
def test_an_age_alone_is_not_a_date_of_birth(line: str) -> None:
    basics = parse_text(f"王芳\n{line}\n电话：13812345678\n")["resume"]["basics"]
    assert "birthDate" not in basics


def test_header_facts_without_labels() -> None:
    basics = parse_text("王芳\n女 | 1994年5月生 | 汉族\n电话：13812345678\n")["resume"]["basics"]
    assert basics["gender"] == "female"
    assert basics["birthDate"] == "1994-05"


def test_what_is_not_stated_is_omitted() -> None:
    basics = parse_text("Jane Doe\njane@example.com\n")["resume"]["basics"]
    assert set(basics) == {"name", "email"}


def test_radical_look_alikes_are_mapped() -> None:
    assert normalise("出⽣年⽉") == "出生年月"        # Kangxi radicals (NFKC)
    assert normalise("⻩伟 ⻔") == "黄伟 门"          # CJK Radicals Supplement (the extra map)
    assert normalise("１３８－１２３４") == "138-1234"
    result = parse_text("⻩伟\n出⽣年⽉：1995.03\n⼯作经历\n2019.07-至今 华为技术有限公司 ⼯程师\n")
    assert result["resume"]["basics"]["name"] == "黄伟"
    assert result["resume"]["basics"]["birthDate"] == "1995-03"
    assert result["resume"]["work"][0]["name"] == "华为技术有限公司"


def test_letter_spacing_is_collapsed() -> None:
    assert clean_text("基 本 信 息") == "基本信息"
    assert clean_text("E D U C A T I O N") == "EDUCATION"
    assert clean_text("张 三") == "张三"
    assert clean_text("Zhang  Wei   Engineer") == "Zhang  Wei  Engineer"   # wide gaps stay (cells)


@pytest.mark.parametrize(("text", "kind"), [
    ("基本信息", "basics"), ("个人信息", "basics"), ("教育经历", "education"), ("教育背景：", "education"),
    ("工作经历", "work"), ("实习经历", "work"), ("项目经历", "projects"), ("专业技能", "skills"),
    ("自我评价", "summary"), ("Education", "education"), ("WORK EXPERIENCE", "work"), ("Internships", "work"),
    ("Projects", "projects"), ("Skills", "skills"), ("教育背景 Education", "education"), ("一、工作经历", "work"),
])
def test_headings(text: str, kind: str) -> None:
    assert heading_kind(Line(text=text), 10) == kind


@pytest.mark.parametrize("text", ["负责教育经历相关系统的开发工作，支撑业务", "Education: Fudan University", "Skills I learned"])
def test_not_headings(text: str) -> None:
    assert heading_kind(Line(text=text), 10) is None


def test_entries_education_work_and_skills() -> None:
    resume = parse_text(
        "张伟\n电话：13812345678\n教育背景\n2013.09-2017.06  浙江大学  计算机科学与技术  本科\n"
        "2017.09-2020.06 清华大学 软件工程 硕士\n工作经历\n阿里巴巴（中国）有限公司\n高级工程师  2020.07 - 至今\n"
        "- 负责交易系统的开发。\n2019.07-2019.12 字节跳动 后端开发实习生\n- 参与推荐系统开发。\n"
        "项目经历\n2018.03-2018.06 校园二手平台 负责人\n专业技能\n编程语言：Python、Java、Go\n熟悉 MySQL、Redis\n"
    )["resume"]
    assert resume["education"] == [
        {"institution": "浙江大学", "studyType": "Bachelor", "area": "计算机科学与技术", "startDate": "2013-09",
         "endDate": "2017-06"},
        {"institution": "清华大学", "studyType": "Master", "area": "软件工程", "startDate": "2017-09", "endDate": "2020-06"},
    ]
    assert [(w["name"], w["position"], w["startDate"], w.get("endDate")) for w in resume["work"]] == [
        ("阿里巴巴(中国)有限公司", "高级工程师", "2020-07", None),   # current: no endDate
        ("字节跳动", "后端开发实习生", "2019-07", "2019-12"),
    ]
    assert resume["work"][0]["summary"] == "负责交易系统的开发。"
    assert [s["name"] for s in resume["skills"]] == ["Python", "Java", "Go", "MySQL", "Redis"]


def test_english_entries() -> None:
    resume = parse_text(
        "Jane Doe\njane@example.com | +65 9123 4567 | Singapore\nEDUCATION\n"
        "National University of Singapore    Aug 2014 - May 2018\nB.Sc. in Computer Science\n"
        "EXPERIENCE\nSoftware Engineer, Contoso Ltd.    Jun 2018 - Present\n- Built things\n"
    )["resume"]
    assert resume["basics"]["location"] == {"city": "Singapore"}
    assert resume["education"] == [{"institution": "National University of Singapore", "studyType": "Bachelor",
                                     "area": "Computer Science", "startDate": "2014-08", "endDate": "2018-05"}]
    assert resume["work"] == [{"name": "Contoso Ltd.", "position": "Software Engineer", "startDate": "2018-06",
                               "summary": "Built things"}]


def test_stages_are_reported_in_order() -> None:
    stages: list[str] = []
    parse_bytes(b"Jane Doe\njane@example.com\nEducation\n", "x.txt", on_stage=stages.append)
    assert stages == ["reading", "sections", "fields"]


@pytest.mark.parametrize(("data", "code"), [
    (b"", "empty"), (b"   \n", "empty"), (b"\x89PNG\r\n\x1a\n" + b"\0" * 50, "unsupported_type"),
    (b"\xd0\xcf\x11\xe0" + b"\0" * 50, "unsupported_type"), (b"%PDF-1.7\n", "corrupt"),
    (b"%PDF-1.7\n%%EOF\n", "corrupt"), (b"short", "no_text"), (b"\x00\x01\x02binary\x00" * 20, "unsupported_type"),
])
def test_bad_bytes_in_process(data: bytes, code: str) -> None:
    with pytest.raises(ParseFailure) as info:
        parse_bytes(data, "x.pdf")
    assert info.value.code == code
    assert info.value.message


def test_size_limit_is_a_parameter() -> None:
    with pytest.raises(ParseFailure) as info:
        parse_bytes(b"Jane Doe jane@example.com " * 100, "x.txt", max_bytes=1000)
    assert info.value.code == "too_large"


def test_gb18030_text() -> None:
    result = parse_bytes("张伟\n电话：13812345678\n邮箱：a@example.cn\n".encode("gb18030"), "r.txt")
    assert result["resume"]["basics"]["name"] == "张伟"
