package dev.storageledger.ledger.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.ledger.limit.Fullness;
import dev.storageledger.ledger.limit.Limits;
import dev.storageledger.support.IntegrationTest;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.support.SqlValue;

/**
 * The ledger's rules written for SQL (V14__ledger_rules.sql) answer as their Java rules do, on generated cases: the
 * edges (0, 1, the largest total and its neighbours, no quota or plan, sums past the largest total) and random figures
 * of every magnitude, each case called through the real PostgreSQL.
 */
class LedgerRulesIntegrationTest extends IntegrationTest {

    private static final int CASES = 5_000;

    private static final long[] EDGES = {0, 1, 2, 1_000, Long.MAX_VALUE / 2, Long.MAX_VALUE / 2 + 1, Long.MAX_VALUE - 1, Long.MAX_VALUE};

    private final Random random = new Random(20261207);

    /** A figure: an edge a third of the time, else a random one of a random magnitude (so small ones are common). */
    private long figure() {
        if (random.nextInt(3) == 0) {
            return EDGES[random.nextInt(EDGES.length)];
        }
        return (random.nextLong() & Long.MAX_VALUE) >>> random.nextInt(64);
    }

    /** A figure, or none (NULL) a quarter of the time. */
    private Long optionalFigure() {
        return random.nextInt(4) == 0 ? null : figure();
    }

    @Test
    void a_users_capacity_in_sql_is_their_quota_else_their_plans_else_0_plus_packs_as_in_java() {
        Long[] quotas = new Long[CASES];
        Long[] plans = new Long[CASES];
        Long[] packs = new Long[CASES];
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            quotas[i] = optionalFigure();
            plans[i] = optionalFigure();
            packs[i] = figure();
            expected.add(Limits.ownerCapacity(optional(quotas[i]), optional(plans[i]), packs[i]).total());
        }

        List<Long> answered = jdbc.sql("""
                        SELECT ledger_capacity(q, p, k)
                        FROM unnest(CAST(:quotas AS bigint[]), CAST(:plans AS bigint[]), CAST(:packs AS bigint[]))
                             WITH ORDINALITY AS c(q, p, k, n)
                        ORDER BY n
                        """)
                .param("quotas", bigints(quotas)).param("plans", bigints(plans)).param("packs", bigints(packs))
                .query(Long.class).list();

        assertThat(answered).isEqualTo(expected);
    }

    @Test
    void what_is_taken_in_sql_is_stored_plus_reserved_capped_at_the_largest_total_as_in_java() {
        Long[] used = new Long[CASES];
        Long[] reserved = new Long[CASES];
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            used[i] = figure();
            reserved[i] = optionalFigure();
            expected.add(Fullness.taken(used[i], reserved[i] == null ? 0 : reserved[i]));
        }

        List<Long> answered = jdbc.sql("""
                        SELECT ledger_taken(u, r)
                        FROM unnest(CAST(:used AS bigint[]), CAST(:reserved AS bigint[])) WITH ORDINALITY AS c(u, r, n)
                        ORDER BY n
                        """)
                .param("used", bigints(used)).param("reserved", bigints(reserved))
                .query(Long.class).list();

        assertThat(answered).isEqualTo(expected);
    }

    @Test
    void how_full_a_limit_is_in_sql_is_the_fraction_of_its_maximum_taken_and_1_for_a_maximum_of_0_as_in_java() {
        Long[] taken = new Long[CASES];
        Long[] maxima = new Long[CASES];
        List<Double> expected = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            taken[i] = figure();
            maxima[i] = random.nextInt(8) == 0 ? 0 : figure();
            expected.add(Fullness.fraction(taken[i], maxima[i]));
        }

        List<Double> answered = jdbc.sql("""
                        SELECT ledger_fullness(t, m)
                        FROM unnest(CAST(:taken AS bigint[]), CAST(:maxima AS bigint[])) WITH ORDINALITY AS c(t, m, n)
                        ORDER BY n
                        """)
                .param("taken", bigints(taken)).param("maxima", bigints(maxima))
                .query(Double.class).list();

        assertThat(answered).isEqualTo(expected);
    }

    @Test
    void a_sum_in_sql_is_capped_at_the_largest_total_and_the_sum_of_nothing_is_0() {
        String[] sums = new String[CASES];
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            BigInteger sum = random.nextInt(10) == 0 ? null
                    : BigInteger.valueOf(figure()).add(BigInteger.valueOf(figure())).add(BigInteger.valueOf(figure()));
            sums[i] = sum == null ? null : sum.toString();
            expected.add(sum == null ? 0 : sum.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact());
        }

        List<Long> answered = jdbc.sql("""
                        SELECT ledger_capped(s)
                        FROM unnest(CAST(:sums AS numeric[])) WITH ORDINALITY AS c(s, n)
                        ORDER BY n
                        """)
                .param("sums", SqlArrays.texts(Arrays.asList(sums), sum -> sum))
                .query(Long.class).list();

        assertThat(answered).isEqualTo(expected);
    }

    /** An array parameter of bigints, NULL elements included. */
    private static SqlValue bigints(Long[] figures) {
        return SqlArrays.longs(Arrays.asList(figures), figure -> figure);
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
