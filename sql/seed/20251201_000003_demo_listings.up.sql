-- schema: app
-- 240 demo listings owned by alice and bob (the demo users with verified phones), about three in
-- every leaf category, spread over the 60 seeded metros and the last 29 days, so every one is
-- still unexpired (expires_at = created_at + 30 days); listings 97 and 194 are inactive.
-- Each has 0-6 images; carol and dave have favorited a few. Every choice is a byte of
-- md5('demo-listing:<n>'), and ids are md5 of fixed strings, so the down file can name them.
INSERT INTO app.listings (id, user_id, category_id, location_id, title, description, price,
                          is_price_negotiable, contact_email, contact_phone, is_active,
                          is_flagged, view_count, created_at, updated_at, expires_at)
WITH item (category_slug, top_slug, names, price_lo, price_hi) AS (VALUES
  ('antiques', 'for-sale', ARRAY['Oak rolltop desk', 'Victorian fainting couch', 'Cast iron skillet set (1920s)', 'Mid-century teak sideboard'], 40, 1800),
  ('appliances', 'for-sale', ARRAY['Whirlpool front-load washer', 'Stainless steel French door fridge', 'GE gas range', 'Bosch dishwasher'], 80, 1100),
  ('auto-parts', 'for-sale', ARRAY['Set of 4 Michelin all-season tires', 'Thule roof rack', 'Honda Civic OEM headlights', 'Truck bed tonneau cover'], 40, 900),
  ('bicycles', 'for-sale', ARRAY['Trek FX 3 hybrid bike', 'Specialized Rockhopper mountain bike', 'Vintage Schwinn cruiser', 'Kids 20" bike with training wheels'], 60, 1400),
  ('books-magazines', 'for-sale', ARRAY['Box of 40 sci-fi paperbacks', 'Complete Harry Potter hardcover set', 'College textbooks (calculus, chemistry)', 'National Geographic collection 1985-2000'], 10, 150),
  ('cars-trucks', 'for-sale', ARRAY['2014 Toyota Camry LE', '2011 Ford F-150 XLT', '2017 Subaru Outback', '2009 Honda Civic EX'], 3500, 26000),
  ('cell-phones', 'for-sale', ARRAY['iPhone 13 128GB unlocked', 'Samsung Galaxy S22', 'Google Pixel 7', 'iPhone 11 64GB'], 120, 650),
  ('clothing-accessories', 'for-sale', ARRAY['North Face winter jacket (M)', 'Leather messenger bag', 'Nike running shoes size 10', 'Vintage Levi''s denim jacket'], 15, 220),
  ('computers', 'for-sale', ARRAY['MacBook Air M1 8GB/256GB', 'Gaming PC RTX 3060', 'Dell 27" 4K monitor', 'ThinkPad T480 laptop'], 90, 1200),
  ('electronics', 'for-sale', ARRAY['Sony 55" 4K TV', 'Bose QuietComfort headphones', 'Nintendo Switch with two games', 'Canon EOS Rebel camera kit'], 60, 700),
  ('furniture', 'for-sale', ARRAY['Gray sectional sofa', 'Solid wood dining table with 6 chairs', 'IKEA Malm dresser', 'Queen bed frame with headboard'], 40, 1200),
  ('household-items', 'for-sale', ARRAY['KitchenAid stand mixer', 'Dyson cordless vacuum', 'Set of 12 dinner plates', 'Instant Pot 6 qt'], 10, 300),
  ('musical-instruments', 'for-sale', ARRAY['Fender Stratocaster electric guitar', 'Yamaha digital piano', 'Pearl 5-piece drum kit', 'Taylor acoustic guitar'], 120, 1600),
  ('sporting-goods', 'for-sale', ARRAY['Adjustable dumbbells 5-52 lb', 'Peloton bike', 'Burton snowboard with bindings', 'Two kayaks with paddles'], 40, 1200),
  ('tools', 'for-sale', ARRAY['DeWalt 20V drill and impact driver', 'Craftsman rolling tool chest', 'Honda lawn mower', 'Table saw with stand'], 30, 650),
  ('apartments-for-rent', 'housing', ARRAY['Sunny 1BR apartment with balcony', 'Spacious 2BR/1BA near light rail', 'Renovated studio, in-unit laundry', '3BR townhouse with garage'], 1100, 3600),
  ('rooms-shares', 'housing', ARRAY['Private room in 3BR house', 'Furnished room with private bath', 'Room in quiet shared apartment', 'Master bedroom, utilities included'], 550, 1400),
  ('sublets-temporary', 'housing', ARRAY['Summer sublet, furnished 1BR', '3-month sublet near campus', 'Furnished studio, month-to-month', 'Short-term room for traveling nurse'], 800, 2400),
  ('houses-for-sale', 'housing', ARRAY['3BR/2BA ranch with big backyard', 'Updated 4BR colonial', 'Starter home, 2BR bungalow', 'Craftsman home with detached garage'], 180000, 850000),
  ('vacation-rentals', 'housing', ARRAY['Lakefront cabin, sleeps 6', 'Beach condo with ocean view', 'Mountain A-frame with hot tub', 'Downtown loft, weekly rental'], 120, 450),
  ('parking-storage', 'housing', ARRAY['Covered parking spot downtown', '10x10 storage unit', 'Secure garage space for one car', 'RV and boat storage'], 60, 350),
  ('office-commercial', 'housing', ARRAY['Private office in coworking space', '1,200 sq ft retail storefront', 'Shared studio space for artists', 'Small warehouse with loading dock'], 400, 6500),
  ('housing-wanted', 'housing', ARRAY['Quiet professional seeking 1BR', 'Couple looking for 2BR with yard', 'Grad student seeking room', 'Family seeking 3BR house to rent'], NULL, NULL),
  ('housing-swap', 'housing', ARRAY['Swap my 2BR for a 1BR across town', 'Trade studio for place closer to downtown', 'Summer home exchange', 'Swap 3BR house for city apartment'], NULL, NULL),
  ('accounting-finance', 'jobs', ARRAY['Staff Accountant', 'Bookkeeper', 'Accounts Payable Specialist', 'Payroll Coordinator'], 24, 42),
  ('admin-office', 'jobs', ARRAY['Office Manager', 'Receptionist', 'Administrative Assistant', 'Data Entry Clerk'], 17, 30),
  ('customer-service', 'jobs', ARRAY['Call Center Representative', 'Customer Support Specialist', 'Front Desk Agent', 'Client Care Coordinator'], 16, 26),
  ('education-teaching', 'jobs', ARRAY['Preschool Teacher', 'Math Tutor', 'Substitute Teacher', 'ESL Instructor'], 18, 40),
  ('food-beverage-hospitality', 'jobs', ARRAY['Line Cook', 'Barista', 'Server', 'Dishwasher'], 16, 28),
  ('general-labor', 'jobs', ARRAY['Warehouse Associate', 'Landscaping Crew Member', 'Moving Helper', 'Production Worker'], 17, 25),
  ('healthcare', 'jobs', ARRAY['Certified Nursing Assistant', 'Medical Receptionist', 'Dental Hygienist', 'Home Health Aide'], 18, 48),
  ('marketing-advertising', 'jobs', ARRAY['Social Media Coordinator', 'Marketing Assistant', 'Graphic Designer', 'Content Writer'], 20, 45),
  ('retail-wholesale', 'jobs', ARRAY['Retail Sales Associate', 'Store Supervisor', 'Stock Associate', 'Cashier'], 16, 24),
  ('skilled-trades-craft', 'jobs', ARRAY['Journeyman Electrician', 'HVAC Technician', 'Carpenter', 'Plumber''s Apprentice'], 22, 48),
  ('software-qa-dba', 'jobs', ARRAY['Junior Python Developer', 'QA Test Engineer', 'PostgreSQL DBA', 'Frontend Developer (React)'], 40, 85),
  ('transportation', 'jobs', ARRAY['CDL Class A Driver', 'Delivery Driver', 'Forklift Operator', 'School Bus Driver'], 19, 38),
  ('automotive-services', 'services', ARRAY['Mobile auto detailing', 'Mobile mechanic', 'Windshield chip repair', 'Brake and oil service'], 40, 250),
  ('beauty-services', 'services', ARRAY['Haircuts and color', 'Bridal makeup', 'Lash extensions', 'Mobile nail technician'], 25, 180),
  ('computer-services', 'services', ARRAY['PC and Mac repair', 'Home Wi-Fi setup', 'Small business website design', 'Virus removal and data recovery'], 40, 150),
  ('creative-services', 'services', ARRAY['Portrait and headshot photography', 'Logo and brand design', 'Wedding videography', 'Custom murals'], 75, 1500),
  ('event-services', 'services', ARRAY['DJ for weddings and parties', 'Bounce house rentals', 'Event catering', 'Photo booth rental'], 150, 1200),
  ('financial-services', 'services', ARRAY['Tax preparation', 'Bookkeeping for small businesses', 'Credit repair consultation', 'Retirement planning'], 50, 400),
  ('household-services', 'services', ARRAY['House cleaning', 'Handyman services', 'Gutter cleaning', 'Window washing'], 45, 300),
  ('labor-moving', 'services', ARRAY['Two movers and a truck', 'Junk removal and hauling', 'Furniture assembly', 'Piano moving'], 60, 450),
  ('legal-services', 'services', ARRAY['Notary public, mobile', 'Immigration paperwork help', 'Small claims consultation', 'Estate planning documents'], 25, 600),
  ('lessons-tutoring', 'services', ARRAY['Guitar lessons', 'SAT and ACT tutoring', 'Spanish conversation lessons', 'Swim lessons for kids'], 30, 90),
  ('pet-services', 'services', ARRAY['Dog walking', 'Pet sitting in your home', 'Mobile dog grooming', 'Puppy obedience training'], 20, 120),
  ('real-estate-services', 'services', ARRAY['Home inspection', 'Real estate photography', 'Property management', 'Flat-fee listing agent'], 150, 900),
  ('skilled-trade-services', 'services', ARRAY['Licensed electrician', 'Drywall repair and painting', 'Fence installation', 'Tile and bathroom remodels'], 75, 2500),
  ('activities', 'community', ARRAY['Saturday morning running group', 'Board game night', 'Weekend hiking buddies wanted', 'Pickup basketball on Sundays'], NULL, NULL),
  ('artists', 'community', ARRAY['Open studio night for painters', 'Looking for a muralist to collaborate', 'Figure drawing group', 'Local artists market'], NULL, NULL),
  ('childcare', 'community', ARRAY['Babysitting co-op forming', 'After-school nanny share', 'Parents'' night out swap', 'Summer camp carpool'], NULL, NULL),
  ('classes', 'community', ARRAY['Beginner pottery class', 'Intro to watercolor workshop', 'Salsa dance lessons', 'Community CPR certification'], 20, 120),
  ('events', 'community', ARRAY['Neighborhood block party', 'Farmers market opening day', 'Free outdoor movie night', 'Charity 5K fun run'], NULL, NULL),
  ('general-community', 'community', ARRAY['Free firewood, you haul', 'Community garden plots available', 'Little free library in the park', 'Seeking recommendations for a dentist'], NULL, NULL),
  ('groups', 'community', ARRAY['Book club, new members welcome', 'Toastmasters chapter meeting', 'New parents support group', 'Knitting circle'], NULL, NULL),
  ('lost-found', 'community', ARRAY['Lost gray tabby cat', 'Found set of keys near the library', 'Lost wedding ring at the beach', 'Found black Labrador, no collar'], NULL, NULL),
  ('musicians', 'community', ARRAY['Drummer wanted for indie rock band', 'Singer looking for jam partners', 'Jazz trio seeks bassist', 'Church choir seeking tenors'], NULL, NULL),
  ('pets', 'community', ARRAY['Free kittens to a good home', 'Dog playgroup at the park', 'Rehoming friendly senior beagle', 'Pet food drive for the shelter'], NULL, NULL),
  ('rideshare', 'community', ARRAY['Ride offered to the airport Friday', 'Weekday commute carpool', 'Road trip, sharing gas', 'Need a ride to the ski resort'], NULL, NULL),
  ('volunteers', 'community', ARRAY['Food bank volunteers needed', 'Animal shelter dog walkers', 'Park cleanup this Saturday', 'Reading tutors for kids'], NULL, NULL),
  ('computer-gigs', 'gigs', ARRAY['Fix a WordPress plugin bug', 'Set up a Shopify store', 'Migrate email to Google Workspace', 'Build a simple spreadsheet dashboard'], 80, 600),
  ('creative-gigs', 'gigs', ARRAY['Design a logo for a food truck', 'Photograph products for an online shop', 'Edit a 5-minute YouTube video', 'Illustrate a children''s book cover'], 60, 500),
  ('crew-gigs', 'gigs', ARRAY['Production assistant for a short film', 'Stagehand for a concert load-in', 'Grip for a commercial shoot', 'Set builder for community theater'], 120, 400),
  ('delivery-gigs', 'gigs', ARRAY['Deliver a sofa across town', 'Grocery pickup for a senior', 'Same-day courier run', 'Pick up a dresser from IKEA'], 30, 150),
  ('domestic-gigs', 'gigs', ARRAY['Deep clean a 2BR apartment', 'Help organizing a garage', 'House sitting for a week', 'Meal prep for a family of four'], 60, 350),
  ('event-gigs', 'gigs', ARRAY['Bartender for a backyard party', 'Help setting up a wedding', 'Face painter for a kids party', 'Server for a catered dinner'], 80, 400),
  ('labor-gigs', 'gigs', ARRAY['Help loading a moving truck', 'Yard cleanup, one afternoon', 'Assemble IKEA furniture', 'Haul away old carpet'], 50, 300),
  ('talent-gigs', 'gigs', ARRAY['Extras needed for a music video', 'Voice-over for a podcast ad', 'Models for a hair show', 'Actors for a student film'], 50, 500),
  ('writing-gigs', 'gigs', ARRAY['Proofread a 30-page thesis', 'Write product descriptions', 'Ghostwrite blog posts', 'Translate a menu to Spanish'], 40, 400)
),
copy (top_slug, tags, sentences) AS (VALUES
  ('for-sale',
   ARRAY['Like new', 'Gently used', 'Excellent condition', 'Moving sale', 'Great deal', 'Barely used', 'Works perfectly', 'Must go this week'],
   ARRAY['Comes from a smoke-free and pet-free home.', 'Everything works exactly as it should; tested this week.',
         'Minor cosmetic wear, nothing that affects how it works.', 'Original box and manual included.',
         'Cash or Venmo, pickup only.', 'Happy to send more photos on request.',
         'Meet in a public place during daylight hours.', 'Priced to sell, first come first served.']),
  ('housing',
   ARRAY['Available now', 'Pet friendly', 'Utilities included', 'Close to transit', 'No smoking', 'Parking included', 'Quiet street', 'Flexible move-in'],
   ARRAY['Washer and dryer in the building.', 'Walking distance to grocery stores, cafes and parks.',
         'Street parking is easy and free after 6 pm.', 'Cats and small dogs considered with a deposit.',
         'Lots of natural light and hardwood floors throughout.', 'Showings on weekday evenings and weekends.',
         'Credit check and references required.', 'Quiet neighbors, well-maintained building.']),
  ('jobs',
   ARRAY['Full-time', 'Part-time', 'Contract', 'Temp-to-hire', 'Weekends', 'Immediate start'],
   ARRAY['Paid training and flexible scheduling.', 'Health, dental and vision benefits after 60 days.',
         'Experience preferred but not required; we will teach you.', 'Must be reliable and have a valid driver''s license.',
         'Weekly pay and overtime available.', 'Reply with your resume and a short note about yourself.',
         'Friendly team and a clear path to promotion.', 'Background check required.']),
  ('services',
   ARRAY['Licensed & insured', 'Free estimates', 'Same-day availability', '15 years experience', 'Reasonable rates', 'Weekends available'],
   ARRAY['References available on request.', 'Satisfaction guaranteed or we come back for free.',
         'Serving the whole metro area, no travel fee.', 'Call or text to book, usually a reply within the hour.',
         'Senior and military discounts.', 'Background-checked and fully insured.',
         'Evening and weekend appointments available.', 'Price quoted is a starting rate; final quote after a quick look.']),
  ('community',
   ARRAY['All welcome', 'Free', 'This weekend', 'Every week', 'Newcomers welcome', 'Family friendly'],
   ARRAY['No experience needed, just show up.', 'Bring a friend, the more the merrier.',
         'We meet rain or shine.', 'Message me for details and the exact spot.',
         'Kids and dogs are welcome.', 'Light refreshments provided.',
         'Accessible location with parking nearby.', 'Please share with anyone who might be interested.']),
  ('gigs',
   ARRAY['Today', 'This weekend', 'Tomorrow morning', 'One-time', 'Flexible hours', 'Cash paid'],
   ARRAY['Should take about three to four hours.', 'Paid in cash the same day.',
         'Please include a phone number in your reply.', 'Tools and materials provided.',
         'Must be able to lift 50 pounds.', 'Could turn into regular work for the right person.',
         'Reply with a short note about similar work you have done.', 'Flexible on timing within the week.'])
),
leaf AS (
  SELECT (row_number() OVER (ORDER BY item.category_slug) - 1)::int AS rn,
         md5('category:' || item.category_slug)::uuid AS category_id, item.top_slug, item.names,
         item.price_lo, item.price_hi, copy.tags, copy.sentences
  FROM item JOIN copy ON copy.top_slug = item.top_slug
),
metro AS (
  SELECT (row_number() OVER (ORDER BY slug) - 1)::int AS rn, id, city, state
  FROM master.locations
  WHERE id = md5('location:' || slug)::uuid
),
owner AS (
  SELECT (row_number() OVER (ORDER BY username) - 1)::int AS rn, id, email, phone_number
  FROM auth.user
  WHERE id IN (md5('user:alice')::uuid, md5('user:bob')::uuid)
),
draw AS (
  -- b: 16 pseudo-random bytes per listing, each used for one independent choice.
  SELECT n, decode(md5('demo-listing:' || n), 'hex') AS b
  FROM generate_series(1, 240) AS n
),
pick AS (
  SELECT draw.n, draw.b, leaf.*, metro.city, metro.state, metro.id AS location_id,
         owner.id AS user_id, owner.email AS owner_email, owner.phone_number AS owner_phone,
         leaf.names[1 + get_byte(draw.b, 0) % cardinality(leaf.names)] AS item_name,
         leaf.price_lo + (get_byte(draw.b, 7) * 256 + get_byte(draw.b, 8))
                         % (leaf.price_hi - leaf.price_lo + 1) AS raw_price,
         now() - ((get_byte(draw.b, 4) * 65536 + get_byte(draw.b, 5) * 256 + get_byte(draw.b, 6))
                  % (29 * 86400) + 3600) * interval '1 second' AS created_at
  FROM draw
  JOIN leaf ON leaf.rn = (draw.n - 1) % (SELECT count(*) FROM leaf)
  JOIN metro ON metro.rn = (get_byte(draw.b, 1) * 256 + get_byte(draw.b, 2)) % (SELECT count(*) FROM metro)
  JOIN owner ON owner.rn = get_byte(draw.b, 3) % 2
)
SELECT md5('demo-listing:' || n)::uuid, user_id, category_id, location_id,
       CASE top_slug
         WHEN 'for-sale' THEN item_name || ' - ' || lower(tags[1 + get_byte(b, 9) % cardinality(tags)])
         WHEN 'housing' THEN item_name || ' (' || city || ')'
         WHEN 'jobs' THEN item_name || ' - ' || tags[1 + get_byte(b, 9) % cardinality(tags)]
         WHEN 'gigs' THEN item_name || ' - ' || lower(tags[1 + get_byte(b, 9) % cardinality(tags)])
         ELSE item_name || ' - ' || tags[1 + get_byte(b, 9) % cardinality(tags)]
       END,
       CASE top_slug
         WHEN 'for-sale' THEN format('%s for sale in %s, %s.', item_name, city, state)
         WHEN 'housing' THEN format('%s in %s, %s. %s.', item_name, city, state,
                                    tags[1 + get_byte(b, 9) % cardinality(tags)])
         WHEN 'jobs' THEN format('Now hiring: %s (%s) in %s, %s.', item_name,
                                 lower(tags[1 + get_byte(b, 9) % cardinality(tags)]), city, state)
         WHEN 'services' THEN format('%s serving %s, %s and surrounding areas.', item_name, city, state)
         WHEN 'gigs' THEN format('Looking for help in %s, %s: %s.', city, state, lower(item_name))
         ELSE format('%s in %s, %s.', item_name, city, state)
       END
       || ' ' || sentences[1 + get_byte(b, 10) % 8]
       || ' ' || sentences[1 + (get_byte(b, 10) + 1) % 8]
       || ' ' || sentences[1 + (get_byte(b, 10) + 2) % 8],
       CASE
         WHEN raw_price IS NULL THEN NULL
         WHEN top_slug = 'jobs' AND get_byte(b, 11) % 4 = 0 THEN NULL  -- "pay depends on experience"
         WHEN raw_price >= 10000 THEN round(raw_price, -3)
         WHEN raw_price >= 1000 THEN round(raw_price, -1) - 5
         WHEN raw_price >= 100 THEN round(raw_price, -1)
         ELSE raw_price
       END,
       top_slug IN ('for-sale', 'housing') AND get_byte(b, 12) % 3 = 0,
       CASE WHEN get_byte(b, 13) % 10 < 6 THEN owner_email END,
       CASE WHEN get_byte(b, 13) % 10 < 4 THEN owner_phone END,
       n % 97 <> 0,
       false,
       get_byte(b, 14) * (1 + get_byte(b, 15) % 3) / 2,
       created_at, created_at, created_at + interval '30 days'
