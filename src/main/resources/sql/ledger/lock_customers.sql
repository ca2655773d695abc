-- Locks the totals rows of the customers among :customerIds that exist, in id order (after their spaces' rows), and
-- answers their totals, their storage policy, and whether each row is due a history point (see lock_spaces.sql).
--
-- In psql:  \set customerIds '''{1}'''  \set step '''300 seconds'''
--           \set now '''2026-01-01T00:00:00Z'''
SELECT c.id AS customer, c.number_of_stored_images, c.total_size_of_stored_images, c.total_size_of_thumbnails,
       p.id AS policy, p.maximum_number_of_stored_images, p.maximum_total_size_of_stored_images,
       c.integrated_at < date_bin(CAST(:step AS interval), CAST(:now AS timestamptz), TIMESTAMPTZ '2000-01-01 00:00:00Z') AS history_due
FROM customer c
JOIN storage_policy p ON p.id = c.storage_policy
WHERE c.id = ANY (CAST(:customerIds AS integer[]))
ORDER BY c.id
FOR UPDATE OF c;
