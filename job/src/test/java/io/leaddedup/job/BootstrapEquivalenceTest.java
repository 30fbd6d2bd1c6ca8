package io.leaddedup.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leaddedup.job.local.BootstrapCommand;
import io.leaddedup.job.local.LocalRun;
import io.leaddedup.job.local.RunSummary;
import io.leaddedup.job.tools.LoadGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adopting the product with a bootstrap changes nothing: one run over all the input equals a
 * bootstrap over lines 1..K followed by a run restored from its savepoint over the rest. The
 * plan's lead actions plus the second run's equal the single run's as a multiset, and the final
 * lead status, campaign phone counts and routing decisions are equal. K is cut at several places,
 * one of them right between a lead and its late-arriving older duplicate; the restored run runs at
 * another parallelism than the bootstrap.
 */
class BootstrapEquivalenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    static Path examples;
    static Path examplesSettings;
    static Path generated;
    static Path generatedSettings;

    @BeforeAll
    static void inputs() throws Exception {
        Path dir = Path.of(System.getProperty("project.root"), "examples");
        examples = dir.resolve("events.jsonl");
        examplesSettings = dir.resolve("settings.jsonl");
        LoadGenerator generator = new LoadGenerator(7L, 1_500, 3, true);
        generated = work.resolve("generated.jsonl");
        generator.writeEvents(4_000, generated);
        generatedSettings = work.resolve("generated-settings.jsonl");
        Files.write(generatedSettings, generator.settings());
    }

    @Test
    void bundledExamplesCutAtSeveralLines() throws Exception {
        List<String> lines = Files.readAllLines(examples);
        Outcome single = run("examples-all", examples, examplesSettings, 2, null);
        int lateOlder = lineBeforeALateOlderDuplicate(lines);
        for (int k : new int[] {1, lateOlder, lines.size() / 2, lines.size() - 1}) {
            assertEquivalent("examples-" + k, lines, k, examplesSettings, single, k % 2 == 0 ? 1 : 4, false);
        }
    }

    @Test
    void generatedEventsCutAtSeveralLines() throws Exception {
        List<String> lines = Files.readAllLines(generated);
        Outcome single = run("generated-all", generated, generatedSettings, 2, null);
        assertThat(single.statuses().values()).anyMatch(s -> s.contains(" RELOCATED "));
        for (int k : new int[] {lineBeforeALateOlderDuplicate(lines), lines.size() / 3, 2 * lines.size() / 3}) {
            assertEquivalent("generated-" + k, lines, k, generatedSettings, single, 4, false);
        }
    }

    @Test
    void withOneNumberPerLeadEveryActionRecordIsTheSame() throws Exception {
        LoadGenerator generator = new LoadGenerator(11L, 1_000, 2, false);
        Path input = work.resolve("one-number.jsonl");
        generator.writeEvents(3_000, input);
        Path settings = Files.write(work.resolve("one-number-settings.jsonl"), generator.settings());
        List<String> lines = Files.readAllLines(input);
        Outcome single = run("one-number-all", input, settings, 2, null);
        assertEquivalent("one-number", lines, lineBeforeALateOlderDuplicate(lines), settings, single, 1, true);
    }

    /**
     * Restores leave out state of operators the job lacks (a bootstrap's reader), so a savepoint is
     * read before: another job's, or one with state no operator of this job claims, is refused.
     */
    @Test
    void aSavepointOfAnotherJobIsRefusedBeforeTheStart() throws Exception {
        RunSummary bootstrap = bootstrap("foreign", examples, examplesSettings);
        java.util.List<String> all = io.leaddedup.job.topology.LeadDedupTopology.statefulUids();
        io.leaddedup.job.topology.SavepointCheck.check(bootstrap.savepoint(), all);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.leaddedup.job.topology.SavepointCheck.check(
                bootstrap.savepoint(), all.stream().filter(uid -> !uid.equals("source-export-file")).toList()))
                .hasMessageContaining("1 operator(s) this job has no uid for")
                .hasMessageContaining("ignore-unclaimed-state=true");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.leaddedup.job.topology.SavepointCheck.check(
                bootstrap.savepoint(), List.of("source-export-file", "ingest-in-band")))
                .hasMessageContaining("not a savepoint of this job");
        Path out = work.resolve("foreign-out");
        org.assertj.core.api.Assertions.assertThatCode(() -> LocalRun.fromArgs(new String[] {"run", "--restore",
                bootstrap.savepoint(), "--input", examples.toString(), "--out", out.toString()}).execute())
                .doesNotThrowAnyException();
    }

    @Test
    void aCsvExportIsReadAsUploadCsvReadsIt() throws Exception {
        Path csv = Files.writeString(work.resolve("export.csv"), "lead_id,phone,importedAt\n"
                + "C1,(678) 555-0100,2026-10-01T10:00:00Z\n"
                + "C2,\"678-555-0100\",2026-10-02T10:00:00Z\n"
                + "C3,not a phone,2026-10-03T10:00:00Z\n");
        RunSummary summary = BootstrapCommand.parse("--input", csv.toString(), "--savepoint-dir",
                work.resolve("csv-savepoints").toString(), "--plan-out", work.resolve("csv-plan").toString(),
                "--account", "acme", "--list", "list-old", "--campaign", "camp-1", "--purpose", "solar",
                "--relocate-duplicates").bootstrap();
        assertThat(Path.of(summary.savepoint()).resolve("_metadata")).exists();
        OutputFiles plan = new OutputFiles(work.resolve("csv-plan"));
        assertThat(plan.records(LocalRun.LEAD_ACTIONS)).extracting(a -> a.get("action").asText() + " "
                + a.get("leadId").asText() + " " + a.get("goldenLeadId").asText()).containsExactly("RELOCATED C1 C2");
        assertThat(plan.records(LocalRun.REJECTS)).singleElement()
                .satisfies(r -> assertThat(r.get("payload").asText()).contains("C3"));
    }

    @Test
    void aLeadOfTheExportReplayedAfterTheStartIsNotReportedAgain() throws Exception {
        List<String> lines = Files.readAllLines(examples);
        int k = lines.size() / 2;
        String replayed = lines.stream().limit(k).filter(l -> l.contains("\"type\":\"lead\"")).findFirst().orElseThrow();
        String leadId = JSON.readTree(replayed).get("leadId").asText();
        Path head = write("replay-head.jsonl", lines.subList(0, k));
        RunSummary bootstrap = bootstrap("replay", head, examplesSettings);
        assertThat(new OutputFiles(work.resolve("replay-plan")).records(LocalRun.LEAD_STATUS))
                .as("the plan reports the lead").anyMatch(r -> r.get("leadId").asText().equals(leadId));

        Path rest = write("replay-rest.jsonl", List.of(replayed));
        Path out = work.resolve("replay-out");
        LocalRun.fromArgs(new String[] {"run", "--restore", bootstrap.savepoint(), "--input", rest.toString(),
                "--settings", examplesSettings.toString(), "--out", out.toString()}).execute();
        OutputFiles files = new OutputFiles(out);
        assertThat(files.records(LocalRun.LEAD_ACTIONS)).isEmpty();
        assertThat(files.records(LocalRun.LEAD_STATUS)).isEmpty();
        assertThat(files.records(LocalRun.CAMPAIGN_PHONE_COUNTS)).isEmpty();
        assertThat(files.records(LocalRun.REJECTS)).isEmpty();
    }

    /**
     * A savepoint is the bridge between releases: the bootstrap of an earlier release (its commit
     * names the folder under {@code src/test/resources/upgrade}, with the export, the plan it wrote
     * and the savepoint) restores in this one, at another parallelism, and the run goes on as if one
     * release had read everything. Keep every release's folder that users may still hold
     * savepoints of; add the current one before a change that touches state.
     */
    @ParameterizedTest
    @ValueSource(strings = {"04ae80b", "da24e6a"})
    void aBootstrapOfAnEarlierReleaseRestoresAndGoesOn(String commit) throws Exception {
        Path release = Path.of(BootstrapEquivalenceTest.class.getResource("/upgrade/" + commit).toURI());
        List<String> export = Files.readAllLines(release.resolve("export.jsonl"));
        List<String> lines = new ArrayList<>(export);
        lines.addAll(Files.readAllLines(release.resolve("later.jsonl")));
        Path settings = release.resolve("settings.jsonl");
        Outcome single = run(commit + "-all", write(commit + "-all.jsonl", lines), settings, 2, null);
        Outcome plan = outcome(new OutputFiles(release.resolve("plan")));
        Outcome restored = run(commit + "-restored", release.resolve("later.jsonl"), settings, 3,
                release.resolve("savepoint").toString());

        assertThat(plan.statuses()).isNotEmpty();
        assertThat(restored.actions()).as("the later events act on the leads of the savepoint").isNotEmpty();
        // Release 04ae80b wrote no account-wide count record (campaign "*"); later releases do.
        assertPlanAndRestoredRunMakeTheSingleRun(withoutAccountWideCounts(plan), withoutAccountWideCounts(restored),
                withoutAccountWideCounts(single), false, export.size());
        if (commit.equals("da24e6a")) {
            // Its export changed two buyers' windows in band (halo PT24H -> PT12H, nova P2D): the
            // savepoint's broadcast state holds BuyerSettings as that release wrote them, before the
            // POJO had dedupeWindowMonths. Lost or misread, halo would be a duplicate 18 h after its
            // conversion and nova (forever by default) 3 days after; both are eligible.
            assertThat(restored.decisions().get("up-halo-18h")).contains("\"eligibleBuyers\":[\"buyer-halo\"]");
            assertThat(restored.decisions().get("up-nova-3d")).contains("\"eligibleBuyers\":[\"buyer-nova\"]");
        }
    }

    private static void assertEquivalent(String name, List<String> lines, int k, Path settings, Outcome single,
            int restoredParallelism, boolean oneNumberPerLead) throws Exception {
        Path head = write(name + "-head.jsonl", lines.subList(0, k));
        Path rest = write(name + "-rest.jsonl", lines.subList(k, lines.size()));
        RunSummary bootstrap = bootstrap(name, head, settings);
        Outcome plan = outcome(new OutputFiles(work.resolve(name + "-plan")));
        Outcome restored = run(name + "-restored", rest, settings, restoredParallelism, bootstrap.savepoint());
        assertPlanAndRestoredRunMakeTheSingleRun(plan, restored, single, oneNumberPerLead, k);
    }

    private static void assertPlanAndRestoredRunMakeTheSingleRun(Outcome plan, Outcome restored, Outcome single,
            boolean oneNumberPerLead, int k) {
        assertSame(merge(plan.actions(), restored.actions()), single.actions(),
                "(account, action, lead) of the lead actions, plan + restored run", k);
        assertSame(merge(plan.pairs(), restored.pairs()), single.pairs(), "DUPLICATE and PROTECTED pairs", k);
        if (oneNumberPerLead) {
            assertSame(merge(plan.records(), restored.records()), single.records(), "lead action records", k);
        }
        assertSame(overlay(plan.statuses(), restored.statuses()), single.statuses(), "final lead status", k);
        assertSame(overlay(plan.counts(), restored.counts()), single.counts(), "final campaign phone counts", k);
        assertSame(overlay(plan.decisions(), restored.decisions()), single.decisions(), "routing decisions", k);
        assertSame(merge(plan.rejects(), restored.rejects()), single.rejects(), "rejects", k);
    }

    /** Equal maps; a failure lists only the entries that differ, as (bootstrap + restored, single run). */
    private static <V> void assertSame(Map<String, V> actual, Map<String, V> expected, String what, int k) {
        Map<String, String> differences = new TreeMap<>();
        for (String key : union(actual.keySet(), expected.keySet())) {
            if (!java.util.Objects.equals(actual.get(key), expected.get(key))) {
                differences.put(key, actual.get(key) + "  <- bootstrap + restored | single run ->  " + expected.get(key));
            }
        }
        assertThat(differences).as("%s, cut at line %d", what, k).isEmpty();
        assertThat(actual).as(what).isNotEmpty();
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * The line before the first lead that arrives after a newer lead of the same number: the cut
     * puts the golden record in the savepoint and its older duplicate in the restored run.
     */
    private static int lineBeforeALateOlderDuplicate(List<String> lines) throws Exception {
        Map<String, String> newestImport = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode event = JSON.readTree(lines.get(i));
            if (!event.path("type").asText().equals("lead") || !event.hasNonNull("phone")) {
                continue;
            }
            String digits = event.get("phone").asText().replaceAll("\\D", "");
            String number = event.path("accountId").asText() + "/" + (digits.length() == 11 ? digits.substring(1) : digits);
            String imported = event.path("importedAt").asText();
            String newest = newestImport.get(number);
            if (newest != null && imported.compareTo(newest) < 0) {
                return i;
            }
            if (newest == null || imported.compareTo(newest) > 0) {
                newestImport.put(number, imported);
            }
        }
        throw new AssertionError("no late older duplicate in the input");
    }

    private static RunSummary bootstrap(String name, Path input, Path settings) throws Exception {
        RunSummary summary = BootstrapCommand.parse("bootstrap", "--input", input.toString(), "--settings",
                settings.toString(), "--savepoint-dir", work.resolve(name + "-savepoints").toString(), "--plan-out",
                work.resolve(name + "-plan").toString()).bootstrap();
        assertThat(Path.of(summary.savepoint()).resolve("_metadata")).exists();
        return summary;
    }

    /**
     * What must be equal between the single run and bootstrap + restored run: what the README
     * promises of every run (see {@code LocalDeterminismTest}). A lead with two numbers hears of
     * them in network order, so which number's record comes last can differ between any two runs;
     * the status, list and golden lead cannot. {@code records} are the whole action records, equal
     * when every lead has one number.
     */
    private static Outcome withoutAccountWideCounts(Outcome outcome) {
        Map<String, String> counts = new TreeMap<>(outcome.counts());
        counts.keySet().removeIf(key -> key.contains("/*/"));
        return new Outcome(outcome.actions(), outcome.pairs(), outcome.records(), outcome.statuses(), counts,
                outcome.decisions(), outcome.rejects());
    }

    private record Outcome(Map<String, Long> actions, Map<String, Long> pairs, Map<String, Long> records,
            Map<String, String> statuses, Map<String, String> counts, Map<String, String> decisions,
            Map<String, Long> rejects) {}

    private static Outcome run(String name, Path input, Path settings, int parallelism, String restore)
            throws Exception {
        Path out = work.resolve(name);
        List<String> args = new ArrayList<>(List.of("run", "--input", input.toString(), "--settings",
                settings.toString(), "--out", out.toString(), "--parallelism", Integer.toString(parallelism)));
        if (restore != null) {
            args.addAll(List.of("--restore", restore));
        }
        LocalRun.fromArgs(args.toArray(String[]::new)).execute();
        return outcome(new OutputFiles(out));
    }

    private static Outcome outcome(OutputFiles files) {
        Map<String, String> statuses = new TreeMap<>();
        files.latestStatus().forEach((lead, status) -> statuses.put(lead, status.get("accountId").asText() + " "
                + status.get("status").asText() + " " + status.get("listId").asText() + " "
                + status.path("goldenLeadId").asText("-")));
        Map<String, String> counts = new TreeMap<>();
        files.latestCounts().forEach((key, count) -> counts.put(key, count.toString()));
        Map<String, String> decisions = new TreeMap<>();
        files.latestBy(LocalRun.ROUTING_DECISIONS, r -> r.get("requestId").asText()).forEach((id, decision) -> {
            ((ObjectNode) decision).remove("decidedAt"); // the wall clock of the decision
            decisions.put(id, decision.toString());
        });
        List<JsonNode> actions = files.records(LocalRun.LEAD_ACTIONS);
        return new Outcome(
                counted(actions, a -> a.get("accountId").asText() + " " + a.get("action").asText() + " "
                        + a.get("leadId").asText()),
                counted(actions.stream().filter(a -> !a.get("action").asText().equals("RELOCATED")
                        && a.hasNonNull("goldenLeadId")).toList(), a -> a.get("accountId").asText() + " "
                        + a.get("action").asText() + " " + a.get("leadId").asText() + " "
                        + a.get("goldenLeadId").asText()),
                counted(actions, JsonNode::toString),
                statuses, counts, decisions,
                counted(files.records(LocalRun.REJECTS), JsonNode::toString));
    }

    private static Map<String, Long> counted(List<JsonNode> records, java.util.function.Function<JsonNode, String> key) {
        return records.stream().map(key)
                .collect(Collectors.groupingBy(v -> v, TreeMap::new, Collectors.counting()));
    }

    private static Map<String, Long> merge(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> merged = new TreeMap<>(a);
        b.forEach((key, count) -> merged.merge(key, count, Long::sum));
        return merged;
    }

    /** The later output over the earlier, as a compacted topic keeps it. */
    private static Map<String, String> overlay(Map<String, String> earlier, Map<String, String> later) {
        Map<String, String> merged = new TreeMap<>(earlier);
        merged.putAll(later);
        return merged;
    }

    private static Path write(String name, List<String> lines) throws Exception {
        return Files.write(work.resolve(name), lines);
    }
}
