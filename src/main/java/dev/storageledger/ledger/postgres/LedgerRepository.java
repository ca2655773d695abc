package dev.storageledger.ledger.postgres;

import dev.storageledger.ledger.writer.StorageRecorder;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.CustomerAsset;
import dev.storageledger.ledger.limit.Limit;
import dev.storageledger.ledger.OwnerKey;
import dev.storageledger.ledger.write.Reservation;
import dev.storageledger.ledger.write.ScopeState;
import dev.storageledger.ledger.SpaceKey;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.write.WriteGroup;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Where a byte is counted: the asset records and the space, owner and customer totals over them. Every statement that
 * changes asset rows has its totals' statements beside it, and StorageRecorder runs them in one transaction.
 */
@Repository
public class LedgerRepository {

    private final JdbcClient jdbc;

    LedgerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- a group of writes: lock, read, then write the net change -------------------------------------------
    //
    // Every write locks the totals rows of the spaces its records name, in (customer, space) order, and then of
    // its customers, in id order, before it reads or writes an asset row. So writers of one scope queue on its
    // totals row, no two writers can deadlock, and under those locks no one else can add or remove an asset of
    // those spaces: what storedAssets reads stays true until the transaction ends.

    /**
     * What a group's transaction locked: the totals and limits of the existing spaces and customers, and its time.
     * Their reserved room is not here: it is read by the next statement (see {@link #readUnderLocks}).
     */
    public record Locked(Map<SpaceKey, ScopeState> spaces, Map<Integer, ScopeState> customers, Instant now) {
    }

    /**
     * Locks the totals rows of the existing spaces among {@code spaces}, in (customer, space) order, and then of
     * the existing customers among {@code customers}, in id order, in one statement (UNION ALL runs its parts in
     * order, so every space row is locked before any customer row); answers their totals and limits, and the
     * transaction's time: the lastChecked of what it changes and the lastCalculated of its totals.
     */
    public Locked lockScopes(SortedSet<SpaceKey> spaces, SortedSet<Integer> customers) {
        List<SpaceKey> spaceKeys = List.copyOf(spaces);
        Map<SpaceKey, ScopeState> spaceStates = new HashMap<>();
        Map<Integer, ScopeState> customerStates = new HashMap<>();
        Instant[] now = new Instant[1];
        jdbc.sql("""
                        WITH locked_spaces AS (
                            SELECT s.customer, s.id, s.number_of_stored_images, s.total_size_of_stored_images,
                                   s.total_size_of_thumbnails, s.storage_policy
                            FROM space s
                            JOIN unnest(:spaceCustomers, :spaceIds) AS k(customer, id) ON s.customer = k.customer AND s.id = k.id
                            ORDER BY s.customer, s.id
                            FOR UPDATE OF s
                        ), locked_customers AS (
                            SELECT c.id, c.number_of_stored_images, c.total_size_of_stored_images, c.total_size_of_thumbnails,
                                   c.storage_policy
                            FROM customer c
                            WHERE c.id = ANY(:customers)
                            ORDER BY c.id
                            FOR UPDATE OF c
                        )
                        SELECT 'space' AS scope, l.customer, l.id AS space, l.number_of_stored_images, l.total_size_of_stored_images,
                               l.total_size_of_thumbnails, p.id AS policy, p.maximum_number_of_stored_images,
                               p.maximum_total_size_of_stored_images, now() AS now
                        FROM locked_spaces l LEFT JOIN storage_policy p ON p.id = l.storage_policy
                        UNION ALL
                        SELECT 'customer', l.id, NULL, l.number_of_stored_images, l.total_size_of_stored_images,
                               l.total_size_of_thumbnails, p.id, p.maximum_number_of_stored_images,
                               p.maximum_total_size_of_stored_images, now()
                        FROM locked_customers l JOIN storage_policy p ON p.id = l.storage_policy
                        UNION ALL
                        SELECT 'time', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, now()
                        """)
                .param("spaceCustomers", SqlArrays.integers(spaceKeys, SpaceKey::customer))
                .param("spaceIds", SqlArrays.integers(spaceKeys, SpaceKey::space))
                .param("customers", SqlArrays.integers(List.copyOf(customers), customer -> customer))
                .query((row, number) -> {
                    switch (row.getString("scope")) {
                        case "space" -> spaceStates.put(new SpaceKey(row.getInt("customer"), row.getInt("space")), scopeState(row));
                        case "customer" -> customerStates.put(row.getInt("customer"), scopeState(row));
                        default -> now[0] = instant(row, "now");
                    }
                    return row.getString("scope");
                })
                .list();
        return new Locked(spaceStates, customerStates, now[0]);
    }

