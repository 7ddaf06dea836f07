-- schema: public
-- Takes back every grant of the up file. The role itself stays: it belongs to the cluster, and
-- other databases on it (each test database, a staging copy) may still grant it their tables,
-- so dropping it here would fail there or break them. `DROP ROLE classifieds_app` by hand
-- removes it once no database uses it.
ALTER DEFAULT PRIVILEGES IN SCHEMA auth, app REVOKE USAGE ON SEQUENCES FROM classifieds_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA auth, app
  REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM classifieds_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA master REVOKE SELECT ON TABLES FROM classifieds_app;

REVOKE SELECT, INSERT ON app.listing_flags FROM classifieds_app;
REVOKE SELECT, INSERT, DELETE ON app.favorites FROM classifieds_app;
REVOKE SELECT, INSERT, UPDATE, DELETE ON app.listings, app.listing_images FROM classifieds_app;

REVOKE USAGE ON SEQUENCE auth.rate_limit_hits_id_seq FROM classifieds_app;
REVOKE SELECT, INSERT, DELETE ON auth.rate_limit_hits FROM classifieds_app;
REVOKE SELECT, INSERT, UPDATE ON auth.phone_verifications FROM classifieds_app;
REVOKE SELECT, INSERT, UPDATE, DELETE ON auth.session FROM classifieds_app;
REVOKE SELECT, INSERT, UPDATE ON auth.user FROM classifieds_app;

REVOKE SELECT ON master.categories, master.locations FROM classifieds_app;

REVOKE USAGE ON SCHEMA auth, master, app FROM classifieds_app;
