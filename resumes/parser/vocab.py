"""Word lists the field rules use (surnames, cities, degrees, organisation and title words)."""

from __future__ import annotations

import re

# The common single surnames (covering the large majority of people) and the compound ones.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷"
    "晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆"
    "乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平"
    "计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公"
    "哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由")
COMPOUND_SURNAMES = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
                     "令狐", "夏侯", "端木", "独孤", "南宫", "西门", "轩辕", "申屠"}

CITIES_ZH = (
    "北京", "上海", "天津", "重庆", "广州", "深圳", "杭州", "南京", "苏州", "成都", "武汉", "西安", "长沙", "郑州",
    "青岛", "济南", "厦门", "福州", "合肥", "宁波", "无锡", "大连", "沈阳", "哈尔滨", "长春", "昆明", "贵阳", "南宁",
    "南昌", "太原", "石家庄", "兰州", "乌鲁木齐", "呼和浩特", "海口", "三亚", "珠海", "佛山", "东莞", "中山", "温州",
    "绍兴", "嘉兴", "金华", "台州", "常州", "徐州", "南通", "扬州", "烟台", "潍坊", "洛阳", "宜昌", "襄阳", "株洲",
    "香港", "澳门", "台北", "新加坡",
)
CITIES_EN = {
    "beijing": "Beijing", "shanghai": "Shanghai", "tianjin": "Tianjin", "chongqing": "Chongqing",
    "guangzhou": "Guangzhou", "shenzhen": "Shenzhen", "hangzhou": "Hangzhou", "nanjing": "Nanjing",
    "suzhou": "Suzhou", "chengdu": "Chengdu", "wuhan": "Wuhan", "xi'an": "Xi'an", "xian": "Xi'an",
    "changsha": "Changsha", "zhengzhou": "Zhengzhou", "qingdao": "Qingdao", "jinan": "Jinan", "xiamen": "Xiamen",
    "fuzhou": "Fuzhou", "hefei": "Hefei", "ningbo": "Ningbo", "wuxi": "Wuxi", "dalian": "Dalian",
    "shenyang": "Shenyang", "harbin": "Harbin", "kunming": "Kunming", "nanning": "Nanning", "zhuhai": "Zhuhai",
    "dongguan": "Dongguan", "foshan": "Foshan", "hong kong": "Hong Kong", "macau": "Macau", "singapore": "Singapore",
    "taipei": "Taipei", "london": "London", "new york": "New York", "san francisco": "San Francisco",
    "seattle": "Seattle", "sydney": "Sydney", "toronto": "Toronto", "tokyo": "Tokyo",
}
CITY_EN_RE = re.compile(r"\b(" + "|".join(re.escape(c) for c in sorted(CITIES_EN, key=len, reverse=True)) + r")\b", re.I)

# Degree words -> the normalised degree.  Checked in this order (doctorates before "研究生").
DEGREES: list[tuple[str, re.Pattern[str]]] = [
    ("Doctorate", re.compile(r"博士|\bPh\.?\s?D\b\.?|\bDoctor(?:ate)? of\b|\bDoctorate\b|\bD\.?Phil\b|\bEd\.?D\b", re.I)),
    ("Master", re.compile(r"硕士|研究生|\bMasters?\b|\bM\.?Sc\b\.?|\bM\.S\.|\bMS\b|\bM\.A\.|\bMBA\b|\bM\.?Eng\b\.?|"
                          r"\bM\.?Phil\b|\bLL\.?M\b|\bMFA\b|\bMPA\b|\bMPH\b|\bM\.?Ed\b", re.I)),
    ("Bachelor", re.compile(r"本科|学士|\bBachelors?\b|\bB\.?Sc\b\.?|\bB\.S\.|\bBS\b|\bB\.A\.|\bBA\b|\bB\.?Eng\b\.?|"
                            r"\bBBA\b|\bLL\.?B\b|\bB\.?Tech\b|\bundergraduate\b", re.I)),
    ("Associate", re.compile(r"大专|专科|高职|\bAssociate(?:'s)? (?:degree|of)\b|\bA\.A\.|\bA\.S\.|\bHND\b", re.I)),
    ("HighSchool", re.compile(r"高中|\bHigh School\b|\bSecondary School\b", re.I)),
]
# Degree words to cut from a major ("B.Sc. in Computer Science" -> "Computer Science").
DEGREE_PREFIX = re.compile(
    r"^(?:Bachelor|Master|Doctor)(?:'s)?(?: of [A-Z][a-z]+(?: [A-Z][a-z]+)?)?(?: degree)?\s+(?:in|of)\s+|"
    r"^(?:B\.?Sc\.?|M\.?Sc\.?|B\.?S\.?|M\.?S\.?|B\.?A\.?|M\.?A\.?|B\.?Eng\.?|M\.?Eng\.?|Ph\.?D\.?|MBA|BBA|MPhil|B\.?Tech)"
    r"\s*(?:in|of|,|-)?\s+", re.I)

SCHOOL_RE = re.compile(r"大学|学院|学校|中学|高中|分校|University|College|Institute|School|Academy|Polytechnic|"
                       r"Conservatory|Universität|Université", re.I)
COMPANY_RE = re.compile(
    r"公司|集团|科技|银行|研究院|研究所|事务所|医院|工作室|股份|证券|基金|保险|网络|传媒|咨询|实验室|控股|有限|中心|"
    r"\b(?:Inc|Ltd|LLC|LLP|PLC|Co|Corp|Corporation|Company|Group|Technologies|Technology|Tech|Bank|Capital|"
    r"Consulting|Partners|Labs?|Studios?|Hospital|Solutions|Systems|Software|Holdings|Limited|GmbH|Networks|"
    r"Securities|Insurance|Ventures|Media|Electronics|Pharma|Foods|Motors|Industries|Services|Agency)\b\.?",
    re.I)
TITLE_RE = re.compile(
    r"工程师|经理|实习生|实习|专员|分析师|设计师|主管|总监|助理|开发|运营|产品|架构师|研究员|顾问|会计|审计|编辑|销售|"
    r"测试|算法|前端|后端|讲师|教师|负责人|组长|主任|代表|文员|技术员|策划|专家|管培生|律师|医生|翻译|记者|"
    r"\b(?:Engineer|Developer|Manager|Intern|Internship|Analyst|Designer|Consultant|Specialist|Associate|"
    r"Scientist|Lead|Director|Officer|Assistant|Coordinator|Architect|Researcher|Accountant|Auditor|Teacher|"
    r"Editor|Writer|Representative|Administrator|Executive|Technician|Programmer|Head|VP|President|Owner|"
    r"Marketer|Recruiter|Trainee|Fellow|Tutor|Lawyer|Translator|Producer|Planner|Strategist|Advisor|Supervisor)s?\b",
    re.I)
