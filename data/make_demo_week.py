"""Write data/demo-week.json: the 2019 Materials & Parts International Cooperation Week as b2b-instance/1.

The programme, the headline firms and the joint-R&D pairs come from the event's
notes (issue 2); the other firms, people, phone numbers and addresses are
fictional. Requests follow sector fit and are drawn with a fixed seed, so the
same script always writes the same bytes. Run: ``python data/make_demo_week.py``.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

OUTPUT = Path(__file__).with_name("demo-week.json")
SEED = 2019

EVENT = {
    "name": "소재·부품 국제협력 WEEK 2019",
    "id": "mpw-2019",
    "timezone": "Asia/Seoul",
    "home_country": "KR",
    "default_max_meetings": 8,
    "pairing": "home-foreign",
}

SECTORS = (
    ("aerospace-parts", "항공기 부품", "Aircraft parts"),
    ("chemicals", "화학", "Chemicals"),
    ("precision-chemicals", "정밀화학", "Precision chemicals"),
    ("machinery", "기계", "Machinery"),
    ("semiconductor", "반도체", "Semiconductors"),
    ("semiconductor-equipment", "반도체 장비", "Semiconductor equipment"),
    ("display", "디스플레이", "Displays"),
    ("rail-machinery", "철도 기계", "Rail machinery"),
    ("telecom-equipment", "통신 장비", "Telecom equipment"),
    ("autonomous-driving", "자율주행", "Autonomous driving"),
    ("auto-parts", "자동차 부품", "Auto parts"),
    ("new-materials", "신소재", "New materials"),
    ("laser-processing", "레이저 가공", "Laser processing"),
    ("gpu-computing", "GPU·컴퓨팅", "GPUs and computing"),
    ("software", "소프트웨어", "Software"),
    ("finance-investment", "금융·투자", "Finance and investment"),
    ("ict", "정보통신기술", "ICT"),
    ("basic-science", "기초과학", "Basic science"),
    ("sensors", "센서", "Sensors"),
)


@dataclass(frozen=True)
class Day:
    """One country's day: its seminar and its morning and afternoon consultation sessions."""

    country: str
    date: str
    name_ko: str
    name_en: str
    seminar: tuple[str, str, str, str]  # start, end, Korean title, English title
    morning: tuple[str, str, int]  # start, end, tables
    afternoon: tuple[str, str, int]


DAYS = (
    Day(
        "FR",
        "2019-10-28",
        "프랑스",
        "France",
        (
            "09:30",
            "11:30",
            "한-프랑스 소재부품 협력 세미나",
            "Korea-France Materials & Parts Cooperation Seminar",
        ),
        ("10:00", "12:00", 10),
        ("13:30", "17:00", 16),
    ),
    Day(
        "US",
        "2019-10-29",
        "미국",
        "US",
        ("09:30", "11:30", "한-미 반도체·디스플레이 세미나", "Korea-US Semiconductor & Display Seminar"),
        ("10:00", "12:00", 12),
        ("13:30", "17:30", 16),
    ),
    Day(
        "RU",
        "2019-10-30",
        "러시아",
        "Russia",
        (
            "10:00",
            "12:30",
            "한-러 ICT·소재·부품 투자 포럼",
            "Korea-Russia ICT, Materials & Parts Investment Forum",
        ),
        ("10:30", "12:30", 10),
        ("14:00", "17:30", 12),
    ),
    Day(
        "IL",
        "2019-10-31",
        "이스라엘",
        "Israel",
        (
            "09:30",
            "11:00",
            "한-이스라엘 반도체 제조장비·소프트웨어 세미나",
            "Korea-Israel Semiconductor Manufacturing Equipment & Software Seminar",
        ),
        ("11:00", "12:30", 10),
        ("13:30", "17:00", 14),
    ),
)
DATE_OF = {day.country: day.date for day in DAYS}


@dataclass(frozen=True)
class Firm:
    """A registration row: id, display name, Latin name, sectors, interests, languages, description."""

    id: str
    name: str
    name_latin: str | None
    sectors: tuple[str, ...]
    interests: tuple[str, ...]
    languages: tuple[str, ...]
    description: str
    website: str | None = None

    @property
    def country(self) -> str:
        return self.id[:2]


def firm(id_, name, latin, sectors, interests, languages, description, website=None) -> Firm:
    return Firm(
        id_,
        name,
        latin,
        tuple(sectors.split()),
        tuple(interests.split()),
        tuple(languages.split()),
        description,
        website,
    )


