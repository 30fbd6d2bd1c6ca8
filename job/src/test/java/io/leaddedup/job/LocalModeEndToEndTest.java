package io.leaddedup.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaddedup.job.local.LocalRun;
import io.leaddedup.job.local.RunSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product in local mode: the production topology on an embedded Flink with RocksDB and
 * checkpoints, over a small input file, asserting every output file against the contract.
 */
class LocalModeEndToEndTest {

    @TempDir
    static Path dir;

    static OutputFiles out;
    static RunSummary summary;

    private static final List<String> SETTINGS = List.of(
            "{\"type\":\"account_settings\",\"accountId\":\"acme\",\"relocateDuplicatesApi\":true,"
                    + "\"filterAgainst\":\"CAMPAIGN\",\"additionalCampaigns\":[\"camp-b\"]}",
            "{\"type\":\"account_settings\",\"accountId\":\"globex\",\"defaultRegion\":\"GB\"}",
            "{\"type\":\"campaign_settings\",\"accountId\":\"acme\",\"campaignId\":\"camp-a\","
                    + "\"duplicateCallerHandling\":\"NEW_CONVERTIBLE_BUYER\",\"fallbackBuyerId\":\"buyer-fallback\"}",
            "{\"type\":\"campaign_settings\",\"accountId\":\"acme\",\"campaignId\":\"camp-c\","
                    + "\"duplicateCallerHandling\":\"NEW_CONVERTIBLE_BUYER\"}",
            "{\"type\":\"buyer_settings\",\"accountId\":\"acme\",\"buyerId\":\"buyer-1\",\"dedupeWindow\":\"P30D\"}",
            "{\"type\":\"lead\",\"accountId\":\"acme\",\"leadId\":\"misplaced\"}");

    private static final List<String> EVENTS = List.of(
            lead("acme", "L1", "list-1", "camp-a", "1 678-999-8212", null, "CSV", "2026-11-01T10:00:00Z", false),
            lead("acme", "L2", "list-2", "camp-b", "(678)-999 8212", "212 555 0101", "INBOUND", "2026-11-01T11:00:00Z",
                    false),
            lead("acme", "L3", "list-3", "camp-c", "678 999 8212", null, "API", "2026-11-01T12:00:00Z", false),
            // the golden record arrives: relocates L1 (same campaign) but protects inbound L2 (additional campaign)
            lead("acme", "L4", "list-1", "camp-a", "+1 (678) 999-8212", null, "API", "2026-11-02T10:00:00Z", false),
            // an older lead arriving late is relocated at once
            lead("acme", "L0", "list-1", "camp-a", "678.999.8212", null, "CSV", "2026-10-01T10:00:00Z", false),
            // the same number in another account never meets acme's leads
            lead("initech", "L4", "list-1", "camp-a", "6789998212", null, "API", "2026-11-03T10:00:00Z", false),
            lead("globex", "G1", "uk-list", "uk-camp", "020 7946 0958", "07700 900123", "API", "2026-11-01T10:00:00Z",
                    false),
            // replay of an insert: reported once
            lead("acme", "L4", "list-1", "camp-a", "+1 (678) 999-8212", null, "API", "2026-11-02T10:00:00Z", false),
            "{\"type\":\"phone_disposition\",\"accountId\":\"acme\",\"campaignId\":\"camp-b\",\"phone\":\"2125550101\","
                    + "\"action\":\"DISQUALIFY\",\"reason\":\"retired\",\"at\":\"2026-11-04T10:00:00Z\"}",
            lead("acme", "L5", "list-9", "camp-b", "212-555-0199", "(212) 555-0101", "CSV", "2026-11-05T10:00:00Z",
                    false),
            "{\"type\":\"phone_disposition\",\"accountId\":\"acme\",\"campaignId\":\"camp-b\",\"phone\":\"+12125550101\","
                    + "\"action\":\"REQUALIFY\",\"at\":1762423200000}",
            "{\"type\":\"conversion\",\"accountId\":\"acme\",\"callerPhone\":\"678 999 8212\",\"buyerId\":\"buyer-1\","
                    + "\"campaignId\":\"camp-z\",\"callId\":\"c-1\",\"convertedAt\":\"2026-11-01T10:00:00Z\"}",
            request("r-dup", "camp-a", "CALL", "[\"buyer-1\",\"buyer-2\"]", "2026-11-10T10:00:00Z"),
            request("r-fallback", "camp-a", "RTB", "[\"buyer-1\"]", "2026-11-10T10:00:00Z"),
            request("r-expired", "camp-c", "RTB", "[\"buyer-1\"]", "2026-12-01T10:00:00Z"),
            request("r-none", "camp-c", "RTB", "[\"buyer-1\"]", "2026-11-10T10:00:00Z"),
            "this is not json",
            "{\"type\":\"lead\",\"accountId\":\"acme\",\"leadId\":\"bad-source\",\"listId\":\"l\",\"campaignId\":\"c\","
                    + "\"campaignPurpose\":\"p\",\"phone\":\"6789998212\",\"source\":\"FAX\",\"importedAt\":1}",
            lead("acme", "short", "list-1", "camp-a", "12345", null, "API", "2026-11-01T10:00:00Z", false),
            lead("acme", "L6", "list-6", "camp-f", "312 555 0142", "99", "API", "2026-11-06T10:00:00Z", false),
            "{\"type\":\"conversion\",\"accountId\":\"acme\",\"callerPhone\":\"678 999 8212\"}");

