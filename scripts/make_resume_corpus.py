"""Generate the synthetic resume corpus (tests/resume_corpus/) and the bad-file catalogue.

Every person is synthetic (seeded random choices from word lists; phones in the 13x/15x/18x
ranges plus a few +852/+65 numbers; e-mail at example.com/example.cn).  Each resume is written
in one of the layouts real resumes use and gets a label file ``<id>.json`` holding what the
parser should output (JSON Resume v1.0.0 names + basics.gender/birthDate/nativePlace), with
only the facts the document states.

    .venv/bin/python scripts/make_resume_corpus.py [--out tests/resume_corpus] [--seed 4]

Layouts: one column; two columns with a sidebar; label/value tables; LaTeX-style (serif,
section rules, right-aligned dates); Word-exported (Heading styles, bars); browser-exported
(letter-spaced headings, header in a form XObject); DOCX with tables; DOCX with text boxes
(mc:AlternateContent with the VML fallback, runs split mid-number); plain text.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import random
import zlib
from pathlib import Path

import phonenumbers

ROOT = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------- word lists
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严武戴莫孔向汤") + ["欧阳", "司马", "诸葛"]
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉晨宇浩然子轩欣怡思雨梓涵一诺雅琪俊杰嘉豪文博晓东佳怡")
PINYIN = {"王": "Wang", "李": "Li", "张": "Zhang", "刘": "Liu", "陈": "Chen", "杨": "Yang", "黄": "Huang", "赵": "Zhao",
          "吴": "Wu", "周": "Zhou", "徐": "Xu", "孙": "Sun", "马": "Ma", "朱": "Zhu", "胡": "Hu", "郭": "Guo", "何": "He",
          "高": "Gao", "林": "Lin", "罗": "Luo", "郑": "Zheng", "梁": "Liang", "谢": "Xie", "宋": "Song", "唐": "Tang"}
EN_GIVEN_PINYIN = ["Wei", "Fang", "Na", "Min", "Jing", "Lei", "Jun", "Yang", "Tao", "Ming", "Chao", "Xia", "Peng",
                   "Hui", "Yu", "Hao", "Xin", "Yiran", "Zixuan", "Siyu", "Jiahao", "Wenbo", "Xiaodong", "Jiayi"]
EN_FIRST = ["Emily", "James", "Olivia", "Daniel", "Sophia", "Michael", "Grace", "Lucas", "Hannah", "Ethan",
            "Chloe", "Ryan", "Natalie", "Kevin", "Amelia", "Jason", "Rachel", "Adrian", "Priya", "Marcus"]
EN_LAST = ["Carter", "Nguyen", "Patel", "Thompson", "Wong", "Fischer", "Lee", "Morgan", "Tan", "Brooks",
           "Hughes", "Kim", "Foster", "Lim", "Reyes", "Sullivan", "Ong", "Bennett", "Chan", "Walsh"]

ZH_SCHOOLS = ["北京大学", "清华大学", "浙江大学", "复旦大学", "上海交通大学", "南京大学", "武汉大学", "中山大学",
              "华中科技大学", "四川大学", "厦门大学", "同济大学", "北京邮电大学", "西安电子科技大学", "哈尔滨工业大学",
              "华南理工大学", "东南大学", "中国人民大学", "北京师范大学", "电子科技大学", "深圳职业技术学院",
              "杭州电子科技大学", "首都经济贸易大学", "南京信息工程大学", "上海财经大学"]
ZH_MAJORS = ["计算机科学与技术", "软件工程", "电子信息工程", "通信工程", "自动化", "数学与应用数学", "统计学",
             "金融学", "会计学", "市场营销", "人力资源管理", "汉语言文学", "英语", "机械工程", "土木工程",
             "工商管理", "信息管理与信息系统", "数据科学与大数据技术", "新闻学", "法学"]
EN_SCHOOLS = ["Zhejiang University", "Fudan University", "Tsinghua University", "Peking University",
              "Shanghai Jiao Tong University", "Nanjing University", "Wuhan University", "Sun Yat-sen University",
              "University of Hong Kong", "National University of Singapore", "University of Edinburgh",
              "University of Toronto", "Imperial College London", "University of Melbourne",
              "Georgia Institute of Technology", "Boston University", "University of Manchester",
              "Hong Kong University of Science and Technology", "Nanyang Technological University",
              "Xi'an Jiaotong-Liverpool University", "King's College London", "University of Warwick"]
EN_MAJORS = ["Computer Science", "Software Engineering", "Electrical Engineering", "Mathematics", "Statistics",
             "Economics", "Finance", "Accounting", "Marketing", "Data Science", "Mechanical Engineering",
             "Information Systems", "Business Administration", "Psychology", "Communication"]
ZH_COMPANIES = ["阿里巴巴(中国)有限公司", "腾讯科技(深圳)有限公司", "北京字节跳动科技有限公司", "华为技术有限公司",
                "美团", "京东集团", "网易(杭州)网络有限公司", "百度在线网络技术(北京)有限公司", "小米科技有限责任公司",
                "招商银行", "中国平安保险(集团)股份有限公司", "上海浦东发展银行", "科大讯飞", "拼多多",
                "蚂蚁集团", "滴滴出行", "携程旅行网", "中信证券股份有限公司", "普华永道中天会计师事务所",
                "深圳市大疆创新科技有限公司", "快手科技", "哔哩哔哩", "杭州海康威视数字技术股份有限公司", "BOSS直聘"]
ZH_TITLES = ["后端开发工程师", "前端开发工程师", "Java开发工程师", "算法工程师", "数据分析师", "产品经理", "运营专员",
             "测试工程师", "UI设计师", "财务分析师", "审计助理", "人力资源专员", "市场营销经理", "客户经理",
             "项目经理", "高级软件工程师", "技术总监", "销售代表"]
ZH_INTERN = ["后端开发实习生", "数据分析实习生", "产品实习生", "运营实习生", "审计实习生", "算法实习生"]
EN_COMPANIES = ["Alibaba Group", "Tencent Holdings Ltd.", "ByteDance Ltd.", "Huawei Technologies Co., Ltd.",
                "HSBC Bank", "Standard Chartered Bank", "Deloitte Consulting LLP", "PwC Hong Kong",
                "Shopee Singapore", "Grab Holdings Inc.", "Northwind Traders Inc.", "Contoso Ltd.",
                "Fabrikam Software", "Acme Analytics Group", "Globex Corporation", "Initech Solutions",
                "Tailspin Systems", "Blue Yonder Labs", "Lazada Group", "DBS Bank", "Meituan", "NetEase"]
EN_TITLES = ["Software Engineer", "Senior Software Engineer", "Data Analyst", "Product Manager",
             "Backend Developer", "Frontend Developer", "Marketing Manager", "Financial Analyst",
             "Business Analyst", "UX Designer", "Machine Learning Engineer", "Operations Specialist",
             "Audit Associate", "Account Manager", "QA Engineer", "Engineering Manager"]
EN_INTERN = ["Software Engineering Intern", "Data Science Intern", "Marketing Intern", "Audit Intern",
             "Product Management Intern"]
SKILLS = ["Python", "Java", "Go", "C++", "JavaScript", "TypeScript", "SQL", "MySQL", "PostgreSQL", "Redis",
          "Docker", "Kubernetes", "Linux", "Git", "Spark", "Hadoop", "TensorFlow", "PyTorch", "React", "Vue",
          "Excel", "Tableau", "Power BI", "Figma", "Photoshop", "SPSS", "R", "Kafka", "Spring Boot", "Flask"]
ZH_DESC = ["负责核心交易系统的设计与开发,支撑日均千万级订单", "参与推荐算法优化,点击率提升12%",
           "搭建数据看板,为业务团队提供每周经营分析", "主导支付模块重构,接口响应时间降低40%",
           "负责用户增长活动策划与执行,新增注册用户5万", "编写自动化测试用例,覆盖率提升至85%",
           "协助完成年度审计工作,整理底稿与函证", "对接产品与设计,推动需求按期上线", "维护内部运维平台,处理线上故障"]
EN_DESC = ["Designed and built the order service handling 2M requests per day",
           "Improved recommendation click-through rate by 12% through feature engineering",
           "Built weekly dashboards for the sales team in Tableau", "Led the migration of the payment module to Go",
           "Ran growth campaigns that added 50,000 registered users", "Wrote automated tests, raising coverage to 85%",
           "Supported the annual audit of three listed clients", "Worked with designers to ship features on schedule",
           "Maintained the internal deployment platform and handled incidents"]
ZH_PROVINCES = [("浙江", "杭州"), ("江苏", "南京"), ("湖南", "长沙"), ("山东", "青岛"), ("四川", "成都"),
                ("湖北", "武汉"), ("河南", "郑州"), ("广东", "汕头"), ("福建", "泉州"), ("安徽", "合肥"),
                ("江西", "赣州"), ("河北", "保定"), ("辽宁", "大连"), ("陕西", "西安")]
EN_PROV = {"浙江": "Zhejiang", "江苏": "Jiangsu", "湖南": "Hunan", "山东": "Shandong", "四川": "Sichuan",
           "湖北": "Hubei", "河南": "Henan", "广东": "Guangdong", "福建": "Fujian", "安徽": "Anhui", "江西": "Jiangxi",
           "河北": "Hebei", "辽宁": "Liaoning", "陕西": "Shaanxi"}
EN_CITY = {"杭州": "Hangzhou", "南京": "Nanjing", "长沙": "Changsha", "青岛": "Qingdao", "成都": "Chengdu",
           "武汉": "Wuhan", "郑州": "Zhengzhou", "汕头": "Shantou", "泉州": "Quanzhou", "合肥": "Hefei",
           "赣州": "Ganzhou", "保定": "Baoding", "大连": "Dalian", "西安": "Xi'an"}
ZH_CITIES = [("北京", "北京市海淀区"), ("上海", "上海市浦东新区"), ("深圳", "深圳市南山区"), ("杭州", "杭州市西湖区"),
             ("广州", "广州市天河区"), ("成都", "成都市高新区"), ("南京", "南京市鼓楼区"), ("武汉", "武汉市洪山区")]
EN_CITIES = ["Shanghai", "Beijing", "Shenzhen", "Hangzhou", "Hong Kong", "Singapore", "Guangzhou"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]


# --------------------------------------------------------------------------- people
@dataclasses.dataclass
class Person:
    lang: str
    name: str
    gender: str | None
    birth: tuple[int, int, int] | None
    birth_precision: str          # "day" | "month" | "year"
    age_only: bool
    native: str | None            # as written
    city: str | None              # label value
    city_written: str | None
    email: str
    phone_e164: str
    phone_written: str
    education: list[dict]
    work: list[dict]
    projects: list[dict]
    skills: list[str]
    summary: str
    date_style: str
    range_sep: str
    present: str
    radicals: bool = False
    cache: dict = dataclasses.field(default_factory=dict)   # one choice of headings/labels per resume


def _phone(rng: random.Random) -> tuple[str, str]:
    kind = rng.random()
    while True:
        if kind < 0.1:
            national = f"9{rng.randint(1000000, 8999999)}"
            number = phonenumbers.parse("+852" + national)
            written = f"+852 {national[:4]} {national[4:]}"
        elif kind < 0.17:
            national = f"9{rng.randint(1000000, 8999999)}"
            number = phonenumbers.parse("+65" + national)
            written = f"+65 {national[:4]} {national[4:]}"
        else:
            prefix = rng.choice(["13", "15", "18"]) + str(rng.choice({"13": range(10), "15": [0, 1, 2, 3, 5, 6, 7, 8, 9],
                                                                        "18": range(10)}[rng.choice(["13"])]))
            prefix = rng.choice(["130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152", "155",
                                 "156", "158", "159", "180", "181", "186", "187", "188", "189"])
            national = prefix + f"{rng.randint(0, 99999999):08d}"
            number = phonenumbers.parse(national, "CN")
            written = rng.choice([
                f"{national[:3]} {national[3:7]} {national[7:]}", f"{national[:3]}-{national[3:7]}-{national[7:]}",
                national, f"(+86) {national[:3]}-{national[3:7]}-{national[7:]}", f"+86 {national}"])
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), written


def fmt_date(y: int, m: int, style: str) -> str:
    return {
        "dot": f"{y}.{m:02d}", "dot1": f"{y}.{m}", "zh": f"{y}年{m}月", "dash": f"{y}-{m:02d}", "slash": f"{y}/{m:02d}",
        "mon": f"{MONTHS[m - 1]} {y}", "month": f"{MONTHS_LONG[m - 1]} {y}", "mmyyyy": f"{m:02d}/{y}",
    }[style]


def fmt_range(p: Person, start: tuple[int, int], end: tuple[int, int] | None) -> str:
    a = fmt_date(*start, p.date_style)
    b = p.present if end is None else fmt_date(*end, p.date_style)
    return f"{a}{p.range_sep}{b}"


def make_person(rng: random.Random, lang: str) -> Person:
    zh = lang == "zh"
    surname = rng.choice(SURNAMES)
    given = "".join(rng.sample(GIVEN, rng.choice([1, 2, 2])))
    zh_name = surname + given
    if zh:
        name = zh_name
    elif rng.random() < 0.5 and surname in PINYIN:
        name = f"{rng.choice(EN_GIVEN_PINYIN)} {PINYIN[surname]}"
    else:
        name = f"{rng.choice(EN_FIRST)} {rng.choice(EN_LAST)}"
    gender = rng.choice(["male", "female"]) if rng.random() < (0.8 if zh else 0.35) else None
    by = rng.randint(1985, 2001)
    birth = (by, rng.randint(1, 12), rng.randint(1, 28))
    has_birth = rng.random() < (0.7 if zh else 0.35)
    precision = rng.choice(["month", "month", "day", "year"]) if zh else rng.choice(["day", "month", "year"])
    age_only = not has_birth and rng.random() < 0.5
    prov, pcity = rng.choice(ZH_PROVINCES)
    native = None
    if zh and rng.random() < 0.75:
        native = rng.choice([f"{prov}{pcity}", f"{prov}省{pcity}市", f"{prov}"])
    elif not zh and rng.random() < 0.25:
        native = f"{EN_CITY[pcity]}, {EN_PROV[prov]}"
    city = city_written = None
    if rng.random() < 0.7:
        if zh:
            city, city_written = rng.choice(ZH_CITIES)
            if rng.random() < 0.5:
                city_written = city
        else:
            city = rng.choice(EN_CITIES)
            city_written = city + rng.choice(["", ", China"]) if city not in ("Hong Kong", "Singapore") else city
    user = rng.choice(["zhang", "li", "wang", "chen", "amy", "leo", "kevin", "grace", "hr.contact", "jobs"])
    email = f"{user}{rng.randint(1, 999)}@{rng.choice(['example.com', 'example.cn'])}"
    phone_e164, phone_written = _phone(rng)

    # Education: most recent first, as resumes list it.
    grad = rng.randint(max(by + 20, 2008), min(by + 24, 2025))
    levels = rng.choice([["Bachelor"], ["Bachelor"], ["Bachelor", "Master"], ["Bachelor", "Master"],
                         ["Associate"], ["Bachelor", "Master", "Doctorate"], ["HighSchool", "Bachelor"]])
    education = []
    year = grad - {"Bachelor": 4, "Associate": 3, "HighSchool": 3, "Master": 3, "Doctorate": 4}[levels[0]]
    schools = rng.sample(ZH_SCHOOLS if zh else EN_SCHOOLS, len(levels))
    for level, school in zip(levels, schools, strict=True):
        span = {"Bachelor": 4, "Associate": 3, "HighSchool": 3, "Master": rng.choice([2, 3]), "Doctorate": 4}[level]
        start, end = (year, 9), (year + span, rng.choice([6, 7]))
        if level == "HighSchool":
            school = rng.choice(["杭州第二中学", "长沙市第一中学", "南京外国语学校"]) if zh else rng.choice(
                ["Raffles Institution", "Shanghai High School", "Diocesan Boys' School"])
        education.append({"institution": school, "studyType": level,
                           "area": None if level == "HighSchool" else rng.choice(ZH_MAJORS if zh else EN_MAJORS),
                           "start": start, "end": end})
        year = end[0]
    education.reverse()
    last_end = max(e["end"] for e in education)
    # Work: internships while studying, then jobs; most recent first.
    work = []
    if rng.random() < 0.6:
        iy = last_end[0] - 1
        work.append({"company": rng.choice(ZH_COMPANIES if zh else EN_COMPANIES),
                     "position": rng.choice(ZH_INTERN if zh else EN_INTERN), "start": (iy, 6), "end": (iy, 9),
                     "desc": rng.sample(ZH_DESC if zh else EN_DESC, rng.randint(1, 2))})
    y, m = last_end[0], 7
    for n in range(rng.randint(0 if work else 1, 3)):
        length = rng.randint(10, 40)
        end_m = y * 12 + m + length
        current = n > 0 and rng.random() < 0.5
        end = None if current or end_m > 2026 * 12 else (end_m // 12, end_m % 12 + 1)
        work.append({"company": rng.choice(ZH_COMPANIES if zh else EN_COMPANIES),
                     "position": rng.choice(ZH_TITLES if zh else EN_TITLES), "start": (y, m), "end": end,
                     "desc": rng.sample(ZH_DESC if zh else EN_DESC, rng.randint(1, 3))})
        if end is None:
            break
        y, m = end[0], min(12, end[1] + 1)
    seen = set()
    work = [w for w in work if not (w["company"] in seen or seen.add(w["company"]))]
    work.reverse()
    if work and work[0]["end"] is None:
        pass
    projects = []
    if rng.random() < 0.4:
        py = last_end[0] - 2
        projects.append({"name": rng.choice(["校园二手交易平台", "智能客服系统", "个人博客系统"]) if zh else rng.choice(
            ["Campus marketplace app", "Chatbot for student services", "Personal finance tracker"]),
            "role": "负责人" if zh else "Team lead", "start": (py, 3), "end": (py, 6)})
    date_style = rng.choice(["dot", "dot", "zh", "dash", "slash", "dot1"]) if zh else rng.choice(
        ["mon", "month", "mmyyyy", "dash", "mon"])
    return Person(
        lang=lang, name=name, gender=gender, birth=birth if has_birth else None, birth_precision=precision,
        age_only=age_only, native=native, city=city, city_written=city_written, email=email,
        phone_e164=phone_e164, phone_written=phone_written, education=education, work=work, projects=projects,
        skills=rng.sample(SKILLS, rng.randint(4, 9)),
        summary=("性格开朗,沟通能力强,具备良好的团队合作精神和学习能力。" if zh else
                 "Analytical, dependable and quick to learn; enjoys building products with small teams."),
        date_style=date_style, range_sep=rng.choice([" - ", " – ", "-", " ~ "]) if not zh else rng.choice(
            [" - ", "-", " ~ ", " 至 ", "–"]),
        present=rng.choice(["至今", "至今", "今"]) if zh else rng.choice(["Present", "Now", "Present"]),
    )


def birth_written(p: Person) -> str | None:
    if not p.birth:
        return None
    y, m, d = p.birth
    if p.lang == "zh":
        return {"day": rng_pick(p, [f"{y}年{m}月{d}日", f"{y}.{m:02d}.{d:02d}", f"{y}-{m:02d}-{d:02d}"]),
                "month": rng_pick(p, [f"{y}年{m}月", f"{y}.{m:02d}", f"{y}-{m:02d}"]),
                "year": f"{y}年"}[p.birth_precision]
    return {"day": rng_pick(p, [f"{d} {MONTHS_LONG[m - 1]} {y}", f"{y}-{m:02d}-{d:02d}", f"{MONTHS_LONG[m - 1]} {d}, {y}"]),
            "month": f"{MONTHS_LONG[m - 1]} {y}", "year": str(y)}[p.birth_precision]


def rng_pick(p: Person, options: list[str]) -> str:
    return options[hash((p.name, p.email)) % len(options) if False else (len(p.email) + len(p.name)) % len(options)]


def label(p: Person) -> dict:
    """What the parser should output: only the stated facts, in the output schema."""
    basics: dict = {"name": p.name, "email": p.email, "phone": p.phone_e164}
    if p.city:
        basics["location"] = {"city": p.city}
    if p.gender:
        basics["gender"] = p.gender
    if p.birth:
        y, m, d = p.birth
        basics["birthDate"] = {"day": f"{y:04d}-{m:02d}-{d:02d}", "month": f"{y:04d}-{m:02d}", "year": f"{y:04d}"}[
            p.birth_precision]
    if p.native:
        basics["nativePlace"] = p.native
    out: dict = {"basics": basics}
    out["education"] = []
    for e in p.education:
        item = {"institution": e["institution"], "studyType": e["studyType"]}
        if e["area"]:
            item["area"] = e["area"]
        item["startDate"] = iso(e["start"], p)
        item["endDate"] = iso(e["end"], p)
        out["education"].append(item)
    if p.work:
        out["work"] = []
        for w in p.work:
            item = {"name": w["company"], "position": w["position"], "startDate": iso(w["start"], p)}
            if w["end"]:
                item["endDate"] = iso(w["end"], p)
            item["summary"] = "\n".join(w["desc"])
            out["work"].append(item)
    out["skills"] = [{"name": s} for s in p.skills]
    return out


def iso(ym: tuple[int, int], p: Person) -> str:
    return f"{ym[0]:04d}-{ym[1]:02d}"


# --------------------------------------------------------------------------- text blocks shared by layouts
ZH_H = {"basics": "基本信息", "education": "教育背景", "work": "工作经历", "intern": "实习经历", "projects": "项目经历",
        "skills": "专业技能", "summary": "自我评价", "contact": "联系方式"}
EN_H = {"basics": "Personal Details", "education": "Education", "work": "Work Experience", "intern": "Internships",
        "projects": "Projects", "skills": "Skills", "summary": "Summary", "contact": "Contact"}


def headings(p: Person, rng: random.Random) -> dict[str, str]:
    if "headings" not in p.cache:
        p.cache["headings"] = _headings(p, rng)
    return p.cache["headings"]


def _headings(p: Person, rng: random.Random) -> dict[str, str]:
    if p.lang == "zh":
        h = dict(ZH_H)
        h["education"] = rng.choice(["教育背景", "教育经历"])
        h["basics"] = rng.choice(["基本信息", "个人信息"])
        if p.radicals:
            h["work"] = "⼯作经历"
        return h
    h = dict(EN_H)
    h["work"] = rng.choice(["Work Experience", "Experience", "Professional Experience"])
    return h


def basic_pairs(p: Person, rng: random.Random) -> list[tuple[str, str]]:
    """(label, value) pairs for the basics block, in resume order."""
    if "pairs" not in p.cache:
        p.cache["pairs"] = _basic_pairs(p, rng)
    return p.cache["pairs"]


def _basic_pairs(p: Person, rng: random.Random) -> list[tuple[str, str]]:
    zh = p.lang == "zh"
    pairs: list[tuple[str, str]] = []
    if p.gender:
        pairs.append(("性别" if zh else "Gender", ("男" if p.gender == "male" else "女") if zh else p.gender.title()))
    if p.birth:
        lab = rng.choice(["出生年月", "出生日期", "生日"]) if zh else rng.choice(["Date of Birth", "Born", "DOB"])
        if zh and p.radicals:
            lab = "出⽣年⽉"
        pairs.append((lab, birth_written(p) or ""))
    elif p.age_only:
        pairs.append(("年龄" if zh else "Age", f"{2026 - 1995}岁" if zh else "31"))
    if p.native:
        pairs.append(("籍贯" if zh else "Native Place", p.native))
    if p.city_written:
        pairs.append((rng.choice(["现居", "现居住地", "所在城市"]) if zh else rng.choice(["Location", "City"]),
                      p.city_written))
    if zh and rng.random() < 0.5:
        pairs.append(("政治面貌", rng.choice(["中共党员", "共青团员", "群众"])))
    pairs.append(("电话" if zh else "Phone", p.phone_written))
    pairs.append(("邮箱" if zh else "Email", p.email))
    return pairs


def edu_lines(p: Person, e: dict, style: int) -> list[tuple[str, str]]:
    """Lines of one education entry: (kind, text) with kind in head/sub/right."""
    zh = p.lang == "zh"
    dates = fmt_range(p, e["start"], e["end"])
    deg_zh = {"Bachelor": "本科", "Master": "硕士", "Doctorate": "博士", "Associate": "大专", "HighSchool": "高中"}
    deg_en = {"Bachelor": ["B.Sc.", "Bachelor of Science", "BA", "Bachelor of Engineering"],
              "Master": ["M.Sc.", "Master of Science", "MBA", "MEng"], "Doctorate": ["Ph.D.", "PhD"],
              "Associate": ["Associate Degree"], "HighSchool": ["High School Diploma"]}[e["studyType"]]
    area = e["area"]
    if zh:
        deg = deg_zh[e["studyType"]]
        if style == 0:
            return [("head", "  ".join(x for x in (dates, e["institution"], area, deg) if x))]
        if style == 1:
            return [("head", e["institution"]), ("right", dates), ("sub", " | ".join(x for x in (area, deg) if x))]
        return [("head", f"{e['institution']}  {dates}"), ("sub", f"专业：{area}  学历：{deg}" if area else f"学历：{deg}")]
    deg = deg_en[(len(e["institution"]) + e["start"][0]) % len(deg_en)]
    if deg == "MBA":
        e["area"] = area = None
    title = f"{deg} in {area}" if area and deg not in ("MBA",) else deg
    if style == 0:
        return [("head", e["institution"]), ("right", dates), ("sub", title)]
    if style == 1:
        return [("head", f"{title}, {e['institution']}"), ("right", dates)]
    return [("head", f"{e['institution']} — {title}"), ("sub", dates)]


def work_lines(p: Person, w: dict, style: int) -> list[tuple[str, str]]:
    zh = p.lang == "zh"
    dates = fmt_range(p, w["start"], w["end"])
    out: list[tuple[str, str]]
    if zh:
        if style == 0:
            out = [("head", f"{dates}  {w['company']}  {w['position']}")]
        elif style == 1:
            out = [("head", w["company"]), ("right", dates), ("sub", w["position"])]
        else:
            out = [("head", f"{w['company']} | {w['position']}"), ("sub", dates)]
    else:
        if style == 0:
            out = [("head", w["company"]), ("right", dates), ("sub", w["position"])]
        elif style == 1:
            out = [("head", f"{w['position']}, {w['company']}"), ("right", dates)]
        else:
            out = [("head", f"{w['company']} | {w['position']}"), ("sub", dates)]
    out += [("bullet", d) for d in w["desc"]]
    return out


def project_lines(p: Person, pr: dict) -> list[tuple[str, str]]:
    dates = fmt_range(p, pr["start"], pr["end"])
    return [("head", f"{pr['name']}  {pr['role']}"), ("right", dates),
            ("bullet", "使用 Flask 与 Vue 完成前后端开发" if p.lang == "zh" else "Built with Flask and Vue")]


def skills_lines(p: Person, rng: random.Random) -> list[str]:
    half = len(p.skills) // 2
    if p.lang == "zh":
        return [f"编程语言：{'、'.join(p.skills[:half])}", f"熟悉 {'、'.join(p.skills[half:])}"]
    return [f"Languages & Tools: {', '.join(p.skills[:half])}", ", ".join(p.skills[half:])]


def split_work(p: Person) -> tuple[list[dict], list[dict]]:
    interns = [w for w in p.work if w["position"] in ZH_INTERN + EN_INTERN]
    jobs = [w for w in p.work if w not in interns]
    return jobs, interns


# --------------------------------------------------------------------------- plain text and DOCX
def document_blocks(p: Person, rng: random.Random, style: int) -> list[tuple[str, str]]:
    """A layout-neutral list of (kind, text): name, facts, heading, head, sub, right, bullet, text."""
    h = headings(p, rng)
    blocks: list[tuple[str, str]] = [("name", p.name)]
    pairs = basic_pairs(p, rng)
    if p.lang == "zh" and style % 2 == 0:
        blocks.append(("heading", h["basics"]))
        for i in range(0, len(pairs), 2):
            blocks.append(("text", "    ".join(f"{k}：{v}" for k, v in pairs[i:i + 2])))
    elif p.lang == "zh":
        facts = [("男" if p.gender == "male" else "女")] if p.gender else []
        if p.age_only:
            facts.append("31岁")
        rest = [(k, v) for k, v in pairs if k not in ("性别", "年龄")]
        if facts:
            blocks.append(("text", " | ".join(facts)))
        for k, v in rest:
            blocks.append(("text", f"{k}：{v}"))
    else:
        contact = [p.phone_written, p.email] + ([p.city_written] if p.city_written else [])
        blocks.append(("text", " | ".join(contact)))
        other = [(k, v) for k, v in pairs if k not in ("Phone", "Email", "Location", "City")]
        if other:
            blocks.append(("text", "  ".join(f"{k}: {v}" for k, v in other)))
    blocks.append(("heading", h["education"]))
    for e in p.education:
        for kind, text in edu_lines(p, e, style % 3):
            blocks.append((kind, text))
    jobs, interns = split_work(p)
    if jobs:
        blocks.append(("heading", h["work"]))
        for w in jobs:
            blocks.extend(work_lines(p, w, style % 3))
    if interns:
        blocks.append(("heading", h["intern"]))
        for w in interns:
            blocks.extend(work_lines(p, w, style % 3))
    if p.projects:
        blocks.append(("heading", h["projects"]))
        for pr in p.projects:
            blocks.extend(project_lines(p, pr))
    blocks.append(("heading", h["skills"]))
    blocks.extend(("text", s) for s in skills_lines(p, rng))
    blocks.append(("heading", h["summary"]))
    blocks.append(("text", p.summary))
    return blocks


def render_text(p: Person, rng: random.Random, style: int) -> bytes:
    lines = []
    pending_right = ""
    for kind, text in document_blocks(p, rng, style):
        if kind == "right":
            lines[-1] = f"{lines[-1]}    {text}"
            continue
        if kind == "heading":
            lines.append("")
            lines.append(text if p.lang == "zh" else text.upper())
        elif kind == "bullet":
            lines.append(f"- {text}")
        else:
            lines.append(text)
    del pending_right
    data = "\n".join(lines) + "\n"
    return data.encode("gb18030" if p.lang == "zh" and style == 1 else "utf-8")


def render_docx(p: Person, rng: random.Random, style: int, mode: str) -> bytes:
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Pt

    document = docx.Document()
    blocks = document_blocks(p, rng, style)
    if mode == "tables":
        # Basics as a label/value table (4 columns), entries as tables of cells.
        document.add_paragraph().add_run(p.name).font.size = Pt(20)
        pairs = basic_pairs(p, rng)
        table = document.add_table(rows=0, cols=4)
        for i in range(0, len(pairs), 2):
            cells = table.add_row().cells
            for j, (k, v) in enumerate(pairs[i:i + 2]):
                cells[j * 2].text = k
                cells[j * 2 + 1].text = v
        skip_basics = True
    else:
        skip_basics = False
    body_blocks = blocks[1:]
    if skip_basics:
        first = next(i for i, (k, _) in enumerate(body_blocks) if k == "heading" and i > 0
                     and body_blocks[i][1] in (ZH_H["education"], "教育经历", EN_H["education"]))
        body_blocks = body_blocks[first:]
    if mode == "textboxes":
        _docx_textboxes(document, p, blocks, parse_xml)
    else:
        if mode != "tables":
            document.add_heading(p.name, level=0)
        i = 0
        while i < len(body_blocks):
            kind, text = body_blocks[i]
            nxt = body_blocks[i + 1] if i + 1 < len(body_blocks) else ("", "")
            if kind == "heading":
                document.add_heading(text, level=1)
            elif kind == "head" and mode == "tables" and nxt[0] == "right":
                t = document.add_table(rows=1, cols=2)
                t.rows[0].cells[0].text = text
                t.rows[0].cells[1].text = nxt[1]
                i += 1
            elif kind == "head":
                para = document.add_paragraph()
                para.add_run(text).bold = True
                if nxt[0] == "right":
                    para.add_run("\t" + nxt[1])
                    i += 1
            elif kind == "bullet":
                document.add_paragraph(text, style="List Bullet")
            else:
                document.add_paragraph(text)
            i += 1
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


_TXBX_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:v="urn:schemas-microsoft-com:vml"')


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _runs(text: str, split: bool, bold: bool = False, size: int = 0) -> str:
    rpr = ("<w:rPr>" + ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size * 2}"/>' if size else "") + "</w:rPr>")
    if split and any(c.isdigit() for c in text):
        # Exporters split runs mid-number: "138" + "1234" + "5678", "19" + "95.03".
        pieces, cur = [], ""
        for ch in text:
            cur += ch
            if ch.isdigit() and len(cur) >= 3 and len(pieces) < 4:
                pieces.append(cur)
                cur = ""
        pieces.append(cur)
    else:
        pieces = [text]
    return "".join(f'<w:r>{rpr}<w:t xml:space="preserve">{_esc(x)}</w:t></w:r>' for x in pieces if x)


def _box(paragraphs: list[tuple[str, bool, int]], box_id: int, x: int, y: int, w: int, h: int) -> str:
    inner = "".join(f"<w:p>{_runs(t, True, b, s)}</w:p>" for t, b, s in paragraphs)
    return (f'<w:r {_TXBX_NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{box_id}" behindDoc="0" '
            f'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{w}" cy="{h}"/><wp:wrapNone/><wp:docPr id="{box_id}" name="Text Box {box_id}"/>'
            f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent>{inner}'
            f'</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
            f'</mc:Choice><mc:Fallback><w:pict><v:shape id="tb{box_id}" style="position:absolute;width:{w // 12700}pt;'
            f'height:{h // 12700}pt"><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict>'
            f'</mc:Fallback></mc:AlternateContent></w:r>')


def _docx_textboxes(document, p: Person, blocks: list[tuple[str, str]], parse_xml) -> None:  # type: ignore[no-untyped-def]
    """A template-site style DOCX: a sidebar text box (name, basics, skills) and a main text box,
    the body itself nearly empty (python-docx's ``paragraphs`` sees almost nothing)."""
    h_edu = [i for i, (k, _) in enumerate(blocks) if k == "heading"][1 if p.lang == "zh" and blocks[1][0] == "heading" else 0]
    side = blocks[:h_edu]
    skills_at = next(i for i, (k, t) in enumerate(blocks) if k == "heading" and t in (ZH_H["skills"], EN_H["skills"]))
    main = blocks[h_edu:skills_at]
    side = side + blocks[skills_at:]
    def paras(bl: list[tuple[str, str]]) -> list[tuple[str, bool, int]]:
        out = []
        for k, t in bl:
            if k == "right":
                out[-1] = (out[-1][0] + "    " + t, out[-1][1], out[-1][2])
            else:
                out.append(("• " + t if k == "bullet" else t, k in ("heading", "name", "head"),
                            22 if k == "name" else 13 if k == "heading" else 10))
        return out
    para = document.add_paragraph()
    para._p.append(parse_xml(_box(paras(side), 1, 300000, 300000, 2200000, 9000000)))
    para._p.append(parse_xml(_box(paras(main), 2, 2700000, 300000, 4500000, 9000000)))
    document.add_paragraph(" ")


# --------------------------------------------------------------------------- PDF (reportlab)
class Pdf:
    def __init__(self, lang: str, serif: bool = False) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfgen import canvas

        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        self.metrics = pdfmetrics
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=A4, invariant=1)
        self.w, self.h = A4
        self.lang = lang
        if lang == "zh":
            self.regular = self.bold = self.italic = "STSong-Light"
        elif serif:
            self.regular, self.bold, self.italic = "Times-Roman", "Times-Bold", "Times-Italic"
        else:
            self.regular, self.bold, self.italic = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
        self.y = self.h - 50

    def width(self, text: str, font: str, size: float) -> float:
        return self.metrics.stringWidth(text, font, size)

    def need(self, space: float) -> None:
        if self.y - space < 50:
            self.c.showPage()
            self.y = self.h - 50

    def text(self, x: float, text: str, size: float = 10, bold: bool = False, italic: bool = False,
             right: float | None = None, spacing: float = 0, advance: bool = True, y: float | None = None) -> None:
        font = self.bold if bold else self.italic if italic else self.regular
        yy = self.y if y is None else y
        if right is not None:
            self.c.setFont(font, size)
            self.c.drawRightString(right, yy, text)
        elif spacing:
            t = self.c.beginText(x, yy)
            t.setFont(font, size)
            t.setCharSpace(spacing)
            t.textOut(text)
            self.c.drawText(t)
        else:
            self.c.setFont(font, size)
            self.c.drawString(x, yy, text)
        if advance and y is None:
            self.y -= size * 1.45

    def wrap(self, x: float, text: str, width: float, size: float = 10, prefix: str = "") -> None:
        font = self.regular
        words = list(text) if self.lang == "zh" else text.split(" ")
        joiner = "" if self.lang == "zh" else " "
        line = prefix
        for wd in words:
            trial = (line + joiner + wd) if line.strip() and line != prefix else line + wd
            if self.width(trial, font, size) > width and line.strip():
                self.need(size * 1.5)
                self.text(x, line, size)
                line = "  " + wd
            else:
                line = trial
        if line.strip():
            self.need(size * 1.5)
            self.text(x, line, size)

    def save(self) -> bytes:
        self.c.save()
        return self.buf.getvalue()


