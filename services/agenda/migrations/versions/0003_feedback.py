"""agenda's feedback area: the public's suggestions, questions and complaints (``feedback``) and the staff's
steps on them (``feedback_steps``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=30), nullable=True),
    sa.Column('reply_by_contact', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('consent_publish', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('client_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=10), server_default=sa.text("'received'"), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('triaged_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('triaged_by_employee_id', sa.Integer(), nullable=True),
    sa.Column('answer', sa.Text(), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answered_by_employee_id', sa.Integer(), nullable=True),
    sa.Column('first_response_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('published', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind IN ('suggestion', 'question', 'complaint')", name=op.f('ck_feedback_kind')),
    sa.CheckConstraint("status IN ('received', 'triaged', 'answered', 'closed')", name=op.f('ck_feedback_status')),
    sa.CheckConstraint("category IS NULL OR category IN ('layanan', 'protokol', 'fasilitas', 'informasi', "
                       "'lainnya')", name=op.f('ck_feedback_category')),
    sa.CheckConstraint('char_length(message) <= 4000', name=op.f('ck_feedback_message_size')),
    sa.CheckConstraint('NOT published OR (consent_publish AND answer IS NOT NULL)',
                       name=op.f('ck_feedback_published_consent')),
    sa.CheckConstraint('NOT reply_by_contact OR email IS NOT NULL OR phone IS NOT NULL',
                       name=op.f('ck_feedback_reply_contact')),
    sa.ForeignKeyConstraint(['event_id'], ['agenda_events.id'], name=op.f('fk_feedback_event_id_agenda_events'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback')),
    sa.UniqueConstraint('code_hash', name=op.f('uq_feedback_code_hash'))
    )
    op.create_index(op.f('ix_feedback_status_id'), 'feedback', ['status', 'id'], unique=False)
    op.create_index(op.f('ix_feedback_unit_id_id'), 'feedback', ['unit_id', 'id'], unique=False)
    op.create_index(op.f('ix_feedback_client_hash_created_at'), 'feedback', ['client_hash', 'created_at'],
                    unique=False)
    op.create_index(op.f('ix_feedback_event_id'), 'feedback', ['event_id'], unique=False)
    op.create_index('ix_feedback_published', 'feedback', ['published_at', 'id'], unique=False,
                    postgresql_where=sa.text('published'))
    op.create_table('feedback_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('feedback_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('actor_employee_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=80), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['feedback_id'], ['feedback.id'], name=op.f('fk_feedback_steps_feedback_id_feedback'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_steps'))
    )
    op.create_index(op.f('ix_feedback_steps_feedback_id'), 'feedback_steps', ['feedback_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_feedback_steps_feedback_id'), table_name='feedback_steps')
    op.drop_table('feedback_steps')
    op.drop_index('ix_feedback_published', table_name='feedback', postgresql_where=sa.text('published'))
    op.drop_index(op.f('ix_feedback_event_id'), table_name='feedback')
    op.drop_index(op.f('ix_feedback_client_hash_created_at'), table_name='feedback')
    op.drop_index(op.f('ix_feedback_unit_id_id'), table_name='feedback')
    op.drop_index(op.f('ix_feedback_status_id'), table_name='feedback')
    op.drop_table('feedback')
