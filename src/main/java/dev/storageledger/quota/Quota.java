package dev.storageledger.quota;

import java.util.List;

/** A scope's limits and their states; the scope's state is its worst limit's (normal when it has none). */
public record Quota(QuotaState state, List<LimitState> limits) {

    static Quota of(List<LimitState> limits) {
        QuotaState state = QuotaState.NORMAL;
        for (LimitState limit : limits) {
            state = state.worst(limit.state());
        }
        return new Quota(state, List.copyOf(limits));
    }
}
