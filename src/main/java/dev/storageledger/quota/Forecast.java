package dev.storageledger.quota;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a figure would reach a maximum: the least-squares line through its points (each an instant and a value), and
 * the instant where that line meets the maximum. Empty when the line does not rise (or there are fewer than two
 * instants); never before the last point, since a figure that is not yet at its maximum is not full yet.
 */
final class Forecast {

    private Forecast() {
    }

    record Point(Instant at, long value) {
    }

    static Optional<Instant> full(List<Point> points, long maximum) {
        if (points.size() < 2) {
            return Optional.empty();
        }
        Instant origin = points.getFirst().at();
        double meanX = 0;
        double meanY = 0;
        for (Point point : points) {
            meanX += seconds(origin, point.at());
            meanY += point.value();
        }
        meanX /= points.size();
        meanY /= points.size();
        double covariance = 0;
        double variance = 0;
        for (Point point : points) {
            double dx = seconds(origin, point.at()) - meanX;
            covariance += dx * (point.value() - meanY);
            variance += dx * dx;
        }
        if (variance == 0 || covariance <= 0) {
            return Optional.empty();
        }
        double slope = covariance / variance;
        double reached = meanX + (maximum - meanY) / slope;
        Instant last = points.getLast().at();
        if (reached > 1e12) {
            return Optional.empty(); // over 30,000 years away: not growing in any sense that matters
        }
        long wholeSeconds = (long) Math.floor(reached);
        Instant at = origin.plusSeconds(wholeSeconds).plusNanos(Math.round((reached - wholeSeconds) * 1e9));
        return Optional.of(at.isBefore(last) ? last : at);
    }

    private static double seconds(Instant origin, Instant at) {
        return (at.getEpochSecond() - origin.getEpochSecond()) + (at.getNano() - origin.getNano()) / 1e9;
    }
}
