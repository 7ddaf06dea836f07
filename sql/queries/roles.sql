-- name: ensure_embedded_login_role!
-- Creates the embedded server's login role when missing and makes it a member of the application
-- role (which migration create_app_role creates). Trust authentication: no password.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'classifieds_api') THEN
    CREATE ROLE classifieds_api LOGIN;
  END IF;
END
$$;
GRANT classifieds_app TO classifieds_api;

-- name: connected_role_powers
-- Returns one row: the connected role, whether it is a superuser, and whether it may act as the
-- owner of a schema or table of the project (owning, or inheriting from the owner).
SELECT r.rolname AS role,
       r.rolsuper AS superuser,
       EXISTS (
         SELECT 1 FROM pg_catalog.pg_tables AS t
         WHERE t.schemaname IN ('auth', 'master', 'app', 'public')
           AND pg_catalog.pg_has_role(current_user, t.tableowner, 'USAGE')
       ) OR EXISTS (
         SELECT 1 FROM pg_catalog.pg_namespace AS n
         WHERE n.nspname IN ('auth', 'master', 'app')
           AND pg_catalog.pg_has_role(current_user, n.nspowner, 'USAGE')
       ) AS owner
FROM pg_catalog.pg_roles AS r
WHERE r.rolname = current_user;
