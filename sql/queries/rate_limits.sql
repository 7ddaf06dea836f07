-- name: lock_rate_limit_subject
-- Serialises check-and-count for one (bucket, subject) until the transaction ends.
SELECT pg_advisory_xact_lock(hashtext(%(bucket)s || ':' || %(subject)s));

-- name: prune_rate_limit_hits
-- Drops the hits of one (bucket, subject) that have left the window.
DELETE FROM auth.rate_limit_hits AS h
WHERE h.bucket = %(bucket)s AND h.subject = %(subject)s
  AND h.hit_at <= now() - %(window)s::interval;

-- name: rate_limit_retry_after
-- Seconds until fewer than max_hits hits of (bucket, subject) remain in the window; 0 if already so.
SELECT coalesce(max(ceil(extract(epoch FROM nth.hit_at + %(window)s::interval - now()))), 0)::int
FROM (
  SELECT h.hit_at
  FROM auth.rate_limit_hits AS h
  WHERE h.bucket = %(bucket)s AND h.subject = %(subject)s
    AND h.hit_at > now() - %(window)s::interval
  ORDER BY h.hit_at DESC
  OFFSET %(max_hits)s - 1
  LIMIT 1
) AS nth;

-- name: record_rate_limit_hit
-- Counts one event for (bucket, subject); returns its id so it can be forgiven later.
INSERT INTO auth.rate_limit_hits (bucket, subject)
VALUES (%(bucket)s, %(subject)s)
RETURNING id;

-- name: forget_rate_limit_hits
-- Uncounts the given events (e.g. a log-in attempt that turned out to be right).
DELETE FROM auth.rate_limit_hits WHERE id = ANY(%(ids)s::bigint[]);

-- name: clear_rate_limit_subject
-- Uncounts every event of one (bucket, subject) (e.g. failures before a successful log-in).
DELETE FROM auth.rate_limit_hits WHERE bucket = %(bucket)s AND subject = %(subject)s;
