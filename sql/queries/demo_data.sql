-- Bulk demo data for benchmarks (`graphql-api demo-data`). Each insert covers one batch, rows
-- first..last of one run. Every "random" choice is a byte of md5(<run tag>:<kind>:<row>), so the
-- statements of a run agree on ids (users, listings) without reading each other's rows back.
-- psycopg reads a bare percent sign as a placeholder, hence mod() and || instead of % and format().

-- name: count_demo_data_sources
-- Returns the leaf categories and locations listings can use; both are zero before the seeds.
SELECT
  (SELECT count(*) FROM master.categories AS c
   WHERE NOT EXISTS (SELECT 1 FROM master.categories AS child WHERE child.parent_id = c.id))
    AS leaf_categories,
  (SELECT count(*) FROM master.locations) AS locations;

-- name: insert_demo_users!
-- Inserts users first..last of a run, seven in ten with a verified phone, all with one password hash.
INSERT INTO auth.user (id, email, name, username, phone_number, phone_verified_at, password_hash,
                       created_at, updated_at)
SELECT md5(%(run)s || ':user:' || n)::uuid,
       lower(person.first || '.' || person.last) || '+' || %(run)s || '-' || n || '@example.com',
       person.first || ' ' || person.last,
       lower(left(person.first, 1) || person.last) || '_' || n || '_' || %(run)s,
       -- Consecutive numbers from a per-run base: unique within a run, and two runs collide only
       -- if their bases land within a few thousand of each other out of eight billion.
       CASE WHEN person.verified
            THEN '+1' || (2000000000 + mod(phones.base + n, 8000000000)) END,
       CASE WHEN person.verified THEN person.joined + interval '1 day' END,
       %(password_hash)s,
       person.joined, person.joined
FROM generate_series(%(first)s::int, %(last)s::int) AS n
CROSS JOIN (
  SELECT ('x' || substr(md5(%(run)s || ':phones'), 1, 12))::bit(48)::bigint AS base
) AS phones
CROSS JOIN LATERAL (SELECT decode(md5(%(run)s || ':user:' || n), 'hex') AS b) AS draw
CROSS JOIN LATERAL (
  SELECT (ARRAY['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda',
                'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph',
                'Jessica', 'Thomas', 'Sarah', 'Carlos', 'Karen', 'Daniel', 'Lisa', 'Matthew',
                'Nancy', 'Anthony', 'Betty', 'Mark', 'Sandra', 'Wei', 'Ashley', 'Steven',
                'Kimberly', 'Paul', 'Emily', 'Andrew', 'Donna', 'Joshua', 'Michelle', 'Kenji',
                'Priya'])[1 + mod(get_byte(draw.b, 0), 40)] AS first,
         (ARRAY['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis',
                'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson',
                'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson',
                'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker',
                'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill',
                'Patel'])[1 + mod(get_byte(draw.b, 1), 40)] AS last,
         mod(get_byte(draw.b, 2), 10) < 7 AS verified,
         -- joined 40 to 400 days ago: before any of the run's listings.
         now() - interval '40 days'
           - (get_byte(draw.b, 3) * 256 + get_byte(draw.b, 4)) * interval '8 minutes' AS joined
) AS person;

-- name: insert_demo_listings!
-- Inserts listings first..last of a run over every leaf category and location, owned by the run's users.
INSERT INTO app.listings (id, user_id, category_id, location_id, title, description, price,
                          is_price_negotiable, contact_email, contact_phone, is_active,
                          is_flagged, view_count, created_at, updated_at, expires_at)
