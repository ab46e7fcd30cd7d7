"""calendar revisions and states; a reminder per company; the venue, session rooms, seminar rooms

Revision ID: 0005_calendar
Revises: 0004_progress
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_calendar"
down_revision = "0004_progress"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("uid", sa.String(length=500), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("stamp", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("sequence >= 0", name=op.f("ck_calendar_revision_sequence")),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
            name=op.f("fk_calendar_revision_company_id_company"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_revision")),
        sa.UniqueConstraint(
            "company_id", "language", "uid", name=op.f("uq_calendar_revision_company_id_language_uid")
        ),
    )
    op.create_index(
        op.f("ix_calendar_revision_company_id"), "calendar_revision", ["company_id"], unique=False
    )
    op.create_table(
        "calendar_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
            name=op.f("fk_calendar_state_company_id_company"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_state")),
        sa.UniqueConstraint(
            "company_id", "scope", "language", name=op.f("uq_calendar_state_company_id_scope_language")
        ),
    )
    op.create_index(op.f("ix_calendar_state_company_id"), "calendar_state", ["company_id"], unique=False)
    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reminder_minutes", sa.Integer(), nullable=True, server_default="10"))
        batch_op.create_check_constraint(
            "reminder_minutes", "reminder_minutes IS NULL OR reminder_minutes IN (10, 30)"
        )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("venue_name", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("venue_address", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("venue_latitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("venue_longitude", sa.Float(), nullable=True))
    with op.batch_alter_table("consultation_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("room", sa.String(length=200), nullable=True))
    with op.batch_alter_table("seminar", schema=None) as batch_op:
        batch_op.add_column(sa.Column("room", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("description", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("seminar", schema=None) as batch_op:
        batch_op.drop_column("description")
        batch_op.drop_column("room")
    with op.batch_alter_table("consultation_session", schema=None) as batch_op:
        batch_op.drop_column("room")
    with op.batch_alter_table("event", schema=None) as batch_op:
        for column in ("venue_longitude", "venue_latitude", "venue_address", "venue_name"):
            batch_op.drop_column(column)
    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.drop_constraint("ck_company_reminder_minutes", type_="check")
        batch_op.drop_column("reminder_minutes")
    op.drop_index(op.f("ix_calendar_state_company_id"), table_name="calendar_state")
    op.drop_table("calendar_state")
    op.drop_index(op.f("ix_calendar_revision_company_id"), table_name="calendar_revision")
    op.drop_table("calendar_revision")