    /**
     * What a group's transaction read after locking its scopes: the stored assets, the owners it locked, the live
     * reservations that the records name, and the room that live reservations hold in the locked spaces and customers.
     */
    public record Read(Map<CustomerAsset, StoredAsset> assets, Map<OwnerKey, ScopeState> owners,
            Map<WriteGroup.ReservationKey, Reservation> reservations, Map<SpaceKey, Usage> spacesReserved,
            Map<Integer, Usage> customersReserved) {
    }

    /**
     * Reads the stored assets among {@code assets} (whose spaces this transaction has locked) and the live
     * reservations among {@code reservations} (whose customers it has locked), and locks the totals rows of the
     * users among {@code owners} and of the users who own those assets or reservations, in (customer, user) order;
     * answers each locked user's totals, reserved room and capacity at this transaction's time, and the room reserved
     * in the {@code spaces} and {@code customers} that {@link #lockScopes} locked. Locking users after their
     * customer's row, which every write takes first, keeps the lock order of all writers the same.
     *
     * <p>This must be a statement after the one that locks the scopes: a statement that waits for a row lock sees the
     * locked rows as the transaction before it left them, but everything else as it was when the statement started,
     * so reservations that the transaction before made would be missing from its sums.
     */
    public Read readUnderLocks(Collection<CustomerAsset> assets, Collection<OwnerKey> owners,
            Collection<WriteGroup.ReservationKey> reservations, Collection<SpaceKey> spaces, Collection<Integer> customers) {
        List<SpaceKey> spaceKeys = List.copyOf(spaces);
        List<Integer> customerKeys = List.copyOf(customers);
        Map<SpaceKey, Usage> spacesReserved = new HashMap<>();
        Map<Integer, Usage> customersReserved = new HashMap<>();
        List<CustomerAsset> keys = List.copyOf(assets);
        List<OwnerKey> ownerKeys = List.copyOf(owners);
        List<WriteGroup.ReservationKey> reservationKeys = List.copyOf(reservations);
        Map<CustomerAsset, StoredAsset> stored = new HashMap<>();
        Map<OwnerKey, ScopeState> ownerStates = new HashMap<>();
        Map<WriteGroup.ReservationKey, Reservation> live = new HashMap<>();
        jdbc.sql("""
                        WITH stored AS (
                            SELECT a.customer, a.space, a.id, a.size, a.thumbnail_size, a.owner, a.last_checked
                            FROM asset a
                            JOIN unnest(:customers, :spaces, :ids) AS k(customer, space, id)
                              ON a.customer = k.customer AND a.space = k.space AND a.id = k.id
                        ), named_reservations AS (
                            SELECT r.customer, r.id, r.space, r.owner, r.images, r.size, r.thumbnail_size, r.expires_at
                            FROM reservation r
                            JOIN unnest(:reservationCustomers, :reservationIds) AS k(customer, id)
                              ON r.customer = k.customer AND r.id = k.id
                            WHERE r.expires_at > now()
                        ), locked_owners AS (
                            SELECT u.customer, u.id, u.number_of_stored_images, u.total_size_of_stored_images,
                                   u.total_size_of_thumbnails, u.quota, u.plan
                            FROM user_account u
                            JOIN (SELECT customer, owner FROM stored WHERE owner IS NOT NULL
                                  UNION SELECT customer, owner FROM named_reservations WHERE owner IS NOT NULL
                                  UNION SELECT * FROM unnest(:ownerCustomers, :ownerIds)) AS k(customer, id)
                              ON u.customer = k.customer AND u.id = k.id
                            ORDER BY u.customer, u.id COLLATE "C"
                            FOR UPDATE OF u
                        )
                        SELECT 'asset' AS kind, customer, space, id, size, thumbnail_size, owner, last_checked,
                               NULL::bigint AS number_of_stored_images, NULL::bigint AS total_size_of_stored_images,
                               NULL::bigint AS total_size_of_thumbnails, NULL::bigint AS base, NULL::bigint AS packs,
                               NULL::bigint AS reserved_images, NULL::bigint AS reserved_size, NULL::bigint AS reserved_thumbnails,
                               NULL::bigint AS images, NULL::timestamptz AS expires_at
                        FROM stored
                        UNION ALL
                        SELECT 'reservation', customer, space, id, size, thumbnail_size, owner, NULL, NULL, NULL, NULL, NULL, NULL,
                               NULL, NULL, NULL, images, expires_at
                        FROM named_reservations
                        UNION ALL
                        SELECT 'owner', o.customer, NULL, o.id, NULL, NULL, NULL, NULL, o.number_of_stored_images,
                               o.total_size_of_stored_images, o.total_size_of_thumbnails, coalesce(o.quota, p.capacity, 0),
                               """ + ACTIVE_PACKS + """
                               , r.reserved_images, r.reserved_size, r.reserved_thumbnails, NULL, NULL
                        FROM locked_owners o LEFT JOIN plan p ON p.id = o.plan
                        CROSS JOIN LATERAL (""" + RESERVED + """
                                            WHERE r.customer = o.customer AND r.owner = o.id AND r.expires_at > now()) r
                        UNION ALL
                        SELECT 'space-reserved', k.customer, k.space, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                               r.reserved_images, r.reserved_size, r.reserved_thumbnails, NULL, NULL
                        FROM unnest(:spaceCustomers, :spaceIds) AS k(customer, space)
                        CROSS JOIN LATERAL (""" + RESERVED + """
                                            WHERE r.customer = k.customer AND r.space = k.space AND r.expires_at > now()) r
                        UNION ALL
                        SELECT 'customer-reserved', k.customer, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                               r.reserved_images, r.reserved_size, r.reserved_thumbnails, NULL, NULL
                        FROM unnest(:customerIds) AS k(customer)
                        CROSS JOIN LATERAL (""" + RESERVED + """
                                            WHERE r.customer = k.customer AND r.expires_at > now()) r
                        """)
                .param("customers", SqlArrays.integers(keys, CustomerAsset::customer))
                .param("spaces", SqlArrays.integers(keys, key -> key.ref().space()))
                .param("ids", SqlArrays.texts(keys, key -> key.ref().asset()))
                .param("reservationCustomers", SqlArrays.integers(reservationKeys, WriteGroup.ReservationKey::customer))
                .param("reservationIds", SqlArrays.texts(reservationKeys, WriteGroup.ReservationKey::id))
                .param("ownerCustomers", SqlArrays.integers(ownerKeys, OwnerKey::customer))
                .param("ownerIds", SqlArrays.texts(ownerKeys, OwnerKey::user))
                .param("spaceCustomers", SqlArrays.integers(spaceKeys, SpaceKey::customer))
                .param("spaceIds", SqlArrays.integers(spaceKeys, SpaceKey::space))
                .param("customerIds", SqlArrays.integers(customerKeys, customer -> customer))
                .query((row, number) -> {
                    switch (row.getString("kind")) {
                        case "space-reserved" -> spacesReserved.put(new SpaceKey(row.getInt("customer"), row.getInt("space")), reserved(row));
                        case "customer-reserved" -> customersReserved.put(row.getInt("customer"), reserved(row));
                        case "asset" -> {
                            StoredAsset asset = storedAsset(row, number);
                            stored.put(new CustomerAsset(row.getInt("customer"), asset.ref()), asset);
                        }
                        case "reservation" -> {
                            Reservation reservation = reservation(row);
                            live.put(new WriteGroup.ReservationKey(row.getInt("customer"), reservation.id()), reservation);
                        }
                        default -> ownerStates.put(new OwnerKey(row.getInt("customer"), row.getString("id")), new ScopeState(usage(row),
                                reserved(row), new Limit.Capacity(row.getLong("base"), row.getLong("packs"))));
                    }
                    return row.getString("kind");
                })
                .list();
        return new Read(stored, ownerStates, live, spacesReserved, customersReserved);
    }

