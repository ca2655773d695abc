package dev.storageledger.support;

import java.util.Arrays;
import java.util.Collection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request bodies built by Jackson instead of escaped strings: {@code object("size", 10, "owner", "ann")} is
 * {@code {"size":10,"owner":"ann"}}. Values are whatever Jackson serialises (numbers, strings, booleans, null, lists,
 * records, instants as ISO 8601 text) and nest: an {@link #object} or {@link #array} inside another is JSON, not a
 * string. Bodies whose raw text is what a test is about (malformed JSON, a fraction, a number past 2^63-1) stay
 * strings in the tests.
 */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    /** An object of the given names and values, in that order: name, value, name, value, ... */
    public static ObjectNode object(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs: " + Arrays.toString(namesAndValues));
        }
        ObjectNode object = MAPPER.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name)) {
                throw new IllegalArgumentException("a name must be a string, not " + namesAndValues[i]);
            }
            object.set(name, node(namesAndValues[i + 1]));
        }
        return object;
    }

    /** An array of the given values. */
    public static ArrayNode array(Object... values) {
        return array(Arrays.asList(values));
    }

    /** An array of the values of a collection (one built in a loop, say). */
    public static ArrayNode array(Collection<?> values) {
        ArrayNode array = MAPPER.createArrayNode();
        values.forEach(value -> array.add(node(value)));
        return array;
    }

    /** Any value as JSON: a node as it is, anything else as Jackson serialises it (a record by its components). */
    public static JsonNode node(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        return value instanceof JsonNode node ? node : MAPPER.valueToTree(value);
    }

    /** The JSON text of a value, as it goes over the wire. */
    public static String text(Object value) {
        return MAPPER.writeValueAsString(node(value));
    }
}
