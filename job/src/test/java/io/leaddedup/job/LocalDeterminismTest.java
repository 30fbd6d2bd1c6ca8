package io.leaddedup.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaddedup.job.local.LocalRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same input, same output: 840 random leads over 60 accounts of five numbers each, most with a
 * mobile (every scope, matchMobile on for most accounts), with dispositions, plus the bundled
 * example, run five times at parallelism 2 and once at 1. Facts
 * about a lead with two numbers reach its ledger in whatever order the network delivers them; what
 * the README promises is the same in every run: the final status of every lead (status, list,
 * golden lead), the record that opens each lead's history (ACTIVE at the lead's own time), the final
 * campaign phone counts, the set of DUPLICATE and PROTECTED pairs, and the
 * multiset of (account, action, lead) of every action.
 */
class LocalDeterminismTest {

    private static final int ACCOUNTS = 60;
    private static final int LEADS_PER_ACCOUNT = 14;

    @TempDir
    static Path work;

    static Path input;
    static Path settings;

    @BeforeAll
    static void writeInput() throws Exception {
        Random random = new Random(29L);
        List<String> events = new ArrayList<>();
        List<String> settingLines = new ArrayList<>();
        String[] scopes = {"ACCOUNT", "CAMPAIGN", "LIST", "CAMPAIGN_PURPOSE"};
        String[] sources = {"API", "API", "CSV", "INBOUND"};
        for (int a = 0; a < ACCOUNTS; a++) {
            String account = "d29-" + a;
            settingLines.add("{\"type\":\"account_settings\",\"accountId\":\"" + account + "\",\"relocateDuplicatesApi\":"
                    + (a % 5 != 4) + ",\"filterAgainst\":\"" + scopes[a % 4] + "\",\"additionalLists\":[\"list-3\"],"
                    + "\"additionalCampaigns\":[\"camp-3\"],\"protectInbound\":" + (a % 3 != 0)
                    + ",\"matchMobile\":" + (a % 4 != 3) + "}");
            // few numbers per account, most leads with a mobile: many leads live under two keys
            String[] numbers = new String[5];
            for (int n = 0; n < numbers.length; n++) {
                numbers[n] = "+1678555" + String.format("%02d%02d", a, n);
            }
            for (int i = 0; i < LEADS_PER_ACCOUNT; i++) {
                String phone = numbers[random.nextInt(numbers.length)];
                String mobile = random.nextInt(10) < 7 ? numbers[random.nextInt(numbers.length)] : null;
                String source = sources[random.nextInt(sources.length)];
                events.add("{\"type\":\"lead\",\"accountId\":\"" + account + "\",\"leadId\":\"" + account + "-L" + i
                        + "\",\"listId\":\"list-" + (1 + random.nextInt(3)) + "\",\"campaignId\":\"camp-"
                        + (1 + random.nextInt(3)) + "\",\"campaignPurpose\":\"" + (random.nextBoolean() ? "solar" : "roof")
                        + "\",\"phone\":\"" + phone + "\"" + (mobile != null ? ",\"mobile\":\"" + mobile + "\"" : "")
                        + ",\"source\":\"" + source + "\",\"relocateDuplicates\":" + random.nextBoolean()
                        + ",\"importedAt\":\"2026-11-0" + (1 + random.nextInt(4)) + "T10:00:00Z\"}");
            }
            for (int d = 0; d < 3; d++) {
                events.add("{\"type\":\"phone_disposition\",\"accountId\":\"" + account + "\",\"campaignId\":\""
                        + (random.nextInt(4) == 0 ? "*" : "camp-" + (1 + random.nextInt(3))) + "\",\"phone\":\""
                        + numbers[random.nextInt(numbers.length)] + "\",\"action\":\""
                        + (random.nextInt(3) == 0 ? "REQUALIFY" : "DISQUALIFY") + "\",\"reason\":\"DNC\","
                        + "\"at\":\"2026-11-05T10:00:0" + d + "Z\"}");
            }
        }
        Collections.shuffle(events, random);
        Path examples = Path.of(System.getProperty("project.root"), "examples");
        events.addAll(Files.readAllLines(examples.resolve("events.jsonl")));
        settingLines.addAll(Files.readAllLines(examples.resolve("settings.jsonl")));
        input = work.resolve("events.jsonl");
        Files.write(input, events);
        settings = work.resolve("settings.jsonl");
        Files.write(settings, settingLines);
    }

