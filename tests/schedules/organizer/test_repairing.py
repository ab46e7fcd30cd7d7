"""Repair of a published schedule: a preview that writes nothing, an apply that keeps calendar identities,
refusal on an unpublished event, and a repair racing an organizer edit."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from matcher.domain.validator import validate
from models import ACTIVE, CANCELLED, Company, Meeting, Unavailability
from models.db import make_sessionmaker
from schedules.errors import Conflict, Refused
from schedules.lookup import current_instance
from schedules.organizer.editing import cancel_meeting
from schedules.organizer.publishing import set_state
from schedules.organizer.repairing import apply_repair, plan_from_dict, plan_to_dict, preview_repair
from schedules.schedule_store import planned_meetings
from tests.production.racing import race_threads

SEOUL = ZoneInfo("Asia/Seoul")
SECONDS = 3


@pytest.fixture
def published(db, week):
    set_state(db, week.id, "published")
    return week


def away(db, event_id: int, key: str, start: datetime, end: datetime) -> None:
    """The company becomes unavailable in this window (as a company's edit of its days would make it)."""
    company = db.scalar(select(Company).where(Company.event_id == event_id, Company.key == key))
    db.add(Unavailability(company_id=company.id, start_at=start, end_at=end))
    db.commit()


def meeting_count(db, event_id: int) -> int:
    return db.scalar(select(func.count()).select_from(Meeting).where(Meeting.event_id == event_id))


def test_the_preview_lists_each_companys_changes_and_writes_nothing(db, published, meeting):
    away(
        db,
        published.id,
        "KR-01",
        datetime(2019, 10, 28, 13, 30, tzinfo=SEOUL),
        datetime(2019, 10, 28, 14, 0, tzinfo=SEOUL),
    )
    before = meeting_count(db, published.id), meeting("KR-01", "FR-01").sequence
    preview = preview_repair(db, published.id, seconds=SECONDS)

    assert (meeting_count(db, published.id), meeting("KR-01", "FR-01").sequence) == before
    kinds = {(c.kind, c.partner) for c in preview.companies["KR-01"]}
    assert ("moved", "FR-01") in kinds and ("moved", "KR-01") in {
        (c.kind, c.partner) for c in preview.companies["FR-01"]
    }
    moved = next(c for c in preview.companies["KR-01"] if c.partner == "FR-01")
    assert moved.before.start == datetime(2019, 10, 28, 13, 30) and moved.after.start != moved.before.start
    assert "KR-01 is unavailable" in moved.reason and moved.room_for == ""  # why it moves, in the preview
    assert preview.plan.totals["moved"] == 1 and preview.plan.totals["cancelled"] == 0
    assert preview.plan.totals["added"] > 0  # the example's other must-meet pairs get their meetings
    assert all(c.kind == "added" for c in preview.companies["KR-02"])  # its published meeting stays exactly
    assert preview.kept == 2


def test_apply_keeps_rows_and_uids_raises_the_sequence_of_moved_ones_and_adds_rows(db, published, meeting):
    away(
        db,
        published.id,
        "KR-01",
        datetime(2019, 10, 28, 13, 30, tzinfo=SEOUL),
        datetime(2019, 10, 28, 14, 0, tzinfo=SEOUL),
    )
    row_id = meeting("KR-01", "FR-01").id
    preview = preview_repair(db, published.id, seconds=SECONDS)
    plan = plan_from_dict(plan_to_dict(preview.plan))  # as the page sends it back
    changed = apply_repair(db, published.id, plan)

    moved = meeting("KR-01", "FR-01")
    assert moved.id == row_id and moved.sequence == 1 and moved.status == ACTIVE
    assert meeting("KR-02", "FR-02").sequence == 0
    assert set(changed) == set(preview.companies)
    instance = current_instance(db, published.id)
    meetings = planned_meetings(db, published)
    assert validate(instance, meetings) == []
    assert len(meetings) == 3 + preview.plan.totals["added"]


def test_a_pair_the_organizer_cancelled_is_not_brought_back(db, published, meeting):
    cancel_meeting(db, published.id, meeting("KR-02", "FR-02").id)
    preview = preview_repair(db, published.id, seconds=SECONDS)
    pairs = {frozenset(m.companies) for m in preview.plan.added}
    assert frozenset(("KR-02", "FR-02")) not in pairs
    apply_repair(db, published.id, preview.plan)
    assert meeting("KR-02", "FR-02").status == CANCELLED


def test_repair_is_refused_on_an_event_that_is_not_published(db, week):
    with pytest.raises(Refused) as refused:
        preview_repair(db, week.id, seconds=SECONDS)
    assert [p.code for p in refused.value.problems] == ["repair_unpublished"]


def test_a_plan_of_another_event_is_refused(db, published):
    preview = preview_repair(db, published.id, seconds=SECONDS)
    with pytest.raises(Refused) as refused:
        apply_repair(db, published.id + 1, preview.plan)
    assert [p.code for p in refused.value.problems] == ["repair_other_event"]


def test_an_edit_between_preview_and_apply_wins_and_the_repair_gets_a_conflict(db, published, meeting):
    preview = preview_repair(db, published.id, seconds=SECONDS)
    cancel_meeting(db, published.id, meeting("KR-03", "FR-03").id)
    count = meeting_count(db, published.id)
    with pytest.raises(Conflict) as conflict:
        apply_repair(db, published.id, preview.plan)
    assert "changed since the preview" in str(conflict.value)
    assert meeting_count(db, published.id) == count


def test_a_repair_racing_an_edit_one_wins_and_the_other_gets_a_conflict_or_sees_the_new_schedule(
    db, engine, published, meeting
):
    preview = preview_repair(db, published.id, seconds=SECONDS)
    target = meeting("KR-03", "FR-03").id
    make_session = make_sessionmaker(engine)

    def act(i: int):
        with make_session() as session:
            if i == 0:
                return apply_repair(session, published.id, preview.plan)
            return cancel_meeting(session, published.id, target)

    repaired, edited = race_threads(act, racers=2)
    assert not isinstance(edited, Exception)  # the edit never depends on the repair
    if isinstance(repaired, Exception):  # the edit came first: the repair's basis is gone
        assert isinstance(repaired, Conflict)
        assert meeting_count(db, published.id) == 3
    else:  # the repair came first, then the edit cancelled the meeting on the repaired schedule
        assert meeting_count(db, published.id) == 3 + preview.plan.totals["added"]
    assert meeting("KR-03", "FR-03").status == CANCELLED
    db.expire_all()
    assert validate(current_instance(db, published.id), planned_meetings(db, published)) == []