def _pdf_entries(pdf: Pdf, p: Pdf | Person, blocks: list[tuple[str, str]], x: float, right: float,
                 heading_style: str, rng: random.Random, body: float = 10) -> None:
    person = p
    assert isinstance(person, Person)
    i = 0
    while i < len(blocks):
        kind, text = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else ("", "")
        if kind == "heading":
            pdf.need(40)
            pdf.y -= 6
            if heading_style == "rule":
                pdf.text(x, text.upper() if person.lang == "en" else text, 12, bold=True, advance=False)
                pdf.c.setLineWidth(0.6)
                pdf.c.line(x, pdf.y - 4, right, pdf.y - 4)
                pdf.y -= 20
            elif heading_style == "spaced":
                pdf.text(x, text.upper() if person.lang == "en" else text, 11, bold=True, spacing=3)
                pdf.y -= 2
            elif heading_style == "bar":
                pdf.c.setFillColorRGB(0.85, 0.9, 0.97)
                pdf.c.rect(x - 4, pdf.y - 4, right - x + 8, 18, stroke=0, fill=1)
                pdf.c.setFillColorRGB(0.1, 0.2, 0.45)
                pdf.text(x, text, 12.5, bold=True)
                pdf.c.setFillColorRGB(0, 0, 0)
                pdf.y -= 2
            else:
                pdf.text(x, text, 13, bold=True)
        elif kind in ("head", "sub"):
            pdf.need(30)
            if nxt[0] == "right":
                pdf.text(0, nxt[1], body, right=right, advance=False)
                i += 1
            if kind == "head":
                pdf.text(x, text, body + (0.5 if heading_style != "plain" else 0), bold=True)
            else:
                pdf.text(x, text, body, italic=heading_style == "rule")
        elif kind == "bullet":
            pdf.wrap(x + 8, text, right - x - 12, body - 0.5, prefix="• ")
        elif kind == "text":
            pdf.wrap(x, text, right - x, body)
        i += 1


