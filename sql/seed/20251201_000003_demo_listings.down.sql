-- schema: app
DELETE FROM app.favorites
WHERE id IN (SELECT md5('demo-favorite:' || username || ':' || n)::uuid
             FROM unnest(ARRAY['carol', 'dave']) AS username, generate_series(1, 240) AS n);
DELETE FROM app.listing_images
WHERE id IN (SELECT md5('demo-image:' || n || ':' || k)::uuid
             FROM generate_series(1, 240) AS n, generate_series(0, 5) AS k);
DELETE FROM app.listings
WHERE id IN (SELECT md5('demo-listing:' || n)::uuid FROM generate_series(1, 240) AS n);
