package io.leaddedup.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaddedup.job.local.LocalRun;
import io.leaddedup.job.local.RunSummary;
import io.leaddedup.job.tools.LoadGenerator;
import io.leaddedup.metrics.DomainMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The domain counters, as a metric reporter sees them (summed over subtasks), equal the records of
 * their kind in the outputs; and the run summary, which comes from the same counters, agrees.
 */
class DomainMetricsTest {

    @TempDir
    static Path work;

    @Test
    void countersOfTheBundledExamplesEqualTheirOutputs() throws Exception {
        Path examples = Path.of(System.getProperty("project.root"), "examples");
        assertCountersMatchOutputs("examples", examples.resolve("events.jsonl"), examples.resolve("settings.jsonl"));
    }

    @Test
    void countersOfAGeneratedFileEqualTheirOutputs() throws Exception {
        LoadGenerator generator = new LoadGenerator(5L, 3_000, 3, true);
        Path input = work.resolve("generated.jsonl");
        generator.writeEvents(8_000, input);
        // the dialer resends five leads it already sent
        List<String> resent = Files.readAllLines(input).stream().filter(l -> l.contains("\"type\":\"lead\""))
                .limit(5).toList();
        Files.write(input, resent, java.nio.file.StandardOpenOption.APPEND);
        Path settings = Files.write(work.resolve("generated-settings.jsonl"), generator.settings());
        Map<String, Long> counters = assertCountersMatchOutputs("generated", input, settings);
        assertThat(counters.get("leadActions.RELOCATED")).isPositive();
        Map<String, JsonNode> statuses = new OutputFiles(work.resolve("generated")).latestStatus();
        long accepted = resent.stream().filter(l -> statuses.containsKey(leadIdOf(l))).count();
        assertThat(accepted).isPositive();
        assertThat(counters.get("leadsReplayed")).as("the resent leads that were accepted").isEqualTo(accepted);
        assertThat(counters.get("disqualifiedNumbers")).as("numbers with a disqualification at the end")
                .isEqualTo(disqualifiedNumbersAtTheEnd(input)).isPositive();
    }

    /** The switch the bench measures the metrics' cost with: off, nothing is registered and the outputs are the same. */
    @Test
    void theSwitchTurnsThemOffAndLeavesTheOutputsAsTheyAre() throws Exception {
        Path examples = Path.of(System.getProperty("project.root"), "examples");
        assertCountersMatchOutputs("with-metrics", examples.resolve("events.jsonl"), examples.resolve("settings.jsonl"));
        RetainedMetrics reporter = RetainedMetrics.create();
        Path out = work.resolve("without-metrics");
        List<String> args = new ArrayList<>(List.of("run", "--input", examples.resolve("events.jsonl").toString(),
                "--settings", examples.resolve("settings.jsonl").toString(), "--out", out.toString(),
                "-D", "pipeline.global-job-parameters=" + DomainMetrics.SWITCH + ":false"));
        reporter.configuration().forEach((key, value) -> args.add("-D" + key + "=" + value));
        RunSummary summary = LocalRun.fromArgs(args.toArray(String[]::new)).execute();
        Map<String, Long> counters = counters(reporter);
        reporter.release();

        assertThat(counters).isEmpty();
        assertThat(summary.relocated()).isZero();
        OutputFiles with = new OutputFiles(work.resolve("with-metrics"));
        OutputFiles without = new OutputFiles(out);
        for (String topic : List.of(LocalRun.LEAD_ACTIONS, LocalRun.LEAD_STATUS, LocalRun.CAMPAIGN_PHONE_COUNTS,
                LocalRun.REJECTS)) {
            assertThat(without.records(topic)).as(topic).containsExactlyInAnyOrderElementsOf(with.records(topic))
                    .isNotEmpty();
        }
    }

