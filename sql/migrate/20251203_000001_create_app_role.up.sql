-- schema: public
-- The application role the server connects through (README: Roles): NOLOGIN, granted exactly
-- the reads and writes of sql/queries/, schema by schema, and no DDL; the server logs in as a
-- member of it. Roles belong to the cluster, not to a database, so it is created only when
-- missing (every database on the cluster, each test database among them, shares it and grants
-- it its own tables) and a concurrent run that created it first is no error. A migration role
-- without CREATEROLE needs the role made beforehand (the docker-compose init script does).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'classifieds_app') THEN
    BEGIN
      CREATE ROLE classifieds_app NOLOGIN;
    EXCEPTION
      WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA auth, master, app TO classifieds_app;

-- master: reference data, read only.
GRANT SELECT ON master.categories, master.locations TO classifieds_app;

-- auth: accounts are never deleted by the server; sessions and rate-limit hits are.
GRANT SELECT, INSERT, UPDATE ON auth.user TO classifieds_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON auth.session TO classifieds_app;
GRANT SELECT, INSERT, UPDATE ON auth.phone_verifications TO classifieds_app;
GRANT SELECT, INSERT, DELETE ON auth.rate_limit_hits TO classifieds_app;
GRANT USAGE ON SEQUENCE auth.rate_limit_hits_id_seq TO classifieds_app;

-- app: listings and their images change in place; favorites come and go; flags only come.
-- (Deleting a listing removes its favorites and flags by ON DELETE CASCADE, which PostgreSQL
-- runs with the owner's rights.)
GRANT SELECT, INSERT, UPDATE, DELETE ON app.listings, app.listing_images TO classifieds_app;
GRANT SELECT, INSERT, DELETE ON app.favorites TO classifieds_app;
GRANT SELECT, INSERT ON app.listing_flags TO classifieds_app;

-- Tables and sequences that later migrations create (as the role running this one): read in
-- master, read and write in auth and app. A migration that needs less revokes the rest.
ALTER DEFAULT PRIVILEGES IN SCHEMA master GRANT SELECT ON TABLES TO classifieds_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA auth, app
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO classifieds_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA auth, app GRANT USAGE ON SEQUENCES TO classifieds_app;
