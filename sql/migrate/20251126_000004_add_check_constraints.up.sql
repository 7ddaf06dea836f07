-- schema: app
ALTER TABLE app.listings
  ADD CONSTRAINT listings_price_non_negative CHECK (price >= 0),
  ADD CONSTRAINT listings_title_not_blank CHECK (btrim(title) <> '');
ALTER TABLE app.listing_images
  ADD CONSTRAINT listing_images_display_order_non_negative CHECK (display_order >= 0);
