package io.leaddedup.job.vicidial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaddedup.job.kafka.BrokerPerClass;
import io.leaddedup.job.kafka.CommittedTopic;
import io.leaddedup.job.kafka.KafkaBroker;
import io.leaddedup.job.kafka.KafkaJobRunner;
import io.leaddedup.job.kafka.KafkaTestAccess;
import io.leaddedup.job.vicidial.VicidialTables.DialerLead;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The VICIdial adapter end to end: leads and dispositions through the job on a real broker, its
 * output applied by {@code apply-vicidial} to VICIdial's tables on a real MariaDB. The tables must
 * end as the final {@code lead-status} and {@code campaign-phone-counts} say, whatever happens to
 * the adapter: a SIGKILL mid-stream, a replay from the start, the database going away.
 */
class VicidialAdapterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "acme";
    private static final String OTHER = "globex";
    private static final long LIST = 1001;
    private static final long DUPLICATES_LIST = 999;
    private static final String LONG_CAMPAIGN = "LONGCAMPAIGN1";
    private static final List<String> STATUS_TOPICS = List.of("lead-status", "campaign-phone-counts");

    @TempDir
    static Path work;

    @RegisterExtension
    static final BrokerPerClass KAFKA = new BrokerPerClass();

    static KafkaBroker broker;
    static MariaDbServer mariadb;
    static final List<DialerLead> dialerLeads = new ArrayList<>();
    static final List<String[]> manualCampaignDnc = new ArrayList<>();
    static final List<String> manualSystemDnc = new ArrayList<>();
    static List<String> expected;
    static List<String> reference;
    static AdapterCounts referenceCounts;
    static int databases;

    @BeforeAll
    static void runTheJobAndApplyItOnce() throws Exception {
        broker = KAFKA.get();
        mariadb = MariaDbServer.start();
        broker.createTopics(KafkaTestAccess.defaultInputTopics(), 2);
        broker.createTopics(KafkaTestAccess.defaultOutputTopics(), 2);
        writeScenario();
        JobClient job = KafkaJobRunner.start(KafkaJobRunner.args(broker.bootstrapServers(), work.resolve("job"),
                "vicidial-job", work.resolve("settings.jsonl")), UnaryOperator.identity());
        try {
            for (String[] input : new String[][] {{"leads", "leads.jsonl"}, {"phone-dispositions", "dispositions.jsonl"}}) {
                KafkaTestAccess.produce(new String[] {"produce", "--topic", input[0], work.resolve(input[1]).toString(),
                        "--bootstrap-servers", broker.bootstrapServers()});
            }
            awaitConsumed("vicidial-job", List.of("leads", "phone-dispositions"));
            expected = expectedTables();
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        VicidialTables tables = freshTables();
        referenceCounts = apply(tables, "reference", "--stop-when-caught-up");
        reference = tables.snapshot();
    }

    @AfterAll
    static void stopMariaDb() throws Exception {
        if (mariadb != null) {
            mariadb.close();
        }
    }

    @Test
    void theTablesEndAsTheFinalStatusesAndCountsSay() {
        assertThat(withoutLedger(reference)).containsExactlyElementsOf(expected);
        // what the scenario exercises, so that an adapter doing nothing cannot pass
        assertThat(referenceCounts.movedToDuplicates).isPositive();
        assertThat(referenceCounts.outOfHopper).isPositive();
        assertThat(expected).contains("list A-0 " + DUPLICATES_LIST, "campaign-dnc SOLAR " + national(0),
                "campaign-dnc ROOF " + national(3), "dnc " + national(4), "campaign-dnc SOLAR " + national(1),
                "dnc " + national(7));
        assertThat(expected).doesNotContain("dnc " + national(5), "campaign-dnc " + LONG_CAMPAIGN + " " + national(6));
        assertThat(expected).filteredOn(line -> line.startsWith("hopper A-")).isNotEmpty();
    }

    @Test
    void unknownLeadsLongCampaignIdsAndOtherAccountsAreCountedNotApplied() {
        // GHOST-1, relocated, was never loaded into VICIdial (it has a record at each change of its golden lead)
        assertThat(referenceCounts.unknownLeadIds).containsExactly("GHOST-1");
        // LONGCAMPAIGN1's disqualified counts: its own disqualification, and number 4's account-wide one
        assertThat(referenceCounts.refused).isPositive();
        assertThat(referenceCounts.otherAccounts).isPositive();
        // The other account's leads are in this VICIdial too (same ids would be worse): untouched.
        for (DialerLead lead : dialerLeads) {
            if (lead.vendorLeadCode().startsWith("G-")) {
                assertThat(reference).contains("list " + lead.vendorLeadCode() + " " + LIST);
                assertThat(reference).contains("hopper " + lead.vendorLeadCode() + " " + lead.campaignId());
            }
        }
        assertThat(reference).doesNotContain("dnc " + national(9));
    }

    @Test
    void aReplayFromTheStartIntoAFinishedDatabaseChangesNothing() throws Exception {
        VicidialTables tables = freshTables();
        apply(tables, "first", "--stop-when-caught-up");
        List<String> first = tables.snapshot();
        apply(tables, "replay", "--stop-when-caught-up");
        assertThat(tables.snapshot()).containsExactlyElementsOf(first).containsExactlyElementsOf(reference);
    }

    @Test
    void aSigkillMidStreamThenARestartEndsAsAnUndisturbedRun() throws Exception {
        VicidialTables tables = freshTables();
        long total = endOffsets(STATUS_TOPICS);
        for (int kill = 0; kill < 2; kill++) {
            long before = committed("killed");
            Process adapter = startAdapterProcess(tables, "killed", work.resolve("killed-" + kill + ".log"));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (committed("killed") <= before && adapter.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            adapter.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, no last commit
            assertThat(committed("killed")).as("killed mid-stream").isGreaterThan(before).isLessThan(total);
        }
        apply(tables, "killed", "--stop-when-caught-up");
        assertThat(committed("killed")).isEqualTo(total);
        assertThat(tables.snapshot()).containsExactlyElementsOf(reference);
    }

    @Test
    void whileTheDatabaseIsAwayNoOffsetMovesAndItCatchesUpAfter() throws Exception {
        VicidialTables tables = freshTables();
        CompletableFuture<AdapterCounts> run = CompletableFuture.supplyAsync(() -> apply(tables, "away",
                "--stop-when-caught-up", "--max-retry-backoff", "1s", "--kafka-property", "max.poll.records=1"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (committed("away") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        mariadb.stop(); // mid-stream
        long atStop;
        try {
            Thread.sleep(1000); // a commit in flight when the server went lands now
            atStop = committed("away");
            Thread.sleep(5000);
            assertThat(run).isNotDone();
            assertThat(committed("away")).as("offsets while the database is away").isEqualTo(atStop);
        } finally {
            mariadb.restart();
        }
        assertThat(atStop).as("stopped mid-stream").isPositive().isLessThan(endOffsets(STATUS_TOPICS));
        AdapterCounts counts = run.get(120, TimeUnit.SECONDS);
        assertThat(counts.databaseRetries).isPositive();
        assertThat(tables.snapshot()).containsExactlyElementsOf(reference);
    }

    @Test
    void aStartThatWaitingWouldNotMendIsRefusedWithASentence() throws Exception {
        VicidialTables tables = freshTables();
        Path wrongPassword = Files.writeString(work.resolve("wrong-password"), "not-the-password\n");
        assertThat(refusedStart(tables.url(), "--db-password-file", wrongPassword.toString()))
                .contains("exit 2").contains("refused root").contains("--db-password-file");
        assertThat(refusedStart(mariadb.createDatabase("notvicidial" + databases++)))
                .contains("exit 2").contains("this is VICIdial's database");
        try (VicidialDatabase running = new VicidialDatabase(tables.url(), "root", null, DUPLICATES_LIST)) {
            running.connection(); // an adapter already at work on this database
            assertThat(refusedStart(tables.url())).contains("exit 1").contains("one adapter per database");
        }
        assertThat(tables.snapshot()).noneMatch(line -> line.contains(" " + DUPLICATES_LIST));
    }

    /** The launcher's parser, as a user runs the command: its exit code and what it printed. */
    private static String refusedStart(String url, String... extra) {
        List<String> args = new ArrayList<>(List.of("apply-vicidial", "--bootstrap-servers", broker.bootstrapServers(),
                "--jdbc-url", url, "--db-user", "root", "--account", ACCOUNT, "--duplicates-list-id",
                Long.toString(DUPLICATES_LIST), "--group-id", "refused", "--stop-when-caught-up"));
        args.addAll(List.of(extra));
        StringWriter err = new StringWriter();
        CommandLine line = io.leaddedup.job.LeadDedupCli.commandLine();
        line.setErr(new PrintWriter(err, true));
        int exit = line.execute(args.toArray(String[]::new));
        return "exit " + exit + ": " + err;
    }

    // ---- the scenario ----

    private static String national(int number) {
        return "678999" + (8200 + number);
    }

    private static String formatted(int number, int style) {
        String n = national(number);
        return switch (style % 3) {
            case 0 -> "(" + n.substring(0, 3) + ") " + n.substring(3, 6) + "-" + n.substring(6);
            case 1 -> "+1 " + n.substring(0, 3) + " " + n.substring(3, 6) + " " + n.substring(6);
            default -> n;
        };
    }

    /**
     * Leads of two accounts over 24 numbers, in VICIdial and through the job. Numbers 0-2 are
     * disqualified in SOLAR (1 requalified, with an agent's own DNC row on 0 and 1), 3 in ROOF,
     * 4 account-wide, 5 account-wide then lifted, 6 in a campaign whose id VICIdial cannot hold;
     * 7 is on the system DNC by hand; 9 is disqualified account-wide by the other account.
     */
    private static void writeScenario() throws Exception {
        Files.write(work.resolve("settings.jsonl"), List.of(
                "{\"type\":\"account_settings\",\"accountId\":\"" + ACCOUNT + "\",\"relocateDuplicatesApi\":true}",
                "{\"type\":\"account_settings\",\"accountId\":\"" + OTHER + "\",\"relocateDuplicatesApi\":true}"));
        Random random = new Random(7);
        Instant start = Instant.parse("2026-11-01T08:00:00Z");
        List<String> leads = new ArrayList<>();
        String[] campaigns = {"SOLAR", "ROOF", "SOLAR", LONG_CAMPAIGN};
        for (int i = 0; i < 140; i++) {
            int number = i < 14 ? i % 7 : random.nextInt(24);
            String campaign = i < 14 ? (i < 7 ? "SOLAR" : "ROOF") : campaigns[random.nextInt(campaigns.length)];
            if (i < 14 && i % 7 == 6) {
                campaign = LONG_CAMPAIGN;
            }
            String source = i % 11 == 5 ? "INBOUND" : i % 5 == 0 ? "CSV" : "API";
            String mobile = i % 4 == 0 ? formatted(random.nextInt(24), i) : null;
            leads.add(lead(ACCOUNT, "A-" + i, campaign, formatted(number, i), mobile, source, start.plusSeconds(60L * i)));
            dialerLeads.add(new DialerLead("A-" + i, national(number), LIST, campaign.length() <= 8 ? campaign : "OTHER",
                    i % 3 != 1));
        }
        // A lead the dialer never had, relocated by a newer one
        leads.add(lead(ACCOUNT, "GHOST-1", "SOLAR", formatted(30, 0), null, "API", start.minusSeconds(3600)));
        leads.add(lead(ACCOUNT, "A-ghostly", "SOLAR", formatted(30, 1), null, "API", start.plusSeconds(86_400)));
        dialerLeads.add(new DialerLead("A-ghostly", national(30), LIST, "SOLAR", true));
        for (int i = 0; i < 20; i++) {
            int number = i % 6;
            leads.add(lead(OTHER, "G-" + i, "SOLAR", formatted(number, i), null, "API", start.plusSeconds(90L * i)));
            dialerLeads.add(new DialerLead("G-" + i, national(number), LIST, "SOLAR", true));
        }
        Files.write(work.resolve("leads.jsonl"), leads);
        Instant later = start.plusSeconds(7 * 86_400);
        Files.write(work.resolve("dispositions.jsonl"), List.of(
                disposition(ACCOUNT, "SOLAR", 0, "DISQUALIFY", later),
                disposition(ACCOUNT, "SOLAR", 1, "DISQUALIFY", later),
                disposition(ACCOUNT, "SOLAR", 2, "DISQUALIFY", later),
                disposition(ACCOUNT, "SOLAR", 1, "REQUALIFY", later.plusSeconds(60)),
                disposition(ACCOUNT, "ROOF", 3, "DISQUALIFY", later),
                disposition(ACCOUNT, "*", 4, "DISQUALIFY", later),
                disposition(ACCOUNT, "*", 5, "DISQUALIFY", later),
                disposition(ACCOUNT, "*", 5, "REQUALIFY", later.plusSeconds(60)),
                disposition(ACCOUNT, LONG_CAMPAIGN, 6, "DISQUALIFY", later),
                disposition(OTHER, "*", 9, "DISQUALIFY", later),
                disposition(OTHER, "SOLAR", 2, "DISQUALIFY", later)));
        manualCampaignDnc.add(new String[] {national(0), "SOLAR"});
        manualCampaignDnc.add(new String[] {national(1), "SOLAR"});
        manualSystemDnc.add(national(7));
    }

    private static String lead(String account, String id, String campaign, String phone, String mobile, String source,
            Instant importedAt) {
        return "{\"type\":\"lead\",\"accountId\":\"" + account + "\",\"leadId\":\"" + id + "\",\"listId\":\"" + LIST
                + "\",\"campaignId\":\"" + campaign + "\",\"campaignPurpose\":\"solar\",\"phone\":\"" + phone + "\""
                + (mobile == null ? "" : ",\"mobile\":\"" + mobile + "\"") + ",\"source\":\"" + source
                + "\",\"importedAt\":\"" + importedAt + "\"}";
    }

    private static String disposition(String account, String campaign, int number, String action, Instant at) {
        return "{\"type\":\"phone_disposition\",\"accountId\":\"" + account + "\",\"campaignId\":\"" + campaign
                + "\",\"phone\":\"" + formatted(number, number) + "\",\"action\":\"" + action + "\",\"at\":\"" + at + "\"}";
    }

    /**
     * The tables as the topics say they must end, worked out from the records alone: a lead's
     * list from its final status, its hopper row gone once any status of it took it out of
     * dialing, and the DNC lists from the final counts, beside the rows put there by hand.
     */
    private static List<String> expectedTables() throws Exception {
        Map<String, JsonNode> finalStatus = new LinkedHashMap<>();
        Set<String> leftDialing = new HashSet<>();
        for (CommittedTopic.Record record : CommittedTopic.readAll(broker.bootstrapServers(), "lead-status")) {
            JsonNode status = JSON.readTree(record.value());
            if (!status.get("accountId").asText().equals(ACCOUNT)) {
                continue;
            }
            finalStatus.put(record.key(), status);
            if (status.get("status").asText().equals("DISQUALIFIED")
                    || status.get("listId").asText().equals("SYS_DUPLICATES_LIST")) {
                leftDialing.add(record.key());
            }
        }
        Map<String, JsonNode> finalCounts = new LinkedHashMap<>();
        for (CommittedTopic.Record record : CommittedTopic.readAll(broker.bootstrapServers(), "campaign-phone-counts")) {
            JsonNode count = JSON.readTree(record.value());
            if (count.get("accountId").asText().equals(ACCOUNT)) {
                finalCounts.put(record.key(), count);
            }
        }
        TreeSet<String> lines = new TreeSet<>();
        for (DialerLead lead : dialerLeads) {
            JsonNode status = finalStatus.get(lead.vendorLeadCode());
            boolean relocated = status != null && status.get("listId").asText().equals("SYS_DUPLICATES_LIST");
            lines.add("list " + lead.vendorLeadCode() + " " + (relocated ? DUPLICATES_LIST : lead.listId()));
            if (lead.inHopper() && !leftDialing.contains(lead.vendorLeadCode())) {
                lines.add("hopper " + lead.vendorLeadCode() + " " + lead.campaignId());
            }
        }
        manualCampaignDnc.forEach(row -> lines.add("campaign-dnc " + row[1] + " " + row[0]));
        manualSystemDnc.forEach(number -> lines.add("dnc " + number));
        for (JsonNode count : finalCounts.values()) {
            String campaign = count.get("campaignId").asText();
            String number = count.get("phone").asText().substring(2); // +1 and the ten digits
            if (count.get("disqualified").asBoolean() && campaign.length() <= 8) {
                lines.add(campaign.equals("*") ? "dnc " + number : "campaign-dnc " + campaign + " " + number);
            }
        }
        return new ArrayList<>(lines);
    }

    private static List<String> withoutLedger(List<String> snapshot) {
        return snapshot.stream().filter(line -> !line.startsWith("ledger ")).toList();
    }

    // ---- the adapter, as users run it ----

    private static VicidialTables freshTables() throws Exception {
        VicidialTables tables = new VicidialTables(mariadb.createDatabase("vicidial" + databases++));
        tables.create();
        tables.load(dialerLeads, manualCampaignDnc, manualSystemDnc);
        return tables;
    }

    private static List<String> adapterArgs(VicidialTables tables, String group) {
        return new ArrayList<>(List.of("--bootstrap-servers", broker.bootstrapServers(), "--jdbc-url", tables.url(),
                "--db-user", "root", "--account", ACCOUNT, "--duplicates-list-id", Long.toString(DUPLICATES_LIST),
                "--group-id", group));
    }

    private static AdapterCounts apply(VicidialTables tables, String group, String... extra) {
        List<String> args = adapterArgs(tables, group);
        args.addAll(List.of(extra));
        ApplyVicidialCommand command = new ApplyVicidialCommand();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setErr(new PrintWriter(err, true)).execute(args.toArray(String[]::new));
        assertThat(exit).as(err.toString()).isZero();
        return command.counts;
    }

    /** The adapter in a JVM of its own, one record per commit, so that a kill lands mid-stream. */
    private static Process startAdapterProcess(VicidialTables tables, String group, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", KafkaBroker.testClasspath(), "io.leaddedup.job.LeadDedupCli", "apply-vicidial"));
        command.addAll(adapterArgs(tables, group));
        command.addAll(List.of("--kafka-property", "max.poll.records=1"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    // ---- offsets ----

    private static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    private static long committed(String group) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return offsets.entrySet().stream().filter(e -> STATUS_TOPICS.contains(e.getKey().topic()) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    /** The last stable offsets: what a read_committed consumer reaches at the end. */
    private static long endOffsets(List<String> topics) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
            for (String topic : topics) {
                admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                        .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            }
            return admin.listOffsets(request, new org.apache.kafka.clients.admin.ListOffsetsOptions(
                    org.apache.kafka.common.IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS)
                    .values().stream().mapToLong(info -> info.offset()).sum();
        }
    }

    /** Waits until the job has consumed its inputs, then for the checkpoint that commits their outputs. */
    private static void awaitConsumed(String group, List<String> inputs) throws Exception {
        long end = endOffsets(inputs);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                long consumed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS).entrySet().stream()
                        .filter(e -> inputs.contains(e.getKey().topic()) && e.getValue() != null)
                        .mapToLong(e -> e.getValue().offset()).sum();
                if (consumed >= end) {
                    Thread.sleep(3000); // offsets and transactions commit on the same checkpoint, in either order
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the job did not consume its " + end + " input records within 120 s");
    }
}
