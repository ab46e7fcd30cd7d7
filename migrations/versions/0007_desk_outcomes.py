"""check-ins, meeting attendance (no-shows) and outcomes

Revision ID: 0007_desk
Revises: 0006_mail
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_desk"
down_revision = "0006_mail"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "check_in",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_check_in_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_check_in_event_id_event"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_in")),
        sa.UniqueConstraint("company_id", "day", name=op.f("uq_check_in_company_id_day")),
    )
    with op.batch_alter_table("check_in", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_check_in_event_id"), ["event_id"], unique=False)

    op.create_table(
        "attendance",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("absent_company_id", sa.Integer(), nullable=True),
        sa.Column("reported_by", sa.String(length=20), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(status = 'no-show') = (absent_company_id IS NOT NULL)", name=op.f("ck_attendance_absent_side")
        ),
        sa.CheckConstraint("status IN ('held', 'no-show')", name=op.f("ck_attendance_status")),
        sa.ForeignKeyConstraint(
            ["absent_company_id"],
            ["company.id"],
            name=op.f("fk_attendance_absent_company_id_company"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_attendance_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("meeting_id", name=op.f("pk_attendance")),
    )
    op.create_table(
        "outcome",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.Numeric(precision=18, scale=2), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('not-pursued', 'follow-up', 'nda', 'mou', 'contract')", name=op.f("ck_outcome_kind")
        ),
        sa.CheckConstraint(
            "amount IS NULL OR (amount >= 0 AND currency IS NOT NULL)", name=op.f("ck_outcome_amount")
        ),
        sa.ForeignKeyConstraint(
            ["company_id"], ["company.id"], name=op.f("fk_outcome_company_id_company"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_outcome_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome")),
        sa.UniqueConstraint("meeting_id", "company_id", name=op.f("uq_outcome_meeting_id_company_id")),
    )
    with op.batch_alter_table("outcome", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outcome_company_id"), ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outcome_meeting_id"), ["meeting_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outcome", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outcome_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_outcome_company_id"))

    op.drop_table("outcome")
    op.drop_table("attendance")
    with op.batch_alter_table("check_in", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_check_in_event_id"))

    op.drop_table("check_in")
