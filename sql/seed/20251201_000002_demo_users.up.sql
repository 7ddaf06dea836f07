-- schema: auth
-- Demo accounts, all with the password  marketplace-demo-2025  (argon2id, t=2, m=19456, p=1):
--
--   username  email               phone (verified)   demo listings
--   alice     alice@example.com   +12065550101       about half of them; can post
--   bob       bob@example.com     +15035550102       the other half; can post
--   carol     carol@example.com   none               none; has favorites, must verify to post
--   dave      dave@example.com    none               none; has favorites, must verify to post
--
-- Ids are md5('user:<username>')::uuid. Development data only: never apply seeds in production.
INSERT INTO auth.user (id, email, name, username, phone_number, phone_verified_at, password_hash,
                       created_at, updated_at)
SELECT md5('user:' || demo.username)::uuid, demo.username || '@example.com', demo.name,
       demo.username, demo.phone_number,
       CASE WHEN demo.phone_number IS NOT NULL THEN now() - interval '80 days' END,
       '$argon2id$v=19$m=19456,t=2,p=1$QZOGF+Igm6du0cTgt9ctjw$k7SHW14zbmGEGFwF9Qdzmd0Nm5DRDfNnkad1s24vbhc',
       now() - demo.age, now() - demo.age
FROM (VALUES
  ('alice', 'Alice Anderson', '+12065550101', interval '90 days'),
  ('bob', 'Bob Brown', '+15035550102', interval '85 days'),
  ('carol', 'Carol Chen', NULL, interval '40 days'),
  ('dave', 'Dave Diaz', NULL, interval '3 days')
) AS demo (username, name, phone_number, age)
ON CONFLICT DO NOTHING;
