package io.leaddedup.job;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

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
        long checkpointBytes) {

    static RunSummary of(Path input, Path out, Duration elapsed, long checkpointBytes) throws IOException {
        long events = countLines(input);
        // Every lead's status history starts with one ACTIVE record: the leads are those records.
        long leads = countMatching(out.resolve(LocalRun.LEAD_STATUS), "\"status\":\"ACTIVE\"", true);
        Path actions = out.resolve(LocalRun.LEAD_ACTIONS);
        return new RunSummary(events, leads,
                countMatching(actions, "{\"action\":\"RELOCATED\"", false),
                countMatching(actions, "{\"action\":\"PROTECTED\"", false),
                countMatching(actions, "{\"action\":\"DUPLICATE\"", false),
                countMatching(actions, "{\"action\":\"DISQUALIFIED\"", false),
                countMatching(actions, "{\"action\":\"REQUALIFIED\"", false),
                countLines(out.resolve(LocalRun.ROUTING_DECISIONS)), countLines(out.resolve(LocalRun.REJECTS)),
                elapsed, out, checkpointBytes);
    }

    /**
     * Lines holding {@code marker} (at the start when {@code anywhere} is false). Our own output
     * has a fixed field order, so this needs no JSON parse. With {@code anywhere}, only the first
     * such line per lead counts.
     */
    private static long countMatching(Path file, String marker, boolean firstPerLead) throws IOException {
        Set<String> seen = new HashSet<>();
        long count = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (firstPerLead) {
                    int end = line.indexOf(",\"status\"");
                    if (line.contains(marker) && end > 0 && seen.add(line.substring(0, end))) {
                        count++;
                    }
                } else if (line.startsWith(marker)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static long countLines(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(line -> !line.isBlank()).count();
        }
    }

    String render() {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        return String.format(Locale.ROOT,
                "lead-dedup run finished in %.1f s (%,.0f events/s)%n"
                        + "  events read        %,d%n"
                        + "  leads              %,d%n"
                        + "  relocated          %,d%n"
                        + "  protected          %,d%n"
                        + "  duplicates flagged %,d%n"
                        + "  disqualified       %,d%n"
                        + "  requalified        %,d%n"
                        + "  routing decisions  %,d%n"
                        + "  rejected           %,d%n"
                        + "  state              %,d bytes checkpointed%n"
                        + "  outputs in %s",
                seconds, eventsRead / seconds, eventsRead, leads, relocated, protectedLeads, duplicatesFlagged,
                disqualified, requalified, routingDecisions, rejected, checkpointBytes, out);
    }
}
