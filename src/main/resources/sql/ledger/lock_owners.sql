-- Locks the totals rows of the users named by the pairs (:ownerCustomers[i], :ownerIds[i]) and of the users who own
-- the assets (:customers, :spaces, :ids) or the live reservations (:reservationCustomers, :reservationIds) named, in
-- (customer, user) order, after their customer's row (which every write locks first, so all writers lock in one
-- order). Answers each one's totals, the raw figures of their capacity (quota, plan capacity, active packs' bytes:
-- which applies is decided in Java, by Limits.ownerCapacity), the room their live reservations hold, and whether the
-- row is due a history point (see lock_spaces.sql).
--
-- In psql:  \set ownerCustomers '''{1}'''  \set ownerIds '''{alice}'''  \set step '''300 seconds'''
--           \set now '''2026-01-01T00:00:00Z'''
--           \set customers '''{}'''  \set spaces '''{}'''  \set ids '''{}'''
--           \set reservationCustomers '''{}'''  \set reservationIds '''{}'''
WITH named AS (
    SELECT a.customer, a.owner AS id
    FROM asset a
    JOIN unnest(CAST(:customers AS integer[]), CAST(:spaces AS integer[]), CAST(:ids AS text[])) AS k(customer, space, id)
      ON a.customer = k.customer AND a.space = k.space AND a.id = k.id
    WHERE a.owner IS NOT NULL
    UNION
    SELECT r.customer, r.owner
    FROM reservation r
    JOIN unnest(CAST(:reservationCustomers AS integer[]), CAST(:reservationIds AS text[])) AS k(customer, id)
      ON r.customer = k.customer AND r.id = k.id
    WHERE r.owner IS NOT NULL AND r.expires_at > CAST(:now AS timestamptz)
    UNION
    SELECT * FROM unnest(CAST(:ownerCustomers AS integer[]), CAST(:ownerIds AS text[]))
), locked AS (
    SELECT u.customer, u.id, u.number_of_stored_images, u.total_size_of_stored_images, u.total_size_of_thumbnails,
           u.quota, u.plan,
           u.integrated_at < date_bin(CAST(:step AS interval), CAST(:now AS timestamptz), TIMESTAMPTZ '2000-01-01 00:00:00Z')
               AS history_due
    FROM user_account u
    JOIN named k ON u.customer = k.customer AND u.id = k.id
    ORDER BY u.customer, u.id COLLATE "C"
    FOR UPDATE OF u
)
SELECT o.customer, o.id, o.number_of_stored_images, o.total_size_of_stored_images, o.total_size_of_thumbnails,
       o.quota, p.capacity AS plan_capacity,
       (SELECT ledger_capped(sum(k.size)) FROM storage_pack k
        WHERE k.customer = o.customer AND k.user_id = o.id AND k.active_from <= CAST(:now AS timestamptz) AND k.expires_at > CAST(:now AS timestamptz)) AS packs,
       r.reserved_images, r.reserved_size, r.reserved_thumbnails, o.history_due
FROM locked o
LEFT JOIN plan p ON p.id = o.plan
CROSS JOIN LATERAL (
    SELECT ledger_capped(sum(r.images)) AS reserved_images, ledger_capped(sum(r.size)) AS reserved_size,
           ledger_capped(sum(r.thumbnail_size)) AS reserved_thumbnails
    FROM reservation r
    WHERE r.customer = o.customer AND r.owner = o.id AND r.expires_at > CAST(:now AS timestamptz)
) r;