FROM pick
ORDER BY created_at
ON CONFLICT DO NOTHING;

-- Job and gig ads rarely carry photos; the rest get 0-6, in display_order 0..n-1.
INSERT INTO app.listing_images (id, listing_id, image_url, display_order, created_at)
SELECT md5('demo-image:' || n || ':' || k)::uuid, listing.id,
       format('https://picsum.photos/seed/demo-%s-%s/800/600', n, k), k, listing.created_at
FROM generate_series(1, 240) AS n
JOIN app.listings AS listing ON listing.id = md5('demo-listing:' || n)::uuid
JOIN master.categories AS category ON category.id = listing.category_id
CROSS JOIN LATERAL generate_series(
  0,
  get_byte(decode(md5('demo-listing:' || n), 'hex'), 15)
    % CASE WHEN category.parent_id IN (md5('category:jobs')::uuid, md5('category:gigs')::uuid)
           THEN 2 ELSE 7 END
    - 1
) AS k
ON CONFLICT DO NOTHING;

INSERT INTO app.favorites (id, user_id, listing_id, created_at)
SELECT md5('demo-favorite:' || fan.username || ':' || n)::uuid, md5('user:' || fan.username)::uuid,
       listing.id, listing.created_at + (now() - listing.created_at) / 2
FROM (VALUES ('carol', 9), ('dave', 13)) AS fan (username, period)
CROSS JOIN generate_series(1, 240) AS n
JOIN app.listings AS listing ON listing.id = md5('demo-listing:' || n)::uuid
WHERE n % fan.period = 0
  AND EXISTS (SELECT 1 FROM auth.user WHERE id = md5('user:' || fan.username)::uuid)
ON CONFLICT DO NOTHING;
