-- name: viewer_listings_newest
-- All of one user's own listings (inactive, flagged and expired included), newest first, after a (created_at, id) cursor.
SELECT card.*
FROM app.listings AS l
CROSS JOIN LATERAL app.listing_card(l) AS card
WHERE l.user_id = %(user_id)s::uuid
  AND (%(after_id)s::uuid IS NULL
       OR (l.created_at, l.id) < (%(after_created_at)s::timestamp, %(after_id)s::uuid))
ORDER BY l.created_at DESC, l.id DESC
LIMIT %(limit)s;

-- name: count_viewer_listings
-- How many listings one user owns, whatever their state (only run when totalCount is selected).
SELECT count(*) FROM app.listings AS l WHERE l.user_id = %(user_id)s::uuid;