    private static String lead(String account, String id, String list, String campaign, String phone, String mobile,
            String source, String importedAt, boolean relocate) {
        return "{\"type\":\"lead\",\"accountId\":\"" + account + "\",\"leadId\":\"" + id + "\",\"listId\":\"" + list
                + "\",\"campaignId\":\"" + campaign + "\",\"campaignPurpose\":\"solar\",\"phone\":\"" + phone + "\""
                + (mobile == null ? "" : ",\"mobile\":\"" + mobile + "\"") + ",\"source\":\"" + source
                + "\",\"importedAt\":\"" + importedAt + "\",\"relocateDuplicates\":" + relocate + "}";
    }

    private static String request(String id, String campaign, String kind, String buyers, String receivedAt) {
        return "{\"type\":\"routing_request\",\"requestId\":\"" + id + "\",\"accountId\":\"acme\",\"campaignId\":\""
                + campaign + "\",\"callerPhone\":\"+16789998212\",\"kind\":\"" + kind + "\",\"candidateBuyers\":"
                + buyers + ",\"receivedAt\":\"" + receivedAt + "\"}";
    }

    @BeforeAll
    static void runTheJob() throws Exception {
        Path input = dir.resolve("events.jsonl");
        Path settings = dir.resolve("settings.jsonl");
        Files.write(input, EVENTS, StandardCharsets.UTF_8);
        Files.write(settings, SETTINGS, StandardCharsets.UTF_8);
        Path outDir = dir.resolve("out");
        summary = LocalRun.fromArgs(new String[] {"run", "--input", input.toString(), "--settings",
                settings.toString(), "--out", outDir.toString(), "--checkpoint-interval", "200ms"}).execute();
        out = new OutputFiles(outDir);
    }

    @Test
    void writesOneFilePerOutputTopic() throws IOException {
        for (String file : LocalRun.OUTPUT_FILES) {
            assertThat(out.records(file)).as(file).isNotEmpty();
        }
        assertThat(summary.eventsRead()).isEqualTo(EVENTS.size());
    }

    @Test
    void reportsTheSizeOfItsLastCheckpoint() {
        // Flink's own figure for the last checkpoint (its RocksDB files and metadata): -1 if the run
        // never saw it, and far from the few hundred kilobytes these leads take if it read the wrong one.
        assertThat(summary.stateBytes()).isBetween(20_000L, 20_000_000L);
    }

