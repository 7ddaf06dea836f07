-- schema: app
-- The one definition of "publicly visible listings matching a filter", shared by every public
-- listing query (one per sort order) and by their counts. A LANGUAGE sql STABLE function with a
-- single SELECT is inlined by the planner, so indexes on app.listings are still used.
-- Callers resolve a category slug to its subtree first: one leaf comes as p_category_id, whose
-- plain equality lets the planner walk the (category_id, created_at) index in order; a larger
-- subtree comes as p_category_ids. An unknown location slug matches nothing.
CREATE FUNCTION app.visible_listings(
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
