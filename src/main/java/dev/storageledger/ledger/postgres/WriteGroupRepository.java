package dev.storageledger.ledger.postgres;

import dev.storageledger.LedgerProperties;
import dev.storageledger.ledger.CustomerAsset;
import dev.storageledger.ledger.OwnerKey;
import dev.storageledger.ledger.SpaceKey;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.limit.Limit;
import dev.storageledger.ledger.limit.Limits;
import dev.storageledger.ledger.write.Reservation;
import dev.storageledger.ledger.write.ReservationKey;
import dev.storageledger.ledger.write.ScopeState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.stereotype.Repository;

/**
 * The SQL that a group of writes runs first, in its one transaction: lock the scopes, then read under those locks.
 * {@link ChangesRepository} then writes the group's net change.
 *
 * <p>Every write locks the totals rows of the spaces its records name, in (customer, space) order, and then of its
 * customers, in id order, before it reads or writes an asset row. So writers of one scope queue on its totals row, no
 * two writers can deadlock, and under those locks no one else can add or remove an asset of those spaces: what
 * {@link #readUnderLocks} reads stays true until the transaction ends. The statements answer raw figures; which limit
 * applies is decided by {@link Limits}.
 */
@Repository
public class WriteGroupRepository {

    private final NamedParameterJdbcOperations jdbc;

    private final String step;

    WriteGroupRepository(NamedParameterJdbcOperations jdbc, LedgerProperties properties) {
        this.jdbc = jdbc;
        this.step = Rows.step(properties);
    }

    /** The rows of the statement that locks the scopes. */
    private enum LockedRow { SPACE, CUSTOMER, TIME }

    /** The rows of the statement that reads under the scopes' locks. */
    private enum ReadRow { ASSET, RESERVATION, OWNER, SPACE_RESERVED, CUSTOMER_RESERVED }

    /**
     * What a group's transaction locked: the totals and limits of the existing spaces and customers, its time, and
     * whether one of those rows is due a history point (it has not changed since the last step boundary). Their
     * reserved room is not here: it is read by the next statement (see {@link #readUnderLocks}).
     */
    public record Locked(Map<SpaceKey, ScopeState> spaces, Map<Integer, ScopeState> customers, Instant now, boolean historyDue) {

        public Locked {
            spaces = Map.copyOf(spaces);
            customers = Map.copyOf(customers);
        }
    }

    /**
     * Locks the totals rows of the existing spaces among {@code spaces}, in (customer, space) order, and then of
     * the existing customers among {@code customers}, in id order, in one statement (UNION ALL runs its parts in
     * order, so every space row is locked before any customer row); answers their totals and policies, and the
     * transaction's time: the lastChecked of what it changes and the lastCalculated of its totals.
     */
    public Locked lockScopes(SortedSet<SpaceKey> spaces, SortedSet<Integer> customers) {
        LockedRows locked = new LockedRows();
        jdbc.query(LOCK, scopes(spaces, customers), (RowCallbackHandler) locked::add);
        return locked.result();
    }

    /**
     * {@link #lockScopes} and then {@link #readUnderLocks} of the scopes it named, sent to the database together, so
     * that a group costs one round trip fewer. They stay two statements, run one after the other: PostgreSQL binds
     * the second (and so takes its snapshot) only once the first has returned, with its locks taken. The reads of
     * reserved room name the spaces and customers asked for, not only those found: the caller uses the locked ones.
     */
    public LockedAndRead lockAndRead(SortedSet<SpaceKey> spaces, SortedSet<Integer> customers, Collection<CustomerAsset> assets,
            Collection<OwnerKey> owners, Collection<ReservationKey> reservations) {
        LockedRows locked = new LockedRows();
        ReadRows read = new ReadRows();
        MapSqlParameterSource parameters = scopes(spaces, customers);
        named(parameters, assets, owners, reservations);
        jdbc.execute(LOCK + ";\n" + READ, parameters, statement -> {
            statement.execute();
            rows(statement.getResultSet(), locked::add);
            if (!statement.getMoreResults()) {
                throw new IllegalStateException("The reads under the scopes' locks answered no rows");
            }
            rows(statement.getResultSet(), read::add);
            return null;
        });
        return new LockedAndRead(locked.result(), read.result());
    }