KOREAN_FIRMS = (
    firm(
        "KR-01",
        "뮤텍코리아",
        "Mutec Korea",
        "laser-processing display",
        "laser-processing display semiconductor-equipment",
        "ko en",
        "AMOLED용 레이저 미세가공 장비. 프랑스 Amplitude Systèmes와 공동 R&D 성과.",
    ),
    firm(
        "KR-02",
        "한양대학교 자율주행 연구실",
        "Hanyang University Autonomous Driving Lab",
        "autonomous-driving sensors software",
        "autonomous-driving auto-parts sensors gpu-computing",
        "ko en",
        "저가 센서 기반 자율주행 기술 연구. Renault·Valeo와 공동 연구.",
        "https://www.hanyang.ac.kr",
    ),
    firm(
        "KR-03",
        "NH투자증권",
        "NH Investment & Securities",
        "finance-investment",
        "ict new-materials semiconductor basic-science",
        "ko en",
        "종합 증권사. 한-러 ICT·소재·부품 투자 협력 참여.",
    ),
    firm(
        "KR-04",
        "하나금융투자",
        "Hana Financial Investment",
        "finance-investment",
        "ict precision-chemicals new-materials",
        "ko en",
        "증권·투자은행. 러시아 기술기업 공동 투자 검토.",
    ),
    firm(
        "KR-05",
        "대성정밀",
        "Daesung Precision",
        "machinery aerospace-parts",
        "aerospace-parts laser-processing",
        "ko",
        "항공기 엔진 부품 정밀가공.",
    ),
    firm(
        "KR-06",
        "한국첨단소재",
        "Korea Advanced Materials",
        "new-materials chemicals",
        "new-materials basic-science precision-chemicals",
        "ko en",
        "고기능성 세라믹·복합 소재.",
    ),
    firm(
        "KR-07",
        "세원반도체장비",
        "Sewon Semiconductor Equipment",
        "semiconductor-equipment",
        "semiconductor software semiconductor-equipment",
        "ko en",
        "식각·세정 장비 모듈.",
    ),
    firm(
        "KR-08",
        "대한정밀화학",
        "Daehan Fine Chemical",
        "precision-chemicals chemicals",
        "chemicals precision-chemicals",
        "ko",
        "전자급 고순도 화학 소재.",
    ),
    firm(
        "KR-09",
        "코리아레일텍",
        "Korea Railtech",
        "rail-machinery machinery",
        "rail-machinery",
        "ko",
        "철도 차량 제동·대차 부품.",
    ),
    firm(
        "KR-10",
        "한빛디스플레이소재",
        "Hanbit Display Materials",
        "display new-materials",
        "display semiconductor laser-processing",
        "ko en",
        "OLED 봉지 소재.",
    ),
    firm(
        "KR-11",
        "우진항공부품",
        "Woojin Aero Parts",
        "aerospace-parts machinery",
        "aerospace-parts new-materials",
        "ko",
        "항공기 구조물 부품 가공.",
    ),
    firm(
        "KR-12",
        "신성화학",
        "Shinsung Chemical",
        "chemicals",
        "chemicals new-materials",
        "ko",
        "특수 수지·접착제.",
    ),
    firm(
        "KR-13",
        "동아기계",
        "Donga Machinery",
        "machinery",
        "machinery rail-machinery aerospace-parts",
        "ko",
        "산업용 공작기계.",
    ),
    firm(
        "KR-14",
        "에이스레이저",
        "Ace Laser",
        "laser-processing",
        "laser-processing semiconductor-equipment",
        "ko en",
        "산업용 펨토초 레이저 응용 장비.",
    ),
    firm(
        "KR-15",
        "나노솔루션",
        "Nano Solution",
        "new-materials semiconductor",
        "basic-science new-materials",
        "ko en",
        "나노 분말·박막 소재.",
    ),
    firm(
        "KR-16",
        "미래반도체",
        "Mirae Semiconductor",
        "semiconductor",
        "gpu-computing semiconductor-equipment software",
        "ko en",
        "차량용 전력 반도체 설계.",
    ),
    firm(
        "KR-17",
        "태광디스플레이",
        "Taekwang Display",
        "display",
        "display semiconductor-equipment laser-processing",
        "ko en",
        "디스플레이 모듈 조립.",
    ),
    firm(
        "KR-18",
        "삼우통신",
        "Samwoo Telecom",
        "telecom-equipment",
        "telecom-equipment semiconductor",
        "ko en",
        "5G 중계기·RF 부품.",
    ),
    firm(
        "KR-19",
        "한솔모빌리티",
        "Hansol Mobility",
        "autonomous-driving auto-parts",
        "autonomous-driving gpu-computing sensors",
        "ko en",
        "자율주행 셔틀 플랫폼.",
    ),
    firm(
        "KR-20",
        "현성오토텍",
        "Hyunsung Autotech",
        "auto-parts",
        "auto-parts autonomous-driving",
        "ko",
        "자동차 샤시 부품.",
    ),
    firm(
        "KR-21",
        "제이엠센서",
        "JM Sensor",
        "sensors auto-parts",
        "autonomous-driving sensors",
        "ko en",
        "차량용 레이더·초음파 센서.",
    ),
    firm(
        "KR-22",
        "금강철도기술",
        "Geumgang Rail Technology",
        "rail-machinery",
        "rail-machinery machinery",
        "ko",
        "철도 신호·유지보수 장비.",
    ),
    firm(
        "KR-23",
        "서울정밀기계",
        "Seoul Precision Machinery",
        "machinery semiconductor-equipment",
        "machinery semiconductor-equipment aerospace-parts",
        "ko en",
        "초정밀 스테이지·이송 장치.",
    ),
    firm(
        "KR-24",
        "한울소프트",
        "Hanul Soft",
        "software",
        "software semiconductor-equipment ict",
        "ko en",
        "제조 실행 시스템(MES) 소프트웨어.",
    ),
    firm(
        "KR-25",
        "인피니트칩",
        "Infinite Chip",
        "semiconductor gpu-computing",
        "gpu-computing semiconductor",
        "ko en",
        "AI 가속기 반도체 설계.",
    ),
    firm(
        "KR-26",
        "유니온케미칼",
        "Union Chemical",
        "chemicals precision-chemicals",
        "chemicals precision-chemicals",
        "ko en",
        "도료·코팅용 정밀화학 원료.",
    ),
    firm(
        "KR-27",
        "대원항공",
        "Daewon Aviation",
        "aerospace-parts",
        "aerospace-parts machinery",
        "ko en",
        "항공기 랜딩기어 부품.",
    ),
    firm(
        "KR-28",
        "성진복합소재",
        "Sungjin Composites",
        "new-materials aerospace-parts",
        "new-materials aerospace-parts chemicals",
        "ko",
        "탄소섬유 복합재 성형.",
    ),
    firm(
        "KR-29",
        "케이엠테크",
        "KM Tech",
        "semiconductor-equipment machinery",
        "semiconductor-equipment",
        "ko",
        "반도체 장비용 진공 부품.",
    ),
    firm(
        "KR-30",
        "에스피소재",
        "SP Materials",
        "semiconductor precision-chemicals",
        "precision-chemicals semiconductor",
        "ko en",
        "포토레지스트·불화 폴리이미드 국산화.",
    ),
    firm(
        "KR-31",
        "다인포토닉스",
        "Dain Photonics",
        "laser-processing sensors",
        "laser-processing basic-science",
        "ko en",
        "광섬유 레이저·광센서.",
    ),
    firm(
        "KR-32",
        "하이텍로보틱스",
        "Hitech Robotics",
        "machinery software",
        "machinery software autonomous-driving",
        "ko en",
        "협동 로봇·물류 자동화.",
    ),
    firm(
        "KR-33",
        "그린에너지소재",
        "Green Energy Materials",
        "new-materials chemicals",
        "new-materials chemicals",
        "ko",
        "이차전지 양극재 전구체.",
    ),
    firm(
        "KR-34",
        "코스모광학",
        "Cosmo Optics",
        "display sensors",
        "display laser-processing",
        "ko",
        "카메라 모듈 렌즈·광학 필름.",
    ),
    firm(
        "KR-35",
        "에이치엠통신",
        "HM Telecom",
        "telecom-equipment ict",
        "telecom-equipment ict",
        "ko en",
        "산업용 IoT 통신 모듈.",
    ),
    firm(
        "KR-36",
        "서울소재부품연구센터",
        "Seoul Materials & Parts Research Center",
        "basic-science new-materials",
        "basic-science new-materials semiconductor",
        "ko en",
        "소재·부품 기초연구 및 기술이전.",
    ),
    firm(
        "KR-37",
        "동방엔지니어링",
        "Dongbang Engineering",
        "machinery rail-machinery",
        "rail-machinery machinery",
        "ko",
        "철도 차량 유지보수 설비.",
    ),
    firm("KR-38", "세진오토", "Sejin Auto", "auto-parts", "auto-parts", "ko", "자동차 내장 부품."),
    firm(
        "KR-39",
        "디에스티",
        "DST",
        "display semiconductor-equipment",
        "display semiconductor-equipment software",
        "ko en",
        "디스플레이 검사 장비.",
    ),
    firm(
        "KR-40",
        "지엔에스소프트",
        "GNS Soft",
        "software autonomous-driving",
        "gpu-computing autonomous-driving software",
        "ko en",
        "자율주행 시뮬레이션 소프트웨어.",
    ),
    firm(
        "KR-41",
        "코리아메탈",
        "Korea Metal",
        "new-materials aerospace-parts",
        "new-materials aerospace-parts",
        "ko",
        "티타늄·특수합금 소재.",
    ),
    firm(
        "KR-42",
        "아이씨티링크",
        "ICT Link",
        "ict telecom-equipment",
        "ict telecom-equipment software",
        "ko en",
        "통신망 관제 솔루션.",
    ),
    firm(
        "KR-43",
        "청우산업",
        "Chungwoo Industrial",
        "machinery chemicals",
        "chemicals machinery",
        "ko",
        "화학 공정 설비.",
    ),
    firm(
        "KR-44",
        "퀀텀소재",
        "Quantum Materials",
        "new-materials basic-science",
        "basic-science new-materials",
        "ko en ru",
        "양자점 소재. 러시아 연구소와 공동연구 경험.",
    ),
    firm(
        "KR-45",
        "한국정밀센서",
        "Korea Precision Sensor",
        "sensors",
        "sensors auto-parts semiconductor",
        "ko",
        "압력·온도 센서.",
    ),
    firm(
        "KR-46",
        "미성항공정밀",
        "Misung Aero Precision",
        "aerospace-parts",
        "aerospace-parts machinery",
        "ko",
        "항공기 엔진 블레이드 가공.",
    ),
    firm(
        "KR-47",
        "엘티에스",
        "LTS",
        "laser-processing semiconductor-equipment",
        "laser-processing semiconductor-equipment",
        "ko en",
        "레이저 리프트오프 장비.",
    ),
    firm(
        "KR-48",
        "비전칩스",
        "Vision Chips",
        "semiconductor autonomous-driving",
        "gpu-computing autonomous-driving",
        "ko en",
        "차량용 이미지 처리 칩.",
    ),
    firm("KR-49", "한성레일", "Hansung Rail", "rail-machinery", "rail-machinery", "ko", "철도 차량 연결기."),
    firm(
        "KR-50",
        "네오웨이브",
        "Neowave",
        "telecom-equipment semiconductor",
        "telecom-equipment semiconductor",
        "ko en",
        "밀리미터파 RF 칩.",
    ),
    firm(
        "KR-51",
        "스마트팩토리솔루션",
        "Smart Factory Solution",
        "software machinery",
        "software machinery",
        "ko en",
        "스마트 공장 데이터 플랫폼.",
    ),
    firm(
        "KR-52",
        "대륙무역",
        "Daeryuk Trading",
        "chemicals machinery",
        "chemicals new-materials precision-chemicals",
        "ko ru",
        "한-러 화학 원료·기계 무역.",
    ),
    firm(
        "KR-53",
        "한결케미칼",
        "Hangyeol Chemical",
        "precision-chemicals semiconductor",
        "precision-chemicals semiconductor-equipment",
        "ko",
        "고순도 불화수소 정제.",
    ),
    firm(
        "KR-54",
        "오성전자부품",
        "Osung Electronic Parts",
        "semiconductor telecom-equipment",
        "semiconductor telecom-equipment",
        "ko",
        "수동 소자·커넥터.",
    ),
    firm(
        "KR-55",
        "씨엔티소재",
        "CNT Materials",
        "new-materials",
        "new-materials display",
        "ko en",
        "탄소나노튜브 전도성 소재.",
    ),
    firm(
        "KR-56",
        "제일세라믹",
        "Jeil Ceramics",
        "new-materials semiconductor",
        "new-materials semiconductor-equipment",
        "ko",
        "반도체 장비용 세라믹 부품.",
    ),
)