def render_pdf(p: Person, rng: random.Random, layout: str, style: int) -> bytes:
    pdf = Pdf(p.lang, serif=layout == "latex")
    blocks = document_blocks(p, rng, style)
    c = pdf.c
    left, right = 50, pdf.w - 50
    if layout == "sidebar":
        # Sidebar (name, basics, skills) on a tinted band; main column with the entries.
        side_w = 170
        c.setFillColorRGB(0.93, 0.95, 0.98)
        c.rect(0, 0, side_w + 25, pdf.h, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        h = headings(p, rng)
        pdf.y = pdf.h - 60
        pdf.text(25, p.name, 20, bold=True)
        pdf.y -= 6
        pdf.text(25, h["contact"] if p.lang == "zh" else "CONTACT", 12, bold=True)
        for k, v in basic_pairs(p, rng):
            pdf.text(25, f"{k}：" if p.lang == "zh" else f"{k}:", 8.5, bold=True)
            pdf.text(30, v, 9)
        pdf.y -= 6
        pdf.text(25, h["skills"], 12, bold=True)
        for s in p.skills:
            pdf.text(30, f"• {s}", 9)
        main_blocks = [b for b in blocks if b[0] != "name"]
        start = next(i for i, b in enumerate(main_blocks) if b[0] == "heading" and b[1] == h["education"])
        end = next(i for i, b in enumerate(main_blocks) if b[0] == "heading" and b[1] == h["skills"])
        main_blocks = main_blocks[start:end] + main_blocks[end + len(skills_lines(p, rng)) + 1:]
        pdf.y = pdf.h - 60
        _pdf_entries(pdf, p, main_blocks, side_w + 55, right, "bar", rng, body=9.5)
        return pdf.save()
    # Header.
    if layout == "latex":
        c.setFont(pdf.bold, 22)
        c.drawCentredString(pdf.w / 2, pdf.y, p.name.upper() if p.lang == "en" else p.name)
        pdf.y -= 20
        contact = [p.phone_written, p.email] + ([p.city_written] if p.city_written else [])
        c.setFont(pdf.regular, 10)
        c.drawCentredString(pdf.w / 2, pdf.y, "  |  ".join(contact))
        pdf.y -= 16
        other = [f"{k}: {v}" if p.lang == "en" else f"{k}：{v}" for k, v in basic_pairs(p, rng)
                 if k not in ("Phone", "Email", "Location", "City", "电话", "邮箱")]
        if other:
            c.drawCentredString(pdf.w / 2, pdf.y, "   ".join(other))
            pdf.y -= 16
        body_blocks = [b for b in blocks[1:] if b[0] != "text" or not any(
            s in b[1] for s in (p.email, p.phone_written))]
        first = next(i for i, b in enumerate(body_blocks) if b[0] == "heading" and b[1] not in (ZH_H["basics"], "个人信息"))
        _pdf_entries(pdf, p, body_blocks[first:], left, right, "rule", rng)
        return pdf.save()
    if layout == "browser":
        # Header drawn once into a form XObject (as HTML-to-PDF exporters do), headings letter-spaced.
        c.beginForm("header")
        c.setFont(pdf.bold, 24)
        c.drawString(left, pdf.h - 60, p.name)
        c.setFont(pdf.regular, 9.5)
        c.drawString(left, pdf.h - 80, "  ·  ".join([p.phone_written, p.email] + ([p.city_written] if p.city_written else [])))
        c.endForm()
        c.doForm("header")
        pdf.y = pdf.h - 105
        other = [f"{k}：{v}" if p.lang == "zh" else f"{k}: {v}" for k, v in basic_pairs(p, rng)
                 if k not in ("Phone", "Email", "Location", "City", "电话", "邮箱", "现居", "现居住地", "所在城市")]
        for o in other:
            pdf.text(left, o, 9.5)
        body_blocks = [b for b in blocks if b[0] == "heading" or b[0] not in ("name", "text") or b[1] in
                       skills_lines(p, rng) or b[1] == p.summary]
        first = next(i for i, b in enumerate(body_blocks) if b[0] == "heading" and b[1] not in (ZH_H["basics"], "个人信息"))
        _pdf_entries(pdf, p, body_blocks[first:], left, right, "spaced", rng)
        return pdf.save()
    if layout == "table":
        # A label/value grid for the basics, as Chinese template sites (and many English CVs) do.
        pdf.text(left, p.name, 20, bold=True)
        pdf.y -= 4
        h = headings(p, rng)
        pdf.text(left, h["basics"], 13, bold=True)
        pairs = basic_pairs(p, rng)
        row_h = 20
        col = [left, left + 75, left + 250, left + 325, right]
        rows = (len(pairs) + 1) // 2
        top = pdf.y + 12
        c.setLineWidth(0.5)
        for r in range(rows + 1):
            c.line(left, top - r * row_h, right, top - r * row_h)
        for xx in col:
            c.line(xx, top, xx, top - rows * row_h)
        for idx, (k, v) in enumerate(pairs):
            r, cc = divmod(idx, 2)
            yy = top - r * row_h - 14
            pdf.text(col[cc * 2] + 5, k, 9.5, bold=True, y=yy)
            pdf.text(col[cc * 2 + 1] + 5, v, 9.5, y=yy)
        pdf.y = top - rows * row_h - 20
        first = next(i for i, b in enumerate(blocks) if b[0] == "heading" and b[1] not in (ZH_H["basics"], "个人信息"))
        _pdf_entries(pdf, p, blocks[first:], left, right, "plain", rng)
        return pdf.save()
    # "single" and "word": one column.
    pdf.text(left, p.name, 22 if layout == "single" else 18, bold=True)
    pdf.y -= 2
    _pdf_entries(pdf, p, blocks[1:], left, right, "bar" if layout == "word" else "plain", rng)
    return pdf.save()


# --------------------------------------------------------------------------- the corpus plan
PLAN = [  # (layout, format) per language; 22 Chinese + 22 English resumes
    ("single", "pdf"), ("single", "pdf"), ("single", "pdf"),
    ("sidebar", "pdf"), ("sidebar", "pdf"), ("sidebar", "pdf"),
    ("table", "pdf"), ("table", "pdf"), ("table", "pdf"),
    ("latex", "pdf"), ("latex", "pdf"),
    ("word", "pdf"), ("word", "pdf"),
    ("browser", "pdf"), ("browser", "pdf"),
    ("docx-tables", "docx"), ("docx-tables", "docx"),
    ("docx-textboxes", "docx"), ("docx-textboxes", "docx"),
    ("docx-word", "docx"),
    ("text", "txt"), ("text", "txt"),
]


def make_corpus(out: Path, seed: int) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    ids = []
    for lang in ("zh", "en"):
        rng = random.Random(f"{seed}-{lang}")
        for n, (layout, ext) in enumerate(PLAN, 1):
            person = make_person(rng, lang)
            person.radicals = lang == "zh" and layout in ("docx-textboxes", "text") and n % 2 == 0
            style = rng.randint(0, 5)
            ident = f"{lang}-{n:02d}-{layout}"
            if ext == "pdf":
                data = render_pdf(person, rng, layout, style)
            elif ext == "docx":
                data = render_docx(person, rng, style, layout.split("-", 1)[1])
            else:
                data = render_text(person, rng, style)
            (out / f"{ident}.{ext}").write_bytes(data)
            (out / f"{ident}.json").write_text(json.dumps(label(person), ensure_ascii=False, indent=2) + "\n",
                                               encoding="utf-8")
            ids.append(ident)
    return ids


# --------------------------------------------------------------------------- bad files
def raw_pdf(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF from numbered object bodies (1-based), with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, trailer_extra, xref))
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def make_bad(out: Path, seed: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    from PIL import Image
    from reportlab.pdfgen import canvas

    # A PNG renamed .pdf.
    buf = io.BytesIO()
    Image.new("RGB", (40, 40), (200, 30, 30)).save(buf, format="PNG")
    (out / "wrong_type.pdf").write_bytes(buf.getvalue())
    (out / "empty.pdf").write_bytes(b"")
    # A good resume cut in half.
    rng = random.Random(seed)
    good = render_pdf(make_person(rng, "en"), rng, "single", 0)
    (out / "truncated.pdf").write_bytes(good[: len(good) // 2])
    # Encrypted with a user password.
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt="user-secret", invariant=1)
    c.drawString(72, 720, "Jane Example - jane@example.com - this text is encrypted")
    c.save()
    (out / "encrypted.pdf").write_bytes(buf.getvalue())
    # Decompression bomb: a content stream, Flate twice, inflating to 1 GiB of spaces (a few KB on disk).
    inner = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    first = b"".join(inner.compress(chunk) for _ in range(1024)) + inner.flush()
    twice = zlib.compress(first, 9)
    page_objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                 _stream(twice, b"/Filter [/FlateDecode /FlateDecode] ")]
    (out / "bomb.pdf").write_bytes(raw_pdf(page_objs))
    # Deeply nested arrays and dictionaries in the page's resources.
    depth = 50000
    nested = b"[" * depth + b"]" * depth
    nested_dict = b"<< /A " * 2000 + b"1" + b" >>" * 2000
    (out / "nested.pdf").write_bytes(raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /X " + nested + b" /Y " + nested_dict +
        b" >> /Contents 4 0 R >>",
        _stream(b"BT /F1 12 Tf 72 720 Td (nested) Tj ET"),
    ]))
    # A /Pages tree that contains itself, and an xref /Prev chain that points back at itself.
    loop = raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
    ])
    xref_at = loop.rindex(b"startxref\n") + len(b"startxref\n")
    xref_offset = int(loop[xref_at:loop.index(b"\n", xref_at)])
    loop = loop.replace(b"/Root 1 0 R ", b"/Root 1 0 R /Prev %d " % xref_offset)
    (out / "pages_loop.pdf").write_bytes(loop)
    # DOCX zip bomb: word/document.xml declares 200 MB, compresses to ~200 KB.
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            for _ in range(200):
                fh.write(b" " * (1 << 20))
    (out / "zip_bomb.docx").write_bytes(buf.getvalue())
    # An image-only "scan": one picture, no text.
    img = Image.new("L", (300, 400), 255)
    for yy in range(40, 360, 14):
        for xx in range(30, 270):
            if (xx * 7 + yy) % 11 < 6:
                img.putpixel((xx, yy), 40)
    img_path = io.BytesIO()
    img.save(img_path, format="PNG")
    img_path.seek(0)
    buf = io.BytesIO()
    from reportlab.lib.utils import ImageReader
    c = canvas.Canvas(buf, invariant=1)
    c.drawImage(ImageReader(img_path), 50, 200, width=450, height=600)
    c.save()
    (out / "image_only.pdf").write_bytes(buf.getvalue())
    # A broken text layer: a CID font without ToUnicode -> pdfminer prints (cid:N).
    glyphs = " ".join("<" + "".join(f"{rng.randint(20, 900):04X}" for _ in range(30)) + "> Tj 0 -14 Td" for _ in range(20))
    content = f"BT /F1 11 Tf 72 760 Td {glyphs} ET".encode()
    (out / "cid_garbage.pdf").write_bytes(raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Custom /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Custom /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
    ]))
    # A ZIP that is not a Word document.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "not a resume")
    (out / "not_word.docx").write_bytes(buf.getvalue())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(ROOT / "tests" / "resume_corpus"))
    ap.add_argument("--seed", type=int, default=4)
    args = ap.parse_args()
    out = Path(args.out)
    ids = make_corpus(out, args.seed)
    make_bad(out / "bad", args.seed)
    print(f"{len(ids)} resumes and their labels in {out}; bad files in {out / 'bad'}")


if __name__ == "__main__":
    main()