    /** What {@link #lockAndRead} answers: the locked scopes, and what was read under their locks. */
    public record LockedAndRead(Locked locked, Read read) {
    }

    private static void rows(ResultSet rows, RowCallbackHandler handler) throws SQLException {
        try (rows) {
            while (rows.next()) {
                handler.processRow(rows);
            }
        }
    }

    /** The parameters naming the scopes, for both statements. */
    private MapSqlParameterSource scopes(Collection<SpaceKey> spaces, Collection<Integer> customers) {
        List<SpaceKey> spaceKeys = List.copyOf(spaces);
        return new MapSqlParameterSource()
                .addValue("spaceCustomers", SqlArrays.integers(spaceKeys, SpaceKey::customer))
                .addValue("spaceIds", SqlArrays.integers(spaceKeys, SpaceKey::space))
                .addValue("customerIds", SqlArrays.integers(List.copyOf(customers), customer -> customer))
                .addValue("step", step);
    }

    /** The parameters naming the assets, owners and reservations that the reads under the locks look up. */
    private static void named(MapSqlParameterSource parameters, Collection<CustomerAsset> assets, Collection<OwnerKey> owners,
            Collection<ReservationKey> reservations) {
        List<CustomerAsset> keys = List.copyOf(assets);
        List<OwnerKey> ownerKeys = List.copyOf(owners);
        List<ReservationKey> reservationKeys = List.copyOf(reservations);
        parameters.addValue("customers", SqlArrays.integers(keys, CustomerAsset::customer))
                .addValue("spaces", SqlArrays.integers(keys, key -> key.ref().space()))
                .addValue("ids", SqlArrays.texts(keys, key -> key.ref().asset()))
                .addValue("reservationCustomers", SqlArrays.integers(reservationKeys, ReservationKey::customer))
                .addValue("reservationIds", SqlArrays.texts(reservationKeys, ReservationKey::id))
                .addValue("ownerCustomers", SqlArrays.integers(ownerKeys, OwnerKey::customer))
                .addValue("ownerIds", SqlArrays.texts(ownerKeys, OwnerKey::user));
    }

    /** The statement that locks the scopes (see {@link #lockScopes}). */
    private static final String LOCK = """
                        WITH locked_spaces AS (
                            SELECT s.customer, s.id, s.number_of_stored_images, s.total_size_of_stored_images,
                                   s.total_size_of_thumbnails, s.storage_policy, s.integrated_at < %1$s AS history_due
                            FROM space s
                            JOIN unnest(:spaceCustomers, :spaceIds) AS k(customer, id) ON s.customer = k.customer AND s.id = k.id
                            ORDER BY s.customer, s.id
                            FOR UPDATE OF s
                        ), locked_customers AS (
                            SELECT c.id, c.number_of_stored_images, c.total_size_of_stored_images, c.total_size_of_thumbnails,
                                   c.storage_policy, c.integrated_at < %1$s AS history_due
                            FROM customer c
                            WHERE c.id = ANY(:customerIds)
                            ORDER BY c.id
                            FOR UPDATE OF c
                        )
                        SELECT 'SPACE' AS kind, l.customer, l.id AS space, l.number_of_stored_images, l.total_size_of_stored_images,
                               l.total_size_of_thumbnails, p.id AS policy, p.maximum_number_of_stored_images,
                               p.maximum_total_size_of_stored_images, now() AS now, l.history_due
                        FROM locked_spaces l LEFT JOIN storage_policy p ON p.id = l.storage_policy
                        UNION ALL
                        SELECT 'CUSTOMER', l.id, NULL, l.number_of_stored_images, l.total_size_of_stored_images,
                               l.total_size_of_thumbnails, p.id, p.maximum_number_of_stored_images,
                               p.maximum_total_size_of_stored_images, now(), l.history_due
                        FROM locked_customers l JOIN storage_policy p ON p.id = l.storage_policy
                        UNION ALL
                        SELECT 'TIME', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, now(), false
                        """.formatted(Rows.stepBoundary("clock_timestamp()"));

