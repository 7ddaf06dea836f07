-- schema: app
DROP TRIGGER listings_touch_updated_at ON app.listings;
CREATE TRIGGER listings_touch_updated_at BEFORE UPDATE ON app.listings
  FOR EACH ROW EXECUTE FUNCTION app.touch_updated_at();
DROP FUNCTION app.touch_listing_updated_at();
