-- name: void_pending_phone_verifications
-- Marks a user's unused codes of one type as used, so only the newest code can ever succeed.
UPDATE auth.phone_verifications
SET is_used = true
WHERE user_id = %(user_id)s AND verification_type = %(verification_type)s AND NOT is_used;

-- name: insert_phone_verification
-- Stores a new code's hash, valid for ttl; returns its id, its expiry and whether another account has verified the number.
INSERT INTO auth.phone_verifications (user_id, phone_number, code_hash, verification_type, expires_at)
VALUES (%(user_id)s, %(phone_number)s, %(code_hash)s, %(verification_type)s,
        (now() AT TIME ZONE 'UTC') + %(ttl)s::interval)
RETURNING id, expires_at, EXISTS (
  SELECT 1 FROM auth.user AS u
  WHERE u.phone_number = %(phone_number)s AND u.phone_verified_at IS NOT NULL
    AND u.id <> %(user_id)s
) AS linked_elsewhere;

-- name: void_phone_verification
-- Marks one code as used (its SMS could not be delivered).
UPDATE auth.phone_verifications SET is_used = true WHERE id = %(id)s;

-- name: count_phone_verification_attempt
-- Counts one attempt against the user's newest unused code for this number; returns it after the increment.
UPDATE auth.phone_verifications AS v
SET attempts = v.attempts + 1
WHERE NOT v.is_used
  AND v.id = (
    SELECT p.id
    FROM auth.phone_verifications AS p
    WHERE p.user_id = %(user_id)s AND p.phone_number = %(phone_number)s
      AND p.verification_type = %(verification_type)s AND NOT p.is_used
    ORDER BY p.created_at DESC, p.id DESC
    LIMIT 1
  )
RETURNING v.id, v.code_hash, v.attempts, v.expires_at <= (now() AT TIME ZONE 'UTC') AS expired;

-- name: consume_phone_verification
-- Marks a code used unless a concurrent request already did; returns its id when this one won.
UPDATE auth.phone_verifications SET is_used = true
WHERE id = %(id)s AND NOT is_used
RETURNING id;

-- name: set_user_verified_phone
-- Records a verified number on the account; returns the account as the viewer sees it.
UPDATE auth.user
SET phone_number = %(phone_number)s, phone_verified_at = (now() AT TIME ZONE 'UTC')
WHERE id = %(user_id)s
RETURNING id, email, name, username, phone_number, phone_verified_at, created_at;
