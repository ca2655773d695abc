-- A page of a customer's users with their totals, the raw figures of their capacity (see owner.sql), the room their
-- live reservations hold and, for the order only, how full they are: the fraction of their capacity (ledger_capacity,
-- as Limits.ownerCapacity makes it) that their stored and reserved bytes take (ledger_fullness). By that fraction,
-- greatest first, when :byUsage; else by id.
--
-- In psql:  \set customer 1  \set byUsage true  \set limit 20  \set offset 0
--           \set now '''2026-01-01T00:00:00Z'''
WITH owners AS (
    SELECT o.id, o.name, o.number_of_stored_images, o.total_size_of_stored_images, o.total_size_of_thumbnails,
           o.quota, p.capacity AS plan_capacity,
           (SELECT ledger_capped(sum(k.size)) FROM storage_pack k
            WHERE k.customer = o.customer AND k.user_id = o.id AND k.active_from <= CAST(:now AS timestamptz) AND k.expires_at > CAST(:now AS timestamptz)) AS packs
    FROM user_account o
    LEFT JOIN plan p ON p.id = o.plan
    WHERE o.customer = :customer
), live AS (
    SELECT owner, ledger_capped(sum(images)) AS images, ledger_capped(sum(size)) AS size,
           ledger_capped(sum(thumbnail_size)) AS thumbnails
    FROM reservation
    WHERE customer = :customer AND owner IS NOT NULL AND expires_at > CAST(:now AS timestamptz)
    GROUP BY owner
), rated AS (
    SELECT w.*, coalesce(r.images, 0) AS reserved_images, coalesce(r.size, 0) AS reserved_size,
           coalesce(r.thumbnails, 0) AS reserved_thumbnails,
           ledger_fullness(ledger_capped(w.total_size_of_stored_images::numeric + w.total_size_of_thumbnails
                                         + coalesce(r.size, 0) + coalesce(r.thumbnails, 0)),
                           ledger_capacity(w.quota, w.plan_capacity, w.packs)) AS fraction
    FROM owners w
    LEFT JOIN live r ON r.owner = w.id
)
SELECT *
FROM rated
ORDER BY CASE WHEN CAST(:byUsage AS boolean) THEN fraction END DESC NULLS LAST, id
LIMIT :limit OFFSET :offset;
