-- Locks the totals rows of the spaces named by the pairs (:spaceCustomers[i], :spaceIds[i]) that exist, in
-- (customer, space) order, and answers their totals, their own storage policy (NULL when they have none), and whether
-- each row is due a history point: it has not changed since the last step boundary (steps of :step from midnight UTC).
--
-- In psql:  \set spaceCustomers '''{1,1}'''  \set spaceIds '''{1,2}'''  \set step '''300 seconds'''
--           \set now '''2026-01-01T00:00:00Z'''
SELECT s.customer, s.id AS space, s.number_of_stored_images, s.total_size_of_stored_images, s.total_size_of_thumbnails,
       p.id AS policy, p.maximum_number_of_stored_images, p.maximum_total_size_of_stored_images,
       s.integrated_at < date_bin(CAST(:step AS interval), CAST(:now AS timestamptz), TIMESTAMPTZ '2000-01-01 00:00:00Z') AS history_due
FROM space s
JOIN unnest(CAST(:spaceCustomers AS integer[]), CAST(:spaceIds AS integer[])) AS k(customer, id)
  ON s.customer = k.customer AND s.id = k.id
LEFT JOIN storage_policy p ON p.id = s.storage_policy
ORDER BY s.customer, s.id
FOR UPDATE OF s;
