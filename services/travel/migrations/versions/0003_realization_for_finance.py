"""travel: what finance's travel SPJ needs — the structured budget line on an order (sub-kegiatan, account),
the realization's signer ids, each traveller's advance, each realized cost's kind and quantity × rate, and the
letter settings (signers, SPPD title and PERHATIAN text, lodging paid without a bill).

Old orders stay readable: every new column of an existing table is nullable.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "letter_settings",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("pa_kpa_employee_id", sa.Integer(), nullable=True),
        sa.Column("ppk_employee_id", sa.Integer(), nullable=True),
        sa.Column("pptk_employee_id", sa.Integer(), nullable=True),
        sa.Column("bendahara_employee_id", sa.Integer(), nullable=True),
        sa.Column("sppd_signer", sa.String(length=10), server_default=sa.text("'pa_kpa'"), nullable=False),
        sa.Column("sppd_title", sa.String(length=200), nullable=False),
        sa.Column("perhatian", sa.Text(), nullable=False),
        sa.Column("lodging_without_receipt_percent", sa.Integer(), server_default=sa.text("30"), nullable=False),
        sa.CheckConstraint("sppd_signer IN ('pa_kpa', 'ppk')", name=op.f("ck_letter_settings_sppd_signer")),
        sa.CheckConstraint("id = 1", name=op.f("ck_letter_settings_one_row")),
        sa.CheckConstraint("lodging_without_receipt_percent BETWEEN 0 AND 100",
                           name=op.f("ck_letter_settings_lodging_percent")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_settings")),
    )
    op.add_column("order_travellers", sa.Column("advance_paid", sa.BigInteger(), nullable=True))
    op.add_column("orders", sa.Column("sub_activity_code", sa.String(length=40), nullable=True))
    op.add_column("orders", sa.Column("account_code", sa.String(length=40), nullable=True))
    op.add_column("orders", sa.Column("signers", postgresql.JSONB(astext_type=sa.Text()), nullable=True))
    op.add_column("realization_lines", sa.Column("kind", sa.String(length=10), nullable=True))
    op.add_column("realization_lines", sa.Column("quantity", sa.Integer(), nullable=True))
    op.add_column("realization_lines", sa.Column("rate", sa.BigInteger(), nullable=True))
    op.create_check_constraint(op.f("ck_realization_lines_kind"), "realization_lines",
                               "kind IS NULL OR kind IN ('lump_sum', 'at_cost', 'riil')")
    op.create_check_constraint(op.f("ck_realization_lines_quantity_rate"), "realization_lines",
                               "quantity IS NULL OR (quantity >= 1 AND rate >= 0 AND amount = quantity * rate)")


def downgrade() -> None:
    op.drop_constraint(op.f("ck_realization_lines_quantity_rate"), "realization_lines", type_="check")
    op.drop_constraint(op.f("ck_realization_lines_kind"), "realization_lines", type_="check")
    op.drop_column("realization_lines", "rate")
    op.drop_column("realization_lines", "quantity")
    op.drop_column("realization_lines", "kind")
    op.drop_column("orders", "signers")
    op.drop_column("orders", "account_code")
    op.drop_column("orders", "sub_activity_code")
    op.drop_column("order_travellers", "advance_paid")
    op.drop_table("letter_settings")
