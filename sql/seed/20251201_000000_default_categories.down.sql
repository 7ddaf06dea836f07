-- schema: master
-- Children first: a top-level category cannot go while a subcategory still points at it.
DELETE FROM master.categories
WHERE id IN (SELECT md5('category:' || slug)::uuid FROM unnest(ARRAY[
  'antiques', 'appliances', 'auto-parts', 'bicycles', 'books-magazines', 'cars-trucks',
  'cell-phones', 'clothing-accessories', 'computers', 'electronics', 'furniture',
  'household-items', 'musical-instruments', 'sporting-goods', 'tools',
  'apartments-for-rent', 'rooms-shares', 'sublets-temporary', 'houses-for-sale',
  'vacation-rentals', 'parking-storage', 'office-commercial', 'housing-wanted', 'housing-swap',
  'accounting-finance', 'admin-office', 'customer-service', 'education-teaching',
  'food-beverage-hospitality', 'general-labor', 'healthcare', 'marketing-advertising',
  'retail-wholesale', 'skilled-trades-craft', 'software-qa-dba', 'transportation',
  'automotive-services', 'beauty-services', 'computer-services', 'creative-services',
  'event-services', 'financial-services', 'household-services', 'labor-moving', 'legal-services',
  'lessons-tutoring', 'pet-services', 'real-estate-services', 'skilled-trade-services',
  'activities', 'artists', 'childcare', 'classes', 'events', 'general-community', 'groups',
  'lost-found', 'musicians', 'pets', 'rideshare', 'volunteers',
  'computer-gigs', 'creative-gigs', 'crew-gigs', 'delivery-gigs', 'domestic-gigs', 'event-gigs',
  'labor-gigs', 'talent-gigs', 'writing-gigs'
]) AS slug);
DELETE FROM master.categories
WHERE id IN (SELECT md5('category:' || slug)::uuid
             FROM unnest(ARRAY['for-sale', 'housing', 'jobs', 'services', 'community', 'gigs']) AS slug);
