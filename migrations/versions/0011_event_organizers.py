"""organizers per event: owners, co-organizers and desk; site administrators

Revision ID: 0011_event_organizers
Revises: 0010_meeting_versions
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_event_organizers"
down_revision = "0010_meeting_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch copy of `account` (its ON DELETE CASCADE children would be emptied).
    op.add_column("account", sa.Column("is_admin", sa.Boolean(), nullable=False, server_default=sa.false()))
    # Every organizer saw every event before: each stays a site administrator, so nobody loses access.
    op.execute(sa.text("UPDATE account SET is_admin = :yes WHERE role = 'organizer'").bindparams(yes=True))
    op.create_table(
        "event_organizer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('owner', 'co-organizer', 'desk')", name=op.f("ck_event_organizer_role")),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_event_organizer_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_event_organizer_event_id_event"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_organizer")),
        sa.UniqueConstraint("event_id", "account_id", name=op.f("uq_event_organizer_event_id_account_id")),
    )
    with op.batch_alter_table("event_organizer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_organizer_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_organizer_event_id"), ["event_id"], unique=False)


def downgrade() -> None:
    op.drop_table("event_organizer")
    op.drop_column("account", "is_admin")  # SQLite 3.35+ drops a plain column in place
