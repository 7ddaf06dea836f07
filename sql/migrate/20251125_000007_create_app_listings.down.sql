-- schema: app
DROP TABLE app.listings;
