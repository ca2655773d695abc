package dev.storageledger.web.image;

import static java.util.Objects.requireNonNull;

import dev.storageledger.ledger.write.Write;
import dev.storageledger.ledger.write.WriteOutcome;
import dev.storageledger.ledger.writer.LedgerWriter;
import dev.storageledger.ledger.writer.Operation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A hand-written fake of the writer: it keeps every write it is given, in order, and answers each with the next
 * outcome it was told to answer ({@code writer.answers(outcome)}). A write it has no outcome for fails the test.
 */
final class ScriptedWriter implements LedgerWriter {

    /** A write as the writer was given it. */
    record Given(Operation operation, Write write) {
    }

    private final Deque<WriteOutcome> outcomes = new ArrayDeque<>();
    private final List<Given> given = new ArrayList<>();

    /** The next writes are answered with these outcomes, one each, in order. */
    synchronized ScriptedWriter answers(WriteOutcome... next) {
        for (WriteOutcome outcome : next) {
            outcomes.addLast(requireNonNull(outcome, "outcome is null"));
        }
        return this;
    }

    /** Every write given so far, in order. */
    synchronized List<Given> given() {
        return List.copyOf(given);
    }

    /** Forgets the writes given and the outcomes not yet answered: a new test starts from nothing. */
    synchronized void forget() {
        outcomes.clear();
        given.clear();
    }

    @Override
    public synchronized WriteOutcome write(Operation operation, Write write) {
        given.add(new Given(operation, write));
        if (outcomes.isEmpty()) {
            throw new AssertionError("The writer was given " + operation + " " + write + " but no outcome to answer it with");
        }
        return outcomes.removeFirst();
    }
}
