-- schema: app
-- Flag brigading: a flag counts towards hiding a listing only when its account, as it flagged,
-- had a verified phone and was old enough (FLAG_MIN_ACCOUNT_AGE_HOURS). That is decided when the
-- flag is raised and kept with it, so a listing's count changes only with a new flag. Flags
-- raised before the rule existed were counted, so they keep counting.
ALTER TABLE app.listing_flags ADD COLUMN counts BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE app.listing_flags ALTER COLUMN counts DROP DEFAULT;
