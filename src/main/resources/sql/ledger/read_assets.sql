-- The stored assets among the triples (:customers[i], :spaces[i], :ids[i]), read after their spaces' totals rows
-- are locked (lock_spaces.sql), so that what they say stays true until the transaction ends.
--
-- In psql:  \set customers '''{1}'''  \set spaces '''{1}'''  \set ids '''{a}'''
SELECT a.customer, a.space, a.id, a.size, a.thumbnail_size, a.owner, a.last_checked
FROM asset a
JOIN unnest(CAST(:customers AS integer[]), CAST(:spaces AS integer[]), CAST(:ids AS text[])) AS k(customer, space, id)
  ON a.customer = k.customer AND a.space = k.space AND a.id = k.id;
