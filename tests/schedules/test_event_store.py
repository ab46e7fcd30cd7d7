"""An event file stored in the database comes back out unchanged."""

import json

from bench.generate import generate_event
from matcher.formats.instance_io import instance_to_dict, load_instance, parse_instance
from schedules.event_store import event_to_instance, load_event, store_instance
from tests.conftest import EXAMPLE_INSTANCE


def normalised(document: dict) -> dict:
    """The document with every list sorted, so that order is set aside."""

    def sort(value):
        if isinstance(value, dict):
            return {key: sort(item) for key, item in value.items()}
        if isinstance(value, list):
            items = [sort(item) for item in value]
            return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
        return value

    return sort(document)


def round_trip(db, instance):
    event = store_instance(db, instance)
    db.commit()
    db.expunge_all()
    return event_to_instance(load_event(db, event.id))


def test_example_instance_round_trips_unchanged(db):
    original = json.loads(EXAMPLE_INSTANCE.read_text(encoding="utf-8"))
    back = instance_to_dict(round_trip(db, parse_instance(original)))
    assert normalised(back) == normalised(original)


def test_generated_thousand_company_event_round_trips_unchanged(db):
    instance = generate_event(companies=1000, seed=7)
    assert len(instance.companies) == 1000
    back = round_trip(db, instance)
    assert normalised(instance_to_dict(back)) == normalised(instance_to_dict(instance))


def test_extensions_round_trip(db):
    document = json.loads(EXAMPLE_INSTANCE.read_text(encoding="utf-8"))
    document["sectors"] = [{"id": "display", "name_ko": "디스플레이", "name_en": "Displays"}]
    company = document["companies"][0]
    company.update(
        name_latin="Mutec Korea",
        description="AMOLED micromachining",
        website="https://mutec.example.kr",
        contacts=[
            {
                "name": "김민수",
                "email": "ms.kim@mutec.example.kr",
                "phone": "+82 2 555 0101",
                "languages": ["ko", "en"],
            }
        ],
    )
    back = instance_to_dict(round_trip(db, parse_instance(document)))
    assert normalised(back) == normalised(document)


def test_demo_week_round_trips(db):
    from schedules.commands import DEMO_WEEK

    instance = load_instance(DEMO_WEEK)
    assert normalised(instance_to_dict(round_trip(db, instance))) == normalised(instance_to_dict(instance))
