-- schema: auth
CREATE TABLE auth.phone_verifications (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id UUID NOT NULL REFERENCES auth.user(id) ON DELETE CASCADE,
  phone_number VARCHAR(20) NOT NULL,
  code VARCHAR(10) NOT NULL,
  verification_type VARCHAR(20) NOT NULL,
  is_used BOOLEAN DEFAULT false NOT NULL,
  expires_at TIMESTAMP NOT NULL,
  created_at TIMESTAMP DEFAULT NOW() NOT NULL
);
