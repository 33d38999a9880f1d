"""Initial assets schema: the kit's tables and the roster copy, the classification (Permendagri 108/2016 codes),
useful lives, buildings/floors/rooms, the register of items, their append-only history (a trigger refuses UPDATE
and DELETE), files, number counters and settings. The other areas' tables come in their own revisions.

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

HISTORY_TRIGGER = """
CREATE FUNCTION asset_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'asset_history is append-only: % refused', TG_OP USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER asset_history_append_only BEFORE UPDATE OR DELETE ON asset_history
  FOR EACH ROW EXECUTE FUNCTION asset_history_append_only();
"""


def upgrade() -> None:
    # the kit's tables: outbox, processed events, idempotency keys, roster_units, roster_sync_runs, rpc_requests
    create_kit_tables(op, roster=True)
    replies.upgrade()
    op.create_table('asset_codes',
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('kib', sa.String(length=1), nullable=True),
    sa.Column('level', sa.SmallInteger(), nullable=False),
    sa.Column('parent_code', sa.String(length=30), nullable=True),
    sa.Column('registrable', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('vehicle_wheels', sa.SmallInteger(), nullable=True),
    sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.CheckConstraint("kib IN ('A', 'B', 'C', 'D', 'E', 'F')", name=op.f('ck_asset_codes_kib')),
    sa.CheckConstraint('level BETWEEN 1 AND 7', name=op.f('ck_asset_codes_level')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_asset_codes'))
    )
    op.create_index(op.f('ix_asset_codes_parent_code'), 'asset_codes', ['parent_code'], unique=False)
    op.create_table('asset_settings',
    sa.Column('id', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.Column('bureau_name', sa.String(length=200), nullable=False),
    sa.Column('pengurus_barang_employee_id', sa.Integer(), nullable=True),
    sa.Column('handover_number_template', sa.String(length=120), nullable=False),
    sa.Column('census_number_template', sa.String(length=120), nullable=False),
    sa.Column('disposal_number_template', sa.String(length=120), nullable=False),
    sa.Column('unit_code', sa.String(length=60), nullable=False),
    sa.Column('depreciation_period', sa.String(length=10), server_default=sa.text("'year'"), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.CheckConstraint("depreciation_period IN ('year', 'semester')", name=op.f('ck_asset_settings_depreciation_period')),
    sa.CheckConstraint('id = 1', name=op.f('ck_asset_settings_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_asset_settings'))
    )
    op.create_table('buildings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('asset_id', sa.Integer(), nullable=True),
    sa.Column('bookable', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('facilities', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_buildings')),
    sa.UniqueConstraint('code', name=op.f('uq_buildings_code'))
    )
    op.create_table('number_counters',
    sa.Column('scope', sa.String(length=60), nullable=False),
    sa.Column('last_seq', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.PrimaryKeyConstraint('scope', name=op.f('pk_number_counters'))
    )
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
    op.create_table('useful_lives',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code_prefix', sa.String(length=30), nullable=False),
    sa.Column('years', sa.SmallInteger(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=True),
    sa.CheckConstraint('years >= 0', name=op.f('ck_useful_lives_years')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_useful_lives')),
    sa.UniqueConstraint('code_prefix', 'valid_from', name=op.f('uq_useful_lives_code_prefix_valid_from'))
    )
    op.create_table('floors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('building_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('level', sa.SmallInteger(), server_default=sa.text('1'), nullable=False),
    sa.ForeignKeyConstraint(['building_id'], ['buildings.id'], name=op.f('fk_floors_building_id_buildings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_floors')),
    sa.UniqueConstraint('building_id', 'name', name=op.f('uq_floors_building_id_name'))
    )
    op.create_table('rooms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('floor_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('person_in_charge_employee_id', sa.Integer(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('facilities', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False),
    sa.Column('bookable', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('capacity IS NULL OR capacity > 0', name=op.f('ck_rooms_capacity')),
    sa.ForeignKeyConstraint(['floor_id'], ['floors.id'], name=op.f('fk_rooms_floor_id_floors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rooms')),
    sa.UniqueConstraint('code', name=op.f('uq_rooms_code'))
    )
    op.create_index(op.f('ix_rooms_floor_id'), 'rooms', ['floor_id'], unique=False)
    op.create_table('assets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('register_number', sa.Integer(), nullable=False),
    sa.Column('kib', sa.String(length=1), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('acquisition_year', sa.SmallInteger(), nullable=False),
    sa.Column('acquisition_date', sa.Date(), nullable=True),
    sa.Column('acquisition_value', sa.BigInteger(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('condition', sa.String(length=2), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=True),
    sa.Column('holder_employee_id', sa.Integer(), nullable=True),
    sa.Column('details', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=10), server_default=sa.text("'active'"), nullable=False),
    sa.Column('odometer_km', sa.Integer(), nullable=True),
    sa.Column('label_printed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('registered_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('registered_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('disposed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("condition IN ('B', 'KB', 'RB')", name=op.f('ck_assets_condition')),
    sa.CheckConstraint("kib IN ('A', 'B', 'C', 'D', 'E', 'F')", name=op.f('ck_assets_kib')),
    sa.CheckConstraint("source IN ('apbd', 'apbn', 'hibah', 'tukar_menukar', 'ketentuan_hukum', 'lainnya')", name=op.f('ck_assets_source')),
    sa.CheckConstraint("status IN ('active', 'disposed')", name=op.f('ck_assets_status')),
    sa.CheckConstraint('acquisition_value >= 0', name=op.f('ck_assets_acquisition_value')),
    sa.CheckConstraint('acquisition_year BETWEEN 1900 AND 2100', name=op.f('ck_assets_acquisition_year')),
    sa.CheckConstraint('odometer_km IS NULL OR odometer_km >= 0', name=op.f('ck_assets_odometer_km')),
    sa.CheckConstraint('register_number > 0', name=op.f('ck_assets_register_number')),
    sa.ForeignKeyConstraint(['code'], ['asset_codes.code'], name=op.f('fk_assets_code_asset_codes')),
    sa.ForeignKeyConstraint(['room_id'], ['rooms.id'], name=op.f('fk_assets_room_id_rooms')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assets')),
    sa.UniqueConstraint('code', 'register_number', name=op.f('uq_assets_code_register_number'))
    )
    op.create_index('ix_assets_code_pattern', 'assets', ['code'], unique=False, postgresql_ops={'code': 'text_pattern_ops'})
    op.create_index(op.f('ix_assets_holder_employee_id'), 'assets', ['holder_employee_id'], unique=False)
    op.create_index(op.f('ix_assets_room_id'), 'assets', ['room_id'], unique=False)
    op.create_index('ix_assets_status_id', 'assets', ['status', 'id'], unique=False)
    op.create_index('ix_assets_status_kib_id', 'assets', ['status', 'kib', 'id'], unique=False)
    op.create_foreign_key('fk_buildings_asset_id_assets', 'buildings', 'assets', ['asset_id'], ['id'])
    op.create_table('asset_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('asset_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('caption', sa.String(length=300), nullable=True),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('thumbnail', sa.LargeBinary(), nullable=True),
    sa.Column('web_copy', sa.LargeBinary(), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('uploaded_by', sa.String(length=100), nullable=False),
    sa.CheckConstraint("kind IN ('photo', 'document')", name=op.f('ck_asset_files_kind')),
    sa.ForeignKeyConstraint(['asset_id'], ['assets.id'], name=op.f('fk_asset_files_asset_id_assets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_asset_files'))
    )
    op.create_index(op.f('ix_asset_files_asset_id'), 'asset_files', ['asset_id'], unique=False)
    op.create_table('asset_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('asset_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('from_room_id', sa.Integer(), nullable=True),
    sa.Column('to_room_id', sa.Integer(), nullable=True),
    sa.Column('from_holder_employee_id', sa.Integer(), nullable=True),
    sa.Column('to_holder_employee_id', sa.Integer(), nullable=True),
    sa.Column('from_condition', sa.String(length=2), nullable=True),
    sa.Column('to_condition', sa.String(length=2), nullable=True),
    sa.Column('odometer_km', sa.Integer(), nullable=True),
    sa.Column('reference_kind', sa.String(length=20), nullable=True),
    sa.Column('reference_id', sa.Integer(), nullable=True),
    sa.Column('reference_number', sa.String(length=120), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('data', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False),
    sa.CheckConstraint("kind IN ('registered', 'edited', 'moved', 'handed_over', 'returned', 'condition_changed', 'value_changed', 'maintenance', 'trip', 'census', 'disposal_proposed', 'disposed', 'file_added', 'imported')", name=op.f('ck_asset_history_kind')),
    sa.ForeignKeyConstraint(['asset_id'], ['assets.id'], name=op.f('fk_asset_history_asset_id_assets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_asset_history'))
    )
    op.create_index('ix_asset_history_asset_id_id', 'asset_history', ['asset_id', 'id'], unique=False)
    # the history is kept forever: no UPDATE or DELETE of a row, ever
    op.execute(HISTORY_TRIGGER)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS asset_history_append_only ON asset_history")
    op.execute("DROP FUNCTION IF EXISTS asset_history_append_only()")
    op.drop_index('ix_asset_history_asset_id_id', table_name='asset_history')
    op.drop_constraint('fk_buildings_asset_id_assets', 'buildings', type_='foreignkey')
    op.drop_table('asset_history')
    op.drop_index(op.f('ix_asset_files_asset_id'), table_name='asset_files')
    op.drop_table('asset_files')
    op.drop_index('ix_assets_status_kib_id', table_name='assets')
    op.drop_index('ix_assets_status_id', table_name='assets')
    op.drop_index(op.f('ix_assets_room_id'), table_name='assets')
    op.drop_index(op.f('ix_assets_holder_employee_id'), table_name='assets')
    op.drop_index('ix_assets_code_pattern', table_name='assets', postgresql_ops={'code': 'text_pattern_ops'})
    op.drop_table('assets')
    op.drop_index(op.f('ix_rooms_floor_id'), table_name='rooms')
    op.drop_table('rooms')
    op.drop_table('floors')
    op.drop_table('useful_lives')
    op.drop_index(op.f('ix_roster_employees_unit_id'), table_name='roster_employees')
    op.drop_index('ix_roster_employees_name_id', table_name='roster_employees')
    op.drop_table('roster_employees')
    op.drop_table('number_counters')
    op.drop_table('buildings')
    op.drop_table('asset_settings')
    op.drop_index(op.f('ix_asset_codes_parent_code'), table_name='asset_codes')
    op.drop_table('asset_codes')
    replies.downgrade()
    drop_kit_tables(op, roster=True)
