-- schema: app
-- Renewal is refused within 48 hours of creation or of the previous renewal.
ALTER TABLE app.listings ADD COLUMN renewed_at TIMESTAMP;
