-- schema: auth
DROP TABLE auth.user;
