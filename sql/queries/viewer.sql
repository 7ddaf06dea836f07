-- name: viewer_listings_newest
-- All of one user's own listings (inactive, flagged and expired included), newest first, after a (created_at, id) cursor.
SELECT l.id, l.user_id, l.category_id, l.location_id, l.title, l.description, l.price,
       coalesce(l.is_price_negotiable, false) AS is_price_negotiable,
       l.contact_email AS contact_email_value, l.contact_phone AS contact_phone_value,
       l.is_active, l.is_flagged, l.view_count, l.created_at, l.updated_at, l.expires_at
FROM app.listings AS l
WHERE l.user_id = %(user_id)s::uuid
  AND (%(after_id)s::uuid IS NULL
       OR (l.created_at, l.id) < (%(after_created_at)s::timestamp, %(after_id)s::uuid))
ORDER BY l.created_at DESC, l.id DESC
LIMIT %(limit)s;

-- name: count_viewer_listings
-- How many listings one user owns, whatever their state (only run when totalCount is selected).
SELECT count(*) FROM app.listings AS l WHERE l.user_id = %(user_id)s::uuid;
