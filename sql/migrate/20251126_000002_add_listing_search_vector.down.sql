-- schema: app
DROP INDEX app.listings_search_vector_idx;
ALTER TABLE app.listings DROP COLUMN search_vector;
