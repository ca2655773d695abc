package dev.storageledger.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Strict reading of one JSON object of a request body. Every problem found is collected with the field's path
 * (e.g. "records[3].size") so that one 400 answer names them all; unknown fields are problems too.
 *
 * <p>What is read is what the database stores, exactly: a text holds no NUL (PostgreSQL's text cannot) and no lone
 * surrogate (it is no character, and would be stored as '?'); an instant is read by {@link Instants}' rule.
 */
public final class JsonObject {

    private static final String SIZE_RANGE = "an integer from 0 to " + Long.MAX_VALUE;
    private static final String INSTANT = "an ISO 8601 instant such as 2026-02-23T01:00:44Z";

    private final JsonNode node;
    private final String path;
    private final List<String> problems;

    private JsonObject(JsonNode node, String path, List<String> problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /**
     * @param path     the object's place in the body ("" for the body itself, "records[3]." for an element)
     * @param problems where problems are collected
     * @param fields   the fields the object may have
     * @return the object, or null (with a problem noted) when the node is not a JSON object
     */
    public static JsonObject read(JsonNode node, String path, List<String> problems, Set<String> fields) {
        if (node == null || !node.isObject()) {
            problems.add((path.isEmpty() ? "the body" : path.substring(0, path.length() - 1)) + ": must be a JSON object");
            return null;
        }
        for (String name : node.propertyNames()) {
            if (!fields.contains(name)) {
                problems.add(path + name + ": is not a known field (known: " + String.join(", ", fields.stream().sorted().toList()) + ")");
            }
        }
        return new JsonObject(node, path, problems);
    }

    public boolean has(String field) {
        return node.has(field);
    }

    /** A size or count: a JSON integer from 0 to Long.MAX_VALUE. Null when absent and not required. */
    public Long size(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null) {
            if (required) {
                problem(field, "is required (" + SIZE_RANGE + ")");
            }
            return null;
        }
        if (!value.isIntegralNumber()) {
            problem(field, "must be " + SIZE_RANGE + ", not " + describe(value));
            return null;
        }
        if (!value.canConvertToLong() || value.asLong() < 0) {
            problem(field, "must be " + SIZE_RANGE + ", not " + value);
            return null;
        }
        return value.asLong();
    }

    /** A space id: a JSON integer from 0 to Integer.MAX_VALUE. */
    public Integer space(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0
                || value.asLong() > Integer.MAX_VALUE) {
            problem(field, value == null ? "is required (an integer from 0 to " + Integer.MAX_VALUE + ")"
                    : "must be an integer from 0 to " + Integer.MAX_VALUE + ", not " + describe(value));
            return null;
        }
        return (int) value.asLong();
    }

    /** An id string (asset, user, policy...). Null when absent (or JSON null, if allowed) and not required. */
    public String id(String field, boolean required, boolean nullAllowed) {
        JsonNode value = node.get(field);
        if (value == null || (nullAllowed && value.isNull())) {
            if (required && value == null) {
                problem(field, "is required");
            }
            return null;
        }
        if (!value.isString() || !Ids.isName(value.stringValue())) {
            problem(field, "must be an id of 1 to 200 characters of A-Z a-z 0-9 . _ ~ -, not " + describe(value));
            return null;
        }
        return value.stringValue();
    }

    /**
     * A string as sent, of 1 to {@code maximumLength} characters, whose form the caller checks (such as an id or a
     * link). Null when absent or JSON null.
     */
    public String string(String field, int maximumLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() || value.stringValue().isEmpty() || value.stringValue().length() > maximumLength) {
            problem(field, "must be a string of 1 to " + maximumLength + " characters, not " + describe(value));
            return null;
        }
        return value.stringValue();
    }

    /** A free text of 1 to {@code maximumLength} characters. */
    public String text(String field, boolean required, int maximumLength) {
        JsonNode value = node.get(field);
        if (value == null) {
            if (required) {
                problem(field, "is required");
            }
            return null;
        }
        if (!value.isString() || value.stringValue().isBlank() || value.stringValue().length() > maximumLength) {
            problem(field, "must be a non-blank string of at most " + maximumLength + " characters, not " + describe(value));
            return null;
        }
        String unstorable = unstorable(value.stringValue());
        if (unstorable != null) {
            problem(field, unstorable);
            return null;
        }
        return value.stringValue();
    }

    /**
     * Why a text cannot be stored as it is, or null when it can: PostgreSQL's text holds no NUL, and a lone
     * surrogate (half of a UTF-16 pair, which a JSON escape can name) is no character and would be stored as '?'.
     */
    private static String unstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return "must not contain the character U+0000 (NUL, at character " + i + "), which cannot be stored";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain a lone surrogate (U+" + Integer.toHexString(c).toUpperCase(Locale.ROOT)
                        + " at character " + i + "), which is not a character";
            }
        }
        return null;
    }

    /** A list of ids (e.g. roles); empty when absent. */
    public List<String> ids(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray() || !value.values().stream().allMatch(element -> element.isString() && Ids.isName(element.stringValue()))) {
            problem(field, "must be an array of ids, not " + describe(value));
            return List.of();
        }
        return value.values().stream().map(JsonNode::stringValue).toList();
    }

    /**
     * An instant by {@link Instants}' rule (ISO 8601, years 1 to 9999, no leap second), kept to the microsecond, so that
     * what is answered is what is stored. Null when absent and not required.
     */
    public Instant instant(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null) {
            if (required) {
                problem(field, "is required (" + INSTANT + ")");
            }
            return null;
        }
        if (!value.isString()) {
            problem(field, "must be " + INSTANT + ", not " + describe(value));
            return null;
        }
        return switch (Instants.read(value.stringValue())) {
            case Instants.Kept kept -> kept.instant();
            case Instants.Refused refused -> {
                problem(field, refused.reason() + ", not " + describe(value));
                yield null;
            }
        };
    }

    /** A boolean; false when absent. */
    public boolean flag(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            problem(field, "must be true or false, not " + describe(value));
            return false;
        }
        return value.booleanValue();
    }

    public void problem(String field, String message) {
        problems.add(path + field + ": " + message);
    }

    private static String describe(JsonNode value) {
        if (value.isString()) {
            return "the string " + abbreviate(value.toString());
        }
        if (value.isNull()) {
            return "null";
        }
        if (value.isObject() || value.isArray()) {
            return value.isObject() ? "an object" : "an array";
        }
        return abbreviate(value.toString());
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
