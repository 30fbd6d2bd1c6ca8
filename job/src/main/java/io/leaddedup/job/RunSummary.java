package io.leaddedup.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        Path out) {

    static RunSummary of(Path input, Path out, Duration elapsed) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        long events = 0;
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    events++;
                }
            }
        }
        Set<String> leads = new HashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(out.resolve(LocalRun.LEAD_STATUS), StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode node = mapper.readTree(line);
                leads.add(node.get("accountId").asText() + '/' + node.get("leadId").asText());
            }
        }
        long[] byAction = new long[5];
        try (BufferedReader reader = Files.newBufferedReader(out.resolve(LocalRun.LEAD_ACTIONS), StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                switch (mapper.readTree(line).get("action").asText()) {
                    case "RELOCATED" -> byAction[0]++;
                    case "PROTECTED" -> byAction[1]++;
                    case "DUPLICATE" -> byAction[2]++;
                    case "DISQUALIFIED" -> byAction[3]++;
                    case "REQUALIFIED" -> byAction[4]++;
                    default -> { }
                }
            }
        }
        return new RunSummary(events, leads.size(), byAction[0], byAction[1], byAction[2], byAction[3], byAction[4],
                countLines(out.resolve(LocalRun.ROUTING_DECISIONS)), countLines(out.resolve(LocalRun.REJECTS)),
                elapsed, out);
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
                        + "  outputs in %s",
                seconds, eventsRead / seconds, eventsRead, leads, relocated, protectedLeads, duplicatesFlagged,
                disqualified, requalified, routingDecisions, rejected, out);
    }
}