    private static Map<String, Long> assertCountersMatchOutputs(String name, Path input, Path settings)
            throws Exception {
        RetainedMetrics reporter = RetainedMetrics.create();
        Path out = work.resolve(name);
        List<String> args = new ArrayList<>(List.of("run", "--input", input.toString(), "--settings",
                settings.toString(), "--out", out.toString()));
        reporter.configuration().forEach((key, value) -> args.add("-D" + key + "=" + value));
        RunSummary summary = LocalRun.fromArgs(args.toArray(String[]::new)).execute();
        Map<String, Long> counters = counters(reporter);
        long arrivals = histogramCount(reporter, "leadsAtNumberOnArrival");
        reporter.release();

        OutputFiles files = new OutputFiles(out);
        Map<String, Long> expected = new TreeMap<>();
        for (JsonNode action : files.records(LocalRun.LEAD_ACTIONS)) {
            expected.merge("leadActions." + action.get("action").asText(), 1L, Long::sum);
        }
        for (JsonNode decision : files.records(LocalRun.ROUTING_DECISIONS)) {
            expected.merge("routingDecisions." + decision.get("status").asText(), 1L, Long::sum);
        }
        for (JsonNode reject : files.records(LocalRun.REJECTS)) {
            expected.merge("rejects." + reject.get("reason").asText(), 1L, Long::sum);
        }
        expected.put("leadStatus", (long) files.records(LocalRun.LEAD_STATUS).size());
        expected.put("campaignPhoneCounts", (long) files.records(LocalRun.CAMPAIGN_PHONE_COUNTS).size());
        expected.put("leadsAccepted", (long) files.latestStatus().size());
        expected.put("eventsRead", Files.readAllLines(input).stream().filter(l -> !l.isBlank()).count());
        Map<String, Long> counted = new TreeMap<>(counters);
        counted.values().removeIf(count -> count == 0);
        counted.keySet().retainAll(expected.keySet());
        assertThat(counted).isEqualTo(expected);
        assertThat(counters).containsKeys("leadsReplayed", "routingFallbacks", "duplicateBuyersExcluded");

        assertThat(summary.relocated()).isEqualTo(expected.getOrDefault("leadActions.RELOCATED", 0L));
        assertThat(summary.leads()).isEqualTo(expected.get("leadsAccepted"));
        assertThat(summary.eventsRead()).isEqualTo(expected.get("eventsRead"));
        assertThat(summary.rejected()).isEqualTo((long) files.records(LocalRun.REJECTS).size());
        assertThat(arrivals).as("a sample per number a lead arrives at").isPositive();
        return counters;
    }

    /** Every domain counter, summed over subtasks and operators, as {@code name} or {@code name.label}. */
    private static Map<String, Long> counters(RetainedMetrics reporter) {
        Map<String, Long> counters = new TreeMap<>();
        for (Map.Entry<MetricGroup, Map<String, Metric>> group : reporter.byGroup().entrySet()) {
            if (!List.of(group.getKey().getScopeComponents()).contains(DomainMetrics.GROUP)) {
                continue;
            }
            String label = labelOf(group.getKey());
            group.getValue().forEach((name, metric) -> {
                if (metric instanceof Counter counter) {
                    counters.merge(label == null ? name : name + "." + label, counter.getCount(), Long::sum);
                }
            });
        }
        return counters;
    }

    private static long histogramCount(RetainedMetrics reporter, String name) {
        long count = 0;
        for (Map.Entry<MetricGroup, Map<String, Metric>> group : reporter.byGroup().entrySet()) {
            if (group.getValue().get(name) instanceof Histogram histogram) {
                count += histogram.getCount();
            }
        }
        return count;
    }

    /** The dispositions replayed by hand: a number is disqualified while any campaign (or "*") holds it. */
    private static long disqualifiedNumbersAtTheEnd(Path input) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        io.leaddedup.phone.PhoneNormalizer normalizer = new io.leaddedup.phone.PhoneNormalizer();
        Map<String, java.util.Set<String>> holding = new java.util.HashMap<>();
        for (String line : Files.readAllLines(input)) {
            if (!line.contains("\"phone_disposition\"")) {
                continue;
            }
            JsonNode event = json.readTree(line);
            String e164 = normalizer.toE164(event.path("phone").asText(null), "US");
            if (e164 == null) {
                continue;
            }
            java.util.Set<String> campaigns = holding.computeIfAbsent(event.get("accountId").asText() + "/" + e164,
                    number -> new java.util.HashSet<>());
            if (event.get("action").asText().equals("DISQUALIFY")) {
                campaigns.add(event.get("campaignId").asText());
            } else {
                campaigns.remove(event.get("campaignId").asText());
            }
        }
        return holding.values().stream().filter(campaigns -> !campaigns.isEmpty()).count();
    }

    private static String leadIdOf(String line) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).get("leadId").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String labelOf(MetricGroup group) {
        Map<String, String> variables = group.getAllVariables();
        for (String key : List.of("<action>", "<reason>", "<status>")) {
            if (variables.containsKey(key)) {
                return variables.get(key);
            }
        }
        return null;
    }
}
