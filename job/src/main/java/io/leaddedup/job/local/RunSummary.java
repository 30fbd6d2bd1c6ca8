package io.leaddedup.job.local;

import io.leaddedup.callers.RoutingStatus;
import io.leaddedup.events.RejectReason;
import io.leaddedup.status.LeadActionType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** What a local run read and wrote, from the job's counters, for the operator's summary. */
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

    /**
     * From the job's own counters (accumulators), which Flink hands back when the job ends: a
     * restored run counts what it did, not what its savepoint holds.
     *
     * @param settingsRejects bad lines of the {@code --settings} file, rejected before the job ran
     * @param savepoint a bootstrap's savepoint, whose size {@code stateBytes} is; null for a run
     */
    static RunSummary of(Map<String, Object> counters, long settingsRejects, Path out, Duration elapsed,
            long stateBytes, String savepoint) {
        long rejected = settingsRejects;
        for (RejectReason reason : RejectReason.values()) {
            rejected += count(counters, "rejects." + reason);
        }
        long decisions = 0;
        for (RoutingStatus status : RoutingStatus.values()) {
            decisions += count(counters, "routingDecisions." + status);
        }
        return new RunSummary(count(counters, "eventsRead"), count(counters, "leadsAccepted"),
                count(counters, "leadActions." + LeadActionType.RELOCATED),
                count(counters, "leadActions." + LeadActionType.PROTECTED),
                count(counters, "leadActions." + LeadActionType.DUPLICATE),
                count(counters, "leadActions." + LeadActionType.DISQUALIFIED),
                count(counters, "leadActions." + LeadActionType.REQUALIFIED),
                decisions, rejected, elapsed, out, stateBytes, savepoint);
    }

    private static long count(Map<String, Object> counters, String name) {
        Object value = counters.get(name);
        return value instanceof Number number ? number.longValue() : 0L;
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
