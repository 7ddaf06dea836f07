-- schema: app
DROP FUNCTION app.listing_is_visible(boolean, boolean, timestamp);
