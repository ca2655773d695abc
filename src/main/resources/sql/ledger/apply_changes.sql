-- A group's net change in one statement, when the reads under the locks found no totals row due a history point
-- (the common case): the new, changed and deleted asset rows, the reservations made and used up and, beside them,
-- what the totals of the spaces, users and customers whose rows this transaction has locked move by (the
-- lastCalculated of spaces and customers is now). A step boundary may still have passed since those reads: a row it
-- leaves due a point is then not updated, so the answer counts fewer rows than were named, and the caller rolls back
-- and runs apply_changes_with_history_points.sql instead.
--
-- Parameters (arrays, one element a row; empty arrays for nothing):
--   :insertCustomers, :insertSpaces, :insertIds, :insertSizes, :insertThumbnails, :insertOwners    assets to insert
--   :updateCustomers, :updateSpaces, :updateIds, :updateSizes, :updateThumbnails, :updateOwners    assets to change
--   :deleteCustomers, :deleteSpaces, :deleteIds                                                     assets to delete
--   :reservedCustomers, :reservedIds, :reservedSpaces, :reservedOwners, :reservedImages, :reservedSizes,
--   :reservedThumbnails, :reservedExpiries                                                         reservations made
--   :usedCustomers, :usedIds                                                                        reservations used up
--   :spaceCustomers, :spaceIds, :spaceImages, :spaceSizes, :spaceThumbnails                         space totals moves
--   :ownerCustomers, :ownerIds, :ownerImages, :ownerSizes, :ownerThumbnails                         user totals moves
--   :customerIds, :customerImages, :customerSizes, :customerThumbnails                              customer totals moves
--   :step    the history step, e.g. '300 seconds'
--   :now     the transaction's time, taken once at its start: the lastChecked of the assets it changes and the
--            lastCalculated of its totals
--
-- The instant never goes back for a totals row: a transaction that took its time earlier but waited for the row's
-- lock behind one that took a later time advances the row from that later time (greatest below). The integrals
-- advance to the instant with the totals that held since the row's last change (see V7__usage_over_time.sql). Answers the number of totals rows updated.
WITH clock AS (
    SELECT t AS now, date_bin(CAST(:step AS interval), t, TIMESTAMPTZ '2000-01-01 00:00:00Z') AS boundary
    FROM (SELECT CAST(:now AS timestamptz) AS t) AS c
), inserted AS (
    INSERT INTO asset (customer, space, id, size, thumbnail_size, owner, last_checked)
    SELECT r.customer, r.space, r.id, r.size, r.thumbnail_size, r.owner, CAST(:now AS timestamptz)
    FROM unnest(CAST(:insertCustomers AS integer[]), CAST(:insertSpaces AS integer[]), CAST(:insertIds AS text[]),
                CAST(:insertSizes AS bigint[]), CAST(:insertThumbnails AS bigint[]), CAST(:insertOwners AS text[]))
         AS r(customer, space, id, size, thumbnail_size, owner)
), updated AS (
    UPDATE asset a
    SET size = r.size, thumbnail_size = r.thumbnail_size, owner = r.owner, last_checked = CAST(:now AS timestamptz)
    FROM unnest(CAST(:updateCustomers AS integer[]), CAST(:updateSpaces AS integer[]), CAST(:updateIds AS text[]),
                CAST(:updateSizes AS bigint[]), CAST(:updateThumbnails AS bigint[]), CAST(:updateOwners AS text[]))
         AS r(customer, space, id, size, thumbnail_size, owner)
    WHERE a.customer = r.customer AND a.space = r.space AND a.id = r.id
), deleted AS (
    DELETE FROM asset a
    USING unnest(CAST(:deleteCustomers AS integer[]), CAST(:deleteSpaces AS integer[]), CAST(:deleteIds AS text[]))
          AS r(customer, space, id)
    WHERE a.customer = r.customer AND a.space = r.space AND a.id = r.id
), reserved AS (
    INSERT INTO reservation (customer, id, space, owner, images, size, thumbnail_size, expires_at)
    SELECT * FROM unnest(CAST(:reservedCustomers AS integer[]), CAST(:reservedIds AS text[]), CAST(:reservedSpaces AS integer[]),
                         CAST(:reservedOwners AS text[]), CAST(:reservedImages AS bigint[]), CAST(:reservedSizes AS bigint[]),
                         CAST(:reservedThumbnails AS bigint[]), CAST(:reservedExpiries AS timestamptz[]))
), made AS (
    INSERT INTO reservation_made (customer, id)
    SELECT * FROM unnest(CAST(:reservedCustomers AS integer[]), CAST(:reservedIds AS text[]))
), used AS (
    DELETE FROM reservation r
    USING unnest(CAST(:usedCustomers AS integer[]), CAST(:usedIds AS text[])) AS u(customer, id)
    WHERE r.customer = u.customer AND r.id = u.id
),
space_totals AS (
    UPDATE space r
    SET number_of_stored_images = r.number_of_stored_images + t.images,
        total_size_of_stored_images = r.total_size_of_stored_images + t.size,
        total_size_of_thumbnails = r.total_size_of_thumbnails + t.thumbnails,
        byte_seconds = r.byte_seconds
            + r.total_size_of_stored_images * extract(epoch FROM greatest(c.now, r.integrated_at) - r.integrated_at),
        thumbnail_byte_seconds = r.thumbnail_byte_seconds
            + r.total_size_of_thumbnails * extract(epoch FROM greatest(c.now, r.integrated_at) - r.integrated_at),
        image_seconds = r.image_seconds
            + r.number_of_stored_images * extract(epoch FROM greatest(c.now, r.integrated_at) - r.integrated_at),
        integrated_at = greatest(c.now, r.integrated_at),
        last_calculated = CAST(:now AS timestamptz)
    FROM unnest(CAST(:spaceCustomers AS integer[]), CAST(:spaceIds AS integer[]), CAST(:spaceImages AS bigint[]),
                CAST(:spaceSizes AS bigint[]), CAST(:spaceThumbnails AS bigint[])) AS t(customer, id, images, size, thumbnails)
    CROSS JOIN clock c
    WHERE r.customer = t.customer AND r.id = t.id
      AND r.integrated_at >= c.boundary
    RETURNING 1
), user_account_totals AS (
    UPDATE user_account r
    SET number_of_stored_images = r.number_of_stored_images + t.images,
        total_size_of_stored_images = r.total_size_of_stored_images + t.size,
        total_size_of_thumbnails = r.total_size_of_thumbnails + t.thumbnails,
        byte_seconds = r.byte_seconds
            + r.total_size_of_stored_images * extract(epoch FROM greatest(c.now, r.integrated_at) - r.integrated_at),
        thumbnail_byte_seconds = r.thumbnail_byte_seconds
            + r.total_size_of_thumbnails * extract(epoch FROM greatest(c.now, r.integrated_at) - r.integrated_at),
        image_seconds = r.image_seconds
            + r.number_of_stored_images * extract(epoch FROM greatest(c.now, r.integrated_at) - r.integrated_at),
        integrated_at = greatest(c.now, r.integrated_at)
    FROM unnest(CAST(:ownerCustomers AS integer[]), CAST(:ownerIds AS text[]), CAST(:ownerImages AS bigint[]),
                CAST(:ownerSizes AS bigint[]), CAST(:ownerThumbnails AS bigint[])) AS t(customer, id, images, size, thumbnails)
    CROSS JOIN clock c
    WHERE r.customer = t.customer AND r.id = t.id
      AND r.integrated_at >= c.boundary
    RETURNING 1
), customer_totals AS (
    UPDATE customer r
    SET number_of_stored_images = r.number_of_stored_images + t.images,
        total_size_of_stored_images = r.total_size_of_stored_images + t.size,
        total_size_of_thumbnails = r.total_size_of_thumbnails + t.thumbnails,
        byte_seconds = r.byte_seconds
            + r.total_size_of_stored_images * extract(epoch FROM greatest(c.now, r.integrated_at) - r.integrated_at),
        thumbnail_byte_seconds = r.thumbnail_byte_seconds
            + r.total_size_of_thumbnails * extract(epoch FROM greatest(c.now, r.integrated_at) - r.integrated_at),
        image_seconds = r.image_seconds
            + r.number_of_stored_images * extract(epoch FROM greatest(c.now, r.integrated_at) - r.integrated_at),
        integrated_at = greatest(c.now, r.integrated_at),
        last_calculated = CAST(:now AS timestamptz)
    FROM unnest(CAST(:customerIds AS integer[]), CAST(:customerImages AS bigint[]), CAST(:customerSizes AS bigint[]),
                CAST(:customerThumbnails AS bigint[])) AS t(id, images, size, thumbnails)
    CROSS JOIN clock c
    WHERE r.id = t.id
      AND r.integrated_at >= c.boundary
    RETURNING 1
)
SELECT (SELECT count(*) FROM space_totals) + (SELECT count(*) FROM user_account_totals)
       + (SELECT count(*) FROM customer_totals) AS updated;
