package dev.storageledger.ledger.postgres;

import org.springframework.dao.TransientDataAccessException;

/**
 * A history step boundary passed between a group's reads under its locks and the statement that writes its changes,
 * leaving a totals row due a point that the statement was not made to write: the transaction must be rolled back and
 * done again, and will find the row due.
 */
public class StepBoundaryPassedException extends TransientDataAccessException {

    StepBoundaryPassedException() {
        super("A history step boundary passed while the group was decided; it is done again");
    }
}
