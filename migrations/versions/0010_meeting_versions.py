"""who last changed a meeting; each company's and interpreter's time in active meetings, exclusive on PostgreSQL

Revision ID: 0010_meeting_versions
Revises: 0008_withdrawal
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_meeting_versions"
down_revision = "0008_withdrawal"
branch_labels = None
depends_on = None

PARTIES = "(meeting_id, company_id, interpreter_id, start_at, end_at)"


def _rows(meeting: str) -> str:
    """SELECTs of the participant rows of the active meetings `meeting` stands for: NEW in a trigger, or every
    meeting of the table."""
    source = "" if meeting == "NEW" else f" FROM {meeting}"
    where = f"{source} WHERE {meeting}.status = 'active'"
    times = f"{meeting}.start_at, {meeting}.end_at"
    return (
        f"SELECT {meeting}.id, {meeting}.company_a_id, CAST(NULL AS INTEGER), {times}{where}"
        f" UNION ALL SELECT {meeting}.id, {meeting}.company_b_id, CAST(NULL AS INTEGER), {times}{where}"
        f" UNION ALL SELECT {meeting}.id, CAST(NULL AS INTEGER), {meeting}.interpreter_id, {times}{where}"
        f" AND {meeting}.interpreter_id IS NOT NULL"
    )


POSTGRESQL_TRIGGER = f"""
CREATE FUNCTION meeting_participants() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM meeting_participant WHERE meeting_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.status = 'active' THEN
        INSERT INTO meeting_participant {PARTIES} {_rows("NEW")};
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER meeting_participants AFTER INSERT OR UPDATE OR DELETE ON meeting
    FOR EACH ROW EXECUTE FUNCTION meeting_participants();
"""

SQLITE_TRIGGERS = (
    f"""CREATE TRIGGER meeting_participants_insert AFTER INSERT ON meeting BEGIN
    INSERT INTO meeting_participant {PARTIES} {_rows("NEW")};
END""",
    f"""CREATE TRIGGER meeting_participants_update AFTER UPDATE ON meeting BEGIN
    DELETE FROM meeting_participant WHERE meeting_id = OLD.id;
    INSERT INTO meeting_participant {PARTIES} {_rows("NEW")};
END""",
    """CREATE TRIGGER meeting_participants_delete AFTER DELETE ON meeting BEGIN
    DELETE FROM meeting_participant WHERE meeting_id = OLD.id;
END""",
)


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.add_column("meeting", sa.Column("changed_by_account_id", sa.Integer(), nullable=True))
    op.add_column("meeting", sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("meeting", sa.Column("change", sa.String(length=20), nullable=True))

    op.create_table(
        "meeting_participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("interpreter_id", sa.Integer(), nullable=True),
        sa.Column("start_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("end_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(company_id IS NULL) <> (interpreter_id IS NULL)", name=op.f("ck_meeting_participant_one_party")
        ),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
            name=op.f("fk_meeting_participant_company_id_company"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interpreter_id"],
            ["interpreter.id"],
            name=op.f("fk_meeting_participant_interpreter_id_interpreter"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_meeting_participant_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_participant")),
    )
    with op.batch_alter_table("meeting_participant", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_participant_company_id"), ["company_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_meeting_participant_interpreter_id"), ["interpreter_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_meeting_participant_meeting_id"), ["meeting_id"], unique=False)

    op.execute(f"INSERT INTO meeting_participant {PARTIES} {_rows('meeting')}")
    if postgresql:
        for party in ("company", "interpreter"):
            op.execute(
                f"ALTER TABLE meeting_participant ADD CONSTRAINT ex_meeting_participant_{party}_time"
                f" EXCLUDE USING gist ({party}_id WITH =, tstzrange(start_at, end_at) WITH &&)"
                " DEFERRABLE INITIALLY DEFERRED"
            )
        op.execute(POSTGRESQL_TRIGGER)
    else:
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute("DROP TRIGGER meeting_participants ON meeting")
        op.execute("DROP FUNCTION meeting_participants()")
    else:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER meeting_participants_{event}")
    op.drop_table("meeting_participant")
    op.drop_column("meeting", "change")
    op.drop_column("meeting", "changed_at")
    op.drop_column("meeting", "changed_by_account_id")  # SQLite 3.35+ drops a plain column in place
