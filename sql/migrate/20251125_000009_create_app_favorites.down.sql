-- schema: app
DROP TABLE app.favorites;
