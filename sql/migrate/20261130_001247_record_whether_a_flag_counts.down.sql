-- schema: app
-- Reverses 20261130_001247_record_whether_a_flag_counts.up.sql
ALTER TABLE app.listing_flags DROP COLUMN counts;
