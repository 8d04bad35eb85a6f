"""Demo openings of Horizon AI (a fictional company) for ``flask careers seed-demo``.

Each opening is written out in Chinese and English.  The order matters: the n-th
entry is loaded as reference ``DEMO-000n``, so add new openings at the end.
Responsibilities and requirements are one item per line.
"""

from __future__ import annotations

import typing as t


def _lines(text: str) -> str:
    return "\n".join(line.strip() for line in text.strip().splitlines() if line.strip())


def _job(category: str, department: str, city: str, headcount: int | None,
         title_zh: str, title_en: str, description_zh: str, description_en: str,
         responsibilities_zh: str, responsibilities_en: str,
         requirements_zh: str, requirements_en: str) -> dict[str, t.Any]:
    return {
        "category": category, "department": department, "city": city, "headcount": headcount,
        "title_zh": title_zh, "title_en": title_en,
        # Source lines are wrapped for the editor: Chinese joins them directly, English with a space.
        "description_zh": "".join(line.strip() for line in description_zh.splitlines()),
        "description_en": " ".join(line.strip() for line in description_en.splitlines() if line.strip()),
        "responsibilities_zh": _lines(responsibilities_zh), "responsibilities_en": _lines(responsibilities_en),
        "requirements_zh": _lines(requirements_zh), "requirements_en": _lines(requirements_en),
    }


