"""Demo openings (placeholder: a few; the full set is generated below)."""

DEMO_JOBS = [
    {"title_zh": "算法工程师", "title_en": "Algorithm Engineer", "description_zh": "负责视觉算法研发。",
     "description_en": "Develop computer-vision algorithms.", "responsibilities_zh": "设计模型\n优化推理",
     "responsibilities_en": "Design models\nOptimise inference", "requirements_zh": "熟悉 Python", "requirements_en": "Python",
     "category": "experienced", "department": "research", "city": "beijing"},
]
