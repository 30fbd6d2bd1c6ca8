package io.leaddedup.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaddedup.events.RejectReason;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Typed reads of one JSON object's fields, each failing with the contract's reject reason. */
final class JsonFields {

    private final JsonNode node;

    JsonFields(JsonNode node) {
        this.node = node;
    }

    private JsonNode present(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
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
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
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
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }

    boolean optionalBoolean(String field, boolean fallback) throws InvalidInput {
        JsonNode value = present(field);
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

    /** An ISO-8601 instant or epoch milliseconds (as a number or a string of digits). */
    long requiredInstant(String field) throws InvalidInput {
        JsonNode value = present(field);
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

    /** An ISO-8601 duration such as {@code P30D} or {@code PT12H}; null when absent. */
    Duration optionalDuration(String field) throws InvalidInput {
        String text = optionalText(field);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Duration duration = Duration.parse(text.trim());
            if (duration.isNegative() || duration.isZero()) {
                throw new InvalidInput(RejectReason.INVALID_VALUE, "field '" + field + "' must be a positive duration: " + text);
            }
            return duration;
        } catch (DateTimeException | ArithmeticException e) {
            throw new InvalidInput(RejectReason.INVALID_VALUE, "field '" + field + "' is not an ISO-8601 duration: " + text);
        }
    }

    String[] optionalTextArray(String field) throws InvalidInput {
        JsonNode value = present(field);
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