WITH leaf AS MATERIALIZED (
  SELECT (row_number() OVER (ORDER BY c.slug) - 1)::int AS rn, c.id, c.name, c.slug,
         CASE WHEN parent.slug IN ('housing', 'jobs', 'services', 'community', 'gigs')
              THEN parent.slug ELSE 'for-sale' END AS kind
  FROM master.categories AS c
  LEFT JOIN master.categories AS parent ON parent.id = c.parent_id
  WHERE NOT EXISTS (SELECT 1 FROM master.categories AS child WHERE child.parent_id = c.id)
),
metro AS MATERIALIZED (
  SELECT (row_number() OVER (ORDER BY slug) - 1)::int AS rn, id, city, state
  FROM master.locations
),
-- Per kind of category: eight title openers, eight title tags, eight description sentences.
copy (kind, openers, tags, sentences) AS (VALUES
  ('for-sale',
   ARRAY['Like-new', 'Gently used', 'Excellent condition', 'Moving sale:', 'Vintage', 'Barely used', 'Great deal on', 'Must go:'],
   ARRAY['pickup only', 'cash or Venmo', 'price firm', 'OBO', 'delivery available', 'first come first served', 'no lowballers', 'ready today'],
   ARRAY['Comes from a smoke-free and pet-free home.', 'Everything works exactly as it should; tested this week.',
         'Minor cosmetic wear, nothing that affects how it works.', 'Original box and manual included.',
         'Cash or Venmo, pickup only.', 'Happy to send more photos on request.',
         'Meet in a public place during daylight hours.', 'Priced to sell, first come first served.']),
  ('housing',
   ARRAY['Sunny', 'Spacious', 'Quiet', 'Renovated', 'Cozy', 'Modern', 'Pet-friendly', 'Furnished'],
   ARRAY['available now', 'utilities included', 'close to transit', 'parking included', 'no smoking', 'flexible move-in', 'washer/dryer', 'quiet street'],
   ARRAY['Washer and dryer in the building.', 'Walking distance to grocery stores, cafes and parks.',
         'Street parking is easy and free after 6 pm.', 'Cats and small dogs considered with a deposit.',
         'Lots of natural light and hardwood floors throughout.', 'Showings on weekday evenings and weekends.',
         'Credit check and references required.', 'Quiet neighbors, well-maintained building.']),
  ('jobs',
   ARRAY['Now hiring:', 'Hiring:', 'Immediate opening:', 'Seeking', 'Part-time', 'Full-time', 'Experienced', 'Entry-level'],
   ARRAY['associate', 'specialist', 'lead', 'assistant', 'coordinator', 'technician', 'manager', 'trainee'],
   ARRAY['Paid training and flexible scheduling.', 'Health, dental and vision benefits after 60 days.',
         'Experience preferred but not required; we will teach you.', 'Must be reliable and have a valid driver''s license.',
         'Weekly pay and overtime available.', 'Reply with your resume and a short note about yourself.',
         'Friendly team and a clear path to promotion.', 'Background check required.']),
  ('services',
   ARRAY['Licensed & insured', 'Free estimates', 'Same-day availability', '15 years experience', 'Reasonable rates', 'Weekends available', 'Family owned', 'Top rated'],
   ARRAY['call or text', 'book online', 'no job too small', 'senior discounts', 'satisfaction guaranteed', 'serving the metro', 'evenings too', 'bilingual'],
   ARRAY['References available on request.', 'Satisfaction guaranteed or we come back for free.',
         'Serving the whole metro area, no travel fee.', 'Call or text to book, usually a reply within the hour.',
         'Senior and military discounts.', 'Background-checked and fully insured.',
         'Evening and weekend appointments available.', 'Price quoted is a starting rate; final quote after a quick look.']),
  ('community',
   ARRAY['Weekly meetup:', 'All welcome:', 'This weekend:', 'Free:', 'Newcomers welcome:', 'Family friendly:', 'Join us:', 'Looking for:'],
   ARRAY['all levels welcome', 'free', 'rain or shine', 'kids welcome', 'bring a friend', 'every Saturday', 'downtown', 'near the park'],
   ARRAY['No experience needed, just show up.', 'Bring a friend, the more the merrier.',
         'We meet rain or shine.', 'Message me for details and the exact spot.',
         'Kids and dogs are welcome.', 'Light refreshments provided.',
         'Accessible location with parking nearby.', 'Please share with anyone who might be interested.']),
  ('gigs',
   ARRAY['Quick gig:', 'Paid gig:', 'Need help:', 'Weekend gig:', 'One-time job:', 'Cash gig:', 'Help wanted:', 'Short gig:'],
   ARRAY['today', 'this weekend', 'tomorrow morning', 'one afternoon', 'flexible hours', 'cash same day', 'two hours', 'this week'],
   ARRAY['Should take about three to four hours.', 'Paid in cash the same day.',
         'Please include a phone number in your reply.', 'Tools and materials provided.',
         'Must be able to lift 50 pounds.', 'Could turn into regular work for the right person.',
         'Reply with a short note about similar work you have done.', 'Flexible on timing within the week.'])
),
draw AS (
  -- h: 32 hex digits; b: the same 16 bytes, one per independent choice.
  SELECT n, hashed.h, decode(hashed.h, 'hex') AS b
  FROM generate_series(%(first)s::int, %(last)s::int) AS n
  CROSS JOIN LATERAL (SELECT md5(%(run)s || ':listing:' || n) AS h) AS hashed
),
pick AS (
  SELECT draw.n, draw.b, leaf.id AS category_id, leaf.name AS category_name, leaf.slug, leaf.kind,
         metro.id AS location_id, metro.city, metro.state,
         owner.id AS user_id, owner.email AS owner_email, owner.phone_number AS owner_phone,
         copy.openers[1 + mod(get_byte(draw.b, 12), 8)] AS opener,
         copy.tags[1 + mod(get_byte(draw.b, 13), 8)] AS tag,
         copy.sentences[1 + mod(get_byte(draw.b, 14), 8)] || ' '
           || copy.sentences[1 + mod(get_byte(draw.b, 14) + 3, 8)] || ' '
           || copy.sentences[1 + mod(get_byte(draw.b, 14) + 5, 8)] AS sentences,
         get_byte(draw.b, 15) AS variant,
         -- uniform in [0, 1); prices scale it per kind.
         (get_byte(draw.b, 9) * 256 + get_byte(draw.b, 10)) / 65536.0 AS u,
         -- microseconds over 35 days, so keyset pagination on created_at sees (almost) no ties.
         now() - mod(('x' || substr(draw.h, 1, 12))::bit(48)::bigint, 35::bigint * 86400 * 1000000)
                 * interval '1 microsecond' AS created_at
  FROM draw
  JOIN leaf
    ON leaf.rn = mod(get_byte(draw.b, 6) * 256 + get_byte(draw.b, 7), (SELECT count(*) FROM leaf))
  JOIN metro
    ON metro.rn = mod(get_byte(draw.b, 8) * 256 + get_byte(draw.b, 11), (SELECT count(*) FROM metro))
  JOIN copy ON copy.kind = leaf.kind
  JOIN auth.user AS owner
    ON owner.id = md5(%(run)s || ':user:'
                      || (1 + mod(('x' || substr(draw.h, 25, 8))::bit(32)::bigint, %(users)s)))::uuid
)
SELECT md5(%(run)s || ':listing:' || n)::uuid, user_id, category_id, location_id,
       CASE kind
         WHEN 'housing' THEN
           opener || ' ' || (1 + mod(variant, 4)) || 'BR '
           || (ARRAY['apartment', 'house', 'condo', 'townhouse'])[1 + mod(variant / 4, 4)]
           || ' in ' || city || ' - ' || tag
         WHEN 'jobs' THEN opener || ' ' || category_name || ' ' || tag || ' - ' || city || ', ' || state
         WHEN 'gigs' THEN
           opener || ' '
           || (ARRAY['help moving a couch', 'yard cleanup', 'assemble furniture',
                     'photo shoot assistant', 'proofread a document', 'set up a home network',
                     'house sitting', 'event setup crew'])[1 + mod(variant, 8)]
           || ' (' || tag || ')'
         WHEN 'services' THEN category_name || ' - ' || opener || ', ' || tag || ' (' || city || ')'
         WHEN 'community' THEN opener || ' ' || lower(category_name) || ' in ' || city || ' (' || tag || ')'
         ELSE opener || ' ' || lower(category_name) || ' '
              || (ARRAY['bundle', 'set', 'lot', 'item', 'pair', 'collection', 'kit', 'piece'])[1 + mod(variant, 8)]
              || ' - ' || tag
       END,
       category_name || ' in ' || city || ', ' || state || '. ' || sentences,
       CASE
         WHEN slug IN ('housing-wanted', 'housing-swap') THEN NULL
         WHEN kind = 'community' AND slug NOT IN ('classes', 'events') THEN NULL
         WHEN kind = 'jobs' AND mod(get_byte(b, 3), 4) = 0 THEN NULL  -- "pay depends on experience"
         WHEN slug = 'cars-trucks' THEN round(1500 + 28500 * u, -2)
         WHEN slug = 'houses-for-sale' THEN round(150000 + 750000 * u, -3)
         WHEN kind = 'for-sale' THEN round(5 * power(1000, u))        -- 5 to 5,000, cheap ones common
         WHEN kind = 'housing' THEN round((500 + 4000 * u) / 25) * 25 -- monthly rent
         WHEN kind = 'jobs' THEN round(15 + 65 * u)                   -- hourly pay
         WHEN kind = 'community' THEN round(5 + 95 * u)               -- class or event fee
         ELSE round(20 * power(25, u))                                -- 20 to 500 per job
       END,
       kind IN ('for-sale', 'housing') AND mod(get_byte(b, 4), 3) = 0,
       CASE WHEN mod(get_byte(b, 5), 10) < 6 THEN owner_email END,
       CASE WHEN mod(get_byte(b, 5), 10) < 4 THEN owner_phone END,
       mod(get_byte(b, 0), 20) <> 0,  -- one in twenty inactive
       get_byte(b, 1) = 0,            -- one in 256 flagged
       get_byte(b, 2) * get_byte(b, 2) / 32,
       created_at, created_at, created_at + %(ttl_days)s * interval '1 day'
