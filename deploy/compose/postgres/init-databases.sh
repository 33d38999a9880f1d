#!/bin/sh
# Per-service PostgreSQL roles and databases, least privilege; safe to run again (it runs on every start).
#
# For every name in SITUOK_DATABASES (postgres/databases.env, generated from the list of services):
#   situok_<name>_owner  owns the database situok_<name> and its schema: the migrate-<name> step (Alembic, the
#                        reference seed) logs in as it. Password: SITUOK_DB_OWNER_PASSWORD_<NAME>.
#   situok_<name>        the service itself: CONNECT to its own database only, and SELECT, INSERT, UPDATE,
#                        DELETE on its tables and sequences (default privileges cover the tables later
#                        migrations create): no DDL. Password: SITUOK_DB_PASSWORD_<NAME>.
# Neither role is a superuser or may create databases or roles; PUBLIC loses CONNECT on the database and
# CREATE on its public schema, so no other service's role gets in. Passwords are (re)set on every run.
#
# Connects with libpq's variables (PGHOST, PGPORT, PGUSER, PGPASSWORD): a superuser, or a role with
# CREATEROLE and CREATEDB on a managed server. Compose: the one-shot postgres-roles; Kubernetes: the Job
# database-roles (generated: tools/deploy_files.py copies this file there).
set -eu

: "${SITUOK_DATABASES:?SITUOK_DATABASES is not set (postgres/databases.env)}"

for service in $SITUOK_DATABASES; do
  case "$service" in
    *[!a-z0-9_]*|"") echo "invalid service name: $service" >&2; exit 1 ;;
  esac
  upper=$(printf '%s' "$service" | tr 'a-z' 'A-Z')
  eval "app_password=\${SITUOK_DB_PASSWORD_$upper:-}"
  eval "owner_password=\${SITUOK_DB_OWNER_PASSWORD_$upper:-}"
  if [ -z "$app_password" ] || [ -z "$owner_password" ]; then
    echo "SITUOK_DB_PASSWORD_$upper and SITUOK_DB_OWNER_PASSWORD_$upper must both be set" >&2
    exit 1
  fi
  psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet --dbname postgres \
       -v db="situok_$service" -v owner="situok_${service}_owner" -v app="situok_$service" \
       -v owner_password="$owner_password" -v app_password="$app_password" <<'SQL'
SELECT format('CREATE ROLE %I', :'owner') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I', :'app') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app') \gexec
ALTER ROLE :"owner" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'owner_password';
ALTER ROLE :"app" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'app_password';
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
ALTER DATABASE :"db" OWNER TO :"owner";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"app";
\connect :"db"
ALTER SCHEMA public OWNER TO :"owner";
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO :"app";
SQL
  echo "database situok_$service: owner situok_${service}_owner, service role situok_$service"
done
