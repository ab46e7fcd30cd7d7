"""outgoing mail: each message a row before it is sent; a company's mail language

Revision ID: 0006_mail
Revises: 0005_calendar
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_mail"
down_revision = "0005_calendar"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outgoing_mail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("recipient", sa.String(length=320), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("html", sa.Text(), nullable=True),
        sa.Column("composer", sa.String(length=40), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("state IN ('queued', 'sent', 'failed')", name=op.f("ck_outgoing_mail_state")),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_outgoing_mail_attempts")),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
            name=op.f("fk_outgoing_mail_company_id_company"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_outgoing_mail_event_id_event"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outgoing_mail")),
    )
    with op.batch_alter_table("outgoing_mail", schema=None) as batch_op:
        batch_op.create_index("ix_outgoing_mail_due", ["state", "next_attempt_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_outgoing_mail_company_id"), ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outgoing_mail_event_id"), ["event_id"], unique=False)

    op.create_table(
        "mail_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mail_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("content_type", sa.String(length=200), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mail_id"],
            ["outgoing_mail.id"],
            name=op.f("fk_mail_attachment_mail_id_outgoing_mail"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_attachment")),
    )
    with op.batch_alter_table("mail_attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mail_attachment_mail_id"), ["mail_id"], unique=False)

    # Each contact person of a company may have an account (invitations), no longer one per company.
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_company_id"))
        batch_op.create_index(batch_op.f("ix_account_company_id"), ["company_id"], unique=False)
    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=2), server_default="ko", nullable=False))
        batch_op.create_check_constraint("language", "language IN ('ko', 'en')")


def downgrade() -> None:
    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.drop_constraint("language", type_="check")
        batch_op.drop_column("language")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_company_id"))
        batch_op.create_index(batch_op.f("ix_account_company_id"), ["company_id"], unique=True)
    with op.batch_alter_table("mail_attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mail_attachment_mail_id"))
    op.drop_table("mail_attachment")
    with op.batch_alter_table("outgoing_mail", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outgoing_mail_event_id"))
        batch_op.drop_index(batch_op.f("ix_outgoing_mail_company_id"))
        batch_op.drop_index("ix_outgoing_mail_due")
    op.drop_table("outgoing_mail")
