#!/bin/sh
# Runs once, when the PostgreSQL volume is initialised (docker-entrypoint-initdb.d):
# creates the application role and one database per service, situok_<service>.
# `situok-admin create-databases` (the migrate-* services) creates any that a
# later service adds, so this list only has to cover the first start.
set -e

if [ -z "$SITUOK_DB_PASSWORD" ]; then
  echo "SITUOK_DB_PASSWORD is not set" >&2
  exit 1
fi

# The application role may create databases but is no superuser.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v app_password="$SITUOK_DB_PASSWORD" <<'SQL'
CREATE ROLE situok LOGIN CREATEDB PASSWORD :'app_password';
SQL

for service in $SITUOK_DATABASES; do
  case "$service" in
    *[!a-z0-9_]*|"") echo "invalid service name: $service" >&2; exit 1 ;;
  esac
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -c "CREATE DATABASE \"situok_$service\" OWNER situok"
  echo "created database situok_$service"
done
