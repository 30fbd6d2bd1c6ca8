package io.leaddedup.job.kafka;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** {@code --starting-offsets timestamp:T}: T an ISO-8601 instant or epoch milliseconds. */
final class StartingOffsets {

    private static final String TIMESTAMP = "timestamp:";

    private StartingOffsets() {}

    /** The epoch milliseconds of a {@code timestamp:T} value; null for any other value or a T that is no time. */
    static Long timestampOf(String value) {
        if (value == null || !value.startsWith(TIMESTAMP)) {
            return null;
        }
        String time = value.substring(TIMESTAMP.length()).trim();
        if (time.matches("\\d{1,15}")) {
            return Long.parseLong(time);
        }
        try {
            return Instant.parse(time).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
