-- A customer's storage: its stored totals (never a sum over assets), when they were last calculated, and its policy.
--
-- In psql:  \set customer 1
SELECT number_of_stored_images, total_size_of_stored_images, total_size_of_thumbnails,
       last_calculated, NULL AS space_policy, storage_policy AS customer_policy
FROM customer
WHERE id = :customer;
