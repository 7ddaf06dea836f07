-- schema: app
-- The one definition of "a listing anyone may see", for statements that look at single listings
-- (favorites, flags, views). A LANGUAGE sql STABLE function of one expression is inlined.
CREATE FUNCTION app.listing_is_visible(
  p_is_active boolean,
  p_is_flagged boolean,
  p_expires_at timestamp
) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT p_is_active
    AND NOT p_is_flagged
    AND (p_expires_at IS NULL OR p_expires_at > (now() AT TIME ZONE 'UTC'))
$$;
