-- The room that live reservations hold in each space named by the pairs (:spaceCustomers[i], :spaceIds[i]).
--
-- In psql:  \set spaceCustomers '''{1,1}'''  \set spaceIds '''{1,2}'''
--           \set now '''2026-01-01T00:00:00Z'''
SELECT k.customer, k.space, r.reserved_images, r.reserved_size, r.reserved_thumbnails
FROM unnest(CAST(:spaceCustomers AS integer[]), CAST(:spaceIds AS integer[])) AS k(customer, space)
CROSS JOIN LATERAL (
    SELECT ledger_capped(sum(r.images)) AS reserved_images, ledger_capped(sum(r.size)) AS reserved_size,
           ledger_capped(sum(r.thumbnail_size)) AS reserved_thumbnails
    FROM reservation r
    WHERE r.customer = k.customer AND r.space = k.space AND r.expires_at > CAST(:now AS timestamptz)
) r;
