package io.leaddedup.settings;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * A buyer's {@code dedupeWindow}: an ISO-8601 duration such as {@code P30D}, {@code PT12H},
 * {@code P1M} or {@code P1Y2M3DT4H}. Years and months are calendar ones, counted from the
 * conversion in UTC ({@code P1M} after 31 January is the last day of February), because that is
 * what a buyer who writes "one month" means; weeks, days and smaller units are fixed lengths (a
 * UTC day is always 24 hours). A zero window ({@code P0D}) never makes a duplicate.
 *
 * <p>Held in {@link BuyerSettings} as two numbers, so that the broadcast state stays a POJO:
 * {@code months} and {@code millis}, or {@link BuyerSettings#FOREVER} millis for no window.
 */
public final class DedupeWindow {

    /** Longer than any conversion is kept; also keeps the calendar arithmetic far from overflow. */
    private static final long MAX_MONTHS = 12L * 1_000;

    public final int months;
    public final long millis;

    private DedupeWindow(int months, long millis) {
        this.months = months;
        this.millis = millis;
    }

    /**
     * Parses the ISO-8601 text.
     *
     * @throws IllegalArgumentException with the reason, for text that is not an ISO-8601 duration
     *     or is negative in any part
     */
    public static DedupeWindow parse(String text) {
        String iso = text.trim().toUpperCase(java.util.Locale.ROOT);
        int time = iso.indexOf('T');
        String datePart = time < 0 ? iso : iso.substring(0, time);
        String timePart = time < 0 ? null : "P" + iso.substring(time);
        if (iso.indexOf('-') >= 0 || iso.indexOf('+') >= 0) {
            // java.time takes signed parts (P1W-7D, PT1H-30M) and nets them; ISO-8601 has none
            throw new IllegalArgumentException("a duration with a negative or signed part");
        }
        if (!datePart.startsWith("P") || iso.equals("P") || iso.endsWith("T")) {
            throw new IllegalArgumentException("not an ISO-8601 duration");
        }
        Period period;
        Duration clock;
        try {
            period = datePart.equals("P") ? Period.ZERO : Period.parse(datePart);
            clock = timePart == null ? Duration.ZERO : Duration.parse(timePart);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not an ISO-8601 duration");
        }
        if (period.isNegative() || clock.isNegative()) {
            throw new IllegalArgumentException("a negative duration");
        }
        long months = period.toTotalMonths();
        if (months > MAX_MONTHS) {
            throw new IllegalArgumentException("longer than " + (MAX_MONTHS / 12) + " years");
        }
        try {
            long millis = Math.addExact(Math.multiplyExact(period.getDays(), Duration.ofDays(1).toMillis()),
                    clock.toMillis());
            if (millis == BuyerSettings.FOREVER) {
                throw new ArithmeticException();
            }
            return new DedupeWindow((int) months, millis);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("too long");
        }
    }

    /**
     * Whether a conversion at {@code convertedAt} (at or before {@code receivedAt}) still makes the
     * caller a duplicate at {@code receivedAt}: {@code convertedAt <= receivedAt < convertedAt + window},
     * half open, so a request exactly one window after the conversion is new again.
     */
    public static boolean covers(long convertedAt, long receivedAt, int months, long millis) {
        if (convertedAt > receivedAt) {
            return false;
        }
        if (millis == BuyerSettings.FOREVER) {
            return true;
        }
        long start = convertedAt;
        if (months > 0) {
            try {
                start = Instant.ofEpochMilli(convertedAt).atOffset(ZoneOffset.UTC).plusMonths(months)
                        .toInstant().toEpochMilli();
            } catch (DateTimeException | ArithmeticException e) {
                return true; // beyond the calendar: the window never closes
            }
            if (receivedAt < start) {
                return true;
            }
        }
        // receivedAt - start, not start + millis: a window near Long.MAX_VALUE must not overflow.
        return receivedAt - start < millis;
    }
}
