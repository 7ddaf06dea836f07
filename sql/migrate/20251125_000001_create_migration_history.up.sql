-- schema: public
-- The runner bootstraps this same table before its first run; IF NOT EXISTS keeps both in step.
CREATE TABLE IF NOT EXISTS public.migration_history (
  id SERIAL PRIMARY KEY,
  name VARCHAR(255) NOT NULL UNIQUE,
  type VARCHAR(50) NOT NULL,
  executed_at TIMESTAMP DEFAULT NOW() NOT NULL,
  checksum VARCHAR(64)
);
