-- schema: auth
-- Sliding-window rate limits shared by every server process: one row per counted event.
CREATE TABLE auth.rate_limit_hits (
  id BIGSERIAL PRIMARY KEY,
  bucket VARCHAR(50) NOT NULL,
  subject TEXT NOT NULL,
  hit_at TIMESTAMPTZ DEFAULT now() NOT NULL
);
CREATE INDEX rate_limit_hits_bucket_subject_hit_at_idx ON auth.rate_limit_hits (bucket, subject, hit_at DESC);