    @Test
    void relocatesProtectsAndKeepsTheGoldenRecord() {
        List<JsonNode> acmeActions = out.records(LocalRun.LEAD_ACTIONS).stream()
                .filter(a -> a.get("accountId").asText().equals("acme"))
                .filter(a -> !a.get("action").asText().endsWith("QUALIFIED"))
                .toList();
        assertThat(acmeActions)
                .extracting(a -> a.get("action").asText(), a -> a.get("leadId").asText(),
                        a -> a.get("goldenLeadId").asText(), a -> a.get("toListId").asText(null))
                .containsExactlyInAnyOrder(
                        // L3 (camp-c) has camp-b, an additional campaign, in its scope
                        tuple("PROTECTED", "L2", "L3", null),
                        tuple("PROTECTED", "L2", "L4", null),
                        // L0 does not relocate: flagged against the active leads of its scope,
                        // then relocated at once by the newer L4 (contract rule 3)
                        tuple("DUPLICATE", "L0", "L2", null),
                        tuple("DUPLICATE", "L0", "L4", null),
                        tuple("RELOCATED", "L1", "L4", "SYS_DUPLICATES_LIST"),
                        tuple("RELOCATED", "L0", "L4", "SYS_DUPLICATES_LIST"));

        Map<String, JsonNode> status = out.latestStatus();
        assertThat(status.get("L1").get("status").asText()).isEqualTo("RELOCATED");
        assertThat(status.get("L1").get("listId").asText()).isEqualTo("SYS_DUPLICATES_LIST");
        assertThat(status.get("L0").get("goldenLeadId").asText()).isEqualTo("L4");
        assertThat(status.get("L2").get("status").asText()).isEqualTo("ACTIVE");
        assertThat(status.get("L3").get("status").asText()).as("other campaign, out of scope").isEqualTo("ACTIVE");
        assertThat(status.get("L4").get("status").asText()).isEqualTo("ACTIVE");
        assertThat(out.records(LocalRun.LEAD_STATUS)).filteredOn(r -> r.get("leadId").asText().equals("L4"))
                .as("the replayed insert is reported once").hasSize(2); // acme's L4 and initech's L4
    }

    @Test
    void normalizesInTheAccountsRegion() {
        assertThat(out.latestCounts()).containsKeys(
                "globex/uk-camp/+442079460958", "globex/uk-camp/+447700900123", "acme/camp-a/+16789998212");
        assertThat(out.latestCounts().get("acme/camp-a/+16789998212").get("leadCount").asInt()).isEqualTo(3);
    }

    @Test
    void disqualifiesTheNumberInTheCampaignNowAndLaterThenRequalifies() {
        List<JsonNode> dispositions = out.records(LocalRun.LEAD_ACTIONS).stream()
                .filter(a -> a.get("action").asText().endsWith("QUALIFIED")).toList();
        assertThat(dispositions)
                .extracting(a -> a.get("action").asText(), a -> a.get("leadId").asText(), a -> a.get("phone").asText())
                .containsExactlyInAnyOrder(
                        tuple("DISQUALIFIED", "L2", "+12125550101"),
                        tuple("DISQUALIFIED", "L5", "+12125550101"),
                        tuple("REQUALIFIED", "L2", "+12125550101"),
                        tuple("REQUALIFIED", "L5", "+12125550101"));
        assertThat(out.records(LocalRun.LEAD_STATUS)).filteredOn(r -> r.get("leadId").asText().equals("L5"))
                .extracting(r -> r.get("status").asText()).containsExactly("ACTIVE", "DISQUALIFIED", "ACTIVE");
        JsonNode count = out.latestCounts().get("acme/camp-b/+12125550101");
        assertThat(count.get("leadCount").asInt()).isEqualTo(2);
        assertThat(count.get("disqualified").asBoolean()).isFalse();
    }

