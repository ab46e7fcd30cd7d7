"""a solve run's phase apart from its failure reason

Revision ID: 0004_progress
Revises: 0003
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_progress"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("solve_run", schema=None) as batch_op:
        batch_op.add_column(sa.Column("phase", sa.String(length=100), nullable=True))
    # A run still under way showed its phase in `message`; failed runs keep their reason there.
    op.execute("UPDATE solve_run SET phase = message, message = NULL WHERE status IN ('queued', 'running')")


def downgrade() -> None:
    op.execute("UPDATE solve_run SET message = phase WHERE status IN ('queued', 'running')")
    with op.batch_alter_table("solve_run", schema=None) as batch_op:
        batch_op.drop_column("phase")
