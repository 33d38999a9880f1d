"""agenda's visits area: official visit and audience requests from the public (``visit_requests``: tracking
code and pass token digests, the letter, the decision with a room booked through booking or an address, the
arrival at reception).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('visit_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('agency', sa.String(length=200), nullable=False),
    sa.Column('leader_id', sa.Integer(), nullable=True),
    sa.Column('leader_wished', sa.String(length=200), nullable=True),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('visitor_count', sa.Integer(), nullable=False),
    sa.Column('visitor_names', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False),
    sa.Column('wished_dates', postgresql.ARRAY(sa.Date()), nullable=False),
    sa.Column('contact_name', sa.String(length=120), nullable=False),
    sa.Column('contact_phone', sa.String(length=30), nullable=False),
    sa.Column('contact_email', sa.String(length=254), nullable=True),
    sa.Column('letter_content', sa.LargeBinary(), nullable=False),
    sa.Column('letter_type', sa.String(length=80), nullable=False),
    sa.Column('letter_name', sa.String(length=200), nullable=False),
    sa.Column('client_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('status', sa.String(length=10), server_default=sa.text("'pending'"), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('room_resource_id', sa.Integer(), nullable=True),
    sa.Column('room_name', sa.String(length=200), nullable=True),
    sa.Column('room_booking_id', sa.Integer(), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by', sa.String(length=120), nullable=True),
    sa.Column('decided_by_employee_id', sa.Integer(), nullable=True),
    sa.Column('pass_token_hash', sa.String(length=64), nullable=True),
    sa.Column('checked_in_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('checked_in_by', sa.String(length=120), nullable=True),
    sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.CheckConstraint("status <> 'approved' OR (starts_at IS NOT NULL AND ends_at > starts_at AND (room_resource_id IS NOT NULL OR address IS NOT NULL))", name=op.f('ck_visit_requests_approved_place')),
    sa.CheckConstraint("status IN ('pending', 'approved', 'refused', 'cancelled')", name=op.f('ck_visit_requests_status')),
    sa.CheckConstraint('visitor_count BETWEEN 1 AND 500', name=op.f('ck_visit_requests_visitor_count')),
    sa.ForeignKeyConstraint(['leader_id'], ['leaders.id'], name=op.f('fk_visit_requests_leader_id_leaders'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_requests')),
    sa.UniqueConstraint('code_hash', name=op.f('uq_visit_requests_code_hash')),
    sa.UniqueConstraint('pass_token_hash', name=op.f('uq_visit_requests_pass_token_hash'))
    )
    op.create_index(op.f('ix_visit_requests_client_hash_created_at'), 'visit_requests', ['client_hash', 'created_at'], unique=False)
    op.create_index(op.f('ix_visit_requests_status_id'), 'visit_requests', ['status', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_visit_requests_status_id'), table_name='visit_requests')
    op.drop_index(op.f('ix_visit_requests_client_hash_created_at'), table_name='visit_requests')
    op.drop_table('visit_requests')
