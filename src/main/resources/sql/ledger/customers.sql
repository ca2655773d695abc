-- A page of customers with their totals, their policy's maxima, the room their live reservations hold, and how full
-- they are: the greatest fraction of a limit that their stored and reserved figures take (ledger_fullness, as
-- Fullness.fraction computes it), and whether a limit is exceeded (taken >= maximum, as Fullness.of decides it).
-- Only the customers of one state when :filtered: exceeded ones (:exceeded), or those not exceeded whose fraction is
-- in [:from, :until) (NULL: no bound). By that fraction, greatest first, when :byUsage; else by id.
--
-- In psql:  \set filtered false  \set exceeded false  \set from NULL  \set until NULL
--           \set now '''2026-01-01T00:00:00Z'''
--           \set byUsage true  \set limit 20  \set offset 0
WITH live AS (
    SELECT customer, ledger_capped(sum(images)) AS images, ledger_capped(sum(size)) AS size,
           ledger_capped(sum(thumbnail_size)) AS thumbnails
    FROM reservation
    WHERE expires_at > CAST(:now AS timestamptz)
    GROUP BY customer
), taken AS (
    SELECT c.id, c.name, c.storage_policy, c.number_of_stored_images, c.total_size_of_stored_images,
           c.total_size_of_thumbnails, coalesce(r.images, 0) AS reserved_images, coalesce(r.size, 0) AS reserved_size,
           coalesce(r.thumbnails, 0) AS reserved_thumbnails, p.maximum_number_of_stored_images AS maximum_images,
           p.maximum_total_size_of_stored_images AS maximum_size,
           ledger_taken(c.number_of_stored_images, r.images) AS taken_images,
           ledger_taken(c.total_size_of_stored_images, r.size) AS taken_size
    FROM customer c
    JOIN storage_policy p ON p.id = c.storage_policy
    LEFT JOIN live r ON r.customer = c.id
), rated AS (
    SELECT t.*,
           greatest(ledger_fullness(taken_images, maximum_images), ledger_fullness(taken_size, maximum_size)) AS fraction,
           (taken_images >= maximum_images OR taken_size >= maximum_size) AS exceeded
    FROM taken t
)
SELECT *
FROM rated
WHERE NOT CAST(:filtered AS boolean)
   OR (exceeded = CAST(:exceeded AS boolean)
       AND (CAST(:from AS float8) IS NULL OR fraction >= CAST(:from AS float8))
       AND (CAST(:until AS float8) IS NULL OR fraction < CAST(:until AS float8)))
ORDER BY CASE WHEN CAST(:byUsage AS boolean) THEN fraction END DESC NULLS LAST, id
LIMIT :limit OFFSET :offset;
