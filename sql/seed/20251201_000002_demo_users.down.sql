-- schema: auth
-- Cascades to whatever the demo accounts own, including rows they created through the API.
DELETE FROM auth.user
WHERE id IN (SELECT md5('user:' || username)::uuid
             FROM unnest(ARRAY['alice', 'bob', 'carol', 'dave']) AS username);
