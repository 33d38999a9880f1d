"""Fixtures for the kit's integration tests: a throwaway vhost and database on the real servers."""
from __future__ import annotations

import pytest
from situok_kit import testing
from situok_kit.migrate import create_database, drop_database
from situok_kit.tables import add_kit_tables
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine


@pytest.fixture
def amqp_uri(infra):
    with testing.temporary_vhost(infra.amqp_uri, "situok_kit") as uri:
        yield uri


@pytest.fixture
def container_factory(amqp_uri, db_url):
    """Nameko's fixture, re-declared so containers are killed before their vhost and database go."""
    from nameko.containers import ServiceContainer

    containers = []

    def make(service_cls, config):
        container = ServiceContainer(service_cls, config)
        containers.append(container)
        return container

    yield make
    for container in containers:
        container.kill()


@pytest.fixture
def kit_metadata():
    metadata = MetaData()
    Table("notes", metadata, Column("id", Integer, primary_key=True), Column("text", String(200), nullable=False))
    add_kit_tables(metadata)
    return metadata


@pytest.fixture
def db_url(infra, kit_metadata):
    url = testing.database_url_for(infra.pg_url, testing.unique_name("situok_kit"))
    create_database(url)
    engine = create_engine(url)
    kit_metadata.create_all(engine)
    engine.dispose()
    yield url
    drop_database(url)
