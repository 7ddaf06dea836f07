-- name: all_categories
-- The whole category tree, by name: the in-memory catalogue keeps this order for lists.
SELECT c.id, c.name, c.slug, c.parent_id, c.created_at
FROM master.categories AS c
ORDER BY c.name, c.id;

-- name: all_locations
-- Every location, by state then city: the in-memory catalogue keeps this order for lists.
SELECT loc.id, loc.city, loc.state, loc.country, loc.slug, loc.created_at
FROM master.locations AS loc
ORDER BY loc.state, loc.city, loc.id;

-- name: listen_catalog_changed!
-- Subscribe this session to catalogue change notifications.
LISTEN catalog_changed;

-- name: ping
-- Proves a quiet connection (the catalogue listener's) is still alive.
SELECT 1;
