package dev.storageledger.account;

import java.util.Arrays;
import java.util.Optional;

/** What a user may do (api.md "Authentication and roles"). */
public enum Role {
    /** Stores content; counts in an organisation's required and used storage (Cocoon). */
    ORIGINATOR("originator"),
    /** Reads the storage statistics of their own organisation (Cocoon). */
    ORGANISATION_ADMINISTRATOR("organisationAdministrator");

    private final String id;

    Role(String id) {
        this.id = id;
    }

    /** The role as the API and the database spell it. */
    public String id() {
        return id;
    }

    public static Optional<Role> of(String id) {
        return Arrays.stream(values()).filter(role -> role.id.equals(id)).findFirst();
    }
}
