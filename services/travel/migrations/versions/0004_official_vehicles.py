"""travel: what booking reserved for an order with an official vehicle (``official_vehicles``), from booking's
``travel_vehicle_reserved`` / ``travel_vehicle_unavailable`` events.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "official_vehicles",
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("vehicle_name", sa.String(length=200), nullable=True),
        sa.Column("plate", sa.String(length=60), nullable=True),
        sa.Column("driver_employee_id", sa.Integer(), nullable=True),
        sa.Column("driver_name", sa.String(length=300), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('reserved', 'unavailable')", name=op.f("ck_official_vehicles_status")),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_official_vehicles_order_id_orders"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("order_id", name=op.f("pk_official_vehicles")),
    )


def downgrade() -> None:
    op.drop_table("official_vehicles")