    @Test
    void answersEveryRoutingRequestOnce() {
        Map<String, JsonNode> decisions = out.latestBy(LocalRun.ROUTING_DECISIONS, r -> r.get("requestId").asText());
        assertThat(out.records(LocalRun.ROUTING_DECISIONS)).hasSize(4);
        assertThat(decisions.get("r-dup").get("eligibleBuyers").toString()).isEqualTo("[\"buyer-2\"]");
        assertThat(decisions.get("r-dup").get("duplicateBuyers").toString()).isEqualTo("[\"buyer-1\"]");
        assertThat(decisions.get("r-dup").get("lastConvertedAt").get("buyer-1").asText())
                .isEqualTo("2026-11-01T10:00:00Z");
        assertThat(decisions.get("r-fallback").get("status").asText()).isEqualTo("OK");
        assertThat(decisions.get("r-fallback").get("eligibleBuyers").toString()).isEqualTo("[\"buyer-fallback\"]");
        assertThat(decisions.get("r-expired").get("status").asText()).isEqualTo("OK");
        assertThat(decisions.get("r-expired").get("duplicateBuyers").toString()).isEqualTo("[]");
        assertThat(decisions.get("r-none").get("status").asText()).isEqualTo("NO_TARGET");
    }

    @Test
    void settingsInTheInputApplyFromExactlyTheNextEvent(@TempDir Path other) throws Exception {
        String relocateOn = "{\"type\":\"account_settings\",\"accountId\":\"solo\",\"relocateDuplicatesApi\":true}";
        String relocateOff = "{\"type\":\"account_settings\",\"accountId\":\"solo\",\"relocateDuplicatesApi\":false}";
        List<String> lines = new java.util.ArrayList<>();
        lines.add(relocateOn);
        lines.add(lead("solo", "S1", "list-1", "camp-a", "678 999 8212", null, "API", "2026-11-01T10:00:00Z", false));
        lines.add(lead("solo", "S2", "list-1", "camp-a", "678 999 8212", null, "API", "2026-11-02T10:00:00Z", false));
        lines.add(relocateOff);
        lines.add(lead("solo", "S3", "list-1", "camp-a", "678 999 8212", null, "API", "2026-11-03T10:00:00Z", false));
        lines.add(relocateOn);
        lines.add(lead("solo", "S4", "list-1", "camp-a", "678 999 8212", null, "API", "2026-11-04T10:00:00Z", false));
        lines.add("{\"type\":\"conversion\",\"accountId\":\"solo\",\"callerPhone\":\"6789998212\","
                + "\"buyerId\":\"b1\",\"convertedAt\":\"2026-11-05T10:00:00Z\"}");
        lines.add("{\"type\":\"routing_request\",\"requestId\":\"off\",\"accountId\":\"solo\",\"campaignId\":\"c\","
                + "\"callerPhone\":\"6789998212\",\"kind\":\"CALL\",\"candidateBuyers\":[\"b1\"],"
                + "\"receivedAt\":\"2026-11-06T10:00:00Z\"}");
        lines.add("{\"type\":\"campaign_settings\",\"accountId\":\"solo\",\"campaignId\":\"c\","
                + "\"duplicateCallerHandling\":\"NEW_CONVERTIBLE_BUYER\"}");
        lines.add("{\"type\":\"routing_request\",\"requestId\":\"on\",\"accountId\":\"solo\",\"campaignId\":\"c\","
                + "\"callerPhone\":\"6789998212\",\"kind\":\"CALL\",\"candidateBuyers\":[\"b1\"],"
                + "\"receivedAt\":\"2026-11-06T10:00:00Z\"}");
        // Many events between the lines, so that a settings record racing the events would show.
        for (int i = 0; i < 2000; i++) {
            lines.add(3, lead("noise", "N" + i, "l", "c", String.format("212 555 %04d", i), null, "API",
                    "2026-11-01T10:00:00Z", false));
        }
        Path input = other.resolve("events.jsonl");
        Files.write(input, lines, StandardCharsets.UTF_8);
        LocalRun.fromArgs(new String[] {"run", "--input", input.toString(), "--out", other.resolve("out").toString()})
                .execute();

        OutputFiles files = new OutputFiles(other.resolve("out"));
        assertThat(files.records(LocalRun.LEAD_ACTIONS))
                .filteredOn(a -> a.get("accountId").asText().equals("solo"))
                .extracting(a -> a.get("action").asText(), a -> a.get("leadId").asText(),
                        a -> a.get("goldenLeadId").asText())
                .containsExactlyInAnyOrder(
                        tuple("RELOCATED", "S1", "S2"),
                        tuple("DUPLICATE", "S2", "S3"),
                        tuple("RELOCATED", "S2", "S4"),
                        tuple("RELOCATED", "S3", "S4"));
        Map<String, JsonNode> decisions = files.latestBy(LocalRun.ROUTING_DECISIONS, r -> r.get("requestId").asText());
        assertThat(decisions.get("off").get("status").asText()).isEqualTo("OK");
        assertThat(decisions.get("on").get("status").asText()).isEqualTo("NO_TARGET");
    }

