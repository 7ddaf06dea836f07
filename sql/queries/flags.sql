-- name: lock_listing_for_flagging
-- Lock a listing the viewer may see and return its owner; no row when it is hidden from them.
SELECT l.user_id
FROM app.listings AS l
WHERE l.id = %(listing_id)s::uuid
  AND (l.user_id = %(viewer_id)s::uuid
       OR app.listing_is_visible(l.is_active, l.is_flagged, l.expires_at))
FOR UPDATE;

-- name: insert_listing_flag!
-- The viewer's flag on a listing, counting towards hiding it when the viewer has a verified phone
-- and an account at least the minimum age; a repeat keeps the first flag and adds no row.
INSERT INTO app.listing_flags (listing_id, user_id, reason, counts)
SELECT %(listing_id)s::uuid, u.id, %(reason)s,
       u.phone_verified_at IS NOT NULL
       AND u.created_at <= (now() AT TIME ZONE 'UTC')
                           - make_interval(hours => %(min_account_age_hours)s::int)
FROM auth.user AS u
WHERE u.id = %(viewer_id)s::uuid
ON CONFLICT (listing_id, user_id) DO NOTHING;

-- name: hide_listing_at_flag_threshold!
-- Mark the listing flagged once its flags that count reach the threshold.
UPDATE app.listings AS l
SET is_flagged = true
WHERE l.id = %(listing_id)s::uuid
  AND NOT l.is_flagged
  AND (SELECT count(*) FROM app.listing_flags AS f WHERE f.listing_id = l.id AND f.counts)
      >= %(threshold)s::int;
