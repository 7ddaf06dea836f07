-- schema: master
DELETE FROM master.locations
WHERE id IN (SELECT md5('location:' || slug)::uuid FROM unnest(ARRAY[
  'new-york-ny', 'los-angeles-ca', 'chicago-il', 'houston-tx', 'phoenix-az', 'philadelphia-pa',
  'san-antonio-tx', 'san-diego-ca', 'dallas-tx', 'austin-tx', 'san-jose-ca', 'san-francisco-ca',
  'seattle-wa', 'denver-co', 'washington-dc', 'boston-ma', 'nashville-tn', 'portland-or',
  'las-vegas-nv', 'detroit-mi', 'atlanta-ga', 'miami-fl', 'tampa-fl', 'orlando-fl',
  'jacksonville-fl', 'charlotte-nc', 'raleigh-nc', 'minneapolis-mn', 'st-louis-mo',
  'kansas-city-mo', 'baltimore-md', 'pittsburgh-pa', 'cleveland-oh', 'columbus-oh',
  'cincinnati-oh', 'indianapolis-in', 'milwaukee-wi', 'sacramento-ca', 'salt-lake-city-ut',
  'albuquerque-nm', 'tucson-az', 'oklahoma-city-ok', 'louisville-ky', 'memphis-tn',
  'new-orleans-la', 'richmond-va', 'virginia-beach-va', 'buffalo-ny', 'hartford-ct',
  'providence-ri', 'birmingham-al', 'honolulu-hi', 'anchorage-ak', 'boise-id', 'omaha-ne',
  'des-moines-ia', 'spokane-wa', 'madison-wi', 'fort-worth-tx', 'el-paso-tx'
]) AS slug);