    private static Reservation reservation(ResultSet row) throws SQLException {
        return new Reservation(row.getString("id"), row.getInt("space"), row.getString("owner"), row.getLong("images"),
                new AssetSize(row.getLong("size"), row.getLong("thumbnail_size")), instant(row, "expires_at"));
    }

    /**
     * The bytes of user o's storage packs active at this transaction's time (capped at the largest total the
     * ledger holds). A pack that expires stops counting at its expiry instant, with no job to run.
     */
    private static final String ACTIVE_PACKS = """
            (SELECT least(coalesce(sum(k.size), 0), 9223372036854775807)::bigint FROM storage_pack k
             WHERE k.customer = o.customer AND k.user_id = o.id AND k.active_from <= now() AND k.expires_at > now())
            """;

    /**
     * Writes a group's net change in one statement: the new, changed and deleted asset rows and, beside them, the
     * new totals of the spaces and customers whose rows this transaction has locked (each lastCalculated now).
     *
     * @throws org.springframework.dao.DuplicateKeyException when a row to insert is stored (nothing is written then)
     */
    public void applyChanges(WriteGroup group) {
        List<WriteGroup.Row> inserts = group.inserts();
        List<WriteGroup.Row> updates = group.updates();
        List<CustomerAsset> deletes = group.deletes();
        List<Map.Entry<SpaceKey, Usage>> spaces = List.copyOf(group.spaceTotals().entrySet());
        List<Map.Entry<OwnerKey, Usage>> owners = List.copyOf(group.ownerTotals().entrySet());
        List<Map.Entry<Integer, Usage>> customers = List.copyOf(group.customerTotals().entrySet());
        List<WriteGroup.Row.Reserved> reservations = group.reservations();
        List<WriteGroup.ReservationKey> used = group.usedReservations();
        if (inserts.isEmpty() && updates.isEmpty() && deletes.isEmpty() && spaces.isEmpty() && owners.isEmpty()
                && customers.isEmpty() && reservations.isEmpty() && used.isEmpty()) {
            return;
        }
        JdbcClient.StatementSpec statement = jdbc.sql("""
                WITH inserted AS (
                    INSERT INTO asset (customer, space, id, size, thumbnail_size, owner, last_checked)
                    SELECT r.customer, r.space, r.id, r.size, r.thumbnail_size, r.owner, now()
                    FROM unnest(:insertCustomers, :insertSpaces, :insertIds, :insertSizes, :insertThumbnails, :insertOwners)
                         AS r(customer, space, id, size, thumbnail_size, owner)
                ), updated AS (
                    UPDATE asset a
                    SET size = r.size, thumbnail_size = r.thumbnail_size, owner = r.owner, last_checked = now()
                    FROM unnest(:updateCustomers, :updateSpaces, :updateIds, :updateSizes, :updateThumbnails, :updateOwners)
                         AS r(customer, space, id, size, thumbnail_size, owner)
                    WHERE a.customer = r.customer AND a.space = r.space AND a.id = r.id
                ), deleted AS (
                    DELETE FROM asset a
                    USING unnest(:deleteCustomers, :deleteSpaces, :deleteIds) AS r(customer, space, id)
                    WHERE a.customer = r.customer AND a.space = r.space AND a.id = r.id
                ), space_totals AS (
                    UPDATE space s
                    SET number_of_stored_images = t.images, total_size_of_stored_images = t.size,
                        total_size_of_thumbnails = t.thumbnails, last_calculated = now()
                    FROM unnest(:spaceCustomers, :spaceIds, :spaceImages, :spaceSizes, :spaceThumbnails)
                         AS t(customer, id, images, size, thumbnails)
                    WHERE s.customer = t.customer AND s.id = t.id
                ), owner_totals AS (
                    UPDATE user_account u
                    SET number_of_stored_images = t.images, total_size_of_stored_images = t.size,
                        total_size_of_thumbnails = t.thumbnails
                    FROM unnest(:ownerCustomers, :ownerIds, :ownerImages, :ownerSizes, :ownerThumbnails)
                         AS t(customer, id, images, size, thumbnails)
                    WHERE u.customer = t.customer AND u.id = t.id
                ), reserved AS (
                    INSERT INTO reservation (customer, id, space, owner, images, size, thumbnail_size, expires_at)
                    SELECT * FROM unnest(:reservedCustomers, :reservedIds, :reservedSpaces, :reservedOwners, :reservedImages,
                                         :reservedSizes, :reservedThumbnails, CAST(:reservedExpiries AS timestamptz[]))
                ), used AS (
                    DELETE FROM reservation r
                    USING unnest(:usedCustomers, :usedIds) AS u(customer, id)
                    WHERE r.customer = u.customer AND r.id = u.id
                ), customer_totals AS (
                    UPDATE customer c
                    SET number_of_stored_images = t.images, total_size_of_stored_images = t.size,
                        total_size_of_thumbnails = t.thumbnails, last_calculated = now()
                    FROM unnest(:customerIds, :customerImages, :customerSizes, :customerThumbnails) AS t(id, images, size, thumbnails)
                    WHERE c.id = t.id
                )
                SELECT 1
                """);
        rows(statement, "insert", inserts);
        rows(statement, "update", updates);
        statement.param("deleteCustomers", SqlArrays.integers(deletes, CustomerAsset::customer))
                .param("deleteSpaces", SqlArrays.integers(deletes, asset -> asset.ref().space()))
                .param("deleteIds", SqlArrays.texts(deletes, asset -> asset.ref().asset()))
                .param("spaceCustomers", SqlArrays.integers(spaces, row -> row.getKey().customer()))
                .param("spaceIds", SqlArrays.integers(spaces, row -> row.getKey().space()))
                .param("spaceImages", SqlArrays.longs(spaces, row -> row.getValue().images()))
                .param("spaceSizes", SqlArrays.longs(spaces, row -> row.getValue().size()))
                .param("spaceThumbnails", SqlArrays.longs(spaces, row -> row.getValue().thumbnails()))
                .param("ownerCustomers", SqlArrays.integers(owners, row -> row.getKey().customer()))
                .param("ownerIds", SqlArrays.texts(owners, row -> row.getKey().user()))
                .param("ownerImages", SqlArrays.longs(owners, row -> row.getValue().images()))
                .param("ownerSizes", SqlArrays.longs(owners, row -> row.getValue().size()))
                .param("ownerThumbnails", SqlArrays.longs(owners, row -> row.getValue().thumbnails()))
                .param("reservedCustomers", SqlArrays.integers(reservations, WriteGroup.Row.Reserved::customer))
                .param("reservedIds", SqlArrays.texts(reservations, row -> row.reservation().id()))
                .param("reservedSpaces", SqlArrays.integers(reservations, row -> row.reservation().space()))
                .param("reservedOwners", SqlArrays.texts(reservations, row -> row.reservation().owner()))
                .param("reservedImages", SqlArrays.longs(reservations, row -> row.reservation().images()))
                .param("reservedSizes", SqlArrays.longs(reservations, row -> row.reservation().size().size()))
                .param("reservedThumbnails", SqlArrays.longs(reservations, row -> row.reservation().size().thumbnailSize()))
                .param("reservedExpiries", SqlArrays.instants(reservations, row -> row.reservation().expiresAt()))
                .param("usedCustomers", SqlArrays.integers(used, WriteGroup.ReservationKey::customer))
                .param("usedIds", SqlArrays.texts(used, WriteGroup.ReservationKey::id))
                .param("customerIds", SqlArrays.integers(customers, Map.Entry::getKey))
                .param("customerImages", SqlArrays.longs(customers, row -> row.getValue().images()))
                .param("customerSizes", SqlArrays.longs(customers, row -> row.getValue().size()))
                .param("customerThumbnails", SqlArrays.longs(customers, row -> row.getValue().thumbnails()))
                .query(Integer.class)
                .single();
    }

