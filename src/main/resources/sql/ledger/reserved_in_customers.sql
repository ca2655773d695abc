-- The room that live reservations hold in each customer among :customerIds.
--
-- In psql:  \set customerIds '''{1}'''
--           \set now '''2026-01-01T00:00:00Z'''
SELECT k.customer, r.reserved_images, r.reserved_size, r.reserved_thumbnails
FROM unnest(CAST(:customerIds AS integer[])) AS k(customer)
CROSS JOIN LATERAL (
    SELECT ledger_capped(sum(r.images)) AS reserved_images, ledger_capped(sum(r.size)) AS reserved_size,
           ledger_capped(sum(r.thumbnail_size)) AS reserved_thumbnails
    FROM reservation r
    WHERE r.customer = k.customer AND r.expires_at > CAST(:now AS timestamptz)
) r;
