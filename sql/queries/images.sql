-- name: images_by_listing_ids
-- Images of the given listings in display order (DataLoader batch).
SELECT i.id, i.listing_id, i.image_url, i.display_order, i.created_at
FROM app.listing_images AS i
WHERE i.listing_id = ANY(%(ids)s::uuid[])
ORDER BY i.listing_id, i.display_order, i.id;
