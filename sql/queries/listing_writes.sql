-- name: viewer_phone_verified
-- Whether the user has a verified phone number; no row when the user does not exist.
SELECT u.phone_verified_at IS NOT NULL AS phone_verified
FROM auth.user AS u
WHERE u.id = %(viewer_id)s::uuid;

-- name: category_is_leaf
-- Whether the category has no subcategories; no row when the category does not exist.
SELECT NOT EXISTS (SELECT 1 FROM master.categories AS c WHERE c.parent_id = p.id) AS is_leaf
FROM master.categories AS p
WHERE p.id = %(category_id)s::uuid;

-- name: location_exists
-- Whether a location with the id exists.
SELECT EXISTS (SELECT 1 FROM master.locations AS loc WHERE loc.id = %(location_id)s::uuid);

-- name: insert_listing
-- A new listing owned by the viewer, expiring after the configured number of days; returns its id.
INSERT INTO app.listings (
  user_id, category_id, location_id, title, description, price, is_price_negotiable,
  contact_email, contact_phone, expires_at)
VALUES (
  %(viewer_id)s::uuid, %(category_id)s::uuid, %(location_id)s::uuid, %(title)s, %(description)s,
  %(price)s::numeric, %(is_price_negotiable)s, %(contact_email)s, %(contact_phone)s,
  (now() AT TIME ZONE 'UTC') + make_interval(days => %(ttl_days)s::int))
RETURNING id;

-- name: update_owned_listing
-- Patch the viewer's listing: null leaves a required column, a false set_* flag a nullable one.
UPDATE app.listings AS l
SET category_id = coalesce(%(category_id)s::uuid, l.category_id),
    location_id = coalesce(%(location_id)s::uuid, l.location_id),
    title = coalesce(%(title)s, l.title),
    description = coalesce(%(description)s, l.description),
    price = CASE WHEN %(set_price)s THEN %(price)s::numeric ELSE l.price END,
    is_price_negotiable = coalesce(%(is_price_negotiable)s, l.is_price_negotiable),
    contact_email = CASE WHEN %(set_contact_email)s THEN %(contact_email)s ELSE l.contact_email END,
    contact_phone = CASE WHEN %(set_contact_phone)s THEN %(contact_phone)s ELSE l.contact_phone END,
    is_active = coalesce(%(is_active)s, l.is_active)
WHERE l.id = %(id)s::uuid AND l.user_id = %(viewer_id)s::uuid
RETURNING l.id;

-- name: delete_owned_listing
-- Delete the viewer's listing (images, favorites and flags go by cascade); returns its id.
DELETE FROM app.listings AS l
WHERE l.id = %(id)s::uuid AND l.user_id = %(viewer_id)s::uuid
RETURNING l.id;

-- name: renew_owned_listing
-- Move the viewer's listing's expiry to now + ttl, unless created or renewed within the cooldown.
UPDATE app.listings AS l
SET expires_at = (now() AT TIME ZONE 'UTC') + make_interval(days => %(ttl_days)s::int),
    renewed_at = now() AT TIME ZONE 'UTC'
WHERE l.id = %(id)s::uuid AND l.user_id = %(viewer_id)s::uuid
  AND coalesce(l.renewed_at, l.created_at) <= (now() AT TIME ZONE 'UTC') - %(cooldown)s::interval
RETURNING l.id;

-- name: owned_listing_renewable_at
-- When the viewer's listing may next be renewed; no row when it is not the viewer's.
SELECT coalesce(l.renewed_at, l.created_at) + %(cooldown)s::interval AS renewable_at
FROM app.listings AS l
WHERE l.id = %(id)s::uuid AND l.user_id = %(viewer_id)s::uuid;

-- name: record_listing_view
-- Count a view of a visible listing by anyone but its owner, once per viewer key a day (UTC);
-- returns the listing id when the view counted. Deletes the listing's views of earlier days.
WITH listing AS (
  SELECT l.id
  FROM app.listings AS l
  WHERE l.id = %(id)s::uuid
    AND l.user_id IS DISTINCT FROM %(viewer_id)s::uuid
    AND app.listing_is_visible(l.is_active, l.is_flagged, l.expires_at)
), earlier_days AS (
  DELETE FROM app.listing_views AS v
  USING listing
  WHERE v.listing_id = listing.id AND v.day < (now() AT TIME ZONE 'UTC')::date
), first_today AS (
  INSERT INTO app.listing_views (listing_id, day, viewer_key)
  SELECT listing.id, (now() AT TIME ZONE 'UTC')::date, %(viewer_key)s::bytea
  FROM listing
  ON CONFLICT (listing_id, day, viewer_key) DO NOTHING
  RETURNING listing_id
)
UPDATE app.listings AS l
SET view_count = l.view_count + 1
FROM first_today
WHERE l.id = first_today.listing_id
RETURNING l.id;

-- name: lock_owned_listing
-- Lock the viewer's listing against concurrent image writes; no row when it is not the viewer's.
SELECT l.id
FROM app.listings AS l
WHERE l.id = %(id)s::uuid AND l.user_id = %(viewer_id)s::uuid
FOR UPDATE;

-- name: lock_owned_listing_of_image
-- Lock the viewer's listing that holds the image; returns the listing id, no row if not theirs.
SELECT l.id
FROM app.listings AS l
WHERE l.id = (SELECT i.listing_id FROM app.listing_images AS i WHERE i.id = %(image_id)s::uuid)
  AND l.user_id = %(viewer_id)s::uuid
FOR UPDATE;

-- name: image_ids_of_listing
-- The ids of a listing's images in display order.
SELECT i.id
FROM app.listing_images AS i
WHERE i.listing_id = %(listing_id)s::uuid
ORDER BY i.display_order, i.id;

-- name: append_listing_images!
-- Add images after a listing's existing ones, in the order given.
INSERT INTO app.listing_images (listing_id, image_url, display_order)
SELECT %(listing_id)s::uuid, u.image_url, %(first_position)s::int + u.ordinality::int - 1
FROM unnest(%(image_urls)s::text[]) WITH ORDINALITY AS u(image_url, ordinality);

-- name: delete_listing_image!
-- Remove one image from a listing.
DELETE FROM app.listing_images AS i
WHERE i.id = %(image_id)s::uuid AND i.listing_id = %(listing_id)s::uuid;

-- name: set_listing_image_order!
-- Give a listing's images the positions 0..n-1 in the order of the ids given.
UPDATE app.listing_images AS i
SET display_order = u.ordinality::int - 1
FROM unnest(%(image_ids)s::uuid[]) WITH ORDINALITY AS u(id, ordinality)
WHERE i.id = u.id AND i.listing_id = %(listing_id)s::uuid;
