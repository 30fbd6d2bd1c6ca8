package io.leaddedup.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaddedup.job.local.LocalRun;
import io.leaddedup.job.local.RunSummary;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command on the bundled examples, and the outcomes examples/README.md promises. */
class BundledExamplesTest {

    @TempDir
    static Path dir;

    static OutputFiles out;
    static RunSummary summary;

    @BeforeAll
    static void runTheExamples() throws Exception {
        Path examples = Path.of(System.getProperty("project.root"), "examples");
        summary = LocalRun.fromArgs(new String[] {"run", "--input", examples.resolve("events.jsonl").toString(),
                "--settings", examples.resolve("settings.jsonl").toString(), "--out", dir.toString()}).execute();
        out = new OutputFiles(dir);
    }

    private static String action(String leadId, String type) {
        return out.records(LocalRun.LEAD_ACTIONS).stream()
                .filter(a -> a.get("leadId").asText().equals(leadId) && a.get("action").asText().equals(type))
                .map(a -> a.get("goldenLeadId").asText(null))
                .findFirst().orElse("none");
    }

    @Test
    void everyOutputFileHasRecordsAndEveryBadLineIsRejected() {
        assertThat(summary.eventsRead()).isEqualTo(429);
        assertThat(summary.rejected()).isEqualTo(7);
        assertThat(out.records(LocalRun.REJECTS)).extracting(r -> r.get("reason").asText()).containsExactlyInAnyOrder(
                "MALFORMED", "MISSING_FIELD", "INVALID_VALUE", "INVALID_VALUE", "INVALID_VALUE", "INVALID_PHONE",
                "INVALID_MOBILE");
    }

    @Test
    void theNamedRelocationScenariosEndAsDocumented() {
        Map<String, JsonNode> status = out.latestStatus();
        assertThat(action("L-200001", "RELOCATED")).isEqualTo("L-200003");
        assertThat(action("L-200002", "PROTECTED")).isEqualTo("L-200003");
        assertThat(action("L-200004", "RELOCATED")).isEqualTo("L-200003");
        assertThat(status.get("L-200002").get("status").asText()).isEqualTo("ACTIVE");
        assertThat(out.records(LocalRun.LEAD_STATUS)).filteredOn(r -> r.get("leadId").asText().equals("L-200005"))
                .hasSize(1);
        assertThat(action("L-300001", "RELOCATED")).isEqualTo("L-300004");
        assertThat(action("L-300003", "RELOCATED")).isEqualTo("L-300004");
        assertThat(action("L-300002", "RELOCATED")).isEqualTo("none");
        assertThat(action("L-400001", "DUPLICATE")).isEqualTo("L-400002");
        assertThat(action("L-400003", "PROTECTED")).isEqualTo("L-400004");
        assertThat(action("L-500001", "RELOCATED")).isEqualTo("L-500002");
        assertThat(action("L-600001", "RELOCATED")).isEqualTo("L-600002");
    }

    @Test
    void theDisqualifiedNumberIsLiftedAgain() {
        Map<String, JsonNode> status = out.latestStatus();
        assertThat(status.get("L-300001").get("status").asText()).isEqualTo("RELOCATED");
        assertThat(status.get("L-300005").get("status").asText()).isEqualTo("ACTIVE");
        assertThat(status.get("L-500002").get("status").asText()).isEqualTo("DISQUALIFIED");
        JsonNode count = out.latestCounts().get("acct-harbor/camp-harbor-auto/+13125550142");
        assertThat(count.get("leadCount").asInt()).isEqualTo(3);
        assertThat(count.get("disqualified").asBoolean()).isFalse();
    }

    @Test
    void theRoutingRequestsAreDecidedAsDocumented() {
        Map<String, JsonNode> decisions = out.latestBy(LocalRun.ROUTING_DECISIONS, r -> r.get("requestId").asText());
        assertThat(decisions.values())
                .extracting(d -> d.get("requestId").asText(), d -> d.get("status").asText(),
                        d -> d.get("eligibleBuyers").toString())
                .containsExactlyInAnyOrder(
                        tuple("req-1001", "OK", "[\"buyer-nova\"]"),
                        tuple("req-1002", "OK", "[\"buyer-halo\"]"),
                        tuple("req-1003", "OK", "[\"buyer-catchall\"]"),
                        tuple("req-1004", "NO_TARGET", "[]"),
                        tuple("req-1005", "OK", "[\"buyer-forever\",\"buyer-ember\"]"),
                        tuple("req-1006", "OK", "[\"buyer-ember\",\"buyer-halo\"]"),
                        tuple("req-1007", "OK", "[\"buyer-catchall\"]"));
    }
}
