-- schema: app
-- PostgreSQL indexes the referenced side of a foreign key, not the referencing one: without
-- these, deleting a user or a listing scans the child tables, and per-parent lookups do too.
CREATE INDEX session_user_id_idx ON auth.session (user_id);
CREATE INDEX phone_verifications_user_id_idx ON auth.phone_verifications (user_id, created_at DESC);
CREATE INDEX categories_parent_id_idx ON master.categories (parent_id);
CREATE INDEX listings_user_id_idx ON app.listings (user_id, created_at DESC, id DESC);
CREATE INDEX listings_category_id_idx ON app.listings (category_id);
CREATE INDEX listings_location_id_idx ON app.listings (location_id);
CREATE INDEX listing_images_listing_id_idx ON app.listing_images (listing_id, display_order, id);
CREATE INDEX favorites_listing_id_idx ON app.favorites (listing_id);
CREATE INDEX favorites_user_id_created_at_idx ON app.favorites (user_id, created_at DESC, id DESC);
