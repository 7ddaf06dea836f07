-- schema: auth
DROP TABLE auth.session;
