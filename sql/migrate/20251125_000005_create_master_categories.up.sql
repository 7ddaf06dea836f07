-- schema: master
CREATE TABLE master.categories (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name VARCHAR(100) NOT NULL,
  slug VARCHAR(100) UNIQUE NOT NULL,
  parent_id UUID REFERENCES master.categories(id),
  created_at TIMESTAMP DEFAULT NOW() NOT NULL
);
