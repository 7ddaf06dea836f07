-- name: own_listings_newest
-- All of the viewer's listings (inactive, expired and flagged too), newest first, after a cursor.
SELECT l.id, l.created_at AS sort_at
FROM app.listings AS l
WHERE l.user_id = %(viewer_id)s::uuid
  AND (%(after_id)s::uuid IS NULL
       OR (l.created_at, l.id) < (%(after_sort_at)s::timestamp, %(after_id)s::uuid))
ORDER BY l.created_at DESC, l.id DESC
LIMIT %(limit)s;

-- name: count_own_listings
-- How many listings the viewer has in all (only run when totalCount is selected).
SELECT count(*)
FROM app.listings AS l
WHERE l.user_id = %(viewer_id)s::uuid;
