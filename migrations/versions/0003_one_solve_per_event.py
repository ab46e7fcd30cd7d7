"""one queued or running solve per event

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

UNDER_WAY = sa.text("status IN ('queued', 'running')")


def upgrade() -> None:
    # Older duplicates under way cannot all be running: keep each event's newest, fail the rest.
    op.execute(
        "UPDATE solve_run SET status = 'failed', message = 'superseded by a newer run' "
        "WHERE status IN ('queued', 'running') AND id NOT IN ("
        "SELECT max_id FROM (SELECT MAX(id) AS max_id FROM solve_run "
        "WHERE status IN ('queued', 'running') GROUP BY event_id) AS newest)"
    )
    with op.batch_alter_table("solve_run", schema=None) as batch_op:
        batch_op.create_index(
            "uq_solve_run_under_way",
            ["event_id"],
            unique=True,
            sqlite_where=UNDER_WAY,
            postgresql_where=UNDER_WAY,
        )


def downgrade() -> None:
    with op.batch_alter_table("solve_run", schema=None) as batch_op:
        batch_op.drop_index("uq_solve_run_under_way", sqlite_where=UNDER_WAY, postgresql_where=UNDER_WAY)