    private static void rows(JdbcClient.StatementSpec statement, String prefix, List<WriteGroup.Row> rows) {
        statement.param(prefix + "Customers", SqlArrays.integers(rows, WriteGroup.Row::customer))
                .param(prefix + "Spaces", SqlArrays.integers(rows, row -> row.asset().ref().space()))
                .param(prefix + "Ids", SqlArrays.texts(rows, row -> row.asset().ref().asset()))
                .param(prefix + "Sizes", SqlArrays.longs(rows, row -> row.asset().size().size()))
                .param(prefix + "Thumbnails", SqlArrays.longs(rows, row -> row.asset().size().thumbnailSize()))
                .param(prefix + "Owners", SqlArrays.texts(rows, row -> row.asset().owner()));
    }

    private static ScopeState scopeState(ResultSet row) throws SQLException {
        String policy = row.getString("policy");
        Limit limit = policy == null ? null : new Limit.Policy(policy, row.getLong("maximum_number_of_stored_images"),
                row.getLong("maximum_total_size_of_stored_images"));
        return new ScopeState(usage(row), limit);
    }

    /**
     * The room that live reservations r hold (each sum capped at the largest total the ledger holds); the caller
     * adds the WHERE that picks the scope's reservations, always with {@code r.expires_at > now()}: a reservation
     * stops holding room at its expiry instant, with no job to run.
     */
    private static final String RESERVED = """
            SELECT least(coalesce(sum(r.images), 0), 9223372036854775807)::bigint AS reserved_images,
                   least(coalesce(sum(r.size), 0), 9223372036854775807)::bigint AS reserved_size,
                   least(coalesce(sum(r.thumbnail_size), 0), 9223372036854775807)::bigint AS reserved_thumbnails
            FROM reservation r
            """;

