CREATE TABLE idempotency_keys (
	scope VARCHAR(120) NOT NULL,
	key VARCHAR(200) NOT NULL,
	request_hash VARCHAR(64) NOT NULL,
	response JSONB NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
	CONSTRAINT pk_idempotency_keys PRIMARY KEY (scope, key)
)

CREATE TABLE outbox_events (
	id BIGSERIAL NOT NULL,
	event_id VARCHAR(36) NOT NULL,
	event_type VARCHAR(120) NOT NULL,
	envelope JSONB NOT NULL,
	headers JSONB DEFAULT '{}'::jsonb NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
	published_at TIMESTAMP WITH TIME ZONE,
	attempts INTEGER DEFAULT 0 NOT NULL,
	last_error TEXT,
	CONSTRAINT pk_outbox_events PRIMARY KEY (id),
	CONSTRAINT uq_outbox_events_event_id UNIQUE (event_id)
)

CREATE INDEX ix_outbox_events_unpublished ON outbox_events (id) WHERE published_at IS NULL

CREATE TABLE processed_events (
	event_id VARCHAR(36) NOT NULL,
	handler VARCHAR(200) NOT NULL,
	processed_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
	CONSTRAINT pk_processed_events PRIMARY KEY (event_id, handler)
)

CREATE TABLE roster_sync_runs (
	id SERIAL NOT NULL,
	employees INTEGER NOT NULL,
	org_units INTEGER NOT NULL,
	finished_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
	CONSTRAINT pk_roster_sync_runs PRIMARY KEY (id)
)

CREATE TABLE roster_units (
	id INTEGER NOT NULL,
	code VARCHAR(40) NOT NULL,
	name VARCHAR(200) NOT NULL,
	kind VARCHAR(20) NOT NULL,
	parent_id INTEGER,
	active BOOLEAN DEFAULT true NOT NULL,
	synced_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
	CONSTRAINT pk_roster_units PRIMARY KEY (id)
)

CREATE INDEX ix_roster_units_parent_id ON roster_units (parent_id)
