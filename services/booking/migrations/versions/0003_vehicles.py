"""booking: the vehicles area's tables — drivers, their absences, vehicle trips (one trip at a time per driver: an exclusion constraint), travel's reservations.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('booking_drivers',
    sa.Column('employee_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('work_days', postgresql.ARRAY(sa.SmallInteger()), server_default=sa.text("'{1,2,3,4,5}'"), nullable=False),
    sa.Column('work_start', sa.Time(), server_default=sa.text("'07:30'"), nullable=False),
    sa.Column('work_end', sa.Time(), server_default=sa.text("'16:00'"), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.CheckConstraint('work_days <@ ARRAY[1,2,3,4,5,6,7]::smallint[]', name=op.f('ck_booking_drivers_work_days')),
    sa.CheckConstraint('work_end > work_start', name=op.f('ck_booking_drivers_hours')),
    sa.PrimaryKeyConstraint('employee_id', name=op.f('pk_booking_drivers'))
    )
    op.create_table('booking_driver_absences',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('driver_employee_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('created_by', sa.String(length=100), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("kind IN ('leave', 'sick', 'training', 'other')", name=op.f('ck_booking_driver_absences_kind')),
    sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_booking_driver_absences_period')),
    sa.ForeignKeyConstraint(['driver_employee_id'], ['booking_drivers.employee_id'], name=op.f('fk_booking_driver_absences_driver_employee_id_booking_drivers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_driver_absences'))
    )
    op.create_index(op.f('ix_booking_driver_absences_driver_employee_id_starts_on'), 'booking_driver_absences', ['driver_employee_id', 'starts_on'], unique=False)
    op.create_table('booking_trips',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('booking_id', sa.Integer(), nullable=False),
    sa.Column('resource_id', sa.Integer(), nullable=False),
    sa.Column('driver_employee_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=12), server_default=sa.text("'assigned'"), nullable=False),
    sa.Column('assigned_by', sa.String(length=100), nullable=True),
    sa.Column('checked_out_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('checked_out_by', sa.String(length=100), nullable=True),
    sa.Column('odometer_out', sa.Integer(), nullable=True),
    sa.Column('fuel_out', sa.SmallInteger(), nullable=True),
    sa.Column('notes_out', sa.Text(), nullable=True),
    sa.Column('returned_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('returned_by', sa.String(length=100), nullable=True),
    sa.Column('odometer_in', sa.Integer(), nullable=True),
    sa.Column('fuel_in', sa.SmallInteger(), nullable=True),
    sa.Column('damage', sa.Text(), nullable=True),
    sa.Column('notes_in', sa.Text(), nullable=True),
    sa.Column('flagged_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    postgresql.ExcludeConstraint((sa.column('driver_employee_id'), '='), (sa.text('tstzrange(starts_at, ends_at)'), '&&'), where=sa.text("status <> 'cancelled'"), using='gist', name='ex_trips_driver_no_overlap'),
    sa.CheckConstraint("status IN ('assigned', 'checked_out', 'returned', 'cancelled')", name=op.f('ck_booking_trips_status')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_booking_trips_period')),
    sa.CheckConstraint('fuel_in IS NULL OR fuel_in BETWEEN 0 AND 8', name=op.f('ck_booking_trips_fuel_in')),
    sa.CheckConstraint('fuel_out IS NULL OR fuel_out BETWEEN 0 AND 8', name=op.f('ck_booking_trips_fuel_out')),
    sa.CheckConstraint('odometer_in IS NULL OR odometer_out IS NULL OR odometer_in >= odometer_out', name=op.f('ck_booking_trips_odometer_in')),
    sa.CheckConstraint('odometer_out IS NULL OR odometer_out >= 0', name=op.f('ck_booking_trips_odometer_out')),
    sa.ForeignKeyConstraint(['booking_id'], ['bookings.id'], name=op.f('fk_booking_trips_booking_id_bookings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['driver_employee_id'], ['booking_drivers.employee_id'], name=op.f('fk_booking_trips_driver_employee_id_booking_drivers')),
    sa.ForeignKeyConstraint(['resource_id'], ['resources.id'], name=op.f('fk_booking_trips_resource_id_resources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_trips'))
    )
    op.create_index(op.f('ix_booking_trips_booking_id'), 'booking_trips', ['booking_id'], unique=True)
    op.create_index(op.f('ix_booking_trips_driver_employee_id_starts_at'), 'booking_trips', ['driver_employee_id', 'starts_at'], unique=False)
    op.create_index(op.f('ix_booking_trips_status_ends_at'), 'booking_trips', ['status', 'ends_at'], unique=False)
    op.create_table('booking_travel_reservations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('travel_order_id', sa.Integer(), nullable=False),
    sa.Column('order_number', sa.String(length=100), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('booking_id', sa.Integer(), nullable=True),
    sa.Column('requester_employee_id', sa.Integer(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("status IN ('reserved', 'unavailable', 'cancelled')", name=op.f('ck_booking_travel_reservations_status')),
    sa.ForeignKeyConstraint(['booking_id'], ['bookings.id'], name=op.f('fk_booking_travel_reservations_booking_id_bookings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_travel_reservations'))
    )
    op.create_index(op.f('ix_booking_travel_reservations_booking_id'), 'booking_travel_reservations', ['booking_id'], unique=False)
    op.create_index(op.f('ix_booking_travel_reservations_travel_order_id'), 'booking_travel_reservations', ['travel_order_id'], unique=True)


def downgrade() -> None:
    op.drop_table('booking_travel_reservations')
    op.drop_table('booking_trips')
    op.drop_table('booking_driver_absences')
    op.drop_table('booking_drivers')
