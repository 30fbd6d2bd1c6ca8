package io.leaddedup.job.topology;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Epoch milliseconds as {@link Instant#toString()} writes them ({@code 2026-11-03T01:32:14Z}, or
 * {@code .414Z} with milliseconds), without the general formatter: every output record carries one
 * or two times, and the formatter was a visible share of encoding them.
 */
public final class IsoInstant {

    /** 10000-01-01T00:00:00Z: beyond it the year takes more than four digits. */
    private static final long YEAR_10000 = 253_402_300_800_000L;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private IsoInstant() {}

    static String format(long epochMillis) {
        if (epochMillis < 0 || epochMillis >= YEAR_10000) {
            return Instant.ofEpochMilli(epochMillis).toString();
        }
        LocalDate date = LocalDate.ofEpochDay(epochMillis / MILLIS_PER_DAY);
        int millisOfDay = (int) (epochMillis % MILLIS_PER_DAY);
        int millis = millisOfDay % 1000;
        int seconds = millisOfDay / 1000;
        char[] text = new char[millis == 0 ? 20 : 24];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, seconds / 3600, 2);
        text[13] = ':';
        digits(text, 14, seconds / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, seconds % 60, 2);
        if (millis != 0) {
            text[19] = '.';
            digits(text, 20, millis, 3);
        }
        text[text.length - 1] = 'Z';
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
