-- schema: app
ALTER TABLE app.listings DROP COLUMN renewed_at;
