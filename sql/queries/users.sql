-- name: public_users_by_ids
-- The public profile of each given user: never email, phone or password hash (DataLoader batch).
SELECT u.id, u.name, u.username, u.created_at
FROM auth.user AS u
WHERE u.id = ANY(%(ids)s::uuid[]);