DEMO_JOBS: list[dict[str, t.Any]] = [
    # --- Research -------------------------------------------------------------
    _job(
        "experienced", "research", "beijing", 3,
        "计算机视觉算法工程师", "Computer Vision Algorithm Engineer",
        """视觉基础模型组负责远景智能的检测、分割与视频理解能力，成果直接用于自动驾驶、医疗影像和 AR 眼镜等产品线。
        我们希望你既能读懂最新论文，也愿意把模型一路推到线上。""",
        """The vision foundation team builds the detection, segmentation and video-understanding models behind
        Horizon AI's driving, medical imaging and AR products. We want someone who reads the latest papers and
        also enjoys carrying a model all the way into production.""",
        """
        研发目标检测、实例分割与视频理解算法，持续提升在真实业务数据上的效果
        设计数据清洗与难例挖掘流程，与标注团队一起迭代数据集
        负责模型的蒸馏、量化与部署前评测，和工程团队一起把延迟控制在预算内
        跟踪领域前沿，在组内分享并推动有价值的方法落地
        """,
        """
        Develop detection, instance segmentation and video-understanding models and keep improving them on real product data
        Design data cleaning and hard-example mining, and iterate on datasets together with the annotation team
        Own distillation, quantisation and pre-deployment evaluation, keeping latency within budget with the engineering team
        Follow the field, share what you learn and turn the promising ideas into shipped features
        """,
        """
        计算机、电子、自动化等相关专业硕士及以上学历，3 年以上视觉算法经验
        熟练使用 Python 和 PyTorch，具备扎实的 C++ 基础
        熟悉主流检测与分割框架，有大规模数据训练经验
        在 CVPR、ICCV、ECCV 等会议发表论文或有知名竞赛名次者优先
        """,
        """
        MSc or PhD in computer science, electrical engineering or a related field, with 3+ years in computer vision
        Fluent in Python and PyTorch, with solid C++
        Hands-on experience with modern detection and segmentation frameworks and large-scale training
        Publications at CVPR, ICCV or ECCV, or strong competition results, are a plus
        """,
    ),
    _job(
        "experienced", "research", "beijing", 2,
        "大语言模型研究员", "Research Scientist, Large Language Models",
        """我们正在训练面向中英文企业场景的自研大语言模型。你将参与预训练数据配比、长上下文与推理能力的研究，
        并和基础设施团队一起在数千张 GPU 上完成训练。""",
        """We are training our own large language models for Chinese and English business use. You will work on
        pre-training data mixtures, long context and reasoning, and run training jobs on thousands of GPUs together
        with the infrastructure team.""",
        """
        设计并执行预训练和后训练实验，分析数据配比、模型规模与训练策略对效果的影响
        构建覆盖中英文的评测集，关注推理、代码与工具调用能力
        研究长上下文建模与高效注意力机制，并验证其在真实任务上的收益
        撰写技术报告，必要时在顶级会议发表成果
        """,
        """
        Design and run pre-training and post-training experiments; study how data mix, model scale and recipes affect quality
        Build Chinese and English evaluation suites for reasoning, coding and tool use
        Research long-context modelling and efficient attention, and check the gains on real tasks
        Write technical reports and publish at top venues where it makes sense
        """,
        """
        机器学习、自然语言处理或相关方向博士，或硕士加同等研究经历
        深入理解 Transformer 结构与大模型训练中的稳定性问题
        熟练使用 PyTorch，了解 Megatron-LM、DeepSpeed 等分布式训练框架
        有独立完成研究项目并发表论文的经历
        """,
        """
        PhD in machine learning, NLP or a related field, or an MSc with equivalent research experience
        Deep understanding of the Transformer architecture and of stability issues in large-scale training
        Fluent in PyTorch; familiar with distributed training frameworks such as Megatron-LM or DeepSpeed
        A record of independent research and publications
        """,
    ),
    _job(
        "campus", "research", "shanghai", 5,
        "多模态算法研究员（2027 届校招）", "Multimodal Research Scientist (Graduate 2027)",
        """多模态团队研究图像、视频、语音与文本的统一建模。我们为应届博士和硕士提供明确的研究方向、
        充足的算力和资深研究员一对一指导。""",
        """The multimodal team studies joint models of images, video, speech and text. Graduating PhD and master's
        students get a clear research direction, plenty of compute and one-to-one mentoring from a senior scientist.""",
        """
        参与图文、视频理解与生成模型的研究和训练
        构建多模态指令数据，探索高效的对齐与微调方法
        在公开基准和业务评测集上分析模型的优缺点，提出改进方案
        与产品团队合作，把研究成果转化为可用的功能
        """,
        """
        Research and train models for image-text and video understanding and generation
        Build multimodal instruction data and explore efficient alignment and fine-tuning
        Analyse strengths and weaknesses on public benchmarks and our own test sets, and propose fixes
        Work with product teams to turn research results into usable features
        """,
        """
        2027 届硕士或博士毕业生，计算机、人工智能、数学等相关专业
        扎实的深度学习与机器学习基础，熟悉 PyTorch
        有多模态、视觉或自然语言处理方向的研究经历
        有顶会论文、开源项目或实习成果者优先
        """,
        """
        Graduating in 2027 with an MSc or PhD in computer science, AI, mathematics or a related field
        Solid grounding in deep learning and machine learning; comfortable with PyTorch
        Research experience in multimodal learning, vision or NLP
        Papers at top conferences, open-source work or strong internship results are a plus
        """,
    ),
    _job(
        "experienced", "research", "hong-kong", 2,
        "强化学习研究员", "Reinforcement Learning Researcher",
        """香港研究院专注于决策智能。你将研究基于人类反馈的强化学习，以及在仿真环境中训练智能体的方法，
        成果会用于大模型对齐和机器人控制。""",
        """Our Hong Kong lab works on decision-making. You will research reinforcement learning from human feedback
        and methods for training agents in simulation, with results used in model alignment and robot control.""",
        """
        研究 RLHF、DPO 等偏好优化方法，提升模型的有用性与安全性
        搭建可复现的强化学习实验框架，管理大规模仿真与采样任务
        分析奖励模型的偏差与脆弱性，设计更稳健的训练流程
        与高校合作开展联合研究，指导访问学生
        """,
        """
        Research preference optimisation such as RLHF and DPO to make models more helpful and safer
        Build a reproducible RL experiment framework and run large simulation and sampling jobs
        Analyse reward-model bias and brittleness and design sturdier training pipelines
        Run joint projects with universities and mentor visiting students
        """,
        """
        强化学习、机器学习或相关方向博士学位
        熟悉策略梯度、离线强化学习等主流方法，有扎实的数学功底
        熟练使用 Python 与至少一种深度学习框架
        能用英文进行学术写作与交流，普通话或粤语流利者优先
        """,
        """
        PhD in reinforcement learning, machine learning or a related field
        Familiar with policy-gradient and offline RL methods, with strong mathematics
        Fluent in Python and at least one deep learning framework
        Able to write and present research in English; Mandarin or Cantonese is a plus
        """,
    ),
    _job(
        "internship", "research", "beijing", 6,
        "机器学习算法实习生", "Machine Learning Algorithm Intern",
        """面向在校生的研究型实习岗位，每周至少到岗 4 天，实习 3 个月以上。你会加入一个真实的算法项目，
        有导师带教，表现优秀者可获得转正机会。""",
        """A research internship for current students: at least four days a week for three months or more. You will
        join a real algorithm project with a dedicated mentor, and strong interns may receive a full-time offer.""",
        """
        参与机器学习模型的训练、调参与评测，复现相关论文
        编写数据处理脚本，整理与分析实验结果
        在导师指导下提出改进思路并完成对比实验
        参加组内论文分享，整理实习项目总结
        """,
        """
        Train, tune and evaluate machine learning models, and reproduce relevant papers
        Write data-processing scripts and organise and analyse experiment results
        Propose improvements with your mentor and run the comparison experiments
        Take part in the team's reading group and write up your project at the end
        """,
        """
        本科三年级及以上或研究生在读，计算机、统计、数学等相关专业
        熟悉 Python，了解 PyTorch 或 TensorFlow
        掌握常用机器学习算法，有课程项目或竞赛经历
        每周可实习 4 天以上，持续 3 个月
        """,
        """
        Third-year undergraduate or postgraduate student in computer science, statistics, mathematics or a related field
        Comfortable with Python; some PyTorch or TensorFlow
        Knows the common machine learning algorithms, with course projects or competition experience
        Available four days a week or more for at least three months
        """,
    ),
    _job(
        "experienced", "research", "hangzhou", 2,
        "语音识别算法工程师", "Speech Recognition Algorithm Engineer",
        """语音团队为会议纪要、车载助手和客服产品提供识别能力，覆盖普通话、粤语、英语和多种方言。
        我们正在把端到端模型部署到云端和车机两种环境。""",
        """The speech team powers meeting notes, in-car assistants and customer-service products in Mandarin,
        Cantonese, English and several dialects. We are bringing end-to-end models to both cloud and in-car hardware.""",
        """
        研发端到端语音识别模型，持续降低真实场景下的字错率
        优化噪声、远场和口音场景下的鲁棒性
        负责流式识别与热词定制方案，配合工程团队完成上线
        建设评测体系，分析线上错误并推动数据闭环
        """,
        """
        Build end-to-end speech recognition models and keep lowering the character error rate on real audio
        Improve robustness to noise, far-field audio and accents
        Own streaming recognition and custom vocabulary, and ship them with the engineering team
        Build the evaluation set-up, analyse production errors and close the data loop
        """,
        """
        硕士及以上学历，2 年以上语音识别或语音信号处理经验
        熟悉 Conformer、Transducer 等主流模型结构
        熟练使用 Python 和 PyTorch，了解 WeNet、ESPnet 等开源工具
        有方言或多语种识别经验者优先
        """,
        """
        MSc or above with 2+ years in speech recognition or speech signal processing
        Familiar with Conformer, Transducer and other current architectures
        Fluent in Python and PyTorch; familiar with WeNet, ESPnet or similar toolkits
        Experience with dialects or multilingual recognition is a plus
        """,
    ),
    _job(
        "experienced", "research", "singapore", 1,
        "研究科学家（模型安全与对齐）", "Research Scientist, Model Safety and Alignment",
        """新加坡团队负责大模型的安全评估与对齐研究，服务东南亚与全球客户。你将定义安全标准、
        设计红队测试，并直接影响模型发布决策。""",
        """The Singapore team owns safety evaluation and alignment research for our language models, serving
        customers across Southeast Asia and beyond. You will define safety standards, design red-teaming and directly
        shape release decisions.""",
        """
        设计模型安全评测基准，覆盖有害内容、隐私泄露与越狱攻击
        组织自动化与人工红队测试，分析失败案例并提出缓解方案
        研究可解释性与对齐方法，降低模型的幻觉与偏见
        与法务、产品团队合作制定模型发布标准
        """,
        """
        Design safety benchmarks covering harmful content, privacy leakage and jailbreaks
        Run automated and human red-teaming, analyse failures and propose mitigations
        Research interpretability and alignment methods that reduce hallucination and bias
        Set model release criteria together with the legal and product teams
        """,
        """
        机器学习或相关方向博士，或 3 年以上大模型研究经验
        熟悉大语言模型的训练与评测流程
        有 AI 安全、对齐或可解释性方向的研究成果
        优秀的英文写作能力，能面向非技术人员清晰沟通
        """,
        """
        PhD in machine learning or a related field, or 3+ years of research on large models
        Familiar with how language models are trained and evaluated
        Research results in AI safety, alignment or interpretability
        Excellent written English and the ability to explain risks to non-technical colleagues
        """,
    ),
    _job(
        "internship", "research", "tokyo", 2,
        "三维视觉研究实习生", "3D Vision Research Intern",
        """东京研究室研究神经辐射场、三维重建和新视角合成，成果服务于 AR 眼镜与数字孪生项目。
        实习期 3 至 6 个月，可远程与现场结合。""",
        """Our Tokyo lab works on neural radiance fields, 3D reconstruction and novel-view synthesis for AR glasses
        and digital twins. The internship lasts three to six months, partly on site and partly remote.""",
        """
        研究基于 NeRF 与 3D Gaussian Splatting 的重建与渲染方法
        采集与整理多视角数据，搭建评测流程
        优化训练与渲染速度，探索在移动设备上的实时方案
        整理研究成果，争取在顶级会议投稿
        """,
        """
        Research reconstruction and rendering with NeRF and 3D Gaussian Splatting
        Capture and prepare multi-view data and set up the evaluation
        Speed up training and rendering and explore real-time versions for mobile devices
        Write up the results with the aim of submitting to a top conference
        """,
        """
        计算机视觉、图形学相关方向的硕士或博士在读
        熟悉多视图几何、相机模型等三维视觉基础
        熟练使用 Python 与 PyTorch，了解 CUDA 编程者优先
        英语或日语可作为工作语言
        """,
        """
        Master's or PhD student in computer vision or graphics
        Good grasp of multi-view geometry, camera models and other 3D vision fundamentals
        Fluent in Python and PyTorch; CUDA experience is a plus
        Able to work in English or Japanese
        """,
    ),
    # --- Engineering ----------------------------------------------------------
    _job(
        "experienced", "engineering", "shanghai", 4,
        "后端开发工程师（Python）", "Backend Engineer (Python)",
        """你将负责开放平台与企业控制台的后端服务，每天处理上亿次模型调用请求。
        我们的技术栈以 Python、Go、PostgreSQL 和 Kubernetes 为主，重视代码评审和自动化测试。""",
        """You will own the backend of our open platform and enterprise console, which handle hundreds of millions
        of model calls a day. The stack is mostly Python, Go, PostgreSQL and Kubernetes, and we take code review and
        automated testing seriously.""",
        """
        设计和开发 API 网关、计费、鉴权等核心后端服务
        优化数据库与缓存的使用，保障服务的高可用与低延迟
        编写清晰的接口文档与测试，参与代码评审
        参与线上值班，定位并修复生产问题，推动系统稳定性建设
        """,
        """
        Design and build core backend services: the API gateway, billing and authentication
        Tune how we use the database and caches to keep services available and fast
        Write clear API documentation and tests, and review your colleagues' code
        Take part in the on-call rota, fix production issues and make the system more reliable
        """,
        """
        本科及以上学历，3 年以上后端开发经验
        精通 Python，熟悉 Django、Flask 或 FastAPI 等框架
        熟悉 PostgreSQL 或 MySQL、Redis，具备 SQL 调优经验
        了解 Docker 与 Kubernetes，有高并发系统经验者优先
        """,
        """
        Bachelor's degree or above and 3+ years of backend development
        Expert in Python, with Django, Flask or FastAPI
        Comfortable with PostgreSQL or MySQL and Redis, including query tuning
        Familiar with Docker and Kubernetes; experience with high-traffic systems is a plus
        """,
    ),
    _job(
        "experienced", "engineering", "hangzhou", 2,
        "前端开发工程师", "Frontend Engineer",
        """杭州前端团队负责智能对话产品和数据标注平台的 Web 端。我们关心加载速度、无障碍访问和在微信内置浏览器中的体验，
        也在持续建设自己的组件库。""",
        """The Hangzhou frontend team builds the web apps for our assistant product and data-annotation platform. We
        care about load time, accessibility and how things behave inside WeChat's browser, and we maintain our own
        component library.""",
        """
        负责 Web 产品的功能开发与性能优化，保障移动端与桌面端体验一致
        建设和维护组件库与设计规范的前端实现
        与设计师、后端工程师一起定义接口与交互细节
        推动前端工程化，完善自动化测试与发布流程
        """,
        """
        Build features and improve performance across our web products, on phones and desktops alike
        Grow and maintain the component library that implements our design system
        Work out APIs and interaction details with designers and backend engineers
        Improve the frontend toolchain, automated tests and release process
        """,
        """
        本科及以上学历，3 年以上前端开发经验
        精通 TypeScript、React 或 Vue，熟悉现代 CSS 布局
        熟悉浏览器渲染原理与前端性能优化方法
        有微信 H5 或小程序开发经验者优先
        """,
        """
        Bachelor's degree or above and 3+ years of frontend development
        Strong TypeScript with React or Vue, and modern CSS layout
        Understands how browsers render pages and how to make them fast
        Experience with WeChat H5 pages or mini programs is a plus
        """,
    ),
    _job(
        "experienced", "engineering", "shenzhen", 2,
        "移动端开发工程师（iOS/Android）", "Mobile Engineer (iOS/Android)",
        """我们的 AI 助手 App 支持语音对话、拍照识别和离线翻译。你将负责客户端架构与端侧模型集成，
        让复杂的模型在手机上也能流畅运行。""",
        """Our assistant app offers voice chat, photo recognition and offline translation. You will own the client
        architecture and on-device model integration, so that heavy models still feel smooth on a phone.""",
        """
        负责 iOS 或 Android 客户端的功能开发与架构演进
        集成端侧推理引擎，优化模型加载、内存占用与耗电
        建设崩溃监控与性能指标体系，持续改进用户体验
        与产品、设计和算法团队协作完成新功能上线
        """,
        """
        Build features and evolve the architecture of the iOS or Android app
        Integrate on-device inference and reduce model load time, memory use and battery drain
        Set up crash monitoring and performance metrics and keep improving the experience
        Ship new features together with product, design and algorithm colleagues
        """,
        """
        3 年以上 iOS（Swift）或 Android（Kotlin）开发经验
        熟悉移动端性能分析与调优工具
        了解 Core ML、NNAPI 或 TensorFlow Lite 者优先
        有上线过百万用户级应用的经验
        """,
        """
        3+ years of iOS (Swift) or Android (Kotlin) development
        Knows the mobile profiling and tuning tools well
        Experience with Core ML, NNAPI or TensorFlow Lite is a plus
        Has shipped an app used by a million people or more
        """,
    ),
    _job(
        "campus", "engineering", "beijing", 20,
        "软件开发工程师（2027 届校招）", "Software Engineer (Graduate 2027)",
        """面向 2027 届毕业生的软件开发岗位，入职后根据兴趣与团队需要分配到后端、前端、客户端或平台方向。
        新人有为期两个月的培训和专属导师。""",
        """A software engineering role for 2027 graduates. After joining you will be placed in backend, frontend, client
        or platform work based on your interests and team needs, with a two-month onboarding programme and a mentor.""",
        """
        参与公司核心产品的设计、开发与维护
        编写高质量、可测试的代码，参与代码评审
        学习并使用团队的工程实践，包括持续集成与线上监控
        与产品经理和算法工程师合作，理解需求并交付功能
        """,
        """
        Design, build and maintain parts of our core products
        Write clean, testable code and take part in code review
        Learn and use the team's engineering practices, including continuous integration and monitoring
        Work with product managers and algorithm engineers to understand needs and ship features
        """,
        """
        2027 届本科或硕士毕业生，计算机或相关专业
        扎实的数据结构与算法基础，熟悉至少一门编程语言（Java、Go、Python、C++ 等）
        了解操作系统、计算机网络与数据库原理
        有开源贡献、竞赛或实习经历者优先
        """,
        """
        Graduating in 2027 with a bachelor's or master's degree in computer science or a related field
        Solid data structures and algorithms, and at least one language such as Java, Go, Python or C++
        Understands operating systems, networking and databases
        Open-source contributions, programming contests or internships are a plus
        """,
    ),
    _job(
        "internship", "engineering", "chengdu", 4,
        "后端开发实习生", "Backend Development Intern",
        """成都研发中心招收后端开发实习生，参与数据标注平台和内部工具的开发。实习期不少于 3 个月，
        提供住房补贴，表现优秀可转正。""",
        """Our Chengdu engineering centre is looking for backend development interns to work on the data-annotation
        platform and team tools. The internship lasts at least three months, includes a housing allowance, and can
        lead to a full-time offer.""",
        """
        在导师指导下开发后端接口与数据处理任务
        编写单元测试，修复缺陷
        参与需求评审与技术方案讨论
        记录和分享实习期间的技术收获
        """,
        """
        Build backend APIs and data-processing jobs with guidance from your mentor
        Write unit tests and fix bugs
        Join requirement reviews and design discussions
        Write down and share what you learned during the internship
        """,
        """
        本科或硕士在读，计算机及相关专业
        熟悉 Python、Java 或 Go 中的至少一种
        了解 SQL 和 HTTP 基础
        每周可实习 4 天以上
        """,
        """
        Bachelor's or master's student in computer science or a related field
        Comfortable with at least one of Python, Java or Go
        Knows the basics of SQL and HTTP
        Available four days a week or more
        """,
    ),
    _job(
        "experienced", "engineering", "chengdu", 2,
        "测试开发工程师", "Software Engineer in Test",
        """我们希望质量从第一行代码开始保障。你将为模型服务与 Web 产品搭建自动化测试体系，
        让每一次发布都更快、更有信心。""",
        """We want quality to start with the first line of code. You will build automated testing for our model
        services and web products so that every release is faster and safer.""",
        """
        设计并维护接口、端到端与性能测试框架
        为模型服务建立回归评测，及时发现效果退化
        把测试接入持续集成流水线，缩短反馈时间
        分析线上缺陷根因，推动研发流程改进
        """,
        """
        Design and maintain API, end-to-end and performance test frameworks
        Set up regression evaluation for model services to catch quality drops early
        Wire tests into the CI pipeline and shorten the feedback loop
        Analyse the root cause of production bugs and improve how we build software
        """,
        """
        本科及以上学历，3 年以上测试开发经验
        熟练使用 Python，熟悉 pytest、Playwright 或 Selenium
        了解 Linux、Docker 与常见性能测试工具
        有 AI 或数据类产品测试经验者优先
        """,
        """
        Bachelor's degree or above and 3+ years in test engineering
        Fluent in Python, with pytest, Playwright or Selenium
        Comfortable with Linux, Docker and common load-testing tools
        Experience testing AI or data products is a plus
        """,
    ),
    _job(
        "experienced", "engineering", "singapore", 2,
        "数据工程师", "Data Engineer",
        """新加坡数据平台团队负责公司数据仓库与实时数据流，为产品分析、模型训练和财务报表提供可靠数据。""",
        """The Singapore data platform team runs the company data warehouse and real-time streams that feed product
        analytics, model training and financial reporting.""",
        """
        设计并开发批处理与流式数据管道
        建设数据质量监控，保障数据的准确与及时
        维护数据模型与指标口径，支持分析师自助取数
        落实数据访问权限与个人信息保护要求
        """,
        """
        Design and build batch and streaming data pipelines
        Set up data-quality monitoring so that data is correct and on time
        Maintain data models and metric definitions so analysts can serve themselves
        Apply access controls and personal-data protection rules to the data we hold
        """,
        """
        3 年以上数据工程经验
        熟练使用 SQL 与 Python，熟悉 Spark、Flink 或 Kafka
        熟悉 Airflow、dbt 等调度与建模工具
        了解 GDPR 或新加坡 PDPA 等数据保护法规者优先
        """,
        """
        3+ years of data engineering
        Strong SQL and Python; experience with Spark, Flink or Kafka
        Familiar with Airflow, dbt or similar scheduling and modelling tools
        Knowledge of GDPR or Singapore's PDPA is a plus
        """,
    ),
    _job(
        "experienced", "engineering", "beijing", 1,
        "安全工程师", "Security Engineer",
        """安全团队守护公司的云上业务、候选人与客户数据。你将负责应用安全与云安全建设，
        从设计评审到应急响应都会参与。""",
        """The security team protects our cloud services and the data of candidates and customers. You will own
        application and cloud security, from design reviews to incident response.""",
        """
        开展安全设计评审与代码审计，推动漏洞修复
        建设云上资产的安全基线与监控告警
        负责渗透测试与安全事件的应急响应
        组织员工安全培训，提升整体安全意识
        """,
        """
        Run security design reviews and code audits and follow vulnerabilities through to the fix
        Define security baselines and monitoring for our cloud assets
        Lead penetration tests and respond to security incidents
        Train colleagues and raise security awareness across the company
        """,
        """
        3 年以上 Web 安全或云安全经验
        熟悉 OWASP Top 10 与常见攻防技术
        熟悉 Linux，能用 Python 或 Go 编写安全工具
        持有 OSCP、CISSP 等认证者优先
        """,
        """
        3+ years in web or cloud security
        Knows the OWASP Top 10 and common attack and defence techniques
        Comfortable on Linux and able to write security tools in Python or Go
        OSCP, CISSP or similar certifications are a plus
        """,
    ),
    # --- Product ----------------------------------------------------------------
    _job(
        "experienced", "product", "beijing", 2,
        "AI 产品经理（大模型应用）", "AI Product Manager, LLM Applications",
        """你将负责面向企业客户的智能助手产品，从客户访谈、需求定义到上线后的效果追踪全程负责。
        这个岗位需要你既懂用户，也理解大模型能做什么、不能做什么。""",
        """You will own our enterprise assistant product end to end, from customer interviews and requirements to
        measuring results after launch. The role needs someone who understands users and also knows what large
        models can and cannot do.""",
        """
        深入企业客户场景，定义产品方向与路线图
        撰写产品需求文档，设计提示词与评测方案
        与算法、工程和设计团队合作推动功能按期上线
        通过数据分析与用户反馈持续迭代产品
        """,
        """
        Spend time with enterprise customers and set the product direction and roadmap
        Write product requirements and design prompts and evaluation plans
        Work with research, engineering and design to ship features on time
        Keep improving the product from usage data and user feedback
        """,
        """
        3 年以上 B 端或 SaaS 产品经验，1 年以上 AI 产品经验
        了解大语言模型的原理、能力边界与评测方法
        优秀的沟通与文档能力，能推动跨团队协作
        有计算机背景或能写简单 SQL、Python 者优先
        """,
        """
        3+ years in B2B or SaaS product management, including at least one year on AI products
        Understands how large language models work, where they fall short and how to evaluate them
        Excellent communication and writing; drives work across teams
        A computer science background or basic SQL and Python is a plus
        """,
    ),
    _job(
        "campus", "product", "shanghai", 4,
        "产品经理管培生（2027 届）", "Associate Product Manager (Graduate 2027)",
        """两年制产品管培项目，期间在两个业务团队轮岗，由资深产品负责人带教。
        我们看重好奇心、逻辑和把事情做成的韧劲，不限专业。""",
        """A two-year associate product manager programme with rotations through two product teams and coaching from
        a senior product lead. We value curiosity, clear thinking and the grit to get things done; any degree is
        welcome.""",
        """
        参与用户研究与竞品分析，发现产品机会
        撰写需求文档并跟进开发、测试与上线
        分析产品数据，提出改进建议
        参与轮岗团队的周会与产品评审
        """,
        """
        Take part in user research and competitor analysis to find product opportunities
        Write requirements and follow them through development, testing and launch
        Analyse product data and suggest improvements
        Join the weekly meetings and product reviews of your rotation team
        """,
        """
        2027 届本科或硕士毕业生，专业不限
        有产品、创业或社团项目经历
        逻辑清晰，善于表达，对 AI 产品有浓厚兴趣
        英语读写流利
        """,
        """
        Graduating in 2027 with a bachelor's or master's degree in any subject
        Experience with a product, a start-up or a student project
        Clear thinker and communicator, genuinely interested in AI products
        Fluent written and spoken English
        """,
    ),
    _job(
        "internship", "product", "shenzhen", 2,
        "产品经理实习生", "Product Manager Intern",
        """加入深圳的智能硬件产品团队，参与 AR 眼镜配套 App 的需求调研与功能设计。
        实习至少 3 个月，每周到岗 4 天。""",
        """Join the smart hardware product team in Shenzhen and help research and design features of the companion app
        for our AR glasses. The internship lasts at least three months, four days a week.""",
        """
        协助开展用户访谈与问卷调研，整理调研结论
        撰写功能需求与原型，参与评审
        跟进开发与测试进度，组织体验走查
        整理用户反馈与数据周报
        """,
        """
        Help run user interviews and surveys and summarise the findings
        Write feature specs and prototypes and take part in reviews
        Track development and testing and organise walkthroughs of new builds
        Compile user feedback and the weekly data report
        """,
        """
        本科或硕士在读，专业不限
        熟练使用 Figma 或 Axure 等原型工具
        对智能硬件与消费电子有热情
        每周可实习 4 天，持续 3 个月以上
        """,
        """
        Bachelor's or master's student in any subject
        Comfortable with Figma, Axure or similar prototyping tools
        Enthusiastic about smart hardware and consumer electronics
        Available four days a week for three months or more
        """,
    ),
    _job(
        "experienced", "product", "hangzhou", 1,
        "数据分析师", "Data Analyst, Product",
        """你将与产品团队并肩工作，用数据回答“用户为什么留下、为什么离开”。
        我们的数据覆盖对话产品、开发者平台与企业客户的使用行为。""",
        """You will work alongside the product team and use data to answer why users stay and why they leave. Our data
        covers the assistant app, the developer platform and enterprise usage.""",
        """
        搭建产品核心指标体系与数据看板
        设计并分析 A/B 实验，给出清晰的结论与建议
        开展用户分群、留存与转化等专题分析
        与数据工程师合作完善埋点与数据质量
        """,
        """
        Define core product metrics and build dashboards
        Design and analyse A/B tests and give clear conclusions and recommendations
        Run deep dives on segmentation, retention and conversion
        Work with data engineers on event tracking and data quality
        """,
        """
        统计学、数学、经济学或计算机相关专业，2 年以上数据分析经验
        精通 SQL，熟悉 Python 或 R
        理解实验设计与常用统计检验
        能把分析结果讲成业务听得懂的故事
        """,
        """
        Degree in statistics, mathematics, economics or computer science, and 2+ years of analytics
        Expert SQL, plus Python or R
        Understands experiment design and common statistical tests
        Can turn an analysis into a story the business understands
        """,
    ),
    _job(
        "experienced", "product", "hong-kong", 2,
        "解决方案架构师", "Solutions Architect",
        """面向香港及大湾区的金融、零售客户，负责售前技术方案设计与落地支持，
        帮助客户把大模型安全地接入现有系统。""",
        """You will design technical solutions for financial and retail customers in Hong Kong and the Greater Bay Area,
        and help them connect our models to their systems safely.""",
        """
        理解客户业务与技术现状，设计可落地的 AI 解决方案
        完成技术交流、方案演示与概念验证
        协助客户完成私有化部署与系统集成
        把客户需求反馈给产品与研发团队
        """,
        """
        Understand each customer's business and systems and design AI solutions that can actually be delivered
        Lead technical workshops, demos and proofs of concept
        Support on-premises deployments and system integration
        Bring customer needs back to the product and engineering teams
        """,
        """
        5 年以上售前、架构或咨询经验，熟悉金融或零售行业
        了解云计算、API 集成与数据安全
        具备基本的 Python 或 Java 开发能力
        粤语、普通话和英语流利
        """,
        """
        5+ years in pre-sales, architecture or consulting, ideally in finance or retail
        Understands cloud computing, API integration and data security
        Can write basic Python or Java
        Fluent in Cantonese, Mandarin and English
        """,
    ),
    _job(
        "experienced", "product", "singapore", 1,
        "技术产品经理（开发者平台）", "Technical Product Manager, Developer Platform",
        """开发者平台为全球数万名开发者提供模型 API、SDK 与控制台。你将负责开发者体验，
        从文档、SDK 到用量与计费，让开发者在十分钟内跑通第一个请求。""",
        """Our developer platform gives tens of thousands of developers worldwide model APIs, SDKs and a console. You
        will own the developer experience, from docs and SDKs to usage and billing, so that anyone can make a first
        call within ten minutes.""",
        """
        规划 API、SDK 与控制台的产品路线图
        定义 API 设计规范与版本策略
        分析开发者漏斗，减少从注册到首次调用的流失
        与开发者关系团队一起收集社区反馈
        """,
        """
        Plan the roadmap for the APIs, SDKs and console
        Set API design guidelines and the versioning policy
        Analyse the developer funnel and reduce drop-off between sign-up and first call
        Gather community feedback with the developer relations team
        """,
        """
        4 年以上技术产品经验，曾负责 API 或开发者工具
        有软件开发经历，能阅读代码，熟悉 REST 与 Python SDK
        数据驱动，善于撰写清晰的文档
        英语为工作语言
        """,
        """
        4+ years of technical product management, including APIs or developer tools
        Former software developer or able to read code; familiar with REST and Python SDKs
        Data-driven and a clear writer
        English is the working language
        """,
    ),
    # --- Autonomous driving -----------------------------------------------------
    _job(
        "experienced", "autonomous-driving", "shanghai", 4,
        "自动驾驶感知算法工程师", "Perception Algorithm Engineer, Autonomous Driving",
        """自动驾驶事业部正在量产城市导航辅助驾驶系统。感知团队负责基于摄像头与激光雷达的
        三维检测、车道线与占用网络，模型跑在车端芯片上。""",
        """Our autonomous driving unit is bringing urban navigation assistance to production cars. The perception
        team builds camera and lidar 3D detection, lane topology and occupancy networks that run on the in-car chip.""",
        """
        研发 BEV 多传感器融合感知算法，提升检测与跟踪精度
        优化长尾场景，如施工区域、异形车辆与恶劣天气
        与部署团队合作完成模型量化与车端实时运行
        利用路测数据构建评测集，推动数据闭环
        """,
        """
        Build BEV multi-sensor fusion perception and improve detection and tracking accuracy
        Tackle the long tail: road works, unusual vehicles, bad weather
        Quantise models and make them run in real time on the car with the deployment team
        Build evaluation sets from road-test data and keep the data loop turning
        """,
        """
        硕士及以上学历，3 年以上视觉或点云感知经验
        熟悉 BEVFormer、CenterPoint 等主流感知方法
        熟练使用 Python、PyTorch，具备 C++ 开发能力
        有量产项目经验者优先
        """,
        """
        MSc or above with 3+ years in camera or point-cloud perception
        Familiar with BEVFormer, CenterPoint and similar methods
        Fluent in Python and PyTorch, and able to write C++
        Experience on a production vehicle programme is a plus
        """,
    ),
    _job(
        "experienced", "autonomous-driving", "shenzhen", 3,
        "自动驾驶规划控制算法工程师", "Planning and Control Engineer, Autonomous Driving",
        """规划控制团队决定车辆在复杂城市道路中“怎么开”。你将负责决策规划或运动控制模块，
        让自动驾驶既安全又像老司机一样自然。""",
        """The planning and control team decides how the car drives through busy city streets. You will own behaviour
        planning or motion control, so that autonomous driving is safe and feels as natural as an experienced
        driver.""",
        """
        设计和实现行为决策、轨迹规划或车辆控制算法
        处理无保护左转、加塞、环岛等复杂交互场景
        在仿真和实车上验证算法，分析接管数据
        编写高质量的 C++ 车端代码并持续优化性能
        """,
        """
        Design and implement behaviour decisions, trajectory planning or vehicle control
        Handle hard interactions such as unprotected left turns, cut-ins and roundabouts
        Validate in simulation and on the road, and analyse disengagement data
        Write high-quality in-car C++ and keep it fast
        """,
        """
        自动化、车辆工程、机器人或计算机相关专业硕士及以上
        熟悉 MPC、优化方法或基于学习的规划方法
        精通 C++，熟悉 ROS 或类似中间件
        有自动驾驶或机器人实车调试经验
        """,
        """
        MSc or above in control, vehicle engineering, robotics or computer science
        Familiar with MPC, numerical optimisation or learning-based planning
        Expert C++, with ROS or similar middleware
        Has tuned autonomous driving or robot software on real vehicles
        """,
    ),
    _job(
        "experienced", "autonomous-driving", "beijing", 2,
        "高精地图与定位工程师", "Mapping and Localization Engineer",
        """我们在推进“轻地图”方案，用众包数据与在线建图替代昂贵的高精地图。
        你将负责多传感器融合定位与地图构建算法。""",
        """We are moving to a light-map approach, replacing expensive HD maps with crowd-sourced data and online
        mapping. You will own multi-sensor localization and map-building algorithms.""",
        """
        研发 GNSS、IMU、轮速计与视觉融合的定位算法
        基于量产车众包数据构建与更新道路地图
        优化隧道、高架下等弱信号场景的定位精度
        建设定位与建图的自动化评测工具
        """,
        """
        Develop localization that fuses GNSS, IMU, wheel odometry and cameras
        Build and update road maps from crowd-sourced production-car data
        Improve accuracy where signals are weak, such as tunnels and under flyovers
        Build automated evaluation tools for localization and mapping
        """,
        """
        硕士及以上学历，熟悉 SLAM、状态估计与滤波理论
        精通 C++，熟悉 Ceres、g2o 等优化库
        有自动驾驶定位或地图项目经验
        熟悉 Python 数据分析工具者优先
        """,
        """
        MSc or above; solid SLAM, state estimation and filtering
        Expert C++, with Ceres, g2o or similar optimisation libraries
        Experience on autonomous driving localization or mapping projects
        Python data-analysis skills are a plus
        """,
    ),
    _job(
        "experienced", "autonomous-driving", "shanghai", 2,
        "自动驾驶仿真工程师", "Simulation Engineer, Autonomous Driving",
        """每一次软件发布前，系统都要在仿真中跑完数百万公里。你将建设场景仿真平台，
        让问题在上路之前就被发现。""",
        """Every release of the driving software runs millions of kilometres in simulation before it reaches the road.
        You will build the scenario simulation platform that finds problems before the car does.""",
        """
        建设基于日志回放与场景生成的仿真平台
        开发交通参与者行为模型与传感器仿真
        设计大规模并行仿真任务调度，缩短回归周期
        与规控、感知团队一起定义评价指标
        """,
        """
        Build a simulation platform based on log replay and scenario generation
        Model the behaviour of other road users and simulate sensors
        Schedule large parallel simulation runs and shorten the regression cycle
        Define pass/fail metrics with the planning and perception teams
        """,
        """
        3 年以上仿真、游戏引擎或机器人软件经验
        熟练使用 C++ 和 Python
        熟悉 CARLA、Unreal 或 Unity 者优先
        了解分布式计算与云平台
        """,
        """
        3+ years in simulation, game engines or robotics software
        Fluent in C++ and Python
        Experience with CARLA, Unreal or Unity is a plus
        Familiar with distributed computing and cloud platforms
        """,
    ),
    _job(
        "campus", "autonomous-driving", "shenzhen", 8,
        "自动驾驶算法工程师（2027 届校招）", "Autonomous Driving Algorithm Engineer (Graduate 2027)",
        """面向 2027 届毕业生，方向包括感知、预测、规划与端到端模型。入职后参与量产项目，
        有机会跟车路测，亲眼看到自己的代码开上马路。""",
        """For 2027 graduates, in perception, prediction, planning or end-to-end driving models. You will join a
        production programme and ride along on road tests to see your own code on the street.""",
        """
        参与自动驾驶感知、预测或规划算法的研发
        分析路测数据与问题案例，提出改进方案
        参与模型训练、评测与车端部署
        撰写技术文档，参与团队技术分享
        """,
        """
        Work on perception, prediction or planning algorithms for autonomous driving
        Analyse road-test data and problem cases and propose fixes
        Help train, evaluate and deploy models to the car
        Write technical documentation and present at team talks
        """,
        """
        2027 届硕士或博士毕业生，计算机、自动化、电子、车辆等相关专业
        扎实的机器学习或机器人基础
        熟悉 C++ 或 Python，有深度学习项目经验
        有自动驾驶竞赛、论文或相关实习经历者优先
        """,
        """
        Graduating in 2027 with an MSc or PhD in computer science, control, electronics, vehicle engineering or similar
        Solid machine learning or robotics foundations
        Comfortable with C++ or Python, with a deep learning project behind you
        Autonomous driving competitions, papers or related internships are a plus
        """,
    ),
    _job(
        "internship", "autonomous-driving", "shanghai", 3,
        "自动驾驶数据闭环实习生", "Autonomous Driving Data Pipeline Intern",
        """数据闭环是自动驾驶持续进步的引擎。你将参与从海量路测数据中自动挖掘有价值片段、
        生成训练数据的工具开发。""",
        """The data loop is what keeps autonomous driving improving. You will help build tools that find valuable clips
        in huge volumes of road-test data and turn them into training data.""",
        """
        开发数据挖掘与筛选脚本，定位长尾场景
        参与自动标注流程的开发与质量评估
        维护数据集版本与统计报表
        配合算法同学完成模型迭代实验
        """,
        """
        Write mining and filtering scripts to find long-tail scenes
        Help build automatic labelling and measure its quality
        Maintain dataset versions and statistics
        Support algorithm engineers with model iteration experiments
        """,
        """
        本科或硕士在读，计算机、软件工程等相关专业
        熟练使用 Python，了解 SQL 与 Linux
        对自动驾驶有兴趣，了解基本的计算机视觉知识
        每周可实习 4 天以上，持续 4 个月
        """,
        """
        Bachelor's or master's student in computer science, software engineering or similar
        Fluent in Python; some SQL and Linux
        Interested in autonomous driving, with basic computer vision knowledge
        Available four days a week or more for four months
        """,
    ),
    _job(
        "experienced", "autonomous-driving", "shenzhen", 2,
        "车载嵌入式软件工程师", "Embedded Software Engineer, In-Vehicle Platform",
        """你将负责自动驾驶域控制器上的系统软件，包括中间件、传感器驱动与功能安全机制，
        是算法与硬件之间的关键一环。""",
        """You will own the system software on our autonomous driving domain controller: middleware, sensor drivers and
        functional-safety mechanisms, the link between the algorithms and the hardware.""",
        """
        开发与维护域控制器上的中间件与传感器驱动
        优化系统调度与通信时延，保障实时性
        按照 ISO 26262 实现功能安全相关机制
        支持整车集成测试，定位软硬件问题
        """,
        """
        Develop and maintain middleware and sensor drivers on the domain controller
        Tune scheduling and communication latency to meet real-time deadlines
        Implement functional-safety mechanisms following ISO 26262
        Support vehicle integration testing and track down hardware and software issues
        """,
        """
        3 年以上嵌入式 Linux 或 QNX 开发经验
        精通 C/C++，熟悉多线程与进程间通信
        了解 AUTOSAR、CAN、以太网等车载协议
        有量产车型项目经验者优先
        """,
        """
        3+ years of embedded Linux or QNX development
        Expert C/C++, with multithreading and inter-process communication
        Familiar with AUTOSAR, CAN and automotive Ethernet
        Experience on a production car programme is a plus
        """,
    ),
    _job(
        "experienced", "autonomous-driving", "hangzhou", None,
        "道路测试工程师", "Road Test Engineer",
        """道路测试工程师是自动驾驶系统的第一批用户。你将在封闭场地和公开道路上执行测试计划，
        把每一次异常准确地反馈给研发团队。""",
        """Road test engineers are the first users of our autonomous driving system. You will run test plans on closed
        tracks and public roads and report every anomaly precisely to the development teams.""",
        """
        按测试计划执行场地与公开道路测试，保障测试安全
        记录并初步分析问题，整理测试报告
        维护测试车辆与采集设备
        参与测试用例与场景库的设计
        """,
        """
        Run track and public-road tests to plan, with safety first
        Record and triage issues and write test reports
        Look after the test vehicles and data-logging equipment
        Help design test cases and the scenario library
        """,
        """
        大专及以上学历，持有 C1 驾照 3 年以上且无重大事故记录
        有汽车测试或自动驾驶安全员经验者优先
        熟悉基本的电脑操作与 Excel，能编写简单脚本更佳
        能适应户外工作和短期出差
        """,
        """
        College diploma or above and a driving licence held for 3+ years with a clean record
        Experience in vehicle testing or as an autonomous driving safety driver is a plus
        Comfortable with computers and spreadsheets; simple scripting is a bonus
        Happy to work outdoors and travel for short periods
        """,
    ),
    # --- Healthcare imaging ---------------------------------------------------------
    _job(
        "experienced", "healthcare-imaging", "beijing", 3,
        "医学影像算法工程师", "Medical Imaging Algorithm Engineer",
        """医疗影像事业部的肺结节、骨折与脑卒中辅助诊断产品已在全国数百家医院使用。
        你将研发 CT、MRI 与 X 光上的检测与分割算法，成果需要经得起临床检验。""",
        """Our healthcare imaging products for lung nodules, fractures and stroke are used in hundreds of hospitals. You
        will develop detection and segmentation on CT, MRI and X-ray, and the results have to hold up in clinical
        use.""",
        """
        研发三维医学影像的检测、分割与分类算法
        与放射科医生合作制定标注规范，保证数据质量
        在多中心数据上评估模型的泛化能力
        配合注册团队准备算法性能验证资料
        """,
        """
        Develop detection, segmentation and classification for 3D medical images
        Set annotation guidelines with radiologists and keep data quality high
        Evaluate how well models generalise across hospitals
        Prepare algorithm performance evidence with the regulatory team
        """,
        """
        硕士及以上学历，2 年以上医学影像或计算机视觉经验
        熟悉 nnU-Net、MONAI 等工具，熟练使用 Python 与 PyTorch
        了解 DICOM 格式与常见影像设备成像原理
        有医疗器械软件注册经验者优先
        """,
        """
        MSc or above with 2+ years in medical imaging or computer vision
        Familiar with nnU-Net, MONAI and similar tools; fluent in Python and PyTorch
        Understands DICOM and how the common scanners form images
        Experience with medical device software registration is a plus
        """,
    ),
    _job(
        "experienced", "healthcare-imaging", "shanghai", 1,
        "临床研究经理", "Clinical Research Manager",
        """你将负责 AI 辅助诊断产品的临床试验，从方案设计、医院沟通到数据统计，
        确保试验合规、结果可信。""",
        """You will run clinical trials for our AI diagnostic products, from protocol design and hospital liaison to
        statistics, making sure trials are compliant and results are sound.""",
        """
        制定临床试验方案与统计分析计划
        筛选与管理临床试验机构，推进伦理审批
        监查试验进度与数据质量，处理偏离
        撰写临床评价报告，支持产品注册
        """,
        """
        Write trial protocols and statistical analysis plans
        Select and manage trial sites and move ethics approvals forward
        Monitor progress and data quality and handle deviations
        Write clinical evaluation reports that support product registration
        """,
        """
        医学、药学、生物统计等相关专业硕士及以上
        3 年以上医疗器械或药物临床试验管理经验
        熟悉 GCP 与国家药监局相关法规
        有 AI 或影像类产品临床经验者优先
        """,
        """
        MSc or above in medicine, pharmacy, biostatistics or a related field
        3+ years managing medical device or drug trials
        Knows GCP and the NMPA regulations
        Experience with AI or imaging products is a plus
        """,
    ),
    _job(
        "experienced", "healthcare-imaging", "beijing", 1,
        "医疗器械注册专员", "Regulatory Affairs Specialist, Medical Devices",
        """负责医疗影像软件在中国及海外的注册申报，是产品能否进入医院的关键岗位。""",
        """You will handle registration of our imaging software in China and abroad, the step that decides whether a
        product can be used in hospitals at all.""",
        """
        准备并提交医疗器械注册资料，跟进审评与发补
        建立和维护符合 ISO 13485 的质量管理体系文件
        跟踪国内外法规变化并评估对产品的影响
        协调研发、临床与质量团队完成体系核查
        """,
        """
        Prepare and submit device registration dossiers and answer reviewers' questions
        Maintain quality-system documents that meet ISO 13485
        Track regulatory changes at home and abroad and assess their impact on our products
        Coordinate engineering, clinical and quality teams for audits
        """,
        """
        本科及以上学历，医学、生物医学工程等相关专业
        2 年以上二类或三类医疗器械注册经验
        熟悉医疗器械软件相关指导原则
        有 FDA 510(k) 或 CE 认证经验者优先
        """,
        """
        Bachelor's degree or above in medicine, biomedical engineering or a related field
        2+ years registering Class II or III medical devices
        Knows the guidance for medical device software
        FDA 510(k) or CE marking experience is a plus
        """,
    ),
    _job(
        "internship", "healthcare-imaging", "hangzhou", 2,
        "医学影像算法实习生", "Medical Imaging Research Intern",
        """和医学影像团队一起研究病灶分割与报告生成。你会接触真实的脱敏临床数据，
        并在严格的数据安全规范下工作。""",
        """Work with the healthcare imaging team on lesion segmentation and report generation. You will handle real,
        de-identified clinical data under strict data-security rules.""",
        """
        复现并改进医学影像分割与分类方法
        参与影像报告自动生成的实验
        整理实验结果，撰写技术报告
        遵守数据安全规范，参与数据质量检查
        """,
        """
        Reproduce and improve segmentation and classification methods for medical images
        Experiment with automatic radiology report generation
        Organise results and write technical reports
        Follow data-security rules and help check data quality
        """,
        """
        硕士或博士在读，计算机、生物医学工程等相关专业
        熟练使用 Python 与 PyTorch
        有医学影像项目或论文经验者优先
        每周可实习 4 天，持续 3 个月以上
        """,
        """
        Master's or PhD student in computer science, biomedical engineering or similar
        Fluent in Python and PyTorch
        Medical imaging projects or papers are a plus
        Available four days a week for three months or more
        """,
    ),
    _job(
        "experienced", "healthcare-imaging", "chengdu", 4,
        "医学影像标注质控专员", "Medical Image Annotation Quality Specialist",
        """成都标注中心需要有放射科背景的专业人员，审核并修正病灶标注，
        你的判断将直接决定模型学到的是不是正确的医学知识。""",
        """Our Chengdu annotation centre needs people with a radiology background to review and correct lesion
        annotations. Your judgement decides whether the models learn correct medicine.""",
        """
        审核 CT、MRI 影像的病灶标注，修正错误
        参与制定与更新标注规范
        培训与答疑，提升标注团队的专业水平
        统计标注质量指标，反馈给算法团队
        """,
        """
        Review lesion annotations on CT and MRI and correct mistakes
        Help write and update the annotation guidelines
        Train annotators and answer their questions
        Track annotation quality metrics and report them to the algorithm team
        """,
        """
        医学影像、临床医学等相关专业本科及以上
        有放射科工作或规培经历者优先
        熟悉常见疾病的影像表现
        细致耐心，能长期专注于高质量审核工作
        """,
        """
        Bachelor's degree or above in medical imaging, clinical medicine or a related field
        Radiology work or residency experience preferred
        Knows how common diseases appear on images
        Careful and patient, able to focus on demanding review work
        """,
    ),
    _job(
        "campus", "healthcare-imaging", "hong-kong", 2,
        "医疗 AI 软件工程师（2027 届校招）", "Software Engineer, Healthcare AI (Graduate 2027)",
        """香港团队正在与本地公立医院合作部署影像 AI 平台。你将参与医院端系统集成与云端服务开发，
        了解医疗软件如何在真实环境中运行。""",
        """Our Hong Kong team is deploying an imaging AI platform with public hospitals in the city. You will work on
        hospital-side integration and cloud services and see how medical software runs in the real world.""",
        """
        开发影像 AI 平台的后端服务与管理界面
        对接医院 PACS 与 HIS 系统，处理 DICOM 与 HL7 数据
        编写自动化测试，保障软件质量与可追溯性
        参与医院现场部署与问题排查
        """,
        """
        Build backend services and admin screens for the imaging AI platform
        Integrate with hospital PACS and HIS systems and handle DICOM and HL7 data
        Write automated tests that keep the software reliable and traceable
        Help with on-site deployments and troubleshooting at hospitals
        """,
        """
        2027 届本科或硕士毕业生，计算机或相关专业
        熟悉 Python 或 Java，了解 Web 开发与数据库
        对医疗行业有兴趣，认真负责
        英语流利，会粤语者优先
        """,
        """
        Graduating in 2027 with a bachelor's or master's degree in computer science or a related field
        Comfortable with Python or Java, web development and databases
        Interested in healthcare and conscientious
        Fluent English; Cantonese is a plus
        """,
    ),
    # --- Augmented reality --------------------------------------------------------
    _job(
        "experienced", "ar", "shenzhen", 2,
        "SLAM 算法工程师", "SLAM Algorithm Engineer",
        """我们的 AR 眼镜需要在 10 毫瓦级功耗下完成六自由度追踪。你将负责视觉惯性里程计与建图算法，
        让虚拟内容稳稳地“钉”在真实世界里。""",
        """Our AR glasses need six-degree-of-freedom tracking on a power budget of a few milliwatts. You will own
        visual-inertial odometry and mapping so that virtual content stays pinned to the real world.""",
        """
        研发视觉惯性里程计、回环检测与重定位算法
        针对低功耗芯片优化算法，满足实时性要求
        处理弱纹理、快速运动与光照变化等困难场景
        与硬件团队合作完成相机与 IMU 的标定方案
        """,
        """
        Develop visual-inertial odometry, loop closure and relocalisation
        Optimise for low-power chips and hit real-time targets
        Handle hard cases: low texture, fast motion and changing light
        Design camera and IMU calibration with the hardware team
        """,
        """
        硕士及以上学历，3 年以上 SLAM 或三维视觉经验
        精通 C++，熟悉 ORB-SLAM、VINS 等开源系统
        扎实的多视图几何与非线性优化基础
        有 ARM 或 DSP 平台优化经验者优先
        """,
        """
        MSc or above with 3+ years in SLAM or 3D vision
        Expert C++, familiar with ORB-SLAM, VINS or similar systems
        Strong multi-view geometry and non-linear optimisation
        Optimisation experience on ARM or DSP platforms is a plus
        """,
    ),
    _job(
        "experienced", "ar", "shanghai", 2,
        "图形渲染工程师", "Graphics Rendering Engineer",
        """负责 AR 眼镜上的实时渲染管线。在有限的算力与功耗下，我们要让文字清晰、画面稳定、
        长时间佩戴不眩晕。""",
        """You will own the real-time rendering pipeline on our AR glasses. With little compute and power to spare,
        text must stay sharp, images stable and long sessions comfortable.""",
        """
        设计与优化 AR 设备上的渲染管线与合成器
        实现异步时间扭曲、畸变校正等显示相关算法
        分析 GPU 性能瓶颈，降低功耗与延迟
        为应用开发者提供渲染相关的 SDK 能力
        """,
        """
        Design and optimise the rendering pipeline and compositor on our AR devices
        Implement asynchronous timewarp, distortion correction and other display algorithms
        Find GPU bottlenecks and cut power and latency
        Expose rendering features to app developers through the SDK
        """,
        """
        3 年以上图形渲染或游戏引擎开发经验
        精通 C++，熟悉 OpenGL ES、Vulkan 或 Metal
        熟悉移动 GPU 架构与性能分析工具
        有 VR/AR 设备开发经验者优先
        """,
        """
        3+ years in graphics rendering or game engine development
        Expert C++, with OpenGL ES, Vulkan or Metal
        Knows mobile GPU architectures and profiling tools
        Experience building for VR or AR devices is a plus
        """,
    ),
    _job(
        "experienced", "ar", "tokyo", 1,
        "AR 应用开发工程师（Unity）", "AR Application Developer (Unity)",
        """东京团队与日本零售和制造业客户合作，开发基于 AR 眼镜的远程协作与作业指导应用。""",
        """Our Tokyo team works with Japanese retail and manufacturing customers on remote-assistance and work-guidance
        apps for AR glasses.""",
        """
        使用 Unity 开发 AR 眼镜应用，实现空间交互与三维界面
        与客户沟通需求，完成原型与交付
        优化应用性能，保障长时间稳定运行
        向 SDK 团队反馈问题与功能需求
        """,
        """
        Build AR glasses apps in Unity with spatial interaction and 3D interfaces
        Talk to customers about their needs and deliver prototypes and finished apps
        Tune app performance so it runs reliably for a full shift
        Feed bugs and feature requests back to the SDK team
        """,
        """
        3 年以上 Unity 与 C# 开发经验
        有 AR、VR 或三维交互应用开发经验
        日语商务水平，英语或中文可沟通
        了解 ARKit、ARCore 或 OpenXR 者优先
        """,
        """
        3+ years of Unity and C# development
        Has built AR, VR or 3D interactive apps
        Business-level Japanese, plus working English or Chinese
        Experience with ARKit, ARCore or OpenXR is a plus
        """,
    ),
    _job(
        "experienced", "ar", "shenzhen", 1,
        "光学工程师（AR 眼镜）", "Optical Engineer, AR Glasses",
        """负责下一代 AR 眼镜光波导显示模组的设计与量产导入，和供应链、结构团队一起把实验室样机变成可以量产的产品。""",
        """You will design the waveguide display module of our next AR glasses and take it into mass production,
        turning a lab prototype into a product together with supply-chain and mechanical engineers.""",
        """
        设计与仿真光波导及投影光学系统
        制定光学测试方案，分析亮度、均匀性与鬼影等问题
        与供应商合作推进样品验证与良率提升
        支持整机结构设计与可靠性测试
        """,
        """
        Design and simulate waveguides and projection optics
        Plan optical tests and analyse brightness, uniformity and ghosting
        Work with suppliers on sample validation and yield improvement
        Support the mechanical design and reliability testing of the whole device
        """,
        """
        光学工程、物理等相关专业硕士及以上
        熟练使用 Zemax、LightTools 或 VirtualLab
        有 AR 光波导或近眼显示项目经验
        了解光学元件加工与装配工艺
        """,
        """
        MSc or above in optical engineering, physics or a related field
        Fluent in Zemax, LightTools or VirtualLab
        Experience on AR waveguide or near-eye display projects
        Understands how optical parts are made and assembled
        """,
    ),
    _job(
        "internship", "ar", "tokyo", 1,
        "手势识别算法实习生", "Hand Tracking Algorithm Intern",
        """在东京研究室参与 AR 眼镜的手势识别与手部姿态估计研究，
        你的模型将在真实设备上被测试。实习期 3 至 6 个月。""",
        """Join the Tokyo lab to work on hand tracking and hand pose estimation for AR glasses; your models will be
        tested on real devices. The internship lasts three to six months.""",
        """
        研究单目或双目手部关键点检测与三维姿态估计
        构建合成数据与真实数据混合的训练集
        优化模型以在移动芯片上实时运行
        与交互设计师一起验证手势体验
        """,
        """
        Research monocular or stereo hand keypoint detection and 3D pose estimation
        Build training sets that mix synthetic and real data
        Make models run in real time on mobile chips
        Test gesture interactions with the interaction designers
        """,
        """
        计算机视觉相关方向硕士或博士在读
        熟练使用 Python、PyTorch
        有姿态估计或轻量化模型经验者优先
        英语或日语流利
        """,
        """
        Master's or PhD student in computer vision or a related field
        Fluent in Python and PyTorch
        Pose estimation or efficient-model experience is a plus
        Fluent English or Japanese
        """,
    ),
    _job(
        "campus", "ar", "shenzhen", 4,
        "AR 软件工程师（2027 届校招）", "AR Software Engineer (Graduate 2027)",
        """加入 AR 眼镜操作系统团队，开发系统服务、空间交互框架与开发者 SDK。
        你会经历一款消费级硬件从样机到上市的完整过程。""",
        """Join the team building the operating system of our AR glasses: system services, the spatial interaction
        framework and the developer SDK. You will see a consumer device go from prototype to launch.""",
        """
        开发 AR 眼镜系统服务与空间交互框架
        编写 SDK 与示例应用，完善开发者文档
        分析系统性能与功耗，参与优化
        参与整机联调与问题排查
        """,
        """
        Build system services and the spatial interaction framework for the glasses
        Write the SDK and sample apps and improve developer documentation
        Analyse system performance and power and help optimise them
        Take part in device bring-up and debugging
        """,
        """
        2027 届本科或硕士毕业生，计算机、电子等相关专业
        熟悉 C++ 或 Java/Kotlin，了解 Android 系统
        对 AR、三维交互或消费电子有浓厚兴趣
        有相关项目或实习经历者优先
        """,
        """
        Graduating in 2027 with a bachelor's or master's degree in computer science, electronics or similar
        Comfortable with C++ or Java/Kotlin, with some knowledge of Android
        Keen on AR, 3D interaction or consumer electronics
        Related projects or internships are a plus
        """,
    ),
    # --- AI infrastructure ------------------------------------------------------
    _job(
        "experienced", "ai-infrastructure", "beijing", 3,
        "大模型训练框架工程师", "Distributed Training Engineer, Large Models",
        """我们在万卡规模的 GPU 集群上训练大模型。你将负责训练框架的并行策略与稳定性，
        让每一张卡都物尽其用。""",
        """We train large models on GPU clusters with tens of thousands of accelerators. You will own the parallelism
        and reliability of the training framework so that every GPU does useful work.""",
        """
        开发与优化数据并行、张量并行、流水线并行等分布式训练策略
        提升训练吞吐与显存利用率，分析通信瓶颈
        建设断点续训与故障自动恢复能力
        与研究员合作支持新模型结构的高效训练
        """,
        """
        Build and tune data, tensor and pipeline parallelism
        Raise training throughput and memory efficiency, and find communication bottlenecks
        Build checkpoint-restart and automatic failure recovery
        Work with researchers to train new architectures efficiently
        """,
        """
        3 年以上深度学习框架或高性能计算经验
        精通 Python 与 C++，熟悉 PyTorch 内部机制
        熟悉 NCCL、CUDA 与 GPU 架构
        有 Megatron-LM、DeepSpeed 开发或大规模训练经验者优先
        """,
        """
        3+ years in deep learning frameworks or high-performance computing
        Expert Python and C++, with a good understanding of how PyTorch works inside
        Familiar with NCCL, CUDA and GPU architecture
        Experience developing Megatron-LM or DeepSpeed, or running large-scale training, is a plus
        """,
    ),
    _job(
        "experienced", "ai-infrastructure", "shanghai", 3,
        "推理引擎优化工程师", "Inference Optimization Engineer",
        """模型上线后，每一毫秒延迟和每一分钱成本都很重要。你将负责大模型推理引擎的性能优化，
        服务对话、代码助手等在线业务。""",
        """Once a model is live, every millisecond of latency and every cent of cost counts. You will make our
        large-model inference engine faster, serving chat, coding assistants and other online products.""",
        """
        优化大模型推理的算子、调度与显存管理
        实现量化、投机解码、KV Cache 复用等加速技术
        建设推理性能基准与线上监控
        适配多种 GPU 与国产 AI 加速芯片
        """,
        """
        Optimise kernels, scheduling and memory management for large-model inference
        Implement quantisation, speculative decoding, KV-cache reuse and other speed-ups
        Build inference benchmarks and production monitoring
        Support a range of GPUs and domestic AI accelerators
        """,
        """
        3 年以上推理引擎、编译器或高性能计算经验
        精通 C++ 与 CUDA，熟悉 Python
        熟悉 vLLM、TensorRT-LLM 或 SGLang 等推理框架
        对性能分析与底层优化有热情
        """,
        """
        3+ years in inference engines, compilers or high-performance computing
        Expert C++ and CUDA, comfortable with Python
        Familiar with vLLM, TensorRT-LLM, SGLang or similar
        Enjoys profiling and low-level optimisation
        """,
    ),
    _job(
        "experienced", "ai-infrastructure", "hangzhou", 2,
        "GPU 集群运维开发工程师（SRE）", "Site Reliability Engineer, GPU Clusters",
        """杭州数据中心承载公司大部分训练与推理任务。你将负责 GPU 集群的可靠性与自动化运维，
        让研究员不再为“卡坏了”烦恼。""",
        """Our Hangzhou data centre runs most of the company's training and inference. You will own the reliability and
        automation of the GPU clusters so that researchers stop worrying about failed nodes.""",
        """
        建设 GPU 节点的健康检查、故障隔离与自动修复
        维护 Kubernetes 与 Slurm 调度平台，提升资源利用率
        完善监控告警与容量规划
        主导故障复盘，持续降低故障率
        """,
        """
        Build health checks, fault isolation and automatic repair for GPU nodes
        Run the Kubernetes and Slurm schedulers and improve utilisation
        Improve monitoring, alerting and capacity planning
        Lead post-incident reviews and keep bringing the failure rate down
        """,
        """
        3 年以上 SRE 或大规模集群运维经验
        熟悉 Linux 内核、网络与存储
        熟练使用 Python 或 Go 编写自动化工具
        有 GPU、InfiniBand 或 RDMA 运维经验者优先
        """,
        """
        3+ years as an SRE or running large clusters
        Knows the Linux kernel, networking and storage well
        Writes automation in Python or Go
        Experience with GPUs, InfiniBand or RDMA is a plus
        """,
    ),
    _job(
        "experienced", "ai-infrastructure", "beijing", 1,
        "AI 编译器工程师", "ML Compiler Engineer",
        """我们正在为自研推理芯片和多种 GPU 构建统一的 AI 编译栈。你将负责图优化、算子生成与自动调优。""",
        """We are building one ML compiler stack for our own inference chip and several GPUs. You will own graph
        optimisation, kernel generation and auto-tuning.""",
        """
        设计与实现计算图优化与算子融合策略
        开发基于 MLIR 或 TVM 的代码生成后端
        建设自动调优系统，提升算子性能
        与芯片团队协作，参与软硬件协同设计
        """,
        """
        Design and implement graph optimisations and operator fusion
        Build code-generation back ends based on MLIR or TVM
        Build an auto-tuning system that makes kernels faster
        Work with the chip team on hardware-software co-design
        """,
        """
        计算机相关专业硕士及以上，2 年以上编译器开发经验
        熟悉 LLVM、MLIR、TVM 或 Triton
        精通 C++，熟悉 Python
        了解 GPU 或 NPU 体系结构
        """,
        """
        MSc or above in computer science with 2+ years building compilers
        Familiar with LLVM, MLIR, TVM or Triton
        Expert C++, comfortable with Python
        Understands GPU or NPU architecture
        """,
    ),
    _job(
        "experienced", "ai-infrastructure", "singapore", 1,
        "存储系统工程师", "Storage Systems Engineer",
        """训练数据集和模型检查点动辄数 PB。新加坡团队负责面向 AI 负载的分布式存储与数据缓存系统。""",
        """Training datasets and model checkpoints run to petabytes. The Singapore team builds the distributed storage
        and data caching systems behind our AI workloads.""",
        """
        设计与开发高吞吐的分布式文件与对象存储
        优化训练数据读取与检查点写入性能
        保障数据的可靠性、一致性与安全
        参与跨区域数据同步与成本优化
        """,
        """
        Design and build high-throughput distributed file and object storage
        Speed up training-data reads and checkpoint writes
        Keep data durable, consistent and secure
        Work on cross-region replication and storage cost
        """,
        """
        3 年以上存储系统或分布式系统开发经验
        精通 C++、Go 或 Rust
        熟悉 Ceph、JuiceFS、Alluxio 等系统者优先
        扎实的操作系统与网络基础
        """,
        """
        3+ years building storage or distributed systems
        Expert in C++, Go or Rust
        Experience with Ceph, JuiceFS, Alluxio or similar is a plus
        Solid operating-system and networking fundamentals
        """,
    ),
    _job(
        "campus", "ai-infrastructure", "beijing", 6,
        "AI 基础设施工程师（2027 届校招）", "AI Infrastructure Engineer (Graduate 2027)",
        """面向 2027 届毕业生，方向包括训练框架、推理服务、集群调度与存储。
        你将接触业界规模领先的 GPU 集群，和一流的系统工程师一起工作。""",
        """For 2027 graduates, in training frameworks, model serving, cluster scheduling or storage. You will work on
        some of the largest GPU clusters in the industry with excellent systems engineers.""",
        """
        参与训练、推理或调度系统的设计与开发
        分析系统性能瓶颈并完成优化
        编写测试与文档，参与线上运维
        跟踪业界系统领域的新技术
        """,
        """
        Help design and build training, inference or scheduling systems
        Find performance bottlenecks and fix them
        Write tests and documentation and take part in operations
        Keep up with new systems work in the field
        """,
        """
        2027 届本科、硕士或博士毕业生，计算机相关专业
        精通 C++、Go 或 Python 中的至少一种
        扎实的操作系统、体系结构与分布式系统基础
        有 CUDA、系统类竞赛或开源项目经历者优先
        """,
        """
        Graduating in 2027 with a degree in computer science at any level
        Expert in at least one of C++, Go or Python
        Solid operating systems, computer architecture and distributed systems
        CUDA, systems competitions or open-source work are a plus
        """,
    ),
    _job(
        "internship", "ai-infrastructure", "shanghai", 3,
        "高性能计算实习生", "High-Performance Computing Intern",
        """加入推理加速团队，参与 CUDA 算子开发与性能分析。我们会给你一块真实的性能难题，
        并在整个实习期间持续指导。""",
        """Join the inference acceleration team to write CUDA kernels and analyse performance. We will give you a real
        performance problem and support you throughout the internship.""",
        """
        开发与优化 GPU 算子，如注意力、矩阵乘与归一化
        使用 Nsight 等工具分析性能瓶颈
        编写基准测试，对比不同实现方案
        整理优化经验，形成技术文档
        """,
        """
        Write and optimise GPU kernels such as attention, matrix multiplication and normalisation
        Find bottlenecks with Nsight and similar tools
        Write benchmarks and compare implementations
        Document what you learned about optimisation
        """,
        """
        计算机相关专业本科高年级或研究生在读
        熟悉 C++，了解 CUDA 编程与 GPU 架构
        熟悉 Python，用过 PyTorch
        每周可实习 4 天以上，持续 3 个月
        """,
        """
        Senior undergraduate or postgraduate student in computer science
        Comfortable with C++; some CUDA and GPU architecture
        Comfortable with Python and has used PyTorch
        Available four days a week or more for three months
        """,
    ),
    _job(
        "experienced", "ai-infrastructure", "singapore", 2,
        "MLOps 平台工程师", "MLOps Platform Engineer",
        """我们的机器学习平台支撑着公司上千名研究员与工程师的实验、训练与部署。
        你将让从“跑一个实验”到“上线一个模型”的过程更快、更可靠。""",
        """Our machine learning platform serves over a thousand researchers and engineers for experiments, training and
        deployment. You will make the path from running an experiment to shipping a model faster and more reliable.""",
        """
        开发实验管理、模型仓库与自动化部署功能
        建设模型上线的评测、灰度与回滚流程
        提升平台的易用性与稳定性
        与研究团队合作收集需求并推动落地
        """,
        """
        Build experiment tracking, the model registry and automated deployment
        Set up evaluation, staged rollout and rollback for model releases
        Make the platform easier to use and more reliable
        Gather needs from research teams and deliver on them
        """,
        """
        3 年以上平台或基础设施开发经验
        精通 Python 或 Go，熟悉 Kubernetes
        熟悉 MLflow、Kubeflow、Ray 等工具
        有机器学习项目经验者优先
        """,
        """
        3+ years building platforms or infrastructure
        Expert Python or Go, and familiar with Kubernetes
        Familiar with MLflow, Kubeflow, Ray or similar tools
        Machine learning project experience is a plus
        """,
    ),
    # --- Design ---------------------------------------------------------------------
    _job(
        "experienced", "design", "shanghai", 2,
        "用户体验设计师", "UX Designer",
        """AI 产品的交互没有现成答案：对话何时该追问、结果不确定时怎样表达。
        你将为智能助手与企业控制台设计清晰、可信的体验。""",
        """There are no ready answers for AI interaction design: when should an assistant ask a follow-up, and how do
        you show uncertainty? You will design clear, trustworthy experiences for our assistant and enterprise
        console.""",
        """
        负责产品的信息架构、交互流程与原型设计
        与用户研究员一起开展可用性测试，持续迭代
        维护设计规范，保障多端体验一致
        与产品经理和工程师紧密合作推动设计落地
        """,
        """
        Own information architecture, flows and prototypes
        Run usability tests with our user researchers and keep iterating
        Maintain the design system so the experience stays consistent across devices
        Work closely with product managers and engineers to get designs shipped
        """,
        """
        3 年以上互联网产品交互设计经验，请附作品集
        熟练使用 Figma
        有 B 端复杂系统或 AI 产品设计经验者优先
        良好的沟通与表达能力
        """,
        """
        3+ years designing digital products; please include a portfolio
        Fluent in Figma
        Experience with complex B2B tools or AI products is a plus
        Communicates and presents ideas well
        """,
    ),
    _job(
        "experienced", "design", "hangzhou", 1,
        "视觉设计师", "Visual Designer",
        """负责远景智能品牌与产品的视觉表达，从官网、发布会到 App 界面，让技术品牌有温度。""",
        """You will shape how Horizon AI looks, from the website and launch events to our app interfaces, and give a
        technology brand some warmth.""",
        """
        负责产品界面视觉设计与图标、插画等视觉资产
        参与品牌视觉规范的制定与维护
        支持市场活动、发布会与社交媒体的视觉物料
        探索 AI 生成工具在设计流程中的应用
        """,
        """
        Design product interfaces and visual assets such as icons and illustrations
        Help define and maintain the brand guidelines
        Create visuals for campaigns, launch events and social media
        Explore how generative AI tools can fit into the design workflow
        """,
        """
        视觉传达、平面设计等相关专业，3 年以上设计经验，请附作品集
        熟练使用 Figma、Adobe 系列工具
        有动效或三维设计能力者优先
        审美在线，注重细节
        """,
        """
        Degree in visual communication, graphic design or similar, 3+ years of experience and a portfolio
        Fluent in Figma and the Adobe tools
        Motion or 3D skills are a plus
        A good eye and attention to detail
        """,
    ),
    _job(
        "experienced", "design", "beijing", 1,
        "用户研究员", "User Researcher",
        """你将走近开发者、医生、司机和企业员工，理解他们如何使用 AI，
        并把洞察转化为产品团队的决策依据。""",
        """You will spend time with developers, doctors, drivers and office workers to understand how they use AI, and
        turn what you learn into evidence for product decisions.""",
        """
        规划并执行定性与定量研究，包括访谈、可用性测试与问卷
        输出用户画像、旅程地图与研究报告
        与产品、设计团队共同确定研究优先级
        建设用户研究知识库与招募渠道
        """,
        """
        Plan and run qualitative and quantitative research: interviews, usability tests and surveys
        Produce personas, journey maps and research reports
        Set research priorities with product and design
        Build a research repository and participant recruiting channels
        """,
        """
        心理学、人机交互、社会学等相关专业，3 年以上用户研究经验
        熟练掌握多种研究方法，能独立完成研究项目
        具备基础统计分析能力
        有 AI 或医疗产品研究经验者优先
        """,
        """
        Degree in psychology, HCI, sociology or similar, with 3+ years of user research
        Uses a range of methods and runs studies independently
        Basic statistical analysis skills
        Research experience with AI or healthcare products is a plus
        """,
    ),
    _job(
        "internship", "design", "shanghai", 2,
        "交互设计实习生", "Interaction Design Intern",
        """加入上海设计团队，参与智能助手 App 的交互设计。我们会让你负责一个完整的小功能，
        从调研、方案到上线。""",
        """Join the Shanghai design team and work on interaction design for our assistant app. You will own one small
        feature end to end, from research and concepts to launch.""",
        """
        参与需求分析与竞品研究
        输出交互流程、线框图与高保真原型
        参与可用性测试并整理反馈
        协助维护设计组件库
        """,
        """
        Help analyse requirements and study competing products
        Produce flows, wireframes and high-fidelity prototypes
        Take part in usability tests and summarise feedback
        Help maintain the design component library
        """,
        """
        交互设计、工业设计、心理学等相关专业在读
        熟练使用 Figma，请附作品集
        对 AI 产品体验有自己的思考
        每周可实习 4 天，持续 3 个月以上
        """,
        """
        Student of interaction design, industrial design, psychology or similar
        Fluent in Figma; please include a portfolio
        Has their own views on what makes AI products pleasant to use
        Available four days a week for three months or more
        """,
    ),
    _job(
        "campus", "design", "tokyo", 1,
        "3D 设计师（AR 内容，2027 届校招）", "3D Designer, AR Content (Graduate 2027)",
        """东京内容团队为 AR 眼镜制作系统界面、示例应用与品牌体验中的三维内容。
        我们欢迎对空间设计充满热情的应届毕业生。""",
        """The Tokyo content team creates 3D assets for the AR glasses' system interface, sample apps and brand
        experiences. We welcome graduates who are passionate about spatial design.""",
        """
        制作 AR 场景中的三维模型、材质与动画
        与交互设计师合作设计空间界面元素
        优化模型面数与贴图，满足设备性能要求
        参与展会与客户演示内容的制作
        """,
        """
        Create 3D models, materials and animation for AR scenes
        Design spatial interface elements with the interaction designers
        Keep polygon counts and textures within what the device can handle
        Produce content for trade shows and customer demos
        """,
        """
        2027 届本科或硕士毕业生，数字媒体、动画、工业设计等相关专业
        熟练使用 Blender、Maya 或 Cinema 4D，请附作品集
        了解 Unity 或 Unreal 者优先
        日语或英语可作为工作语言
        """,
        """
        Graduating in 2027 with a degree in digital media, animation, industrial design or similar
        Fluent in Blender, Maya or Cinema 4D; please include a portfolio
        Some Unity or Unreal is a plus
        Able to work in Japanese or English
        """,
    ),
    # --- Operations -----------------------------------------------------------------
    _job(
        "experienced", "operations", "chengdu", 2,
        "数据标注项目经理", "Data Annotation Project Manager",
        """成都标注中心有数百名标注员，服务自动驾驶、医疗影像与大模型等多条业务线。
        你将负责标注项目的交付，平衡质量、进度与成本。""",
        """Our Chengdu annotation centre has several hundred annotators working for autonomous driving, healthcare
        imaging and large-model teams. You will deliver annotation projects, balancing quality, speed and cost.""",
        """
        对接算法团队需求，制定标注方案与验收标准
        规划人力与排期，跟进项目进度
        建立质检流程，持续提升标注质量与效率
        管理外部供应商，控制项目成本
        """,
        """
        Turn algorithm teams' needs into annotation plans and acceptance criteria
        Plan staffing and schedules and track progress
        Set up quality checks and keep improving quality and throughput
        Manage external vendors and keep costs under control
        """,
        """
        本科及以上学历，3 年以上项目管理或数据标注管理经验
        熟练使用 Excel，会 SQL 或 Python 者优先
        优秀的沟通协调与团队管理能力
        了解自动驾驶或医疗数据标注者优先
        """,
        """
        Bachelor's degree or above and 3+ years managing projects or annotation teams
        Strong spreadsheet skills; SQL or Python is a plus
        Excellent coordination and people-management skills
        Experience with driving or medical data annotation is a plus
        """,
    ),
    _job(
        "experienced", "operations", "hong-kong", 2,
        "客户成功经理", "Customer Success Manager",
        """你将负责香港与东南亚企业客户的上线与续约，帮助客户真正用好 AI，
        并成为客户在远景智能内部的代言人。""",
        """You will look after enterprise customers in Hong Kong and Southeast Asia through onboarding and renewal,
        help them get real value from AI, and be their voice inside Horizon AI.""",
        """
        制定客户上线计划，组织培训与最佳实践分享
        跟踪客户使用数据，主动发现风险与增长机会
        处理客户问题升级，协调产品与技术支持资源
        负责客户续约与增购
        """,
        """
        Plan customer onboarding and run training and best-practice sessions
        Watch usage data and spot risks and growth opportunities early
        Handle escalations and bring in product and support colleagues
        Own renewals and expansions
        """,
        """
        3 年以上 SaaS 客户成功或大客户管理经验
        粤语、英语与普通话流利
        具备一定技术理解能力，能与客户 IT 团队沟通
        有金融或零售行业客户经验者优先
        """,
        """
        3+ years in SaaS customer success or key account management
        Fluent in Cantonese, English and Mandarin
        Technical enough to talk to a customer's IT team
        Experience with financial or retail customers is a plus
        """,
    ),
    _job(
        "campus", "operations", "hangzhou", 3,
        "内容运营专员（2027 届校招）", "Content Operations Associate (Graduate 2027)",
        """负责智能助手产品的内容与社区运营，策划话题与活动，让更多人了解并喜欢用 AI。""",
        """You will run content and community for our assistant app, planning topics and events that help more people
        discover and enjoy AI.""",
        """
        策划并撰写产品教程、案例与社交媒体内容
        运营用户社群，收集反馈并同步给产品团队
        策划线上活动，分析活动数据
        跟踪 AI 行业动态，寻找内容选题
        """,
        """
        Plan and write tutorials, case studies and social media posts
        Run user communities and pass feedback to the product team
        Plan online campaigns and analyse the results
        Follow AI news and find topics worth writing about
        """,
        """
        2027 届本科或硕士毕业生，新闻、中文、市场营销等专业优先
        文字功底扎实，有新媒体运营经历
        对 AI 产品有兴趣，愿意动手尝试各种工具
        会基础数据分析者优先
        """,
        """
        Graduating in 2027 with a bachelor's or master's degree; journalism, Chinese or marketing preferred
        Strong writer with social media experience
        Interested in AI products and keen to try new tools
        Basic data analysis is a plus
        """,
    ),
    _job(
        "internship", "operations", "beijing", 2,
        "开发者社区运营实习生", "Developer Community Operations Intern",
        """协助运营远景智能开发者社区，组织技术沙龙与线上黑客松，
        连接开发者与我们的模型 API。""",
        """Help run the Horizon AI developer community, organise tech meetups and online hackathons, and connect
        developers with our model APIs.""",
        """
        维护开发者论坛与技术社群，解答常见问题
        协助组织线下技术沙龙与线上黑客松
        撰写开发者案例与教程
        整理开发者反馈，跟进问题处理
        """,
        """
        Look after the developer forum and chat groups and answer common questions
        Help organise meetups and online hackathons
        Write developer case studies and tutorials
        Collect developer feedback and follow up on issues
        """,
        """
        本科或硕士在读，计算机相关专业优先
        会写简单的 Python 或 JavaScript 代码
        乐于沟通，有社团或活动组织经验
        每周可实习 3 天以上，持续 3 个月
        """,
        """
        Bachelor's or master's student; computer science preferred
        Can write simple Python or JavaScript
        Outgoing, with experience organising clubs or events
        Available three days a week or more for three months
        """,
    ),
    _job(
        "experienced", "operations", "singapore", 2,
        "技术支持工程师", "Technical Support Engineer",
        """你是海外开发者和企业客户遇到问题时的第一联系人。你将排查 API 调用、SDK 集成与部署问题，
        并把共性问题沉淀为文档。""",
        """You are the first person developers and enterprise customers outside China talk to when something goes
        wrong. You will troubleshoot API calls, SDK integrations and deployments, and turn recurring problems into
        documentation.""",
        """
        通过工单、邮件与在线会议响应客户技术问题
        复现并定位问题，必要时升级至研发团队
        编写知识库文章与故障排查指南
        参与值班，保障重要客户的服务体验
        """,
        """
        Answer technical questions through tickets, email and calls
        Reproduce and diagnose problems and escalate to engineering when needed
        Write knowledge-base articles and troubleshooting guides
        Join the on-call rota to look after key customers
        """,
        """
        2 年以上技术支持或开发经验
        熟悉 HTTP、REST API，能阅读 Python 或 JavaScript 代码
        熟悉 Linux 与常见云平台
        英语流利，会中文者优先
        """,
        """
        2+ years in technical support or software development
        Knows HTTP and REST APIs and can read Python or JavaScript
        Comfortable with Linux and the major cloud platforms
        Fluent English; Chinese is a plus
        """,
    ),
    _job(
        "experienced", "operations", "shenzhen", 1,
        "供应链经理（智能硬件）", "Supply Chain Manager, Smart Hardware",
        """负责 AR 眼镜与车载计算平台的供应链管理，从关键器件采购到量产交付，
        保障产品按时、按质、按成本上市。""",
        """You will run the supply chain for our AR glasses and in-car computing platform, from sourcing key components
        to mass-production delivery, so products launch on time, on quality and on cost.""",
        """
        制定物料采购策略，管理关键器件供应商
        负责需求预测、库存与交付计划
        推动降本与供应风险管理
        协调工厂、研发与质量团队解决量产问题
        """,
        """
        Set sourcing strategy and manage suppliers of key components
        Own demand forecasts, inventory and delivery plans
        Drive cost reduction and supply-risk management
        Work with factories, engineering and quality to solve production problems
        """,
        """
        5 年以上消费电子或汽车电子供应链经验
        熟悉电子元器件、光学或结构件采购
        优秀的谈判与跨团队协作能力
        英语可作为工作语言
        """,
        """
        5+ years in consumer or automotive electronics supply chain
        Has sourced electronic, optical or mechanical parts
        Strong negotiator who works well across teams
        Working English
        """,
    ),
    # --- Corporate functions ----------------------------------------------------------
    _job(
        "experienced", "corporate", "beijing", 1,
        "校园招聘经理", "Campus Recruiting Manager",
        """每年秋招我们走进数十所高校。你将负责校园招聘的整体规划与执行，
        把最优秀的应届生带进远景智能。""",
        """Every autumn we visit dozens of universities. You will plan and run campus recruiting and bring the best
        graduates to Horizon AI.""",
        """
        制定校园招聘计划，管理宣讲会、笔试与面试流程
        维护重点高校与实验室关系，建设雇主品牌
        分析招聘数据，优化渠道与转化
        协调业务部门面试官，保障候选人体验
        """,
        """
        Plan campus recruiting and run info sessions, written tests and interviews
        Build relationships with key universities and labs and strengthen our employer brand
        Analyse recruiting data and improve channels and conversion
        Coordinate interviewers across teams and look after the candidate experience
        """,
        """
        本科及以上学历，3 年以上招聘经验，有校园招聘经验
        熟悉技术岗位的招聘特点
        出色的组织协调与沟通能力
        能接受秋招期间较频繁的出差
        """,
        """
        Bachelor's degree or above with 3+ years of recruiting, including campus recruiting
        Understands how technical hiring works
        Excellent organiser and communicator
        Happy to travel often during the autumn recruiting season
        """,
    ),
    _job(
        "experienced", "corporate", "shanghai", 1,
        "法务顾问（数据合规）", "Legal Counsel, Data Protection",
        """你将负责公司在个人信息保护、数据出境与 AI 监管方面的合规工作，
        为产品设计提供法律意见。""",
        """You will handle the company's compliance with personal-data protection, cross-border data transfer and AI
        regulation, and advise product teams as they design.""",
        """
        解读《个人信息保护法》《数据安全法》及生成式 AI 相关规定
        参与产品隐私设计评审，起草隐私政策与用户协议
        支持数据出境安全评估与算法备案
        开展员工数据合规培训
        """,
        """
        Interpret the Personal Information Protection Law, the Data Security Law and generative AI rules
        Review products for privacy by design and draft privacy policies and user terms
        Support cross-border data assessments and algorithm filings
        Train employees on data compliance
        """,
        """
        法学硕士及以上学历，持有中国法律职业资格
        3 年以上律所或互联网公司数据合规经验
        熟悉 GDPR 者优先
        英语可作为工作语言
        """,
        """
        LLM or above and admitted to practise law in China
        3+ years of data-protection work at a law firm or tech company
        Knowledge of GDPR is a plus
        Working English
        """,
    ),
    _job(
        "experienced", "corporate", "hong-kong", 1,
        "财务分析师", "Financial Analyst",
        """香港财务团队负责集团的预算、经营分析与投资者报告。你将与业务负责人紧密合作，
        让数字帮助决策。""",
        """The Hong Kong finance team owns group budgeting, business analysis and investor reporting. You will work
        closely with business leaders and make the numbers useful for decisions.""",
        """
        编制年度预算与滚动预测
        开展月度经营分析，解读差异原因
        支持融资、投资者关系与董事会材料准备
        优化财务模型与报表流程
        """,
        """
        Prepare the annual budget and rolling forecasts
        Run monthly business reviews and explain variances
        Support fundraising, investor relations and board materials
        Improve financial models and reporting processes
        """,
        """
        财务、会计或经济相关专业本科及以上，3 年以上财务分析经验
        持有 CPA、CFA 或 ACCA 者优先
        精通 Excel，熟悉财务建模
        英语与普通话流利
        """,
        """
        Bachelor's degree or above in finance, accounting or economics, with 3+ years in financial analysis
        CPA, CFA or ACCA is a plus
        Expert spreadsheet and financial modelling skills
        Fluent English and Mandarin
        """,
    ),
    _job(
        "experienced", "corporate", "shenzhen", 1,
        "人力资源业务伙伴（HRBP）", "HR Business Partner",
        """作为硬件与自动驾驶团队的 HRBP，你将参与组织设计、人才发展与团队文化建设，
        和业务负责人一起打造高绩效团队。""",
        """As HR business partner for the hardware and autonomous driving teams, you will shape organisation design,
        talent development and team culture, and build high-performing teams with their leaders.""",
        """
        理解业务战略，提供组织与人才方案
        推动绩效管理、晋升与人才盘点
        处理员工关系，关注团队氛围与员工体验
        参与关键岗位的招聘与人才保留
        """,
        """
        Understand the business strategy and propose organisation and talent plans
        Run performance management, promotions and talent reviews
        Handle employee relations and keep an eye on team health
        Help hire and keep people in key roles
        """,
        """
        5 年以上人力资源经验，其中 2 年以上 HRBP 经验
        熟悉技术团队的管理特点
        熟悉劳动法律法规
        有科技或汽车行业经验者优先
        """,
        """
        5+ years in HR, including 2+ years as an HRBP
        Understands how technical teams work
        Knows employment law well
        Experience in tech or automotive companies is a plus
        """,
    ),
    _job(
        "internship", "corporate", "shanghai", 1,
        "财务实习生", "Finance Intern",
        """协助财务团队完成月结、费用审核与经营数据整理，了解一家高速成长的 AI 公司如何管理财务。""",
        """Help the finance team with month-end close, expense review and business data, and see how a fast-growing AI
        company manages its money.""",
        """
        协助完成费用报销审核与凭证整理
        参与月度结账与报表编制
        整理经营数据，协助制作分析报告
        支持审计与税务相关工作
        """,
        """
        Help review expense claims and organise vouchers
        Take part in month-end close and reporting
        Prepare business data and help with analysis reports
        Support audit and tax work
        """,
        """
        财务、会计相关专业本科或硕士在读
        熟练使用 Excel
        细致认真，有责任心
        每周可实习 4 天，持续 3 个月以上
        """,
        """
        Bachelor's or master's student in finance or accounting
        Strong spreadsheet skills
        Careful and reliable
        Available four days a week for three months or more
        """,
    ),
    _job(
        "campus", "corporate", "singapore", 2,
        "管理培训生（2027 届，亚太业务）", "Management Trainee, Asia Pacific (Graduate 2027)",
        """为期 18 个月的亚太管理培训项目，在新加坡、东京与香港的战略、运营和销售团队间轮岗，
        培养未来的业务负责人。""",
        """An 18-month Asia Pacific management trainee programme rotating through strategy, operations and sales teams
        in Singapore, Tokyo and Hong Kong, preparing future business leaders.""",
        """
        在三个业务团队轮岗，参与真实项目
        开展市场与竞争分析，支持业务决策
        参与客户拜访与项目交付
        定期向管理层汇报轮岗成果
        """,
        """
        Rotate through three business teams and work on real projects
        Analyse markets and competitors to support business decisions
        Join customer visits and project delivery
        Present your rotation results to senior leaders regularly
        """,
        """
        2027 届本科或硕士毕业生，专业不限
        英语流利，掌握普通话或日语者优先
        出色的分析能力与沟通能力
        能接受在亚太多地工作
        """,
        """
        Graduating in 2027 with a bachelor's or master's degree in any subject
        Fluent English; Mandarin or Japanese is a plus
        Strong analytical and communication skills
        Willing to work in several Asia Pacific cities
        """,
    ),
    _job(
        "experienced", "corporate", "tokyo", 1,
        "行政与办公室经理", "Office and Workplace Manager",
        """东京办公室正在从 20 人扩展到 60 人。你将负责办公室的日常运营、搬迁与员工活动，
        让这里成为大家愿意来的地方。""",
        """Our Tokyo office is growing from 20 to 60 people. You will run day-to-day office operations, the move to a
        bigger space and team events, and make it a place people want to come to.""",
        """
        负责办公室日常行政、资产与供应商管理
        主导新办公室选址、装修与搬迁
        组织员工活动与访客接待
        协助处理签证、入职等员工事务
        """,
        """
        Run daily office administration, assets and vendors
        Lead the search for, fit-out of and move to a new office
        Organise team events and host visitors
        Help with visas, onboarding and other employee matters
        """,
        """
        3 年以上行政或办公室管理经验
        日语母语或商务水平，英语流利
        有外企或初创公司经验者优先
        积极主动，服务意识强
        """,
        """
        3+ years in office administration or workplace management
        Native or business-level Japanese and fluent English
        Experience at a foreign company or start-up is a plus
        Proactive and service-minded
        """,
    ),
]
