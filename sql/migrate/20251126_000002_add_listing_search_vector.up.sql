-- schema: app
-- Full-text search with core PostgreSQL only (the embedded build ships no contrib extensions):
-- a stored generated tsvector, title weighted above description, behind a GIN index.
ALTER TABLE app.listings
  ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'B')
  ) STORED;
CREATE INDEX listings_search_vector_idx ON app.listings USING gin (search_vector);
