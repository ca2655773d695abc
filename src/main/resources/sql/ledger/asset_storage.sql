-- An asset's storage, and whether a check of it is under way (one that started within the hour).
--
-- In psql:  \set customer 1  \set space 1  \set id '''a'''
--           \set now '''2026-01-01T00:00:00Z'''
SELECT space, id, size, thumbnail_size, owner, last_checked,
       coalesce(checking_since > CAST(:now AS timestamptz) - interval '1 hour', false) AS checking
FROM asset
WHERE customer = :customer AND space = :space AND id = :id;
