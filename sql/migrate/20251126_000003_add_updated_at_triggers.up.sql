-- schema: app
-- updated_at is kept by the database, so no writer can forget it.
CREATE FUNCTION app.touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;
CREATE TRIGGER user_touch_updated_at BEFORE UPDATE ON auth.user
  FOR EACH ROW EXECUTE FUNCTION app.touch_updated_at();
CREATE TRIGGER listings_touch_updated_at BEFORE UPDATE ON app.listings
  FOR EACH ROW EXECUTE FUNCTION app.touch_updated_at();
