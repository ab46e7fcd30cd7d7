"""a calendar feed address for each interpreter

Revision ID: 0013_interpreter_feeds
Revises: 0012_consent
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_interpreter_feeds"
down_revision = "0012_consent"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN and a unique index, never a batch copy of `interpreter` (meetings refer to it).
    op.add_column("interpreter", sa.Column("feed_token", sa.String(length=64), nullable=True))
    op.create_index(op.f("ix_interpreter_feed_token"), "interpreter", ["feed_token"], unique=True)


def downgrade() -> None:
    op.drop_index(op.f("ix_interpreter_feed_token"), table_name="interpreter")
    op.drop_column("interpreter", "feed_token")
