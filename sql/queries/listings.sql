-- name: visible_listings_newest
-- Visible listings matching the filter, newest first, after a (created_at, id) cursor; with
-- with_images, each row also carries its images (display order) as JSON [id, image_url,
-- display_order, created_at] arrays, saving the page a statement.
-- Benchmark Q1's statement spells out the card (app.listing_card) and the images
-- (app.listing_images_json): inlining them costs ~0.1 ms of planning per request
-- (bench/RESULTS.md, "SQL said once"); keep both copies equal to those functions.
SELECT l.id, l.user_id, l.category_id, l.location_id, l.title, l.description, l.price,
       coalesce(l.is_price_negotiable, false) AS is_price_negotiable,
       l.contact_email AS contact_email_value, l.contact_phone AS contact_phone_value,
       l.is_active, l.is_flagged, l.view_count, l.created_at, l.updated_at, l.expires_at,
       CASE WHEN %(with_images)s::boolean THEN (
         SELECT coalesce(json_agg(json_build_array(
                  i.id, i.image_url, i.display_order, i.created_at)
                  ORDER BY i.display_order, i.id), '[]'::json)
         FROM app.listing_images AS i
         WHERE i.listing_id = l.id) END AS images_json
FROM app.visible_listings(
  %(category_id)s::uuid, %(category_ids)s::uuid[], %(location_slug)s::text, %(user_id)s::uuid, %(search)s::text,
  %(min_price)s::numeric, %(max_price)s::numeric, %(has_images)s::boolean,
  %(posted_after)s::timestamp) AS l
WHERE %(after_id)s::uuid IS NULL
   OR (l.created_at, l.id) < (%(after_created_at)s::timestamp, %(after_id)s::uuid)
ORDER BY l.created_at DESC, l.id DESC
LIMIT %(limit)s;

-- name: visible_listings_oldest
-- Visible listings matching the filter, oldest first, after a (created_at, id) cursor (images as
-- JSON with with_images).
SELECT card.*,
       CASE WHEN %(with_images)s::boolean
         THEN (SELECT i.images_json FROM app.listing_images_json(l.id) AS i) END AS images_json
FROM app.visible_listings(
  %(category_id)s::uuid, %(category_ids)s::uuid[], %(location_slug)s::text, %(user_id)s::uuid, %(search)s::text,
  %(min_price)s::numeric, %(max_price)s::numeric, %(has_images)s::boolean,
  %(posted_after)s::timestamp) AS l
CROSS JOIN LATERAL app.listing_card(l) AS card
WHERE %(after_id)s::uuid IS NULL
   OR (l.created_at, l.id) > (%(after_created_at)s::timestamp, %(after_id)s::uuid)
ORDER BY l.created_at ASC, l.id ASC
LIMIT %(limit)s;

-- name: visible_listings_price_asc
-- Visible listings matching the filter, cheapest first (no price last), after a (price, id) cursor
-- (images as JSON with with_images).
SELECT card.*,
       CASE WHEN %(with_images)s::boolean
         THEN (SELECT i.images_json FROM app.listing_images_json(l.id) AS i) END AS images_json
FROM app.visible_listings(
  %(category_id)s::uuid, %(category_ids)s::uuid[], %(location_slug)s::text, %(user_id)s::uuid, %(search)s::text,
  %(min_price)s::numeric, %(max_price)s::numeric, %(has_images)s::boolean,
  %(posted_after)s::timestamp) AS l
CROSS JOIN LATERAL app.listing_card(l) AS card
WHERE %(after_id)s::uuid IS NULL
   OR (%(after_price)s::numeric IS NULL AND l.price IS NULL AND l.id > %(after_id)s::uuid)
   OR (%(after_price)s::numeric IS NOT NULL
       AND (l.price IS NULL OR (l.price, l.id) > (%(after_price)s::numeric, %(after_id)s::uuid)))
ORDER BY l.price ASC NULLS LAST, l.id ASC
LIMIT %(limit)s;

-- name: visible_listings_price_desc
-- Visible listings matching the filter, dearest first (no price last), after a (price, id) cursor
-- (images as JSON with with_images).
SELECT card.*,
       CASE WHEN %(with_images)s::boolean
         THEN (SELECT i.images_json FROM app.listing_images_json(l.id) AS i) END AS images_json
