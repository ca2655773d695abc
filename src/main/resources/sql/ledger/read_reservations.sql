-- The live reservations among the pairs (:reservationCustomers[i], :reservationIds[i]): a reservation stops holding
-- room at its expiry instant, with no job to run.
--
-- In psql:  \set reservationCustomers '''{1}'''  \set reservationIds '''{r1}'''
--           \set now '''2026-01-01T00:00:00Z'''
SELECT r.customer, r.id, r.space, r.owner, r.images, r.size, r.thumbnail_size, r.expires_at
FROM reservation r
JOIN unnest(CAST(:reservationCustomers AS integer[]), CAST(:reservationIds AS text[])) AS k(customer, id)
  ON r.customer = k.customer AND r.id = k.id
WHERE r.expires_at > CAST(:now AS timestamptz);
