package dev.storageledger.ingest;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The fields of an event's JSON, each checked with a reason that names it. */
final class JsonFields {

    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** An asset or user id, as the API takes it: 1..200 characters of A-Z a-z 0-9 . _ ~ - */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._~-]{1,200}");

    private JsonFields() {
    }

    /** A parser of an event's value, with the same settings as {@link #object} (a repeated field is not JSON). */
    static JsonParser parser(byte[] value) {
        return JSON.createParser(value);
    }

    /** Whether {@code text} is an asset or user id, as the API takes it (as {@link #NAME} matches, without its matcher). */
    static boolean isName(String text) {
        if (text == null || text.isEmpty() || text.length() > 200) {
            return false;
        }
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '~' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** The JSON object an event's value holds. */
    static JsonNode object(byte[] value) throws BadEvent {
        if (value == null) {
            throw new BadEvent("the event has no value");
        }
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (JacksonException e) {
            throw new BadEvent("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadEvent("not a JSON object: " + abbreviated(value));
        }
        return node;
    }

    static long integer(JsonNode object, String field, long minimum, long maximum) throws BadEvent {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            throw new BadEvent(field + ": is required");
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new BadEvent(field + ": must be an integer, not " + node);
        }
        long value = node.longValue();
        if (value < minimum) {
            throw new BadEvent(field + ": must be at least " + minimum + ", not " + value + (minimum == 0 ? " (negative)" : ""));
        }
        if (value > maximum) {
            throw new BadEvent(field + ": must be at most " + maximum + ", not " + value);
        }
        return value;
    }

    static Long optionalInteger(JsonNode object, String field, long minimum) throws BadEvent {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : integer(object, field, minimum, Long.MAX_VALUE);
    }

    static String name(JsonNode object, String field, boolean required) throws BadEvent {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new BadEvent(field + ": is required");
            }
            return null;
        }
        if (!node.isString() || !NAME.matcher(node.stringValue()).matches()) {
            throw new BadEvent(field + ": " + node + " is not a valid id (1 to 200 characters of A-Z a-z 0-9 . _ ~ -)");
        }
        return node.stringValue();
    }

    static boolean flag(JsonNode object, String field) throws BadEvent {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new BadEvent(field + ": must be true or false, not " + node);
        }
        return node.booleanValue();
    }

    private static String abbreviated(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }
}
