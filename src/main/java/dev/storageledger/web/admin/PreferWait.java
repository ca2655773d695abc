package dev.storageledger.web.admin;

import java.time.Duration;
import java.util.Locale;

/**
 * The "wait" preference of a request's Prefer header (RFC 7240, {@code Prefer: wait=30}): how long the client would
 * wait for a job to finish rather than poll. Absent, or not a number of seconds, it is zero: as the RFC says, a
 * preference the server cannot use is ignored, never refused.
 */
final class PreferWait {

    static final String HEADER = "Prefer";

    private PreferWait() {
    }

    static Duration of(String prefer) {
        if (prefer == null) {
            return Duration.ZERO;
        }
        for (String preference : prefer.split(",")) {
            String[] nameAndValue = preference.split(";", 2)[0].split("=", 2);
            if (nameAndValue.length == 2 && nameAndValue[0].trim().toLowerCase(Locale.ROOT).equals("wait")) {
                String seconds = nameAndValue[1].trim();
                if (seconds.matches("[0-9]{1,6}")) {
                    return Duration.ofSeconds(Long.parseLong(seconds));
                }
            }
        }
        return Duration.ZERO;
    }
}
