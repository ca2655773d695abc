package dev.storageledger.ledger.postgres;

import dev.storageledger.LedgerProperties;
import dev.storageledger.database.TransactionTime;
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
import java.util.stream.Stream;
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
    private final TransactionTime time;

    WriteGroupRepository(NamedParameterJdbcOperations jdbc, LedgerProperties.History history, TransactionTime time) {
        this.jdbc = jdbc;
        this.step = Rows.step(history);
        this.time = time;
    }

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
     * the existing customers among {@code customers}, in id order (lock_spaces.sql, then lock_customers.sql, sent in
     * one round trip); answers their totals and policies, and the transaction's time ({@link TransactionTime}: the
     * lastChecked of what it changes, the lastCalculated of its totals, the instant its reservations and packs are
     * live at).
     */
    public Locked lockScopes(SortedSet<SpaceKey> spaces, SortedSet<Integer> customers) {
        LockedRows locked = new LockedRows(time.now());
        run(LOCK, scopes(spaces, customers), locked.handlers());
        return locked.result();
    }

    /**
     * {@link #lockScopes} and then {@link #readUnderLocks} of the scopes it named, sent to the database together, so
     * that a group costs one round trip fewer. They stay separate statements, run one after the other: PostgreSQL binds
     * each (and so takes its snapshot) only once the one before has returned, with its locks taken. The reads of
     * reserved room name the spaces and customers asked for, not only those found: the caller uses the locked ones.
     */
    public LockedAndRead lockAndRead(SortedSet<SpaceKey> spaces, SortedSet<Integer> customers, Collection<CustomerAsset> assets,
            Collection<OwnerKey> owners, Collection<ReservationKey> reservations) {
        LockedRows locked = new LockedRows(time.now());
        ReadRows read = new ReadRows();
        MapSqlParameterSource parameters = scopes(spaces, customers);
        named(parameters, assets, owners, reservations);
        run(LOCK_AND_READ, parameters, Stream.concat(locked.handlers().stream(), read.handlers().stream()).toList());
        return new LockedAndRead(locked.result(), read.result());
    }

    /** What {@link #lockAndRead} answers: the locked scopes, and what was read under their locks. */
    public record LockedAndRead(Locked locked, Read read) {
    }

    /**
     * Runs {@code statements} in one round trip, in order, each answering the rows that its handler (in the same
     * order) reads.
     */
    private void run(List<String> statements, MapSqlParameterSource parameters, List<RowCallbackHandler> handlers) {
        jdbc.execute(Statements.script(statements), parameters, statement -> {
            statement.execute();
            for (int i = 0; i < handlers.size(); i++) {
                if (i > 0 && !statement.getMoreResults()) {
                    throw new IllegalStateException("statement " + (i + 1) + " of " + statements.size() + " answered no result");
                }
                try (ResultSet rows = statement.getResultSet()) {
                    while (rows.next()) {
                        handlers.get(i).processRow(rows);
                    }
                }
            }
            return null;
        });
    }

    /** The parameters naming the scopes, for the locks and the reads. */
    private MapSqlParameterSource scopes(Collection<SpaceKey> spaces, Collection<Integer> customers) {
        List<SpaceKey> spaceKeys = List.copyOf(spaces);
        return new MapSqlParameterSource()
                .addValue("spaceCustomers", SqlArrays.integers(spaceKeys, SpaceKey::customer))
                .addValue("spaceIds", SqlArrays.integers(spaceKeys, SpaceKey::space))
                .addValue("customerIds", SqlArrays.integers(List.copyOf(customers), customer -> customer))
                .addValue("step", step)
                .addValue("now", time.parameter());
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

    /** The statements that lock the scopes (see {@link #lockScopes}), in order. */
    private static final List<String> LOCK = List.of(Statements.load("lock_spaces"), Statements.load("lock_customers"));

    /** The statements that read under the scopes' locks (see {@link #readUnderLocks}), in order. */
    private static final List<String> READ = List.of(Statements.load("read_assets"), Statements.load("read_reservations"),
            Statements.load("lock_owners"), Statements.load("reserved_in_spaces"), Statements.load("reserved_in_customers"));

    private static final List<String> LOCK_AND_READ = Stream.concat(LOCK.stream(), READ.stream()).toList();

    /** The rows of {@link #LOCK}, as they come. */
    private static final class LockedRows {
        private final Map<SpaceKey, ScopeState> spaces = new HashMap<>();
        private final Map<Integer, ScopeState> customers = new HashMap<>();
        private final Instant now;
        private boolean historyDue;

        LockedRows(Instant now) {
            this.now = now;
        }

        List<RowCallbackHandler> handlers() {
            return List.of(this::space, this::customer);
        }

        private void space(ResultSet row) throws SQLException {
            spaces.put(new SpaceKey(row.getInt("customer"), row.getInt("space")), new ScopeState(Rows.usage(row), Limits.space(policy(row))));
            historyDue |= row.getBoolean("history_due");
        }

        private void customer(ResultSet row) throws SQLException {
            customers.put(row.getInt("customer"), new ScopeState(Rows.usage(row), policy(row).orElseThrow()));
            historyDue |= row.getBoolean("history_due");
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
        run(READ, parameters, read.handlers());
        return read.result();
    }

    /** The rows of {@link #READ}, as they come. */
    private static final class ReadRows {
        private final Map<CustomerAsset, StoredAsset> assets = new HashMap<>();
        private final Map<ReservationKey, Reservation> reservations = new HashMap<>();
        private final Map<OwnerKey, ScopeState> owners = new HashMap<>();
        private final Map<SpaceKey, Usage> spacesReserved = new HashMap<>();
        private final Map<Integer, Usage> customersReserved = new HashMap<>();
        private boolean historyDue;

        List<RowCallbackHandler> handlers() {
            return List.of(this::asset, this::reservation, this::owner,
                    row -> spacesReserved.put(new SpaceKey(row.getInt("customer"), row.getInt("space")), reserved(row)),
                    row -> customersReserved.put(row.getInt("customer"), reserved(row)));
        }

        private void asset(ResultSet row) throws SQLException {
            StoredAsset asset = Rows.storedAsset(row);
            assets.put(new CustomerAsset(row.getInt("customer"), asset.ref()), asset);
        }

        private void reservation(ResultSet row) throws SQLException {
            Reservation reservation = Rows.reservation(row);
            reservations.put(new ReservationKey(row.getInt("customer"), reservation.id()), reservation);
        }

        private void owner(ResultSet row) throws SQLException {
            owners.put(new OwnerKey(row.getInt("customer"), row.getString("id")), new ScopeState(Rows.usage(row), reserved(row), Rows.capacity(row)));
            historyDue |= row.getBoolean("history_due");
        }

        Read result() {
            return new Read(assets, owners, reservations, spacesReserved, customersReserved, historyDue);
        }
    }

    private static Usage reserved(ResultSet row) throws SQLException {
        return new Usage(row.getLong("reserved_images"), row.getLong("reserved_size"), row.getLong("reserved_thumbnails"));
    }
}