FROM pick;

-- name: insert_demo_listing_images!
-- Inserts 0-6 images, display_order 0..n-1, for listings first..last of a run.
INSERT INTO app.listing_images (listing_id, image_url, display_order, created_at)
SELECT listing.id,
       'https://picsum.photos/seed/' || %(run)s || '-' || n || '-' || k || '/800/600',
       k, listing.created_at
FROM generate_series(%(first)s::int, %(last)s::int) AS n
JOIN app.listings AS listing ON listing.id = md5(%(run)s || ':listing:' || n)::uuid
CROSS JOIN LATERAL generate_series(
  0, mod(get_byte(decode(md5(%(run)s || ':images:' || n), 'hex'), 0), 7) - 1
) AS k;

-- name: insert_demo_favorites!
-- Inserts 0-2 favorites, by random users of the run, for each of listings first..last of a run.
INSERT INTO app.favorites (user_id, listing_id, created_at)
SELECT md5(%(run)s || ':user:'
           || (1 + mod(('x' || substr(draw.h, 8 * j + 1, 8))::bit(32)::bigint, %(users)s)))::uuid,
       listing.id,
       listing.created_at + (now() - listing.created_at) * get_byte(decode(draw.h, 'hex'), j) / 256
FROM generate_series(%(first)s::int, %(last)s::int) AS n
JOIN app.listings AS listing ON listing.id = md5(%(run)s || ':listing:' || n)::uuid
CROSS JOIN LATERAL (SELECT md5(%(run)s || ':favorites:' || n) AS h) AS draw
CROSS JOIN LATERAL generate_series(1, mod(get_byte(decode(draw.h, 'hex'), 0), 3)) AS j
ON CONFLICT DO NOTHING;

-- name: analyze_demo_data!
-- Refreshes planner statistics for the tables the generator filled.
ANALYZE auth.user, app.listings, app.listing_images, app.favorites;
