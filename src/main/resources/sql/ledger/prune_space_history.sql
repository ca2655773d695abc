-- Removes the points of space_history older than :retention but for those at midnight UTC, and those older than
-- :dailyRetention. A scope's figures at a midnight are those of its first point at or after it, so before a point is
-- removed its figures are kept as a point at the last midnight before it that no other point is nearer.
--
-- In psql:  \set retention '''7 days'''  \set dailyRetention '''400 days'''
--           \set now '''2026-01-01T00:00:00Z'''
WITH old AS (
    SELECT h.*, date_trunc('day', h.at, 'UTC') AS midnight,
           lag(h.at) OVER (PARTITION BY customer, space ORDER BY h.at) AS previous
    FROM space_history h
    WHERE h.at < CAST(:now AS timestamptz) - CAST(:retention AS interval)
), kept AS (
    INSERT INTO space_history (customer, space, at, number_of_stored_images, total_size_of_stored_images, total_size_of_thumbnails,
                      byte_seconds, thumbnail_byte_seconds, image_seconds)
    SELECT customer, space, midnight, number_of_stored_images, total_size_of_stored_images, total_size_of_thumbnails,
           byte_seconds - total_size_of_stored_images * extract(epoch FROM at - midnight),
           thumbnail_byte_seconds - total_size_of_thumbnails * extract(epoch FROM at - midnight),
           image_seconds - number_of_stored_images * extract(epoch FROM at - midnight)
    FROM old
    WHERE at <> midnight AND (previous IS NULL OR previous < midnight)
      AND midnight >= CAST(:now AS timestamptz) - CAST(:dailyRetention AS interval)
    ON CONFLICT DO NOTHING
)
DELETE FROM space_history h
USING old
WHERE (h.customer, h.space) = (old.customer, old.space) AND h.at = old.at
  AND (old.at <> old.midnight OR old.at < CAST(:now AS timestamptz) - CAST(:dailyRetention AS interval));
