-- A space's storage: its stored totals, when they were last calculated, its own policy and its customer's (the
-- governing one is decided in Java, by Limits.governingPolicy).
--
-- In psql:  \set customer 1  \set space 1
SELECT s.number_of_stored_images, s.total_size_of_stored_images, s.total_size_of_thumbnails,
       s.last_calculated, s.storage_policy AS space_policy, c.storage_policy AS customer_policy
FROM space s
JOIN customer c ON c.id = s.customer
WHERE s.customer = :customer AND s.id = :space;