    private static Usage reserved(ResultSet row) throws SQLException {
        return new Usage(row.getLong("reserved_images"), row.getLong("reserved_size"), row.getLong("reserved_thumbnails"));
    }

    // ---- reads ------------------------------------------------------------------------------------------

    public Optional<ScopeStorage> customerStorage(int customer) {
        return jdbc.sql("""
                        SELECT number_of_stored_images, total_size_of_stored_images, total_size_of_thumbnails,
                               last_calculated, storage_policy
                        FROM customer WHERE id = :customer
                        """)
                .param("customer", customer)
                .query(LedgerRepository::scopeStorage)
                .optional();
    }

    /** A space's storage; its policy is its own, or else its customer's. */
    public Optional<ScopeStorage> spaceStorage(int customer, int space) {
        return jdbc.sql("""
                        SELECT s.number_of_stored_images, s.total_size_of_stored_images, s.total_size_of_thumbnails,
                               s.last_calculated, coalesce(s.storage_policy, c.storage_policy) AS storage_policy
                        FROM space s JOIN customer c ON c.id = s.customer
                        WHERE s.customer = :customer AND s.id = :space
                        """)
                .param("customer", customer)
                .param("space", space)
                .query(LedgerRepository::scopeStorage)
                .optional();
    }

    /** An asset as stored, and whether a check of its real storage is running (one that started within the hour). */
    public record AssetStorage(StoredAsset asset, boolean checking) {
    }

