-- schema: app
DROP TABLE app.listing_images;