FOREIGN_FIRMS = (
    firm(
        "FR-01",
        "Valeo",
        None,
        "auto-parts autonomous-driving sensors",
        "autonomous-driving sensors software",
        "fr en",
        "Automotive supplier; low-cost sensor-based autonomous driving with Renault and Hanyang University.",
        "https://www.valeo.com",
    ),
    firm(
        "FR-02",
        "Renault",
        None,
        "auto-parts autonomous-driving",
        "autonomous-driving auto-parts sensors",
        "fr en",
        "Groupe Renault, carmaker; joint autonomous-driving research in Korea.",
        "https://www.renault.com",
    ),
    firm(
        "FR-03",
        "Amplitude Systèmes",
        None,
        "laser-processing",
        "display laser-processing semiconductor-equipment",
        "fr en",
        "Femtosecond lasers; micromachining equipment for AMOLED with Mutec Korea.",
        "https://www.amplitude-laser.com",
    ),
    firm(
        "FR-04",
        "Arvelle Chimie",
        None,
        "chemicals precision-chemicals",
        "chemicals new-materials",
        "fr",
        "Specialty polymers and performance chemicals.",
    ),
    firm(
        "FR-05",
        "Aéro Précision Toulouse",
        None,
        "aerospace-parts machinery",
        "aerospace-parts machinery",
        "fr",
        "Machined engine and nacelle parts for aircraft makers.",
    ),
    firm(
        "FR-06",
        "Mécanique Aéronautique du Sud-Ouest",
        None,
        "aerospace-parts",
        "aerospace-parts new-materials",
        "fr en",
        "Landing-gear and actuator components.",
    ),
    firm(
        "FR-07",
        "Composites Aquitaine",
        None,
        "new-materials aerospace-parts",
        "new-materials chemicals",
        "fr",
        "Carbon-fibre composite structures.",
    ),
    firm(
        "FR-08",
        "Usinage Rhône-Alpes",
        None,
        "machinery",
        "machinery laser-processing",
        "fr",
        "Five-axis machining centres.",
    ),
    firm(
        "FR-09",
        "Polymères de Normandie",
        None,
        "chemicals new-materials",
        "chemicals precision-chemicals",
        "fr en",
        "Technical polymers for electronics.",
    ),
    firm(
        "FR-10",
        "Capteurs Dauphiné",
        None,
        "sensors semiconductor",
        "sensors semiconductor auto-parts",
        "fr en",
        "MEMS sensors for cars and industry.",
    ),
    firm(
        "FR-11",
        "Robotique Armorique",
        None,
        "machinery software",
        "machinery software",
        "fr en",
        "Robot cells and their control software.",
    ),
    firm(
        "FR-12",
        "Équipements Aéro Vendée",
        None,
        "aerospace-parts",
        "aerospace-parts machinery",
        "fr",
        "Cabin and fuel-system parts for regional aircraft.",
    ),
    firm(
        "US-01",
        "NVIDIA",
        None,
        "gpu-computing semiconductor autonomous-driving",
        "autonomous-driving semiconductor display software",
        "en",
        "GPUs and computing platforms for future cars.",
        "https://www.nvidia.com",
    ),
    firm(
        "US-02",
        "Airavat",
        None,
        "aerospace-parts machinery",
        "aerospace-parts machinery new-materials",
        "en",
        "Aerospace machinery.",
    ),
    firm(
        "US-03",
        "Wabtec",
        None,
        "rail-machinery",
        "rail-machinery machinery",
        "en",
        "Rail machinery: locomotives, brakes and signalling.",
        "https://www.wabteccorp.com",
    ),
    firm(
        "US-04",
        "Broadcom",
        None,
        "telecom-equipment semiconductor",
        "semiconductor telecom-equipment semiconductor-equipment",
        "en",
        "Telecom and networking semiconductors.",
        "https://www.broadcom.com",
    ),
    firm(
        "US-05",
        "Cascade Display Technologies",
        None,
        "display",
        "display new-materials",
        "en",
        "Micro-LED display backplanes.",
    ),
    firm(
        "US-06",
        "Silicon Prairie Equipment",
        None,
        "semiconductor-equipment",
        "semiconductor-equipment laser-processing machinery",
        "en",
        "Wafer handling robots.",
    ),
    firm(
        "US-07",
        "Lakeshore Photochemicals",
        None,
        "precision-chemicals semiconductor",
        "precision-chemicals semiconductor",
        "en",
        "Photoresist ancillaries and wet chemicals.",
    ),
    firm(
        "US-08",
        "Redwood Sensor Systems",
        None,
        "sensors autonomous-driving",
        "sensors auto-parts",
        "en",
        "Solid-state lidar.",
    ),
    firm(
        "US-09",
        "Great Plains Composites",
        None,
        "new-materials aerospace-parts",
        "new-materials",
        "en",
        "Ceramic-matrix composites.",
    ),
    firm(
        "US-10",
        "Bayline Software",
        None,
        "software semiconductor",
        "software semiconductor-equipment display",
        "en",
        "Chip design verification tools.",
    ),
    firm(
        "US-11",
        "Pacific Bridge Materials",
        None,
        "new-materials display",
        "display new-materials chemicals",
        "en ko",
        "Korean-American supplier of display materials.",
    ),
    firm(
        "RU-01",
        "АФК «Система»",
        "Sistema",
        "finance-investment ict",
        "ict new-materials semiconductor telecom-equipment",
        "ru en",
        "Investment holding; co-investment in ICT, materials and parts.",
        "https://www.sistema.ru",
    ),
    firm(
        "RU-02",
        "Сибирские материалы",
        "Siberian Materials",
        "new-materials basic-science",
        "new-materials basic-science",
        "ru",
        "Rare-metal powders from an academic spin-off.",
    ),
    firm(
        "RU-03",
        "Томская прецизионная химия",
        "Tomsk Precision Chemistry",
        "precision-chemicals chemicals",
        "precision-chemicals chemicals",
        "ru",
        "High-purity reagents.",
    ),
    firm(
        "RU-04",
        "Зеленоград Микросистемы",
        "Zelenograd Microsystems",
        "semiconductor",
        "semiconductor-equipment semiconductor",
        "ru en",
        "Analogue and power semiconductors.",
    ),
    firm(
        "RU-05",
        "Новосибирские лазерные технологии",
        "Novosibirsk Laser Technologies",
        "laser-processing basic-science",
        "laser-processing display",
        "ru",
        "Ultrafast laser sources.",
    ),
    firm(
        "RU-06",
        "Уральские путевые машины",
        "Ural Track Machines",
        "rail-machinery",
        "rail-machinery machinery",
        "ru",
        "Track maintenance machinery.",
    ),
    firm(
        "RU-07",
        "Казанские полимеры",
        "Kazan Polymers",
        "chemicals new-materials",
        "chemicals",
        "ru",
        "Synthetic rubbers and polymer additives.",
    ),
    firm(
        "RU-08",
        "Технопарк Инвест",
        "Technopark Invest",
        "finance-investment ict",
        "ict software semiconductor",
        "ru en",
        "Venture fund for deep-tech start-ups.",
    ),
    firm(
        "RU-09",
        "Волжские авиакомпоненты",
        "Volga Aero Components",
        "aerospace-parts",
        "aerospace-parts new-materials",
        "ru",
        "Turbine components.",
    ),
    firm(
        "RU-10",
        "Петербургские оптические материалы",
        "St. Petersburg Optical Materials",
        "display new-materials",
        "display basic-science",
        "ru en",
        "Optical glass and crystals.",
    ),
    firm(
        "IL-01",
        "Negev Wafer Inspection",
        None,
        "semiconductor-equipment",
        "semiconductor semiconductor-equipment",
        "he en",
        "Optical wafer inspection.",
    ),
    firm(
        "IL-02",
        "Carmel Metrology",
        None,
        "semiconductor-equipment sensors",
        "semiconductor display",
        "he en",
        "Thin-film metrology.",
    ),
    firm(
        "IL-03",
        "Galil Fab Software",
        None,
        "software semiconductor-equipment",
        "semiconductor semiconductor-equipment",
        "en he",
        "Fab scheduling and equipment-control software.",
    ),
    firm(
        "IL-04",
        "Jaffa Vision AI",
        None,
        "software autonomous-driving",
        "autonomous-driving auto-parts sensors",
        "en he",
        "Vision software for driver assistance.",
    ),
    firm(
        "IL-05",
        "Herzliya Photonics",
        None,
        "laser-processing semiconductor-equipment",
        "laser-processing display",
        "he en",
        "Laser annealing modules.",
    ),
    firm(
        "IL-06",
        "Arava Clean Process",
        None,
        "semiconductor-equipment precision-chemicals",
        "precision-chemicals semiconductor",
        "he",
        "Wafer cleaning and chemical delivery.",
    ),
    firm(
        "IL-07",
        "Kinneret Yield Analytics",
        None,
        "software semiconductor",
        "semiconductor software",
        "he en",
        "Yield analytics for fabs.",
    ),
    firm(
        "IL-08",
        "Rehovot Nano Coatings",
        None,
        "new-materials semiconductor",
        "new-materials semiconductor-equipment",
        "he",
        "Atomic-layer coatings.",
    ),
    firm(
        "IL-09",
        "Sharon Test Systems",
        None,
        "semiconductor-equipment",
        "semiconductor telecom-equipment",
        "he en",
        "RF chip test equipment.",
    ),
    firm(
        "IL-10",
        "Modiin Edge Networks",
        None,
        "software telecom-equipment",
        "telecom-equipment ict",
        "he en",
        "Edge networking software.",
    ),
    firm(
        "IL-11",
        "Haifa Plasma Systems",
        None,
        "semiconductor-equipment machinery",
        "semiconductor-equipment machinery",
        "he",
        "Plasma etch chambers.",
    ),
)

