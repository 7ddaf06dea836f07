-- schema: app
-- SQL said once: the columns every listing-returning statement selects (the listing "card"), a
-- listing's images as JSON, and the rule of which listings anyone may see were copied into each
-- statement (the rule also into app.visible_listings, the second "one definition" of it).
--
-- The card is a function of a listing row, not a view: statements take it from whichever rows
-- they filter (app.visible_listings(...) or app.listings) as
--   FROM ... AS l CROSS JOIN LATERAL app.listing_card(l) AS card
-- and select `card.*`. A view could only be joined back to those rows by id (PostgreSQL 15 does
-- not remove self-joins: one more index probe per row), and the rows must stay whole listings
-- because app.visible_listings filters, and the relevance order ranks, on search_vector, which
-- is not on the card. A LANGUAGE sql function whose body is one SELECT without FROM is inlined
-- and flattened, so `card.*` gets exactly the plan the column list got; what it costs is
-- planning time, since every custom plan inlines the functions again (bench/RESULTS.md, "SQL
-- said once"). For that, the two statements of the benchmark (visible_listings_newest,
-- listings_by_ids_for_viewer) keep the card and the images spelled out, equal to these
-- functions. The names and their order are what the Listing row class reads.
CREATE FUNCTION app.listing_card(l app.listings)
RETURNS TABLE (
  id uuid, user_id uuid, category_id uuid, location_id uuid, title varchar, description text,
  price numeric, is_price_negotiable boolean, contact_email_value varchar,
  contact_phone_value varchar, is_active boolean, is_flagged boolean, view_count integer,
  created_at timestamp, updated_at timestamp, expires_at timestamp
) LANGUAGE sql IMMUTABLE AS $$
  SELECT l.id, l.user_id, l.category_id, l.location_id, l.title, l.description, l.price,
         coalesce(l.is_price_negotiable, false), l.contact_email, l.contact_phone,
         l.is_active, l.is_flagged, l.view_count, l.created_at, l.updated_at, l.expires_at
$$;

-- A listing's images in display order as one JSON array of [id, image_url, display_order,
-- created_at] arrays ('[]' when it has none), for statements that bring images along with their
-- rows. Read it in a scalar subquery, `(SELECT i.images_json FROM app.listing_images_json(l.id)
-- AS i)`: inlined there, it stays a subplan run only for the rows a LIMIT lets through, where a
-- LATERAL join would aggregate the images of every matching row below the sort.
CREATE FUNCTION app.listing_images_json(p_listing_id uuid)
RETURNS TABLE (images_json json) LANGUAGE sql STABLE AS $$
  SELECT coalesce(json_agg(json_build_array(i.id, i.image_url, i.display_order, i.created_at)
                           ORDER BY i.display_order, i.id), '[]'::json)
  FROM app.listing_images AS i
  WHERE i.listing_id = p_listing_id
$$;

-- app.listing_is_visible (20251130_000000) becomes the one definition of "a listing anyone may
-- see"; app.visible_listings keeps its filters and asks it instead of spelling the rule out.
-- Inlined, the rule still reads `is_active AND NOT is_flagged`, which the partial browse
-- indexes require.
CREATE OR REPLACE FUNCTION app.visible_listings(
  p_category_id uuid,
  p_category_ids uuid[],
  p_location_slug text,
  p_user_id uuid,
  p_search text,
  p_min_price numeric,
  p_max_price numeric,
  p_has_images boolean,
  p_posted_after timestamp
) RETURNS SETOF app.listings LANGUAGE sql STABLE AS $$
  SELECT l.*
  FROM app.listings AS l
  WHERE app.listing_is_visible(l.is_active, l.is_flagged, l.expires_at)
    AND (p_category_id IS NULL OR l.category_id = p_category_id)
    AND (p_category_ids IS NULL OR l.category_id = ANY (p_category_ids))
    AND (p_location_slug IS NULL OR l.location_id = (
          SELECT loc.id FROM master.locations AS loc WHERE loc.slug = p_location_slug))
    AND (p_user_id IS NULL OR l.user_id = p_user_id)
    AND (p_search IS NULL OR l.search_vector @@ websearch_to_tsquery('english'::regconfig, p_search))
    AND (p_min_price IS NULL OR l.price >= p_min_price)
    AND (p_max_price IS NULL OR l.price <= p_max_price)
    AND (p_has_images IS NULL OR p_has_images = EXISTS (
          SELECT 1 FROM app.listing_images AS i WHERE i.listing_id = l.id))
    AND (p_posted_after IS NULL OR l.created_at > p_posted_after)
$$;
