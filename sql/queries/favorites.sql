-- name: add_favorite!
-- Favorite a listing the viewer may see; a repeat (even a concurrent one) adds no row.
INSERT INTO app.favorites (user_id, listing_id)
SELECT %(viewer_id)s::uuid, l.id
FROM app.listings AS l
WHERE l.id = %(listing_id)s::uuid
  AND (l.user_id = %(viewer_id)s::uuid
       OR app.listing_is_visible(l.is_active, l.is_flagged, l.expires_at))
ON CONFLICT (user_id, listing_id) DO NOTHING;

-- name: remove_favorite!
-- Unfavorite a listing; removing a favorite that is not there changes nothing.
DELETE FROM app.favorites AS f
WHERE f.user_id = %(viewer_id)s::uuid AND f.listing_id = %(listing_id)s::uuid;

-- name: favorite_counts_by_listing_ids
-- How many users favorited each given listing; listings without favorites are absent (DataLoader batch).
SELECT f.listing_id, count(*) AS favorite_count
FROM app.favorites AS f
WHERE f.listing_id = ANY(%(ids)s::uuid[])
GROUP BY f.listing_id;

-- name: favorited_listing_ids_of_viewer
-- Which of the given listings the viewer favorited, with true (DataLoader batch).
SELECT f.listing_id, true AS is_favorited
FROM app.favorites AS f
WHERE f.user_id = %(viewer_id)s::uuid AND f.listing_id = ANY(%(ids)s::uuid[]);

-- name: viewer_favorites_newest
-- The viewer's favorited listings they may still see, newest favorite first, after a cursor.
SELECT f.listing_id AS id, f.created_at AS sort_at
FROM app.favorites AS f
JOIN app.listings AS l ON l.id = f.listing_id
WHERE f.user_id = %(viewer_id)s::uuid
  AND (l.user_id = %(viewer_id)s::uuid
       OR app.listing_is_visible(l.is_active, l.is_flagged, l.expires_at))
  AND (%(after_id)s::uuid IS NULL
       OR (f.created_at, f.listing_id) < (%(after_sort_at)s::timestamp, %(after_id)s::uuid))
ORDER BY f.created_at DESC, f.listing_id DESC
LIMIT %(limit)s;

-- name: count_viewer_favorites
-- How many favorited listings the viewer may still see (only run when totalCount is selected).
SELECT count(*)
FROM app.favorites AS f
JOIN app.listings AS l ON l.id = f.listing_id
WHERE f.user_id = %(viewer_id)s::uuid
  AND (l.user_id = %(viewer_id)s::uuid
       OR app.listing_is_visible(l.is_active, l.is_flagged, l.expires_at));
