-- schema: app
DROP TRIGGER listings_touch_updated_at ON app.listings;
DROP TRIGGER user_touch_updated_at ON auth.user;
DROP FUNCTION app.touch_updated_at();
