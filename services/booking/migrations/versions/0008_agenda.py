"""booking: agenda's rooms — ``booking_agenda_reservations`` (one booking per agenda reference) and the
bookings' new ``source`` ``agenda``.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('booking_agenda_reservations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=40), nullable=False),
    sa.Column('booking_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['booking_id'], ['bookings.id'],
                            name=op.f('fk_booking_agenda_reservations_booking_id_bookings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_agenda_reservations'))
    )
    op.create_index(op.f('ix_booking_agenda_reservations_booking_id'), 'booking_agenda_reservations',
                    ['booking_id'], unique=False)
    op.create_index(op.f('ix_booking_agenda_reservations_reference'), 'booking_agenda_reservations',
                    ['reference'], unique=True)
    op.drop_constraint(op.f('ck_bookings_source'), 'bookings', type_='check')
    op.create_check_constraint(op.f('ck_bookings_source'), 'bookings',
                               "source IN ('staff', 'guest', 'travel', 'agenda')")


def downgrade() -> None:
    # agenda's bookings go with their table (their steps cascade): the old check cannot hold them
    op.drop_index(op.f('ix_booking_agenda_reservations_reference'), table_name='booking_agenda_reservations')
    op.drop_index(op.f('ix_booking_agenda_reservations_booking_id'), table_name='booking_agenda_reservations')
    op.drop_table('booking_agenda_reservations')
    op.execute("DELETE FROM bookings WHERE source = 'agenda'")
    op.drop_constraint(op.f('ck_bookings_source'), 'bookings', type_='check')
    op.create_check_constraint(op.f('ck_bookings_source'), 'bookings', "source IN ('staff', 'guest', 'travel')")
