-- schema: app
-- Reverses 20261130_001526_create_listing_views.up.sql
DROP TABLE app.listing_views;
