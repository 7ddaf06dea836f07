-- name: categories_by_ids
-- Categories with the given ids (DataLoader batch).
SELECT c.id, c.name, c.slug, c.parent_id, c.created_at
FROM master.categories AS c
WHERE c.id = ANY(%(ids)s::uuid[]);

-- name: categories_by_slugs
-- Categories with the given slugs (DataLoader batch).
SELECT c.id, c.name, c.slug, c.parent_id, c.created_at
FROM master.categories AS c
WHERE c.slug = ANY(%(slugs)s::text[]);

-- name: category_subtrees_by_slugs
-- Each category with the given slugs and all its descendants, tagged with the slug asked for.
WITH RECURSIVE subtree AS (
  SELECT c.slug AS root_slug, c.id, c.name, c.slug, c.parent_id, c.created_at, 0 AS depth
  FROM master.categories AS c
  WHERE c.slug = ANY(%(slugs)s::text[])
  UNION ALL
  SELECT s.root_slug, c.id, c.name, c.slug, c.parent_id, c.created_at, s.depth + 1
  FROM master.categories AS c
  JOIN subtree AS s ON c.parent_id = s.id
  WHERE s.depth < 32
)
SELECT subtree.root_slug, subtree.id, subtree.name, subtree.slug, subtree.parent_id,
       subtree.created_at
FROM subtree
ORDER BY subtree.root_slug, subtree.depth, subtree.name;

-- name: top_level_categories
-- Root categories by name.
SELECT c.id, c.name, c.slug, c.parent_id, c.created_at
FROM master.categories AS c
WHERE c.parent_id IS NULL
ORDER BY c.name, c.id;

-- name: children_by_parent_ids
-- Direct subcategories of the given categories, by name (DataLoader batch).
SELECT c.id, c.name, c.slug, c.parent_id, c.created_at
FROM master.categories AS c
WHERE c.parent_id = ANY(%(ids)s::uuid[])
ORDER BY c.name, c.id;

-- name: ancestors_by_category_ids
-- Every ancestor of each given category, with its distance (1 = parent) (DataLoader batch).
WITH RECURSIVE up AS (
  SELECT c.id AS category_id, p.id, p.name, p.slug, p.parent_id, p.created_at, 1 AS distance
  FROM master.categories AS c
  JOIN master.categories AS p ON p.id = c.parent_id
  WHERE c.id = ANY(%(ids)s::uuid[])
  UNION ALL
  SELECT up.category_id, p.id, p.name, p.slug, p.parent_id, p.created_at, up.distance + 1
  FROM up
  JOIN master.categories AS p ON p.id = up.parent_id
  WHERE up.distance < 32
)
SELECT up.category_id, up.id, up.name, up.slug, up.parent_id, up.created_at
FROM up
ORDER BY up.category_id, up.distance DESC;

-- name: locations_by_ids
-- Locations with the given ids (DataLoader batch).
SELECT loc.id, loc.city, loc.state, loc.country, loc.slug, loc.created_at
FROM master.locations AS loc
WHERE loc.id = ANY(%(ids)s::uuid[]);

-- name: locations_by_slugs
-- Locations with the given slugs (DataLoader batch).
SELECT loc.id, loc.city, loc.state, loc.country, loc.slug, loc.created_at
FROM master.locations AS loc
WHERE loc.slug = ANY(%(slugs)s::text[]);

-- name: locations_in_state
-- All locations, or those of one state, by state then city.
SELECT loc.id, loc.city, loc.state, loc.country, loc.slug, loc.created_at
FROM master.locations AS loc
WHERE %(state)s::text IS NULL OR loc.state = %(state)s::text
ORDER BY loc.state, loc.city, loc.id;
