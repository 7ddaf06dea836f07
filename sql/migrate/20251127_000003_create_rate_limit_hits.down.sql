-- schema: auth
DROP TABLE auth.rate_limit_hits;
