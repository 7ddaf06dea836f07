-- schema: master
DROP TRIGGER locations_notify_catalog_changed ON master.locations;
DROP TRIGGER categories_notify_catalog_changed ON master.categories;
DROP FUNCTION master.notify_catalog_changed();
