"""assets: the supplies area's tables — consumables (persediaan): items, receipts, FIFO lots, requests and their
lines, the stock card (movements), stock opname counts and their lines.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('supply_counts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('counted_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=10), server_default=sa.text("'draft'"), nullable=False),
    sa.Column('created_by_employee_id', sa.Integer(), nullable=True),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('applied_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('applied_by', sa.String(length=100), nullable=True),
    sa.CheckConstraint("status IN ('draft', 'applied')", name=op.f('ck_supply_counts_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supply_counts'))
    )
    op.create_table('supply_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('minimum_stock', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('account_code', sa.String(length=30), nullable=True),
    sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('low_alerted', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('minimum_stock >= 0', name=op.f('ck_supply_items_minimum_stock')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supply_items')),
    sa.UniqueConstraint('code', name=op.f('uq_supply_items_code'))
    )
    op.create_table('supply_receipts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('supplier', sa.String(length=200), nullable=False),
    sa.Column('document_number', sa.String(length=120), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_by_employee_id', sa.Integer(), nullable=True),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supply_receipts'))
    )
    op.create_index(op.f('ix_supply_receipts_received_on'), 'supply_receipts', ['received_on'], unique=False)
    op.create_table('supply_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('requester_employee_id', sa.Integer(), nullable=False),
    sa.Column('requester_unit_id', sa.Integer(), nullable=True),
    sa.Column('requested_by', sa.String(length=100), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), server_default=sa.text("'submitted'"), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('decided_by_employee_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=True),
    sa.Column('issued_by_employee_id', sa.Integer(), nullable=True),
    sa.Column('issued_by', sa.String(length=100), nullable=True),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.Column('issue_note', sa.Text(), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('submitted', 'approved', 'rejected', 'issued', 'cancelled')", name=op.f('ck_supply_requests_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supply_requests'))
    )
    op.create_index(op.f('ix_supply_requests_requester_employee_id_id'), 'supply_requests', ['requester_employee_id', 'id'], unique=False)
    op.create_index(op.f('ix_supply_requests_status_id'), 'supply_requests', ['status', 'id'], unique=False)
    op.create_table('supply_count_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('count_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('recorded_qty', sa.Integer(), nullable=False),
    sa.Column('counted_qty', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=True),
    sa.Column('adjustment_value', sa.BigInteger(), nullable=True),
    sa.CheckConstraint('counted_qty >= 0', name=op.f('ck_supply_count_lines_counted_qty')),
    sa.CheckConstraint('recorded_qty >= 0', name=op.f('ck_supply_count_lines_recorded_qty')),
    sa.ForeignKeyConstraint(['count_id'], ['supply_counts.id'], name=op.f('fk_supply_count_lines_count_id_supply_counts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['item_id'], ['supply_items.id'], name=op.f('fk_supply_count_lines_item_id_supply_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supply_count_lines')),
    sa.UniqueConstraint('count_id', 'item_id', name=op.f('uq_supply_count_lines_count_id_item_id'))
    )
    op.create_table('supply_lots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('receipt_id', sa.Integer(), nullable=True),
    sa.Column('count_id', sa.Integer(), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('unit_price', sa.BigInteger(), nullable=False),
    sa.Column('qty_in', sa.Integer(), nullable=False),
    sa.Column('qty_left', sa.Integer(), nullable=False),
    sa.CheckConstraint('qty_in > 0', name=op.f('ck_supply_lots_qty_in')),
    sa.CheckConstraint('qty_left >= 0 AND qty_left <= qty_in', name=op.f('ck_supply_lots_qty_left')),
    sa.CheckConstraint('unit_price >= 0', name=op.f('ck_supply_lots_unit_price')),
    sa.ForeignKeyConstraint(['count_id'], ['supply_counts.id'], name=op.f('fk_supply_lots_count_id_supply_counts')),
    sa.ForeignKeyConstraint(['item_id'], ['supply_items.id'], name=op.f('fk_supply_lots_item_id_supply_items')),
    sa.ForeignKeyConstraint(['receipt_id'], ['supply_receipts.id'], name=op.f('fk_supply_lots_receipt_id_supply_receipts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supply_lots'))
    )
    op.create_index('ix_supply_lots_fifo', 'supply_lots', ['item_id', 'received_on', 'id'], unique=False, postgresql_where=sa.text('qty_left > 0'))
    op.create_index(op.f('ix_supply_lots_receipt_id'), 'supply_lots', ['receipt_id'], unique=False)
    op.create_table('supply_request_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('quantity_requested', sa.Integer(), nullable=False),
    sa.Column('quantity_approved', sa.Integer(), nullable=True),
    sa.Column('quantity_issued', sa.Integer(), nullable=True),
    sa.Column('value_issued', sa.BigInteger(), nullable=True),
    sa.Column('issue_note', sa.String(length=300), nullable=True),
    sa.CheckConstraint('quantity_approved IS NULL OR quantity_approved BETWEEN 0 AND quantity_requested', name=op.f('ck_supply_request_lines_quantity_approved')),
    sa.CheckConstraint('quantity_issued IS NULL OR quantity_issued BETWEEN 0 AND quantity_approved', name=op.f('ck_supply_request_lines_quantity_issued')),
    sa.CheckConstraint('quantity_requested > 0', name=op.f('ck_supply_request_lines_quantity_requested')),
    sa.ForeignKeyConstraint(['item_id'], ['supply_items.id'], name=op.f('fk_supply_request_lines_item_id_supply_items')),
    sa.ForeignKeyConstraint(['request_id'], ['supply_requests.id'], name=op.f('fk_supply_request_lines_request_id_supply_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supply_request_lines')),
    sa.UniqueConstraint('request_id', 'item_id', name=op.f('uq_supply_request_lines_request_id_item_id'))
    )
    op.create_index(op.f('ix_supply_request_lines_item_id'), 'supply_request_lines', ['item_id'], unique=False)
    op.create_table('supply_movements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('lot_id', sa.Integer(), nullable=False),
    sa.Column('moved_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('qty_in', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('qty_out', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('unit_price', sa.BigInteger(), nullable=False),
    sa.Column('value_in', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('value_out', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('reference', sa.String(length=160), nullable=False),
    sa.Column('receipt_id', sa.Integer(), nullable=True),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('count_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("kind IN ('receipt', 'issue', 'adjustment_in', 'adjustment_out')", name=op.f('ck_supply_movements_kind')),
    sa.CheckConstraint('(qty_in > 0 AND qty_out = 0) OR (qty_out > 0 AND qty_in = 0)', name=op.f('ck_supply_movements_one_side')),
    sa.CheckConstraint('value_in >= 0 AND value_out >= 0', name=op.f('ck_supply_movements_values')),
    sa.ForeignKeyConstraint(['count_id'], ['supply_counts.id'], name=op.f('fk_supply_movements_count_id_supply_counts')),
    sa.ForeignKeyConstraint(['item_id'], ['supply_items.id'], name=op.f('fk_supply_movements_item_id_supply_items')),
    sa.ForeignKeyConstraint(['lot_id'], ['supply_lots.id'], name=op.f('fk_supply_movements_lot_id_supply_lots')),
    sa.ForeignKeyConstraint(['receipt_id'], ['supply_receipts.id'], name=op.f('fk_supply_movements_receipt_id_supply_receipts')),
    sa.ForeignKeyConstraint(['request_id'], ['supply_requests.id'], name=op.f('fk_supply_movements_request_id_supply_requests')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supply_movements'))
    )
    op.create_index('ix_supply_movements_card', 'supply_movements', ['item_id', 'moved_on', 'id'], unique=False)
    op.create_index(op.f('ix_supply_movements_lot_id'), 'supply_movements', ['lot_id'], unique=False)
    op.create_index(op.f('ix_supply_movements_moved_on'), 'supply_movements', ['moved_on'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_supply_movements_moved_on'), table_name='supply_movements')
    op.drop_index(op.f('ix_supply_movements_lot_id'), table_name='supply_movements')
    op.drop_index('ix_supply_movements_card', table_name='supply_movements')
    op.drop_table('supply_movements')
    op.drop_index(op.f('ix_supply_request_lines_item_id'), table_name='supply_request_lines')
    op.drop_table('supply_request_lines')
    op.drop_index(op.f('ix_supply_lots_receipt_id'), table_name='supply_lots')
    op.drop_index('ix_supply_lots_fifo', table_name='supply_lots', postgresql_where=sa.text('qty_left > 0'))
    op.drop_table('supply_lots')
    op.drop_table('supply_count_lines')
    op.drop_index(op.f('ix_supply_requests_status_id'), table_name='supply_requests')
    op.drop_index(op.f('ix_supply_requests_requester_employee_id_id'), table_name='supply_requests')
    op.drop_table('supply_requests')
    op.drop_index(op.f('ix_supply_receipts_received_on'), table_name='supply_receipts')
    op.drop_table('supply_receipts')
    op.drop_table('supply_items')
    op.drop_table('supply_counts')