    /**
     * Files as editors and exports write them: a settings file and an input saved "UTF-8 with BOM",
     * a line in Latin-1 among UTF-8 ones. The BOM is no content (the settings' first line applies,
     * the input's first lead is accepted), the Latin-1 line is a MALFORMED reject as the same bytes
     * on a Kafka topic are, and a UTF-8 lead id outside ASCII comes out as it went in.
     */
    @Test
    void readsByteOrderMarksAndRejectsLinesThatAreNotUtf8(@TempDir Path other) throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Path settings = other.resolve("settings.jsonl");
        Files.write(settings, concat(bom, ("{\"type\":\"account_settings\",\"accountId\":\"bom\","
                + "\"relocateDuplicatesApi\":true}\n").getBytes(StandardCharsets.UTF_8)));
        String first = lead("bom", "B1", "l", "c", "678 999 8212", null, "API", "2026-11-01T10:00:00Z", false);
        String latin1 = lead("bom", "Jos\u00e9", "l", "c", "678 999 8213", null, "API", "2026-11-01T10:00:00Z", false);
        String utf8 = lead("bom", "Ren\u00e9e-\u0141", "l", "c", "678 999 8214", null, "API", "2026-11-01T10:00:00Z",
                false);
        String second = lead("bom", "B2", "l", "c", "678 999 8212", null, "API", "2026-11-02T10:00:00Z", false);
        Path input = other.resolve("events.jsonl");
        Files.write(input, concat(bom, (first + "\n").getBytes(StandardCharsets.UTF_8),
                (latin1 + "\n").getBytes(StandardCharsets.ISO_8859_1), (utf8 + "\n" + second + "\n")
                        .getBytes(StandardCharsets.UTF_8)));
        LocalRun.fromArgs(new String[] {"run", "--input", input.toString(), "--settings", settings.toString(),
                "--out", other.resolve("out").toString()}).execute();

        OutputFiles files = new OutputFiles(other.resolve("out"));
        assertThat(files.latestStatus()).containsOnlyKeys("B1", "B2", "Ren\u00e9e-\u0141");
        assertThat(files.latestStatus().get("B1").get("status").asText()).isEqualTo("RELOCATED");
        assertThat(files.records(LocalRun.REJECTS)).singleElement().satisfies(reject -> {
            assertThat(reject.get("reason").asText()).isEqualTo("MALFORMED");
            assertThat(reject.get("detail").asText()).startsWith("not UTF-8 text");
            assertThat(reject.get("payload").asText()).contains("\"leadId\":\"Jos\uFFFD\"");
        });
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    @Test
    void rejectsBadInputWithAReasonAndGoesOn() {
        assertThat(out.records(LocalRun.REJECTS)).extracting(r -> r.get("reason").asText())
                .containsExactlyInAnyOrder("MISSING_FIELD", "MALFORMED", "INVALID_VALUE", "INVALID_PHONE",
                        "INVALID_MOBILE", "MISSING_FIELD");
        assertThat(out.records(LocalRun.REJECTS)).allSatisfy(r -> {
            assertThat(r.get("detail").asText()).isNotBlank();
            assertThat(r.get("payload").asText()).isNotBlank();
        });
        // the lead with an invalid mobile is still processed on its phone
        assertThat(out.latestStatus().get("L6").get("status").asText()).isEqualTo("ACTIVE");
    }
}