    /** What must be equal between runs. */
    private record Outcome(Map<String, String> statuses, Map<String, String> opened, Map<String, String> counts,
            Map<String, Long> pairs, Map<String, Long> actions) {}

    private static Outcome run(String name, int parallelism) throws Exception {
        Path out = work.resolve(name);
        LocalRun.fromArgs(new String[] {"run", "--input", input.toString(), "--settings", settings.toString(),
                "--out", out.toString(), "--parallelism", Integer.toString(parallelism)}).execute();
        OutputFiles files = new OutputFiles(out);
        Map<String, String> statuses = new TreeMap<>();
        files.latestStatus().forEach((lead, status) -> statuses.put(status.get("accountId").asText() + "/" + lead,
                status.get("status").asText() + " " + status.get("listId").asText() + " "
                        + status.path("goldenLeadId").asText("-")));
        // the first record of every lead: ACTIVE at the lead's own time, whichever key's fact came first
        Map<String, String> opened = new TreeMap<>();
        for (JsonNode status : files.records(LocalRun.LEAD_STATUS)) {
            opened.putIfAbsent(status.get("accountId").asText() + "/" + status.get("leadId").asText(),
                    status.toString());
        }
        Map<String, String> counts = new TreeMap<>();
        files.latestCounts().forEach((key, count) -> counts.put(key,
                count.get("leadCount").asInt() + " " + count.get("disqualified").asBoolean()));
        List<JsonNode> actions = files.records(LocalRun.LEAD_ACTIONS);
        return new Outcome(statuses, opened, counts,
                counted(actions.stream().filter(a -> !a.get("action").asText().equals("RELOCATED")
                                && a.hasNonNull("goldenLeadId"))
                        .map(a -> a.get("accountId").asText() + " " + a.get("action").asText() + " "
                                + a.get("leadId").asText() + " " + a.get("goldenLeadId").asText())
                        .toList()),
                counted(actions.stream().map(a -> a.get("accountId").asText() + " " + a.get("action").asText() + " "
                        + a.get("leadId").asText()).toList()));
    }

    private static Map<String, Long> counted(List<String> values) {
        return values.stream().collect(Collectors.groupingBy(v -> v, TreeMap::new, Collectors.counting()));
    }

    @Test
    void fiveRunsAtParallelismTwoAndOneAtOneAgree() throws Exception {
        Outcome reference = run("p1", 1);
        assertThat(reference.statuses()).hasSizeGreaterThan(ACCOUNTS * LEADS_PER_ACCOUNT);
        assertThat(reference.pairs()).isNotEmpty();
        assertThat(reference.statuses().values()).anyMatch(s -> s.startsWith("RELOCATED"))
                .anyMatch(s -> s.startsWith("DISQUALIFIED"));
        for (int i = 1; i <= 5; i++) {
            Outcome outcome = run("p2-" + i, 2);
            assertThat(outcome.statuses()).as("final lead-status, run %d at parallelism 2", i)
                    .isEqualTo(reference.statuses());
            assertThat(outcome.opened()).as("first lead-status record of every lead, run %d", i)
                    .isEqualTo(reference.opened());
            assertThat(outcome.counts()).as("final campaign phone counts, run %d", i).isEqualTo(reference.counts());
            assertThat(outcome.pairs()).as("DUPLICATE and PROTECTED pairs, run %d", i).isEqualTo(reference.pairs());
            assertThat(outcome.actions()).as("(account, action, lead) of every action, run %d", i)
                    .isEqualTo(reference.actions());
        }
    }
}
