"""Initial booking schema: the kit's tables and the roster copy, resources (from assets or entered here),
their blocks (blackouts, maintenance windows), the settings, series, bookings — the exclusion constraint
``ex_bookings_no_overlap`` (btree_gist) keeps two approved bookings of one resource from overlapping, buffers
included — and their steps. The other areas' tables come in their own revisions.

Revision ID: 0001
Revises:
Create Date: 2026-12-03
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
    # btree_gist: equality on the resource id inside the exclusion constraint (a trusted extension: the
    # database's owner creates it)
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    # the kit's tables: outbox, processed events, idempotency keys, roster copy, rpc_requests
    create_kit_tables(op, roster=True)
    replies.upgrade()
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
    op.create_table('booking_settings',
    sa.Column('id', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.Column('room_approver_role', sa.String(length=30), server_default=sa.text("'kepala_bagian'"), nullable=False),
    sa.Column('building_approver_role', sa.String(length=30), server_default=sa.text("'kepala_bagian'"), nullable=False),
    sa.Column('vehicle_approver_role', sa.String(length=30), server_default=sa.text("'kepala_bagian'"), nullable=False),
    sa.Column('overdue_grace_minutes', sa.Integer(), server_default=sa.text('30'), nullable=False),
    sa.Column('guest_requests_per_hour', sa.Integer(), server_default=sa.text('5'), nullable=False),
    sa.Column('guest_max_days', sa.Integer(), server_default=sa.text('3'), nullable=False),
    sa.Column('guest_horizon_days', sa.Integer(), server_default=sa.text('180'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.CheckConstraint('id = 1', name=op.f('ck_booking_settings_one_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_settings'))
    )
    op.create_table('resources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('source', sa.String(length=10), server_default=sa.text("'local'"), nullable=False),
    sa.Column('resource_key', sa.String(length=60), nullable=True),
    sa.Column('asset_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=True),
    sa.Column('location', sa.String(length=200), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('facilities', postgresql.ARRAY(sa.String(length=40)), server_default=sa.text("'{}'"), nullable=False),
    sa.Column('brand', sa.String(length=120), nullable=True),
    sa.Column('fuel', sa.String(length=40), nullable=True),
    sa.Column('odometer_km', sa.Integer(), nullable=True),
    sa.Column('condition', sa.String(length=2), nullable=True),
    sa.Column('asset_available', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('under_maintenance', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('withdrawn_reason', sa.String(length=20), nullable=True),
    sa.Column('manager_employee_id', sa.Integer(), nullable=True),
    sa.Column('approver_role', sa.String(length=30), nullable=True),
    sa.Column('buffer_before_minutes', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('buffer_after_minutes', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('guest_bookable', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.CheckConstraint("condition IN ('B', 'KB', 'RB')", name=op.f('ck_resources_condition')),
    sa.CheckConstraint("kind IN ('room', 'building', 'vehicle')", name=op.f('ck_resources_kind')),
    sa.CheckConstraint("source = 'local' OR resource_key IS NOT NULL", name=op.f('ck_resources_assets_key')),
    sa.CheckConstraint("source IN ('local', 'assets')", name=op.f('ck_resources_source')),
    sa.CheckConstraint("withdrawn_reason IN ('disposed', 'not_bookable', 'inactive')", name=op.f('ck_resources_withdrawn_reason')),
    sa.CheckConstraint('buffer_after_minutes BETWEEN 0 AND 1440', name=op.f('ck_resources_buffer_after')),
    sa.CheckConstraint('buffer_before_minutes BETWEEN 0 AND 1440', name=op.f('ck_resources_buffer_before')),
    sa.CheckConstraint('capacity IS NULL OR capacity >= 0', name=op.f('ck_resources_capacity')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resources'))
    )
    op.create_index(op.f('ix_resources_kind_name_id'), 'resources', ['kind', 'name', 'id'], unique=False)
    op.create_index(op.f('ix_resources_resource_key'), 'resources', ['resource_key'], unique=True)
    op.create_table('booking_series',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resource_id', sa.Integer(), nullable=False),
    sa.Column('requester_employee_id', sa.Integer(), nullable=True),
    sa.Column('requester_unit_id', sa.Integer(), nullable=True),
    sa.Column('frequency', sa.String(length=10), nullable=False),
    sa.Column('interval', sa.SmallInteger(), server_default=sa.text('1'), nullable=False),
    sa.Column('weekdays', postgresql.ARRAY(sa.SmallInteger()), nullable=True),
    sa.Column('month_day', sa.SmallInteger(), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('until_on', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('end_time', sa.Time(), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('participants', sa.Integer(), nullable=True),
    sa.Column('contact_name', sa.String(length=200), nullable=True),
    sa.Column('contact_phone', sa.String(length=40), nullable=True),
    sa.Column('status', sa.String(length=10), server_default=sa.text("'active'"), nullable=False),
    sa.Column('split_from_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=True),
    sa.CheckConstraint("frequency IN ('weekly', 'monthly')", name=op.f('ck_booking_series_frequency')),
    sa.CheckConstraint("status IN ('active', 'ended', 'cancelled')", name=op.f('ck_booking_series_status')),
    sa.CheckConstraint('end_time > start_time', name=op.f('ck_booking_series_times')),
    sa.CheckConstraint('interval BETWEEN 1 AND 12', name=op.f('ck_booking_series_interval')),
    sa.CheckConstraint('until_on >= starts_on', name=op.f('ck_booking_series_period')),
    sa.ForeignKeyConstraint(['resource_id'], ['resources.id'], name=op.f('fk_booking_series_resource_id_resources')),
    sa.ForeignKeyConstraint(['split_from_id'], ['booking_series.id'], name=op.f('fk_booking_series_split_from_id_booking_series')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_series'))
    )
    op.create_index(op.f('ix_booking_series_requester_employee_id_id'), 'booking_series', ['requester_employee_id', 'id'], unique=False)
    op.create_table('resource_blocks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resource_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('source_ref', sa.String(length=60), nullable=True),
    sa.Column('created_by', sa.String(length=100), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("kind IN ('blackout', 'maintenance')", name=op.f('ck_resource_blocks_kind')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_resource_blocks_period')),
    sa.ForeignKeyConstraint(['resource_id'], ['resources.id'], name=op.f('fk_resource_blocks_resource_id_resources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resource_blocks'))
    )
    op.create_index(op.f('ix_resource_blocks_resource_id_starts_at'), 'resource_blocks', ['resource_id', 'starts_at'], unique=False)
    op.create_index(op.f('ix_resource_blocks_source_ref'), 'resource_blocks', ['source_ref'], unique=True)
    op.create_table('bookings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resource_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=10), server_default=sa.text("'staff'"), nullable=False),
    sa.Column('series_id', sa.Integer(), nullable=True),
    sa.Column('occurrence_start', sa.DateTime(timezone=True), nullable=True),
    sa.Column('detached', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('requester_employee_id', sa.Integer(), nullable=True),
    sa.Column('requester_unit_id', sa.Integer(), nullable=True),
    sa.Column('travel_order_id', sa.Integer(), nullable=True),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('occupied_from', sa.DateTime(timezone=True), nullable=False),
    sa.Column('occupied_to', sa.DateTime(timezone=True), nullable=False),
    sa.Column('participants', sa.Integer(), nullable=True),
    sa.Column('passengers', sa.Integer(), nullable=True),
    sa.Column('destination', sa.String(length=200), nullable=True),
    sa.Column('contact_name', sa.String(length=200), nullable=True),
    sa.Column('contact_phone', sa.String(length=40), nullable=True),
    sa.Column('needs_driver', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('status', sa.String(length=10), server_default=sa.text("'pending'"), nullable=False),
    sa.Column('decided_by_employee_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=True),
    sa.Column('cancelled_by', sa.String(length=100), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancel_reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    postgresql.ExcludeConstraint((sa.column('resource_id'), '='), (sa.text("tstzrange(occupied_from, occupied_to, '[)')"), '&&'), where=sa.text("status = 'approved'"), using='gist', name='ex_bookings_no_overlap'),
    sa.CheckConstraint("source <> 'staff' OR requester_employee_id IS NOT NULL", name=op.f('ck_bookings_staff_requester')),
    sa.CheckConstraint("source IN ('staff', 'guest', 'travel')", name=op.f('ck_bookings_source')),
    sa.CheckConstraint("status IN ('pending', 'approved', 'rejected', 'cancelled')", name=op.f('ck_bookings_status')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_bookings_period')),
    sa.CheckConstraint('occupied_from <= starts_at AND occupied_to >= ends_at', name=op.f('ck_bookings_occupied')),
    sa.CheckConstraint('participants IS NULL OR participants >= 1', name=op.f('ck_bookings_participants')),
    sa.CheckConstraint('passengers IS NULL OR passengers >= 1', name=op.f('ck_bookings_passengers')),
    sa.ForeignKeyConstraint(['resource_id'], ['resources.id'], name=op.f('fk_bookings_resource_id_resources')),
    sa.ForeignKeyConstraint(['series_id'], ['booking_series.id'], name=op.f('fk_bookings_series_id_booking_series')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bookings')),
    sa.UniqueConstraint('series_id', 'occurrence_start', name='uq_bookings_series_occurrence')
    )
    op.create_index(op.f('ix_bookings_requester_employee_id_id'), 'bookings', ['requester_employee_id', 'id'], unique=False)
    op.create_index(op.f('ix_bookings_resource_id_starts_at'), 'bookings', ['resource_id', 'starts_at'], unique=False)
    op.create_index('ix_bookings_resource_period', 'bookings', ['resource_id', sa.literal_column("tstzrange(occupied_from, occupied_to, '[)')")], unique=False, postgresql_using='gist', postgresql_where=sa.text("status IN ('pending', 'approved')"))
    op.create_index(op.f('ix_bookings_status_id'), 'bookings', ['status', 'id'], unique=False)
    op.create_table('booking_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('booking_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('actor_employee_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['booking_id'], ['bookings.id'], name=op.f('fk_booking_steps_booking_id_bookings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_steps'))
    )
    op.create_index(op.f('ix_booking_steps_booking_id_id'), 'booking_steps', ['booking_id', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_booking_steps_booking_id_id'), table_name='booking_steps')
    op.drop_table('booking_steps')
    op.drop_index(op.f('ix_bookings_status_id'), table_name='bookings')
    op.drop_index('ix_bookings_resource_period', table_name='bookings', postgresql_using='gist', postgresql_where=sa.text("status IN ('pending', 'approved')"))
    op.drop_index(op.f('ix_bookings_resource_id_starts_at'), table_name='bookings')
    op.drop_index(op.f('ix_bookings_requester_employee_id_id'), table_name='bookings')
    op.drop_table('bookings')
    op.drop_index(op.f('ix_resource_blocks_source_ref'), table_name='resource_blocks')
    op.drop_index(op.f('ix_resource_blocks_resource_id_starts_at'), table_name='resource_blocks')
    op.drop_table('resource_blocks')
    op.drop_index(op.f('ix_booking_series_requester_employee_id_id'), table_name='booking_series')
    op.drop_table('booking_series')
    op.drop_index(op.f('ix_resources_resource_key'), table_name='resources')
    op.drop_index(op.f('ix_resources_kind_name_id'), table_name='resources')
    op.drop_table('resources')
    op.drop_table('booking_settings')
    op.drop_index('ix_roster_employees_name_id', table_name='roster_employees')
    op.drop_index(op.f('ix_roster_employees_unit_id'), table_name='roster_employees')
    op.drop_table('roster_employees')
    replies.downgrade()
    drop_kit_tables(op, roster=True)
