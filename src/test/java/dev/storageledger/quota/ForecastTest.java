package dev.storageledger.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastTest {

    private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");

    private static List<Forecast.Point> line(long start, long perHour, int hours) {
        List<Forecast.Point> points = new ArrayList<>();
        for (int hour = 0; hour <= hours; hour++) {
            points.add(new Forecast.Point(T0.plus(Duration.ofHours(hour)), start + perHour * hour));
        }
        return points;
    }

    @Test
    void a_figure_growing_linearly_is_full_where_its_line_meets_the_maximum() {
        assertThat(Forecast.full(line(1000, 100, 24), 10_000)).contains(T0.plus(Duration.ofHours(90)));
    }

    @Test
    void the_least_squares_line_goes_through_the_middle_of_noisy_points() {
        List<Forecast.Point> points = new ArrayList<>();
        for (int hour = 0; hour <= 24; hour++) {
            points.add(new Forecast.Point(T0.plus(Duration.ofHours(hour)), 100L * hour + (hour % 2 == 0 ? 30 : -30)));
        }
        Instant full = Forecast.full(points, 5000).orElseThrow();
        assertThat(Duration.between(T0.plus(Duration.ofHours(50)), full).abs()).isLessThan(Duration.ofMinutes(5));
    }

    @Test
    void a_flat_or_shrinking_figure_is_never_full() {
        assertThat(Forecast.full(line(1000, 0, 24), 10_000)).isEmpty();
        assertThat(Forecast.full(line(9000, -100, 24), 10_000)).isEmpty();
        assertThat(Forecast.full(line(1000, 100, 0), 10_000)).as("one point").isEmpty();
    }

    @Test
    void a_line_already_past_the_maximum_is_full_at_its_last_point_not_before() {
        assertThat(Forecast.full(line(1000, 100, 24), 2000)).contains(T0.plus(Duration.ofHours(24)));
    }

    @Test
    void a_growth_too_slow_to_matter_has_no_instant() {
        assertThat(Forecast.full(line(0, 1, 24), Long.MAX_VALUE)).isEmpty();
    }
}
