-- schema: master
-- The server keeps the category tree and the locations in memory (they change rarely and are
-- read by nearly every request); any change to them notifies channel `catalog_changed`, on
-- which every server process drops its copy.
CREATE FUNCTION master.notify_catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('catalog_changed', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;
CREATE TRIGGER categories_notify_catalog_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON master.categories
  FOR EACH STATEMENT EXECUTE FUNCTION master.notify_catalog_changed();
CREATE TRIGGER locations_notify_catalog_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON master.locations
  FOR EACH STATEMENT EXECUTE FUNCTION master.notify_catalog_changed();
