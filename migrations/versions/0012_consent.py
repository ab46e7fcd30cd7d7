"""requests with answers, a request deadline, suggestions on or off, pairs a company declined

Revision ID: 0012_consent
Revises: 0011_event_organizers
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_consent"
down_revision = "0011_event_organizers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch copy (see 0008): existing requests are accepted, existing events keep
    # scheduling suggested pairs and need no answers, so they behave as before.
    op.add_column(
        "event", sa.Column("requests_need_answer", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("event", sa.Column("requests_close_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("event", sa.Column("suggestions", sa.Boolean(), nullable=False, server_default=sa.true()))
    op.add_column(
        "meeting_request",
        sa.Column("answer", sa.String(length=10), nullable=False, server_default="accepted"),
    )
    op.add_column("meeting_request", sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True))
    if op.get_bind().dialect.name != "sqlite":  # SQLite adds a check only by copying the table
        op.create_check_constraint(
            op.f("ck_meeting_request_answer"),
            "meeting_request",
            sa.text("answer IN ('pending', 'accepted', 'declined')"),
        )
    op.create_table(
        "declined_pair",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('withdrawn', 'suggestion')", name=op.f("ck_declined_pair_kind")),
        sa.CheckConstraint("company_id <> partner_id", name=op.f("ck_declined_pair_not_self")),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
            name=op.f("fk_declined_pair_company_id_company"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["company.id"],
            name=op.f("fk_declined_pair_partner_id_company"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_declined_pair_event_id_event"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_declined_pair")),
        sa.UniqueConstraint("company_id", "partner_id", name=op.f("uq_declined_pair_company_id_partner_id")),
    )
    with op.batch_alter_table("declined_pair", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_declined_pair_company_id"), ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_declined_pair_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_declined_pair_partner_id"), ["partner_id"], unique=False)


def downgrade() -> None:
    op.drop_table("declined_pair")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint("ck_meeting_request_answer", "meeting_request", type_="check")
    op.drop_column("meeting_request", "answered_at")
    op.drop_column("meeting_request", "answer")
    op.drop_column("event", "suggestions")
    op.drop_column("event", "requests_close_at")
    op.drop_column("event", "requests_need_answer")
