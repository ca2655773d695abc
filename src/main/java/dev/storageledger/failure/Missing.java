package dev.storageledger.failure;

/** The failures of a request that names something the ledger does not hold: one wording for each kind of thing. */
public final class Missing {

    private Missing() {
    }

    public static Failure customer(int customer) {
        return Failure.notFound("There is no customer " + customer);
    }

    public static Failure space(int customer, int space) {
        return Failure.notFound("There is no space " + space + " of customer " + customer);
    }

    public static Failure user(int customer, String user) {
        return Failure.notFound("There is no user '" + user + "' of customer " + customer);
    }

    public static Failure asset(int customer, int space, String asset) {
        return Failure.notFound("There is no asset '" + asset + "' in space " + space + " of customer " + customer);
    }
}
