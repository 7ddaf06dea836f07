-- schema: auth
DROP TABLE auth.phone_verifications;
