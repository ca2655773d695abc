-- A space's figures and integrals at each of the instants :instants (and now, when :andNow): from its first history
-- point at or after the instant, less what its figures added from the instant to that point; or, with no point after
-- it, from its row, plus what its figures added since its last change (see V7__usage_over_time.sql).
--
-- In psql:  \set customer 1  \set space 1  \set instants '''{2026-01-01T00:00:00Z}'''  \set andNow true
--           \set now '''2026-01-01T00:00:00Z'''
WITH clock AS (
    SELECT CAST(:now AS timestamptz) AS now
), instants AS (
    SELECT at FROM unnest(CAST(:instants AS timestamptz[])) AS b(at)
    UNION ALL
    SELECT now FROM clock WHERE CAST(:andNow AS boolean)
)
SELECT b.at, coalesce(h.number_of_stored_images, r.number_of_stored_images) AS images,
       coalesce(h.total_size_of_stored_images, r.total_size_of_stored_images) AS size,
       coalesce(h.total_size_of_thumbnails, r.total_size_of_thumbnails) AS thumbnails,
       CASE WHEN h.at IS NULL THEN r.byte_seconds + r.total_size_of_stored_images * extract(epoch FROM b.at - r.integrated_at)
                 ELSE h.byte_seconds - h.total_size_of_stored_images * extract(epoch FROM h.at - b.at) END AS byte_seconds,
       CASE WHEN h.at IS NULL THEN r.thumbnail_byte_seconds + r.total_size_of_thumbnails * extract(epoch FROM b.at - r.integrated_at)
                 ELSE h.thumbnail_byte_seconds - h.total_size_of_thumbnails * extract(epoch FROM h.at - b.at) END AS thumbnail_byte_seconds,
       CASE WHEN h.at IS NULL THEN r.image_seconds + r.number_of_stored_images * extract(epoch FROM b.at - r.integrated_at)
                 ELSE h.image_seconds - h.number_of_stored_images * extract(epoch FROM h.at - b.at) END AS image_seconds
FROM space r
CROSS JOIN instants b
LEFT JOIN LATERAL (
    SELECT * FROM space_history h WHERE h.customer = r.customer AND h.space = r.id AND h.at >= b.at ORDER BY h.at LIMIT 1
) h ON true
WHERE r.customer = :customer AND r.id = :space
ORDER BY b.at;
