-- name: create_migration_history!
-- Creates the history table if missing; the runner owns it, no migration creates or drops it.
CREATE TABLE IF NOT EXISTS public.migration_history (
  id SERIAL PRIMARY KEY,
  name VARCHAR(255) NOT NULL UNIQUE,
  type VARCHAR(50) NOT NULL,
  executed_at TIMESTAMP DEFAULT NOW() NOT NULL,
  checksum VARCHAR(64)
);

-- name: add_migration_history_checksum!
-- Adds the checksum column to a history table created by an older tool without it.
ALTER TABLE public.migration_history ADD COLUMN IF NOT EXISTS checksum VARCHAR(64);

-- name: migration_history_exists
-- Returns one row, true when public.migration_history exists.
SELECT to_regclass('public.migration_history') IS NOT NULL AS present;

-- name: list_migration_history
-- Returns every history row, oldest name first.
SELECT name, type AS kind, checksum
FROM public.migration_history
ORDER BY name;

-- name: insert_migration_history!
-- Records one applied file.
INSERT INTO public.migration_history (name, type, checksum)
VALUES (%(name)s, %(kind)s, %(checksum)s);

-- name: delete_migration_history!
-- Forgets one rolled-back file.
DELETE FROM public.migration_history
WHERE name = %(name)s AND type = %(kind)s;

-- name: acquire_migration_lock
-- Waits for the session-level advisory lock that serialises migration runners (fixed key).
SELECT pg_advisory_lock(4417802536640551911);

-- name: release_migration_lock
-- Releases the runner lock before the session ends.
SELECT pg_advisory_unlock(4417802536640551911);
