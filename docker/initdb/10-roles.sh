#!/bin/sh
# The postgres image runs this once, when it initialises an empty data directory: the
# application role (migrations grant it its rights) and the API's login role in it, named
# API_DB_USER with the password API_DB_PASSWORD. Safe to run again, e.g. on a volume made before
# it existed or after changing API_DB_PASSWORD (README: Docker):
#   docker-compose exec db sh /docker-entrypoint-initdb.d/10-roles.sh
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    --set=api_user="$API_DB_USER" --set=api_password="$API_DB_PASSWORD" <<'SQL'
SELECT 'CREATE ROLE classifieds_app NOLOGIN'
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'classifieds_app') \gexec
SELECT format('CREATE ROLE %I LOGIN', :'api_user')
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = :'api_user') \gexec
ALTER ROLE :"api_user" LOGIN PASSWORD :'api_password';
GRANT classifieds_app TO :"api_user";
SQL