    /** The rows of {@link #LOCK}, as they come. */
    private static final class LockedRows {
        private final Map<SpaceKey, ScopeState> spaces = new HashMap<>();
        private final Map<Integer, ScopeState> customers = new HashMap<>();
        private Instant now;
        private boolean historyDue;

        void add(ResultSet row) throws SQLException {
            LockedRow kind = LockedRow.valueOf(row.getString("kind"));
            historyDue |= row.getBoolean("history_due");
            switch (kind) {
                case SPACE -> spaces.put(new SpaceKey(row.getInt("customer"), row.getInt("space")),
                        new ScopeState(Rows.usage(row), Limits.space(policy(row))));
                case CUSTOMER -> customers.put(row.getInt("customer"), new ScopeState(Rows.usage(row), policy(row).orElseThrow()));
                case TIME -> now = Rows.instant(row, "now");
            }
        }

        Locked result() {
            return new Locked(spaces, customers, now, historyDue);
        }
    }

    /** The policy of a locked row, when it has one. */
    private static Optional<Limit.Policy> policy(ResultSet row) throws SQLException {
        String policy = row.getString("policy");
        return policy == null ? Optional.empty() : Optional.of(new Limit.Policy(policy, row.getLong("maximum_number_of_stored_images"),
                row.getLong("maximum_total_size_of_stored_images")));
    }

