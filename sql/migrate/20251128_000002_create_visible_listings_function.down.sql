-- schema: app
DROP FUNCTION app.visible_listings(text, text, uuid, text, numeric, numeric, boolean, timestamp);
