"""withdrawn companies, late registrations after publication, change requests

Revision ID: 0008_withdrawal
Revises: 0007_desk
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_withdrawal"
down_revision = "0007_desk"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch copy: on SQLite a copied `event` or `company` table is dropped, and its
    # foreign keys' ON DELETE CASCADE would empty every table that refers to it.
    op.add_column("company", sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("event", sa.Column("late_changes", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "change_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("change", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
            name=op.f("fk_change_request_company_id_company"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_change_request_event_id_event"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_request")),
    )
    with op.batch_alter_table("change_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_change_request_company_id"), ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_change_request_event_id"), ["event_id"], unique=False)


def downgrade() -> None:
    op.drop_table("change_request")
    op.drop_column("event", "late_changes")  # SQLite 3.35+ drops a plain column in place
    op.drop_column("company", "withdrawn_at")
