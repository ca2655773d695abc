-- The totals of a customer's users who have the role :role, and the raw figures of their capacity (see owner.sql).
--
-- In psql:  \set customer 1  \set role '''admin'''
--           \set now '''2026-01-01T00:00:00Z'''
SELECT o.id, o.name, o.number_of_stored_images, o.total_size_of_stored_images, o.total_size_of_thumbnails,
       o.quota, p.capacity AS plan_capacity,
       (SELECT ledger_capped(sum(k.size)) FROM storage_pack k
        WHERE k.customer = o.customer AND k.user_id = o.id AND k.active_from <= CAST(:now AS timestamptz) AND k.expires_at > CAST(:now AS timestamptz)) AS packs
FROM user_account o
LEFT JOIN plan p ON p.id = o.plan
WHERE o.customer = :customer AND :role = ANY (o.roles);
