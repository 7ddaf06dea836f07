-- name: set_session_settings
-- Sets each named server setting to its value for the rest of the session; returns one row per
-- setting.
SELECT pg_catalog.set_config(s.name, s.value, false)
FROM unnest(%(names)s::text[], %(values)s::text[]) AS s(name, value);

-- name: role_defaults_here
-- Returns one row: the current database, and the connected login role's defaults in it as
-- `name=value` texts (empty when it has none).
SELECT current_database() AS database,
       coalesce((
         SELECT s.setconfig
         FROM pg_catalog.pg_db_role_setting AS s
         WHERE s.setrole = (SELECT r.oid FROM pg_catalog.pg_roles AS r WHERE r.rolname = current_user)
           AND s.setdatabase = (
             SELECT d.oid FROM pg_catalog.pg_database AS d WHERE d.datname = current_database()
           )
       ), '{}') AS defaults;