FROM app.visible_listings(
  %(category_id)s::uuid, %(category_ids)s::uuid[], %(location_slug)s::text, %(user_id)s::uuid, %(search)s::text,
  %(min_price)s::numeric, %(max_price)s::numeric, %(has_images)s::boolean,
  %(posted_after)s::timestamp) AS l
CROSS JOIN LATERAL app.listing_card(l) AS card
WHERE %(after_id)s::uuid IS NULL
   OR (%(after_price)s::numeric IS NULL AND l.price IS NULL AND l.id < %(after_id)s::uuid)
   OR (%(after_price)s::numeric IS NOT NULL
       AND (l.price IS NULL OR (l.price, l.id) < (%(after_price)s::numeric, %(after_id)s::uuid)))
ORDER BY l.price DESC NULLS LAST, l.id DESC
LIMIT %(limit)s;

-- name: visible_listings_relevance
-- Visible listings matching a search, best match first, after a (rank, id) cursor (images as JSON
-- with with_images).
SELECT ranked.*,
       CASE WHEN %(with_images)s::boolean
         THEN (SELECT i.images_json FROM app.listing_images_json(ranked.id) AS i) END AS images_json
FROM (
  SELECT card.*,
         ts_rank(l.search_vector, websearch_to_tsquery('english'::regconfig, %(search)s::text)) AS rank
  FROM app.visible_listings(
    %(category_id)s::uuid, %(category_ids)s::uuid[], %(location_slug)s::text, %(user_id)s::uuid, %(search)s::text,
    %(min_price)s::numeric, %(max_price)s::numeric, %(has_images)s::boolean,
    %(posted_after)s::timestamp) AS l
  CROSS JOIN LATERAL app.listing_card(l) AS card
) AS ranked
WHERE %(after_id)s::uuid IS NULL
   OR (ranked.rank, ranked.id) < (%(after_rank)s::real, %(after_id)s::uuid)
ORDER BY ranked.rank DESC, ranked.id DESC
LIMIT %(limit)s;

-- name: count_visible_listings
-- How many visible listings match the filter (only run when totalCount is selected).
SELECT count(*)
FROM app.visible_listings(
  %(category_id)s::uuid, %(category_ids)s::uuid[], %(location_slug)s::text, %(user_id)s::uuid, %(search)s::text,
  %(min_price)s::numeric, %(max_price)s::numeric, %(has_images)s::boolean,
  %(posted_after)s::timestamp) AS l;

-- name: listings_by_ids_for_viewer
-- Listings with the given ids that the viewer may see (visible ones, and all of the viewer's
-- own), each with its images in display order (JSON arrays, as in visible_listings_newest) and
-- its seller's public profile as JSON, so that a listing's detail takes one statement (the
-- images are attached to the row, the seller primes the user loader).
-- Benchmark Q2's statement: it spells out the card and the images for the reason given at
-- visible_listings_newest.
SELECT l.id, l.user_id, l.category_id, l.location_id, l.title, l.description, l.price,
       coalesce(l.is_price_negotiable, false) AS is_price_negotiable,
       l.contact_email AS contact_email_value, l.contact_phone AS contact_phone_value,
       l.is_active, l.is_flagged, l.view_count, l.created_at, l.updated_at, l.expires_at,
       (SELECT coalesce(json_agg(json_build_array(
                  i.id, i.image_url, i.display_order, i.created_at)
                  ORDER BY i.display_order, i.id), '[]'::json)
        FROM app.listing_images AS i
        WHERE i.listing_id = l.id) AS images_json,
       (SELECT json_build_object(
                 'id', u.id, 'name', u.name, 'username', u.username, 'created_at', u.created_at)
        FROM auth.user AS u
        WHERE u.id = l.user_id) AS seller_json
FROM app.listings AS l
WHERE l.id = ANY(%(ids)s::uuid[])
  AND (l.user_id = %(viewer_id)s::uuid
       OR app.listing_is_visible(l.is_active, l.is_flagged, l.expires_at));
