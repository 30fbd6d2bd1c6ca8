package io.leaddedup.job.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** What a local run read and wrote, counted from its files, for the operator's summary. */
public record RunSummary(
        long eventsRead,
        long leads,
        long relocated,
        long protectedLeads,
        long duplicatesFlagged,
        long disqualified,
        long requalified,
        long routingDecisions,
        long rejected,
        Duration elapsed,
        Path out,
        long stateBytes,
        String savepoint) {

    /** @param savepoint a bootstrap's savepoint, whose size {@code stateBytes} is; null for a run */
    static RunSummary of(Path input, Path out, Duration elapsed, long stateBytes, String savepoint)
            throws IOException {
        long events = countLines(input);
        long leads = countLeads(out.resolve(LocalRun.LEAD_STATUS));
        Path actions = out.resolve(LocalRun.LEAD_ACTIONS);
        return new RunSummary(events, leads,
                countMatching(actions, "{\"action\":\"RELOCATED\""),
                countMatching(actions, "{\"action\":\"PROTECTED\""),
                countMatching(actions, "{\"action\":\"DUPLICATE\""),
                countMatching(actions, "{\"action\":\"DISQUALIFIED\""),
                countMatching(actions, "{\"action\":\"REQUALIFIED\""),
                countLines(out.resolve(LocalRun.ROUTING_DECISIONS)), countLines(out.resolve(LocalRun.REJECTS)),
                elapsed, out, stateBytes, savepoint);
    }

    /** Lines that start with {@code marker}: our own output has a fixed field order, no JSON parse needed. */
    private static long countMatching(Path file, String marker) throws IOException {
        long count = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(marker)) {
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * Distinct leads in {@code lead-status} (every lead's history starts with a record, so each lead
     * appears). Counted as distinct 64-bit hashes of {@code accountId/leadId} in a sorted array:
     * 8 bytes a record, so ten million leads still count in a small heap.
     */
    private static long countLeads(Path file) throws IOException {
        long[] hashes = new long[1024];
        int size = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                int end = line.indexOf(",\"status\"");
                if (end < 0) {
                    continue;
                }
                if (size == hashes.length) {
                    hashes = java.util.Arrays.copyOf(hashes, size * 2);
                }
                hashes[size++] = hash64(line, end);
            }
        }
        java.util.Arrays.sort(hashes, 0, size);
        long distinct = 0;
        for (int i = 0; i < size; i++) {
            if (i == 0 || hashes[i] != hashes[i - 1]) {
                distinct++;
            }
        }
        return distinct;
    }

    /** FNV-1a over the first {@code length} characters. */
    private static long hash64(String text, int length) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < length; i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static long countLines(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(line -> !line.isBlank()).count();
        }
    }

    String render() {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        return String.format(Locale.ROOT,
                "lead-dedup " + (savepoint == null ? "run" : "bootstrap") + " finished in %.1f s (%,.0f events/s)%n"
                        + "  events read        %,d%n"
                        + "  leads              %,d%n"
                        + "  relocated          %,d%n"
                        + "  protected          %,d%n"
                        + "  duplicates flagged %,d%n"
                        + "  disqualified       %,d%n"
                        + "  requalified        %,d%n"
                        + "  routing decisions  %,d%n"
                        + "  rejected           %,d%n"
                        + (savepoint == null ? "  state              %,d bytes checkpointed%n"
                                : "  state              %,d bytes in the savepoint%n")
                        + (savepoint == null ? "  outputs in %s" : "  plan in %s (what processing the input emitted)"),
                seconds, eventsRead / seconds, eventsRead, leads, relocated, protectedLeads, duplicatesFlagged,
                disqualified, requalified, routingDecisions, rejected, stateBytes, out);
    }
}
