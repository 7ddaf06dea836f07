-- name: newest_visible_listings_per_category
-- A first page (newest first) of visible listings for each of several categories, in one
-- statement: the nested `Category.listings` of a list of categories. Scopes come as
-- (key, member category id) pairs, a category with its whole subtree.
SELECT scope.key AS scope_key, page.*
FROM (
  SELECT member.key, array_agg(member.category_id) AS category_ids
  FROM unnest(%(scope_keys)s::text[], %(scope_members)s::uuid[]) AS member(key, category_id)
  GROUP BY member.key
) AS scope
CROSS JOIN LATERAL (
  SELECT card.*
  FROM app.visible_listings(
    NULL::uuid, NULL::uuid[], %(location_slug)s::text, %(user_id)s::uuid, %(search)s::text,
    %(min_price)s::numeric, %(max_price)s::numeric, %(has_images)s::boolean,
    %(posted_after)s::timestamp) AS l
  CROSS JOIN LATERAL app.listing_card(l) AS card
  WHERE l.category_id = ANY(scope.category_ids)
  ORDER BY l.created_at DESC, l.id DESC
  LIMIT %(limit)s
) AS page;

-- name: newest_visible_listings_per_location
-- A first page (newest first) of visible listings for each of several locations, in one
-- statement: the nested `Location.listings` of a list of locations.
SELECT scope.key AS scope_key, page.*
FROM unnest(%(scopes)s::uuid[]) AS scope(key)
CROSS JOIN LATERAL (
  SELECT card.*
  FROM app.visible_listings(
    %(category_id)s::uuid, %(category_ids)s::uuid[], NULL::text, %(user_id)s::uuid, %(search)s::text,
    %(min_price)s::numeric, %(max_price)s::numeric, %(has_images)s::boolean,
    %(posted_after)s::timestamp) AS l
  CROSS JOIN LATERAL app.listing_card(l) AS card
  WHERE l.location_id = scope.key
  ORDER BY l.created_at DESC, l.id DESC
  LIMIT %(limit)s
) AS page;

-- name: newest_visible_listings_per_seller
-- A first page (newest first) of visible listings for each of several sellers, in one
-- statement: the nested `User.listings` of a list of users (say, every listing's seller).
SELECT scope.key AS scope_key, page.*
FROM unnest(%(scopes)s::uuid[]) AS scope(key)
CROSS JOIN LATERAL (
  SELECT card.*
  FROM app.visible_listings(
    %(category_id)s::uuid, %(category_ids)s::uuid[], %(location_slug)s::text, NULL::uuid, %(search)s::text,
    %(min_price)s::numeric, %(max_price)s::numeric, %(has_images)s::boolean,
    %(posted_after)s::timestamp) AS l
  CROSS JOIN LATERAL app.listing_card(l) AS card
  WHERE l.user_id = scope.key
  ORDER BY l.created_at DESC, l.id DESC
  LIMIT %(limit)s
) AS page;

-- name: count_visible_listings_per_category
-- How many visible listings each of several categories (with its whole subtree) holds, in one
-- statement: the `totalCount` of the nested `Category.listings` of a list of categories. Scopes
-- come as in newest_visible_listings_per_category.
SELECT scope.key AS scope_key, counted.total
FROM (
  SELECT member.key, array_agg(member.category_id) AS category_ids
  FROM unnest(%(scope_keys)s::text[], %(scope_members)s::uuid[]) AS member(key, category_id)
  GROUP BY member.key
) AS scope
CROSS JOIN LATERAL (
  SELECT count(*) AS total
  FROM app.visible_listings(
    NULL::uuid, NULL::uuid[], %(location_slug)s::text, %(user_id)s::uuid, %(search)s::text,
    %(min_price)s::numeric, %(max_price)s::numeric, %(has_images)s::boolean,
    %(posted_after)s::timestamp) AS l
  WHERE l.category_id = ANY(scope.category_ids)
) AS counted;

-- name: count_visible_listings_per_location
-- How many visible listings each of several locations holds, in one statement: the
-- `totalCount` of the nested `Location.listings` of a list of locations.
SELECT scope.key AS scope_key, counted.total
FROM unnest(%(scopes)s::uuid[]) AS scope(key)
CROSS JOIN LATERAL (
  SELECT count(*) AS total
  FROM app.visible_listings(
    %(category_id)s::uuid, %(category_ids)s::uuid[], NULL::text, %(user_id)s::uuid, %(search)s::text,
    %(min_price)s::numeric, %(max_price)s::numeric, %(has_images)s::boolean,
    %(posted_after)s::timestamp) AS l
  WHERE l.location_id = scope.key
) AS counted;

-- name: count_visible_listings_per_seller
-- How many visible listings each of several sellers has, in one statement: the `totalCount`
-- of the nested `User.listings` of a list of users (say, every listing's seller).
SELECT scope.key AS scope_key, counted.total
FROM unnest(%(scopes)s::uuid[]) AS scope(key)
CROSS JOIN LATERAL (
  SELECT count(*) AS total
  FROM app.visible_listings(
    %(category_id)s::uuid, %(category_ids)s::uuid[], %(location_slug)s::text, NULL::uuid, %(search)s::text,
    %(min_price)s::numeric, %(max_price)s::numeric, %(has_images)s::boolean,
    %(posted_after)s::timestamp) AS l
  WHERE l.user_id = scope.key
) AS counted;
