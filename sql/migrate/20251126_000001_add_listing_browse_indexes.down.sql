-- schema: app
DROP INDEX app.listings_visible_location_created_at_idx;
DROP INDEX app.listings_visible_category_created_at_idx;
DROP INDEX app.listings_visible_price_desc_idx;
DROP INDEX app.listings_visible_price_idx;
DROP INDEX app.listings_visible_created_at_idx;
