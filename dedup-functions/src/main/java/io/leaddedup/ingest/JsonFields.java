package io.leaddedup.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.leaddedup.events.RejectReason;
import io.leaddedup.settings.DedupeWindow;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * The top-level fields of one JSON object, read in one streaming pass, and their typed reads,
 * each failing with the contract's reject reason.
 *
 * <p>Strings, whole numbers and booleans, which are nearly every field of every event, are kept
 * as they come off the parser. Only what is rare in a field (an array, a nested object, a
 * fraction, a number beyond a long) is read as a Jackson tree, so that the reject detail can
 * show it as JSON. The type field may come last, so the fields are held before they are bound.
 */
final class JsonFields {

    private String[] names = new String[16];
    /** A {@link String}, or a {@link JsonNode} for every other JSON type; null for JSON null. */
    private Object[] values = new Object[16];
    private int size;

    private JsonFields() {
    }

    /** Reads one JSON object, and nothing after it, from a parser that has not started. */
    static JsonFields read(JsonParser parser) throws InvalidInput {
        try {
            boolean isObject = parser.nextToken() == JsonToken.START_OBJECT;
            JsonFields fields = new JsonFields();
            if (isObject) {
                // nextFieldName, as Jackson's own tree reading does, so a syntax error reads the same.
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    fields.put(name, value(parser, parser.nextToken()));
                }
            } else if (parser.currentToken() != null) {
                // Read through, so that broken JSON is called broken before it is called not an object.
                parser.readValueAsTree();
            }
            JsonToken after = parser.nextToken();
            if (after != null) {
                // "{...} {...}" or "{...} 5" is not one JSON object: refused, not half-read.
                throw new InvalidInput(RejectReason.MALFORMED,
                        "not valid JSON: more than one value in the record (" + after + " after the first)");
            }
            if (!isObject) {
                throw new InvalidInput(RejectReason.MALFORMED, "not a JSON object");
            }
            return fields;
        } catch (JsonProcessingException e) {
            throw new InvalidInput(RejectReason.MALFORMED, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInput(RejectReason.MALFORMED, "not valid JSON: " + e.getMessage());
        }
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NULL:
                return null;
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NUMBER_INT:
                JsonParser.NumberType type = parser.getNumberType();
                if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                    return LongNode.valueOf(parser.getLongValue());
                }
                return parser.readValueAsTree();
            default:
                return parser.readValueAsTree();
        }
    }

    /** A repeated field takes its last value, as Jackson's own object reading does. */
    private void put(String name, Object value) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                values[i] = value;
                return;
            }
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size++] = value;
    }

    private Object present(String field) {
        for (int i = 0; i < size; i++) {
            // Jackson interns field names, so the literal asked for is usually the same object.
            if (names[i] == field || names[i].equals(field)) {
                return values[i];
            }
        }
        return null;
    }

    /** The value as a JSON node, for the rarer reads and for showing it in a reject detail. */
    private JsonNode node(String field) {
        Object value = present(field);
        return value instanceof String text ? TextNode.valueOf(text) : (JsonNode) value;
    }

    String requiredText(String field) throws InvalidInput {
        String value = optionalText(field);
        if (value == null || value.isBlank()) {
            throw new InvalidInput(RejectReason.MISSING_FIELD, "missing required field '" + field + "'");
        }
        return value;
    }

    /** A string field; numbers are accepted as their text (ids and phones often arrive unquoted). */
    String optionalText(String field) throws InvalidInput {
        Object present = present(field);
        if (present == null || present instanceof String) {
            return (String) present;
        }
        JsonNode value = (JsonNode) present;
        if (value.isIntegralNumber()) {
            return value.asText();
        }
        throw new InvalidInput(RejectReason.INVALID_VALUE, "field '" + field + "' must be a string, got " + value.getNodeType());
    }

    /**
     * A field read as text whatever its JSON type: a string as is, anything else (a number, a
     * boolean, an object) as its JSON text, for a field whose bad values are judged later.
     */
    String looseText(String field) {
        Object value = present(field);
        return value == null || value instanceof String ? (String) value : value.toString();
    }

    boolean optionalBoolean(String field, boolean fallback) throws InvalidInput {
        JsonNode value = node(field);
        if (value == null) {
            return fallback;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && ("true".equalsIgnoreCase(value.textValue()) || "false".equalsIgnoreCase(value.textValue()))) {
            return Boolean.parseBoolean(value.textValue());
        }
        throw new InvalidInput(RejectReason.INVALID_VALUE, "field '" + field + "' must be true or false, got " + value);
    }

    <E extends Enum<E>> E requiredEnum(String field, Class<E> type) throws InvalidInput {
        return toEnum(field, requiredText(field), type);
    }

    <E extends Enum<E>> E optionalEnum(String field, Class<E> type, E fallback) throws InvalidInput {
        String text = optionalText(field);
        return text == null ? fallback : toEnum(field, text, type);
    }

    private static <E extends Enum<E>> E toEnum(String field, String text, Class<E> type) throws InvalidInput {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text.trim())) {
                return constant;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name());
        }
        throw new InvalidInput(RejectReason.INVALID_VALUE,
                "field '" + field + "' has unknown value '" + text + "' (expected one of " + allowed + ")");
    }

    /** An ISO-8601 instant or epoch milliseconds (as a number or a string of digits), in the years 0000 to 9999. */
    long requiredInstant(String field) throws InvalidInput {
        long millis = anyInstant(field);
        if (millis < FIRST_INSTANT || millis > LAST_INSTANT) {
            // An instant of the year 1,000,000 would keep its lead golden for ever: every later lead
            // of the number would be relocated behind it. ISO-8601 years have four digits.
            throw new InvalidInput(RejectReason.INVALID_VALUE,
                    "field '" + field + "' is outside the years 0000 to 9999: " + node(field));
        }
        return millis;
    }

    private static final long FIRST_INSTANT = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
    private static final long LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    private long anyInstant(String field) throws InvalidInput {
        JsonNode value = node(field);
        if (value == null || (value.isTextual() && value.textValue().isBlank())) {
            throw new InvalidInput(RejectReason.MISSING_FIELD, "missing required field '" + field + "'");
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            String text = value.textValue().trim();
            if (isDigits(text) && text.length() <= 18) {
                return Long.parseLong(text);
            }
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                try {
                    return OffsetDateTime.parse(text).toInstant().toEpochMilli();
                } catch (DateTimeParseException | ArithmeticException e2) {
                    // fall through to the reject below
                }
            }
        }
        throw new InvalidInput(RejectReason.INVALID_VALUE,
                "field '" + field + "' is not an ISO-8601 instant or epoch milliseconds: " + value);
    }

    /** A buyer's window: an ISO-8601 duration such as {@code P30D}, {@code PT12H} or {@code P1M}; null when absent. */
    DedupeWindow optionalDedupeWindow(String field) throws InvalidInput {
        String text = optionalText(field);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return DedupeWindow.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(RejectReason.INVALID_VALUE,
                    "field '" + field + "' must be an ISO-8601 duration of zero or more (such as P30D, PT12H or P1M): "
                            + text + " is " + e.getMessage());
        }
    }

    String[] optionalTextArray(String field) throws InvalidInput {
        JsonNode value = node(field);
        if (value == null) {
            return new String[0];
        }
        if (!value.isArray()) {
            throw new InvalidInput(RejectReason.INVALID_VALUE, "field '" + field + "' must be an array of ids");
        }
        String[] ids = new String[value.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode element = value.get(i);
            if (element.isTextual() && !element.textValue().isBlank()) {
                ids[i] = element.textValue();
            } else if (element.isIntegralNumber()) {
                ids[i] = element.asText();
            } else {
                throw new InvalidInput(RejectReason.INVALID_VALUE, "field '" + field + "' must hold only ids, got " + element);
            }
        }
        return ids;
    }

    private static boolean isDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