MAX_MEETINGS = {
    "KR-02": 10,
    "KR-03": 10,
    "KR-04": 10,
    "KR-09": 3,
    "KR-38": 4,
    "US-01": 6,
    "FR-01": 6,
    "FR-02": 6,
    "IL-11": 4,
}

UNAVAILABLE = {
    "KR-05": (("2019-10-28T09:00", "2019-10-28T11:00"),),
    "KR-09": (("2019-10-29T15:00", "2019-10-29T18:00"),),
    "KR-19": (("2019-10-29T09:00", "2019-10-29T12:30"),),
    "KR-20": (("2019-10-31T13:00", "2019-10-31T18:00"),),
    "KR-27": (("2019-10-28T15:30", "2019-10-28T17:00"),),
    "KR-36": (("2019-10-30T13:00", "2019-10-30T15:00"),),
    "KR-44": (("2019-10-28T14:30", "2019-10-28T18:00"),),
    "FR-02": (("2019-10-28T15:00", "2019-10-28T17:00"),),
    "US-01": (("2019-10-29T15:30", "2019-10-29T17:30"),),
    "RU-01": (("2019-10-30T15:30", "2019-10-30T17:30"),),
    "IL-06": (("2019-10-31T11:00", "2019-10-31T12:30"),),
}

# The pairs the event notes name, and the Korean investors of the Russia day.
# (from, to, priority, sessions); the generated requests never override these.
NAMED_REQUESTS = (
    ("KR-01", "FR-03", 3, None),
    ("FR-03", "KR-01", 3, None),
    ("KR-02", "FR-01", 3, None),
    ("FR-01", "KR-02", 3, None),
    ("KR-02", "FR-02", 3, None),
    ("FR-02", "KR-02", 3, ("FR-PM",)),
    ("KR-03", "RU-01", 3, ("RU-PM",)),
    ("RU-01", "KR-03", 2, None),
    ("KR-04", "RU-01", 3, None),
    ("RU-01", "KR-04", 2, None),
    ("KR-03", "RU-08", 2, None),
    ("RU-08", "KR-04", 2, None),
    ("KR-04", "RU-02", 1, None),
    ("KR-03", "RU-04", 1, None),
    ("KR-04", "RU-03", 2, None),
    ("KR-25", "US-01", 3, None),
    ("KR-19", "US-01", 3, None),
    ("US-01", "KR-02", 2, None),
    ("KR-09", "US-03", 3, None),
    ("US-03", "KR-09", 2, None),
    ("US-02", "KR-27", 2, None),
    ("KR-11", "US-02", 2, None),
    ("US-04", "KR-18", 2, ("US-AM",)),
    ("KR-07", "IL-01", 3, ("IL-AM", "IL-PM")),
)
# Firms that come for the named requests only (the investors came for the Russia day).
NAMED_ONLY = {"KR-03", "KR-04"}
# Firms that skip their own country's seminar to stay at their tables all morning.
SKIP_SEMINAR = {"FR-08", "FR-12", "US-05", "US-09", "RU-06", "RU-09", "IL-09", "IL-11"}
ALWAYS_AT_SEMINAR = {"KR-01": ("SEM-FR",), "KR-02": ("SEM-FR",), "KR-03": ("SEM-RU",), "KR-04": ("SEM-RU",)}

