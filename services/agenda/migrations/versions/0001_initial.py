"""Initial agenda schema: the kit's tables and the roster copy, the settings, leaders and the order of precedence,
events with their leaders, participants, VIP guests, run-down, protocol staff and steps, and the documentation
(photos, attachments). The visits' and feedback's tables come in their own revisions.

Revision ID: 0001
Revises: 
Create Date: 2026-12-03 15:00:17.376383
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from situok_kit import replies
from situok_kit.migrate import create_kit_tables, drop_kit_tables
from sqlalchemy.dialects import postgresql

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the kit's tables: outbox, processed events, idempotency keys, roster copy, rpc_requests
    create_kit_tables(op, roster=True)
    replies.upgrade()
    op.create_table('agenda_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('location_kind', sa.String(length=10), server_default=sa.text("'external'"), nullable=False),
    sa.Column('room_resource_id', sa.Integer(), nullable=True),
    sa.Column('room_name', sa.String(length=200), nullable=True),
    sa.Column('room_booking_id', sa.Integer(), nullable=True),
    sa.Column('room_status', sa.String(length=12), server_default=sa.text("'none'"), nullable=False),
    sa.Column('room_note', sa.Text(), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('organiser', sa.String(length=200), nullable=True),
    sa.Column('dress_code', sa.String(length=200), nullable=True),
    sa.Column('protocol_notes', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=10), server_default=sa.text("'tentative'"), nullable=False),
    sa.Column('status_note', sa.Text(), nullable=True),
    sa.Column('is_public', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('public_summary', sa.Text(), nullable=True),
    sa.Column('created_by_employee_id', sa.Integer(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.CheckConstraint("location_kind <> 'external' OR address IS NOT NULL", name=op.f('ck_agenda_events_external_address')),
    sa.CheckConstraint("location_kind IN ('internal', 'external')", name=op.f('ck_agenda_events_location_kind')),
    sa.CheckConstraint("room_status IN ('none', 'reserved', 'unavailable', 'released')", name=op.f('ck_agenda_events_room_status')),
    sa.CheckConstraint("status IN ('tentative', 'confirmed', 'postponed', 'cancelled', 'done')", name=op.f('ck_agenda_events_status')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_agenda_events_period')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_events'))
    )
    op.create_index('ix_agenda_events_public', 'agenda_events', ['starts_at', 'id'], unique=False, postgresql_where=sa.text('is_public'))
    op.create_index(op.f('ix_agenda_events_starts_at_id'), 'agenda_events', ['starts_at', 'id'], unique=False)
    op.create_index(op.f('ix_agenda_events_status_starts_at'), 'agenda_events', ['status', 'starts_at'], unique=False)
    op.create_table('agenda_settings',
    sa.Column('id', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.Column('protocol_unit_code', sa.String(length=40), server_default=sa.text("'BUP.PKP'"), nullable=False),
    sa.Column('approver_role', sa.String(length=40), nullable=True),
    sa.Column('visit_requests_per_hour', sa.Integer(), server_default=sa.text('5'), nullable=False),
    sa.Column('feedback_per_hour', sa.Integer(), server_default=sa.text('5'), nullable=False),
    sa.Column('form_min_seconds', sa.Integer(), server_default=sa.text('3'), nullable=False),
    sa.Column('form_secret', sa.LargeBinary(), nullable=False),
    sa.CheckConstraint('feedback_per_hour BETWEEN 1 AND 1000', name=op.f('ck_agenda_settings_feedback_limit')),
    sa.CheckConstraint('form_min_seconds BETWEEN 0 AND 600', name=op.f('ck_agenda_settings_form_min_seconds')),
    sa.CheckConstraint('id = 1', name=op.f('ck_agenda_settings_single_row')),
    sa.CheckConstraint('visit_requests_per_hour BETWEEN 1 AND 1000', name=op.f('ck_agenda_settings_visit_limit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_settings'))
    )
    op.create_table('precedence_ranks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('basis', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_precedence_ranks')),
    sa.UniqueConstraint('code', name=op.f('uq_precedence_ranks_code'))
    )
    op.create_index(op.f('ix_precedence_ranks_rank'), 'precedence_ranks', ['rank'], unique=False)
    op.create_table('roster_employees',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('name', sa.String(length=150), nullable=False),
    sa.Column('full_name', sa.String(length=300), nullable=False),
    sa.Column('nip', sa.String(length=18), nullable=True),
    sa.Column('employment_type', sa.String(length=10), nullable=False),
    sa.Column('position_name', sa.String(length=200), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('unit_name', sa.String(length=200), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('source_updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('synced_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roster_employees'))
    )
    op.create_index('ix_roster_employees_name_id', 'roster_employees', ['name', 'id'], unique=False)
    op.create_index(op.f('ix_roster_employees_unit_id'), 'roster_employees', ['unit_id'], unique=False)
    op.create_table('documentations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), server_default=sa.text("'draft'"), nullable=False),
    sa.Column('minutes', sa.Text(), nullable=True),
    sa.Column('minutes_public', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('press_release', sa.Text(), nullable=True),
    sa.Column('embargo_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('approved_by_employee_id', sa.Integer(), nullable=True),
    sa.Column('return_note', sa.Text(), nullable=True),
    sa.Column('public_from', sa.DateTime(timezone=True), nullable=True),
    sa.Column('announced', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.CheckConstraint("status <> 'approved' OR public_from IS NOT NULL", name=op.f('ck_documentations_approved_public_from')),
    sa.CheckConstraint("status IN ('draft', 'submitted', 'returned', 'approved')", name=op.f('ck_documentations_status')),
    sa.ForeignKeyConstraint(['event_id'], ['agenda_events.id'], name=op.f('fk_documentations_event_id_agenda_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documentations')),
    sa.UniqueConstraint('event_id', name=op.f('uq_documentations_event_id'))
    )
    op.create_index('ix_documentations_public', 'documentations', ['public_from', 'id'], unique=False, postgresql_where=sa.text("status = 'approved'"))
    op.create_table('event_guests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.Column('agency', sa.String(length=200), nullable=True),
    sa.Column('precedence_code', sa.String(length=40), nullable=True),
    sa.Column('phone', sa.String(length=30), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('id_number', sa.String(length=40), nullable=True),
    sa.Column('contact_note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['agenda_events.id'], name=op.f('fk_event_guests_event_id_agenda_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['precedence_code'], ['precedence_ranks.code'], name=op.f('fk_event_guests_precedence_code_precedence_ranks')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_guests'))
    )
    op.create_index(op.f('ix_event_guests_event_id'), 'event_guests', ['event_id'], unique=False)
    op.create_table('event_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('count', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['agenda_events.id'], name=op.f('fk_event_participants_event_id_agenda_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_participants'))
    )
    op.create_index(op.f('ix_event_participants_event_id'), 'event_participants', ['event_id'], unique=False)
    op.create_table('event_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('actor_employee_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=80), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['agenda_events.id'], name=op.f('fk_event_steps_event_id_agenda_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_steps'))
    )
    op.create_index(op.f('ix_event_steps_event_id'), 'event_steps', ['event_id'], unique=False)
    op.create_table('leaders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('holder_name', sa.String(length=200), nullable=True),
    sa.Column('precedence_code', sa.String(length=40), nullable=True),
    sa.Column('position', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.ForeignKeyConstraint(['precedence_code'], ['precedence_ranks.code'], name=op.f('fk_leaders_precedence_code_precedence_ranks')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_leaders')),
    sa.UniqueConstraint('code', name=op.f('uq_leaders_code'))
    )
    op.create_table('protocol_assignments',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('duty', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['agenda_events.id'], name=op.f('fk_protocol_assignments_event_id_agenda_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'employee_id', name=op.f('pk_protocol_assignments'))
    )
    op.create_table('rundown_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.Time(), nullable=False),
    sa.Column('ends_at', sa.Time(), nullable=True),
    sa.Column('item', sa.String(length=300), nullable=False),
    sa.Column('who', sa.String(length=200), nullable=True),
    sa.Column('position', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['agenda_events.id'], name=op.f('fk_rundown_items_event_id_agenda_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rundown_items'))
    )
    op.create_index(op.f('ix_rundown_items_event_id'), 'rundown_items', ['event_id'], unique=False)
    op.create_table('documentation_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('documentation_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('public', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('uploaded_by_employee_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['documentation_id'], ['documentations.id'], name=op.f('fk_documentation_attachments_documentation_id_documentations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documentation_attachments'))
    )
    op.create_index(op.f('ix_documentation_attachments_documentation_id'), 'documentation_attachments', ['documentation_id'], unique=False)
    op.create_table('documentation_photos',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('documentation_id', sa.Integer(), nullable=False),
    sa.Column('caption', sa.String(length=500), nullable=True),
    sa.Column('alt_text', sa.String(length=300), nullable=True),
    sa.Column('content_type', sa.String(length=40), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('web_copy', sa.LargeBinary(), nullable=False),
    sa.Column('thumbnail', sa.LargeBinary(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=True),
    sa.Column('height', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('uploaded_by_employee_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['documentation_id'], ['documentations.id'], name=op.f('fk_documentation_photos_documentation_id_documentations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documentation_photos'))
    )
    op.create_index(op.f('ix_documentation_photos_documentation_id'), 'documentation_photos', ['documentation_id'], unique=False)
    op.create_table('event_leaders',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('leader_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=12), server_default=sa.text("'attends'"), nullable=False),
    sa.Column('represented_by', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['agenda_events.id'], name=op.f('fk_event_leaders_event_id_agenda_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['leader_id'], ['leaders.id'], name=op.f('fk_event_leaders_leader_id_leaders')),
    sa.PrimaryKeyConstraint('event_id', 'leader_id', name=op.f('pk_event_leaders'))
    )
    op.create_index(op.f('ix_event_leaders_leader_id_event_id'), 'event_leaders', ['leader_id', 'event_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_event_leaders_leader_id_event_id'), table_name='event_leaders')
    op.drop_table('event_leaders')
    op.drop_index(op.f('ix_documentation_photos_documentation_id'), table_name='documentation_photos')
    op.drop_table('documentation_photos')
    op.drop_index(op.f('ix_documentation_attachments_documentation_id'), table_name='documentation_attachments')
    op.drop_table('documentation_attachments')
    op.drop_index(op.f('ix_rundown_items_event_id'), table_name='rundown_items')
    op.drop_table('rundown_items')
    op.drop_table('protocol_assignments')
    op.drop_table('leaders')
    op.drop_index(op.f('ix_event_steps_event_id'), table_name='event_steps')
    op.drop_table('event_steps')
    op.drop_index(op.f('ix_event_participants_event_id'), table_name='event_participants')
    op.drop_table('event_participants')
    op.drop_index(op.f('ix_event_guests_event_id'), table_name='event_guests')
    op.drop_table('event_guests')
    op.drop_index('ix_documentations_public', table_name='documentations', postgresql_where=sa.text("status = 'approved'"))
    op.drop_table('documentations')
    op.drop_index(op.f('ix_roster_employees_unit_id'), table_name='roster_employees')
    op.drop_index('ix_roster_employees_name_id', table_name='roster_employees')
    op.drop_table('roster_employees')
    op.drop_index(op.f('ix_precedence_ranks_rank'), table_name='precedence_ranks')
    op.drop_table('precedence_ranks')
    op.drop_table('agenda_settings')
    op.drop_index(op.f('ix_agenda_events_status_starts_at'), table_name='agenda_events')
    op.drop_index(op.f('ix_agenda_events_starts_at_id'), table_name='agenda_events')
    op.drop_index('ix_agenda_events_public', table_name='agenda_events', postgresql_where=sa.text('is_public'))
    op.drop_table('agenda_events')
    replies.downgrade()
    drop_kit_tables(op, roster=True)