    /**
     * What a group's transaction read after locking its scopes: the stored assets, the owners it locked, the live
     * reservations that the records name, the room that live reservations hold in the locked spaces and customers,
     * and whether one of the owners' rows is due a history point.
     */
    public record Read(Map<CustomerAsset, StoredAsset> assets, Map<OwnerKey, ScopeState> owners,
            Map<ReservationKey, Reservation> reservations, Map<SpaceKey, Usage> spacesReserved, Map<Integer, Usage> customersReserved,
            boolean historyDue) {

        public Read {
            assets = Map.copyOf(assets);
            owners = Map.copyOf(owners);
            reservations = Map.copyOf(reservations);
            spacesReserved = Map.copyOf(spacesReserved);
            customersReserved = Map.copyOf(customersReserved);
        }
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
    public Read readUnderLocks(Collection<CustomerAsset> assets, Collection<OwnerKey> owners, Collection<ReservationKey> reservations,
            Collection<SpaceKey> spaces, Collection<Integer> customers) {
        MapSqlParameterSource parameters = scopes(spaces, customers);
        named(parameters, assets, owners, reservations);
        ReadRows read = new ReadRows();
        jdbc.query(READ, parameters, (RowCallbackHandler) read::add);
        return read.result();
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

    /** The statement that reads under the scopes' locks (see {@link #readUnderLocks}). */
    private static final String READ = """
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
                                   u.total_size_of_thumbnails, u.quota, u.plan, u.integrated_at <
                                   """ + Rows.stepBoundary("clock_timestamp()") + """
                                   AS history_due
                            FROM user_account u
                            JOIN (SELECT customer, owner FROM stored WHERE owner IS NOT NULL
                                  UNION SELECT customer, owner FROM named_reservations WHERE owner IS NOT NULL
                                  UNION SELECT * FROM unnest(:ownerCustomers, :ownerIds)) AS k(customer, id)
                              ON u.customer = k.customer AND u.id = k.id
                            ORDER BY u.customer, u.id COLLATE "C"
                            FOR UPDATE OF u
                        )
                        SELECT 'ASSET' AS kind, customer, space, id, size, thumbnail_size, owner, last_checked,
                               NULL::bigint AS number_of_stored_images, NULL::bigint AS total_size_of_stored_images,
                               NULL::bigint AS total_size_of_thumbnails, NULL::bigint AS quota, NULL::bigint AS plan_capacity, NULL::bigint AS packs,
                               NULL::bigint AS reserved_images, NULL::bigint AS reserved_size, NULL::bigint AS reserved_thumbnails,
                               NULL::bigint AS images, NULL::timestamptz AS expires_at, NULL::boolean AS history_due
                        FROM stored
                        UNION ALL
                        SELECT 'RESERVATION', customer, space, id, size, thumbnail_size, owner, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                               NULL, NULL, NULL, images, expires_at, NULL
                        FROM named_reservations
                        UNION ALL
                        SELECT 'OWNER', o.customer, NULL, o.id, NULL, NULL, NULL, NULL, o.number_of_stored_images,
                               o.total_size_of_stored_images, o.total_size_of_thumbnails, o.quota, p.capacity,
                               """ + Rows.ACTIVE_PACKS + """
                               , r.reserved_images, r.reserved_size, r.reserved_thumbnails, NULL, NULL, o.history_due
                        FROM locked_owners o LEFT JOIN plan p ON p.id = o.plan
                        CROSS JOIN LATERAL (""" + RESERVED + """
                                            WHERE r.customer = o.customer AND r.owner = o.id AND r.expires_at > now()) r
                        UNION ALL
                        SELECT 'SPACE_RESERVED', k.customer, k.space, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                               r.reserved_images, r.reserved_size, r.reserved_thumbnails, NULL, NULL, NULL
                        FROM unnest(:spaceCustomers, :spaceIds) AS k(customer, space)
                        CROSS JOIN LATERAL (""" + RESERVED + """
                                            WHERE r.customer = k.customer AND r.space = k.space AND r.expires_at > now()) r
                        UNION ALL
                        SELECT 'CUSTOMER_RESERVED', k.customer, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                               r.reserved_images, r.reserved_size, r.reserved_thumbnails, NULL, NULL, NULL
                        FROM unnest(:customerIds) AS k(customer)
                        CROSS JOIN LATERAL (""" + RESERVED + """
                                            WHERE r.customer = k.customer AND r.expires_at > now()) r
                        """;

    /** The rows of {@link #READ}, as they come. */
    private static final class ReadRows {
        private final Map<SpaceKey, Usage> spacesReserved = new HashMap<>();
        private final Map<Integer, Usage> customersReserved = new HashMap<>();
        private final Map<CustomerAsset, StoredAsset> assets = new HashMap<>();
        private final Map<OwnerKey, ScopeState> owners = new HashMap<>();
        private final Map<ReservationKey, Reservation> reservations = new HashMap<>();
        private boolean historyDue;

        void add(ResultSet row) throws SQLException {
            ReadRow kind = ReadRow.valueOf(row.getString("kind"));
            int customer = row.getInt("customer");
            switch (kind) {
                case ASSET -> {
                    StoredAsset asset = Rows.storedAsset(row);
                    assets.put(new CustomerAsset(customer, asset.ref()), asset);
                }
                case RESERVATION -> {
                    Reservation reservation = Rows.reservation(row);
                    reservations.put(new ReservationKey(customer, reservation.id()), reservation);
                }
                case OWNER -> {
                    owners.put(new OwnerKey(customer, row.getString("id")),
                            new ScopeState(Rows.usage(row), reserved(row), Rows.capacity(row)));
                    historyDue |= row.getBoolean("history_due");
                }
                case SPACE_RESERVED -> spacesReserved.put(new SpaceKey(customer, row.getInt("space")), reserved(row));
                case CUSTOMER_RESERVED -> customersReserved.put(customer, reserved(row));
            }
        }

        Read result() {
            return new Read(assets, owners, reservations, spacesReserved, customersReserved, historyDue);
        }
    }

    private static Usage reserved(ResultSet row) throws SQLException {
        return new Usage(row.getLong("reserved_images"), row.getLong("reserved_size"), row.getLong("reserved_thumbnails"));
    }
}