INTERPRETERS = (
    {"id": "INT-FR", "name": "김나래", "languages": ["ko", "fr", "en"]},
    {"id": "INT-EN", "name": "정유진", "languages": ["ko", "en"]},
    {"id": "INT-RU-1", "name": "박지훈", "languages": ["ko", "ru"]},
    {
        "id": "INT-RU-2",
        "name": "김올가",
        "languages": ["ko", "ru", "en"],
        "unavailable": [{"start": "2019-10-30T10:00", "end": "2019-10-30T12:30"}],
    },
    {"id": "INT-HE", "name": "이하늘", "languages": ["ko", "he", "en"]},
)

# Fictional people: (display name, e-mail local part), cycled through the firms of a country.
PEOPLE = {
    "KR": (
        ("김지훈", "jihoon.kim"),
        ("이서연", "seoyeon.lee"),
        ("박민준", "minjun.park"),
        ("최수빈", "subin.choi"),
        ("정하은", "haeun.jung"),
        ("강도윤", "doyun.kang"),
        ("조예린", "yerin.cho"),
        ("윤성호", "sungho.yoon"),
        ("장미경", "mikyung.jang"),
        ("임재현", "jaehyun.lim"),
        ("한지민", "jimin.han"),
        ("오승우", "seungwoo.oh"),
        ("서현우", "hyunwoo.seo"),
        ("신유나", "yuna.shin"),
        ("권태영", "taeyoung.kwon"),
        ("황보람", "boram.hwang"),
        ("안정민", "jungmin.ahn"),
        ("송가은", "gaeun.song"),
        ("전우진", "woojin.jeon"),
        ("홍수아", "sua.hong"),
        ("유동현", "donghyun.yoo"),
        ("고은비", "eunbi.ko"),
        ("문상철", "sangcheol.moon"),
        ("배소희", "sohee.bae"),
    ),
    "FR": (
        ("Camille Laurent", "camille.laurent"),
        ("Julien Moreau", "julien.moreau"),
        ("Sophie Lefèvre", "sophie.lefevre"),
        ("Antoine Girard", "antoine.girard"),
        ("Élodie Bernard", "elodie.bernard"),
        ("Nicolas Faure", "nicolas.faure"),
        ("Claire Rousseau", "claire.rousseau"),
    ),
    "US": (
        ("Emily Carter", "emily.carter"),
        ("Michael Reyes", "michael.reyes"),
        ("Sarah Kim", "sarah.kim"),
        ("David Nguyen", "david.nguyen"),
        ("Jessica Brooks", "jessica.brooks"),
        ("Daniel Ortiz", "daniel.ortiz"),
    ),
    "RU": (
        ("Анна Соколова", "anna.sokolova"),
        ("Дмитрий Орлов", "dmitry.orlov"),
        ("Елена Морозова", "elena.morozova"),
        ("Игорь Волков", "igor.volkov"),
        ("Ольга Лебедева", "olga.lebedeva"),
    ),
    "IL": (
        ("Noa Levi", "noa.levi"),
        ("Yossi Mizrahi", "yossi.mizrahi"),
        ("Tamar Cohen", "tamar.cohen"),
        ("Eitan Friedman", "eitan.friedman"),
        ("Maya Peretz", "maya.peretz"),
    ),
}
PHONE = {
    "KR": "+82-2-0000-{:04d}",
    "FR": "+33 1 99 00 {:02d} {:02d}",
    "US": "+1-202-555-{:04d}",
    "RU": "+7 495 000-{:02d}-{:02d}",
    "IL": "+972-3-000-{:04d}",
}


