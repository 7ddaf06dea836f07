-- schema: app
ALTER TABLE app.listing_images DROP CONSTRAINT listing_images_display_order_non_negative;
ALTER TABLE app.listings
  DROP CONSTRAINT listings_title_not_blank,
  DROP CONSTRAINT listings_price_non_negative;
