package dev.storageledger;

import java.util.List;

/** The request is malformed. Answered with 400 and a detail that names every problem found. */
public final class BadRequestException extends RuntimeException {

    private static final int MAXIMUM_LISTED = 50;

    private final List<String> problems;

    public BadRequestException(List<String> problems) {
        super(describe(problems), null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a bad request names at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public BadRequestException(String problem) {
        this(List.of(problem));
    }

    /** At most 50 problems are spelled out, so that a batch of 10000 bad records gets a readable answer. */
    private static String describe(List<String> problems) {
        if (problems.size() <= MAXIMUM_LISTED) {
            return String.join("; ", problems);
        }
        return String.join("; ", problems.subList(0, MAXIMUM_LISTED)) + "; and " + (problems.size() - MAXIMUM_LISTED)
                + " more problems";
    }

    public List<String> problems() {
        return problems;
    }
}
