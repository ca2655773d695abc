package dev.storageledger.web;

import dev.storageledger.failure.Failure;
import java.util.regex.Pattern;

/** The ids that appear in paths and bodies, checked as api.md "Conventions" defines them. */
public final class Ids {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._~-]{1,200}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");

    private Ids() {
    }

    public static int customer(String value) {
        return integer("customer", value, 1);
    }

    public static int space(String value) {
        return integer("space", value, 0);
    }

    /** An asset, user, policy, plan or key id: 1..200 characters of A-Z a-z 0-9 . _ ~ - */
    public static String name(String what, String value) {
        if (!isName(value)) {
            throw Failure.invalid(what + ": '" + value + "' is not a valid id (1 to 200 characters of A-Z a-z 0-9 . _ ~ -)");
        }
        return value;
    }

    public static boolean isName(String value) {
        return value != null && NAME.matcher(value).matches();
    }

    private static int integer(String what, String value, int minimum) {
        if (value != null && DIGITS.matcher(value).matches()) {
            long number = Long.parseLong(value);
            if (number >= minimum && number <= Integer.MAX_VALUE) {
                return (int) number;
            }
        }
        throw Failure.invalid(what + ": '" + value + "' is not a valid id (an integer from " + minimum + " to "
                + Integer.MAX_VALUE + ")");
    }
}
