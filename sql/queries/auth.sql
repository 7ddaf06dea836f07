-- name: user_identity_taken
-- Whether the email (any case) and the username already belong to an account.
SELECT EXISTS (SELECT 1 FROM auth.user AS u WHERE lower(u.email) = lower(%(email)s)) AS email_taken,
       EXISTS (SELECT 1 FROM auth.user AS u WHERE u.username = %(username)s) AS username_taken;

-- name: insert_user
-- Creates an account; returns it as the viewer sees it.
INSERT INTO auth.user (email, name, username, password_hash)
VALUES (%(email)s, %(name)s, %(username)s, %(password_hash)s)
RETURNING id, email, name, username, phone_number, phone_verified_at, created_at;

-- name: user_credentials_by_email
-- The id and password hash of the account with this email (any case), for log-in.
SELECT u.id, u.password_hash
FROM auth.user AS u
WHERE lower(u.email) = lower(%(email)s);

-- name: update_user_password_hash
-- Replaces a password hash made with outdated argon2 parameters.
UPDATE auth.user SET password_hash = %(password_hash)s WHERE id = %(id)s;

-- name: viewer_by_id
-- The signed-in user's own account: email and phone included, never the password hash.
SELECT u.id, u.email, u.name, u.username, u.phone_number, u.phone_verified_at, u.created_at
FROM auth.user AS u
WHERE u.id = %(id)s;

-- name: insert_session
-- Starts a session whose id is the SHA-256 of the token; returns when it expires.
INSERT INTO auth.session (id, user_id, expires_at)
VALUES (%(id)s, %(user_id)s, now() + %(ttl)s::interval)
RETURNING expires_at;

-- name: delete_expired_sessions_of_user
-- Removes a user's dead sessions (run at each log-in so the table does not grow forever).
DELETE FROM auth.session AS s
WHERE s.user_id = %(user_id)s
  AND (s.expires_at <= now() OR s.created_at <= now() - %(max_age)s::interval);

-- name: use_session
-- The live session with this id, its expiry slid forward (capped by max_age) when little remains.
WITH live AS (
  SELECT s.id, s.user_id, s.expires_at, s.created_at
  FROM auth.session AS s
  WHERE s.id = %(id)s
    AND s.expires_at > now()
    AND s.created_at > now() - %(max_age)s::interval
),
renewed AS (
  UPDATE auth.session AS s
  SET expires_at = least(now() + %(ttl)s::interval, s.created_at + %(max_age)s::interval)
  FROM live
  WHERE s.id = live.id AND live.expires_at < now() + %(renew_within)s::interval
  RETURNING s.id, s.expires_at
)
SELECT live.id, live.user_id, coalesce(renewed.expires_at, live.expires_at) AS expires_at,
       renewed.id IS NOT NULL AS renewed
FROM live
LEFT JOIN renewed ON renewed.id = live.id;

-- name: delete_session
-- Ends one session (log-out).
DELETE FROM auth.session WHERE id = %(id)s;

-- name: delete_sessions_of_user
-- Ends every session of a user (log-out everywhere).
DELETE FROM auth.session WHERE user_id = %(user_id)s;
