-- schema: app
DROP FUNCTION app.visible_listings(uuid, uuid[], text, uuid, text, numeric, numeric, boolean, timestamp);