def slug(firm_: Firm) -> str:
    latin = firm_.name_latin or firm_.name
    kept = "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in latin.lower())
    return "-".join(kept.split())


def phone(country: str, number: int) -> str:
    pattern = PHONE[country]
    if pattern.count("{") == 2:
        return pattern.format(number // 100 % 100, number % 100)
    return pattern.format(number)


def contacts(firm_: Firm, index: int) -> list[dict]:
    """One contact per firm, two for every third: fictional names, example.com addresses."""
    pool = PEOPLE[firm_.country]
    count = 2 if index % 3 == 0 else 1
    people = []
    for k in range(count):
        name, local = pool[(index * 5 + k) % len(pool)]
        languages = list(firm_.languages) if k == 0 else list(firm_.languages[-1:])
        people.append(
            {
                "name": name,
                "email": f"{local}@{slug(firm_)}.example.com",
                "phone": phone(firm_.country, 100 + index * 2 + k),
                "languages": languages,
            }
        )
    return people


def fit(a: Firm, b: Firm) -> int:
    """How many of each side's interests the other's sectors meet."""
    return len(set(a.interests) & set(b.sectors)) + len(set(b.interests) & set(a.sectors))


def pick(rng: random.Random, candidates: list[tuple[Firm, int]], count: int) -> list[tuple[Firm, int]]:
    """Draw ``count`` distinct candidates, a better fit being likelier."""
    pool = list(candidates)
    chosen = []
    while pool and len(chosen) < count:
        index = rng.choices(range(len(pool)), weights=[score * score for _, score in pool])[0]
        chosen.append(pool.pop(index))
    return chosen


def priority(rng: random.Random, score: int) -> int:
    return max(1, min(3, score - 1 + rng.choice((0, 0, 1, -1))))


def generated_requests(rng: random.Random) -> dict[tuple[str, str], tuple[int, tuple[str, ...] | None]]:
    """Each Korean firm asks 1-4 foreign firms, each foreign firm 1-3 Korean ones, drawn by sector fit."""
    wishes: dict[tuple[str, str], tuple[int, tuple[str, ...] | None]] = {}
    for home in KOREAN_FIRMS:
        if home.id in NAMED_ONLY:
            continue
        fitting = [(f, fit(home, f)) for f in FOREIGN_FIRMS if fit(home, f) >= 2]
        for partner, score in pick(rng, fitting, rng.choice((1, 2, 3, 3, 4))):
            wishes[home.id, partner.id] = (priority(rng, score), None)
    for foreign in FOREIGN_FIRMS:
        fitting = [
            (h, fit(h, foreign)) for h in KOREAN_FIRMS if h.id not in NAMED_ONLY and fit(h, foreign) >= 2
        ]
        for partner, score in pick(rng, fitting, rng.choice((1, 2, 2, 3))):
            wishes[foreign.id, partner.id] = (priority(rng, score), None)
    return wishes


def requests(rng: random.Random) -> list[dict]:
    wishes = generated_requests(rng)
    wishes.update({(a, b): (p, s) for a, b, p, s in NAMED_REQUESTS})
    out = []
    for (a, b), (level, sessions) in sorted(wishes.items()):
        request = {"from": a, "to": b, "priority": level}
        if sessions:
            request["sessions"] = list(sessions)
        out.append(request)
    return out


def seminars_attended(rng: random.Random, firm_: Firm, partner_countries: set[str]) -> list[str]:
    """Foreign firms attend their own seminar; Korean firms some seminars of the days they meet on."""
    if firm_.country != "KR":
        return [] if firm_.id in SKIP_SEMINAR else [f"SEM-{firm_.country}"]
    if firm_.id in ALWAYS_AT_SEMINAR:
        return list(ALWAYS_AT_SEMINAR[firm_.id])
    return [f"SEM-{day.country}" for day in DAYS if day.country in partner_countries and rng.random() < 0.35]


def company(rng: random.Random, firm_: Firm, index: int, partner_countries: set[str]) -> dict:
    entry = {
        "id": firm_.id,
        "name": firm_.name,
        "country": firm_.country,
        "sectors": list(firm_.sectors),
        "interests": list(firm_.interests),
        "languages": list(firm_.languages),
    }
    if firm_.id in MAX_MEETINGS:
        entry["max_meetings"] = MAX_MEETINGS[firm_.id]
    if firm_.id in UNAVAILABLE:
        entry["unavailable"] = [{"start": start, "end": end} for start, end in UNAVAILABLE[firm_.id]]
    attended = seminars_attended(rng, firm_, partner_countries)
    if attended:
        entry["seminars"] = attended
    if firm_.name_latin:
        entry["name_latin"] = firm_.name_latin
    entry["description"] = firm_.description
    entry["website"] = firm_.website or f"https://www.{slug(firm_)}.example.com"
    entry["contacts"] = contacts(firm_, index)
    return entry


def sessions() -> list[dict]:
    out = []
    for day in DAYS:
        for tag, label_ko, label_en, (start, end, tables) in (
            ("AM", "오전", "morning", day.morning),
            ("PM", "오후", "afternoon", day.afternoon),
        ):
            out.append(
                {
                    "id": f"{day.country}-{tag}",
                    "title": f"한-{day.name_ko} 1:1 상담회 ({label_ko}) / "
                    f"Korea-{day.name_en} 1:1 consultations ({label_en})",
                    "start": f"{day.date}T{start}",
                    "end": f"{day.date}T{end}",
                    "slot_minutes": 30,
                    "tables": tables,
                    "countries": [day.country],
                }
            )
    return out


def seminars() -> list[dict]:
    return [
        {
            "id": f"SEM-{day.country}",
            "title": f"{day.seminar[2]} / {day.seminar[3]}",
            "start": f"{day.date}T{day.seminar[0]}",
            "end": f"{day.date}T{day.seminar[1]}",
            "country": day.country,
        }
        for day in DAYS
    ]


def build() -> dict:
    """The whole demo week as a b2b-instance/1 document."""
    rng = random.Random(SEED)
    wanted = requests(rng)
    partner_countries: dict[str, set[str]] = {}
    for request in wanted:
        for own, other in ((request["from"], request["to"]), (request["to"], request["from"])):
            partner_countries.setdefault(own, set()).add(other[:2])
    firms = KOREAN_FIRMS + FOREIGN_FIRMS
    return {
        "format": "b2b-instance/1",
        "event": dict(EVENT),
        "sectors": [{"id": code, "name_ko": ko, "name_en": en} for code, ko, en in SECTORS],
        "sessions": sessions(),
        "seminars": seminars(),
        "companies": [company(rng, f, i, partner_countries.get(f.id, set())) for i, f in enumerate(firms)],
        "requests": wanted,
        "interpreters": [dict(i) for i in INTERPRETERS],
    }


def render(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str]) -> None:
    target = Path(argv[1]) if len(argv) > 1 else OUTPUT
    target.write_text(render(build()), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main(sys.argv)
