-- schema: app
-- Reverses 20251203_000000_listing_card_and_one_visibility_rule.up.sql: app.visible_listings
-- gets back its own copy of the visibility rule, word for word as 20251128_000002 wrote it.
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
  WHERE l.is_active
    AND NOT l.is_flagged
    AND (l.expires_at IS NULL OR l.expires_at > (now() AT TIME ZONE 'UTC'))
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
DROP FUNCTION app.listing_images_json(uuid);
DROP FUNCTION app.listing_card(app.listings);
