package dev.storageledger.quota;

import dev.storageledger.ledger.limit.Fullness;
import java.util.List;

/** A scope's limits and their states; the scope's state is its worst limit's (normal when it has none). */
public record Quota(Fullness state, List<LimitState> limits) {

    static Quota of(List<LimitState> limits) {
        Fullness state = Fullness.NORMAL;
        for (LimitState limit : limits) {
            if (limit.state().compareTo(state) > 0) {
                state = limit.state();
            }
        }
        return new Quota(state, List.copyOf(limits));
    }
}