    public Optional<AssetStorage> asset(int customer, AssetRef ref) {
        return jdbc.sql("""
                        SELECT space, id, size, thumbnail_size, owner, last_checked,
                               coalesce(checking_since > now() - interval '1 hour', false) AS checking
                        FROM asset WHERE customer = :customer AND space = :space AND id = :id
                        """)
                .param("customer", customer)
                .param("space", ref.space())
                .param("id", ref.asset())
                .query((row, number) -> new AssetStorage(storedAsset(row, number), row.getBoolean("checking")))
                .optional();
    }

    /** Marks an asset as being checked; false when there is no such asset. */
    public boolean startChecking(int customer, AssetRef ref) {
        return jdbc.sql("UPDATE asset SET checking_since = now() WHERE customer = :customer AND space = :space AND id = :id")
                .param("customer", customer)
                .param("space", ref.space())
                .param("id", ref.asset())
                .update() == 1;
    }

    /** Ends an asset's check: its figures are the measured ones from now. */
    public void finishChecking(int customer, AssetRef ref) {
        jdbc.sql("UPDATE asset SET checking_since = NULL, last_checked = now() WHERE customer = :customer AND space = :space AND id = :id")
                .param("customer", customer)
                .param("space", ref.space())
                .param("id", ref.asset())
                .update();
    }

