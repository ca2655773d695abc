package dev.storageledger.ledger.write;

import java.util.Collection;
import java.util.Set;

/** The ids of every reservation ever made, kept after the reservations are used up, released or expired. */
public interface ReservationIds {

    /** Those of {@code ids} that were never made as reservations of {@code customer}. */
    Set<String> neverMade(int customer, Collection<String> ids);
}
