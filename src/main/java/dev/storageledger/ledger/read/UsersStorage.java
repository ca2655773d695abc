package dev.storageledger.ledger.read;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.List;

/** The sum of some users' capacities now, and of the bytes they use: exact sums, which may pass what a long holds. */
public record UsersStorage(BigInteger capacity, BigInteger used) {

    public UsersStorage {
        requireNonNull(capacity, "capacity is null");
        requireNonNull(used, "used is null");
    }

    public static UsersStorage sum(List<OwnerStorage> users) {
        BigInteger capacity = BigInteger.ZERO;
        BigInteger used = BigInteger.ZERO;
        for (OwnerStorage user : users) {
            capacity = capacity.add(BigInteger.valueOf(user.capacity().base())).add(BigInteger.valueOf(user.capacity().packs()));
            used = used.add(BigInteger.valueOf(user.usage().size())).add(BigInteger.valueOf(user.usage().thumbnails()));
        }
        return new UsersStorage(capacity, used);
    }
}