    /** A user's storage as stored, and their capacity now. */
    public Optional<OwnerStorage> ownerStorage(int customer, String user) {
        return jdbc.sql("""
                        SELECT o.number_of_stored_images, o.total_size_of_stored_images, o.total_size_of_thumbnails,
                               coalesce(o.quota, p.capacity, 0) AS base,
                        """ + ACTIVE_PACKS + """
                               AS packs
                        FROM user_account o LEFT JOIN plan p ON p.id = o.plan
                        WHERE o.customer = :customer AND o.id = :user
                        """)
                .param("customer", customer)
                .param("user", user)
                .query((row, number) -> new OwnerStorage(usage(row), new Limit.Capacity(row.getLong("base"), row.getLong("packs"))))
                .optional();
    }

    /** What a user owns (size + thumbnails together are what they use), and what they may use now. */
    public record OwnerStorage(Usage usage, Limit.Capacity capacity) {
    }

    /**
     * The storage of a customer's users who have the role {@code role}: the sum of their capacities now, and of the
     * bytes they use (size and thumbnails). Exact sums, which may pass what a long holds.
     */
    public UsersStorage usersStorage(int customer, String role) {
        return jdbc.sql("""
                        SELECT coalesce(sum(coalesce(o.quota, p.capacity, 0)::numeric +
                        """ + ACTIVE_PACKS + """
                               ), 0) AS capacity,
                               coalesce(sum(o.total_size_of_stored_images::numeric + o.total_size_of_thumbnails), 0) AS used
                        FROM user_account o LEFT JOIN plan p ON p.id = o.plan
                        WHERE o.customer = :customer AND :role = ANY (o.roles)
                        """)
                .param("customer", customer)
                .param("role", role)
                .query((row, number) -> new UsersStorage(row.getBigDecimal("capacity").toBigIntegerExact(),
                        row.getBigDecimal("used").toBigIntegerExact()))
                .single();
    }

    public record UsersStorage(BigInteger capacity, BigInteger used) {
    }

    /** A customer's or a space's storage as stored: never summed on read. */
    public record ScopeStorage(Usage usage, Instant lastCalculated, String storagePolicy) {
    }

    private static StoredAsset storedAsset(ResultSet row, int rowNumber) throws SQLException {
        return new StoredAsset(new AssetRef(row.getInt("space"), row.getString("id")),
                new AssetSize(row.getLong("size"), row.getLong("thumbnail_size")),
                row.getString("owner"), instant(row, "last_checked"));
    }

    private static ScopeStorage scopeStorage(ResultSet row, int rowNumber) throws SQLException {
        return new ScopeStorage(usage(row), instant(row, "last_calculated"), row.getString("storage_policy"));
    }

    private static Usage usage(ResultSet row) throws SQLException {
        return new Usage(row.getLong("number_of_stored_images"), row.getLong("total_size_of_stored_images"),
                row.getLong("total_size_of_thumbnails"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
