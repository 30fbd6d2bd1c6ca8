package io.leaddedup.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract's behaviours through a real Kafka broker: every input topic, every output topic
 * read {@code read_committed}, record keys as published, and poison records that are rejected while
 * the good records around them go through.
 */
class KafkaModeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path work;

    @RegisterExtension
    static final BrokerPerClass KAFKA = new BrokerPerClass();

    static KafkaBroker broker;
    static JobClient job;

    @BeforeAll
    static void startBrokerAndJob() throws Exception {
        broker = KAFKA.get();
        broker.createTopics(KafkaTestAccess.defaultInputTopics(), 2);
        broker.createTopics(KafkaTestAccess.defaultOutputTopics(), 2);
        broker.createTopics(List.of("csv-upload-check", "produce-check"), 2);
        Path settings = work.resolve("settings.jsonl");
        Files.write(settings, List.of(
                "{\"type\":\"account_settings\",\"accountId\":\"acme\",\"relocateDuplicatesApi\":true}",
                "{\"type\":\"campaign_settings\",\"accountId\":\"acme\",\"campaignId\":\"c1\","
                        + "\"duplicateCallerHandling\":\"NEW_CONVERTIBLE_BUYER\"}"));
        job = KafkaJobRunner.start(
                KafkaJobRunner.args(broker.bootstrapServers(), work.resolve("job"), "kafka-mode-test", settings),
                UnaryOperator.identity());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KafkaBroker.producerProperties(broker.bootstrapServers()))) {
            send(producer, "leads", "+16789998212", lead("L1", "678-999-8212", "2026-11-01T10:00:00Z"));
            send(producer, "leads", "+16789998212", new byte[] {(byte) 0xC3, (byte) 0x28, '{'}); // not UTF-8
            send(producer, "leads", "x", "{\"leadId\": \"broken".getBytes(StandardCharsets.UTF_8));
            send(producer, "leads", "+16789998212", null);
            send(producer, "leads", "+16789998212", lead("L2", "+1 678 999 8212", "2026-11-02T10:00:00Z"));
            // settings records on their topic: the kind is told by the fields when "type" is absent
            send(producer, "dedup-settings", "acme", ("{\"accountId\":\"acme\",\"buyerId\":\"b1\","
                    + "\"dedupeWindow\":\"P30D\"}").getBytes(StandardCharsets.UTF_8));
            send(producer, "conversions", "+16789998212", ("{\"accountId\":\"acme\",\"callerPhone\":\"6789998212\","
                    + "\"buyerId\":\"b1\",\"convertedAt\":\"2026-11-05T10:00:00Z\"}").getBytes(StandardCharsets.UTF_8));
            producer.flush();
        }
        // Conversions and requests travel on different topics: let the conversion land first.
        CommittedTopic.readUntil(broker.bootstrapServers(), "lead-status", r -> r.size() >= 3, WAIT);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KafkaBroker.producerProperties(broker.bootstrapServers()))) {
            send(producer, "phone-dispositions", "+16789998212", ("{\"accountId\":\"acme\",\"campaignId\":\"c1\","
                    + "\"phone\":\"(678) 999-8212\",\"action\":\"DISQUALIFY\",\"at\":\"2026-11-06T10:00:00Z\"}")
                    .getBytes(StandardCharsets.UTF_8));
            send(producer, "routing-requests", "+16789998212", ("{\"requestId\":\"r1\",\"accountId\":\"acme\","
                    + "\"campaignId\":\"c1\",\"callerPhone\":\"+16789998212\",\"kind\":\"RTB\","
                    + "\"candidateBuyers\":[\"b1\"],\"receivedAt\":\"2026-11-10T10:00:00Z\"}")
                    .getBytes(StandardCharsets.UTF_8));
            // typed calls on the leads topic still reach caller-routing (through normalize-event-calls),
            // in their partition's order, and a bad one still reaches rejects
            send(producer, "leads", "+13125550142", ("{\"type\":\"conversion\",\"accountId\":\"acme\","
                    + "\"callerPhone\":\"312-555-0142\",\"buyerId\":\"b1\",\"convertedAt\":\"2026-11-05T10:00:00Z\"}")
                    .getBytes(StandardCharsets.UTF_8));
            send(producer, "leads", "+13125550142", ("{\"type\":\"routing_request\",\"requestId\":\"r2\","
                    + "\"accountId\":\"acme\",\"campaignId\":\"c1\",\"callerPhone\":\"(312) 555-0142\","
                    + "\"kind\":\"RTB\",\"candidateBuyers\":[\"b1\"],\"receivedAt\":\"2026-11-10T10:00:00Z\"}")
                    .getBytes(StandardCharsets.UTF_8));
            send(producer, "leads", "x", ("{\"type\":\"routing_request\",\"requestId\":\"r3\",\"accountId\":\"acme\","
                    + "\"campaignId\":\"c1\",\"callerPhone\":\"12\",\"kind\":\"RTB\",\"candidateBuyers\":[\"b1\"],"
                    + "\"receivedAt\":\"2026-11-10T10:00:00Z\"}").getBytes(StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (job != null) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private static byte[] lead(String id, String phone, String importedAt) {
        return ("{\"accountId\":\"acme\",\"leadId\":\"" + id + "\",\"listId\":\"list-1\",\"campaignId\":\"c1\","
                + "\"campaignPurpose\":\"solar\",\"phone\":\"" + phone + "\",\"source\":\"API\",\"importedAt\":\""
                + importedAt + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
    }

    private static JsonNode json(CommittedTopic.Record record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void relocatesAndDisqualifiesThroughKafkaWithTheContractsKeys() {
        List<CommittedTopic.Record> actions = CommittedTopic.readUntil(broker.bootstrapServers(), "lead-actions",
                r -> r.size() >= 3, WAIT);
        assertThat(actions).extracting(CommittedTopic.Record::key, r -> json(r).get("action").asText())
                .containsExactlyInAnyOrder(tuple("L1", "RELOCATED"), tuple("L1", "DISQUALIFIED"),
                        tuple("L2", "DISQUALIFIED"));

        List<CommittedTopic.Record> counts = CommittedTopic.readUntil(broker.bootstrapServers(),
                "campaign-phone-counts", r -> r.size() >= 3, WAIT);
        assertThat(counts).extracting(CommittedTopic.Record::key).containsOnly("acme/c1/+16789998212");
        assertThat(json(counts.get(counts.size() - 1)).get("disqualified").asBoolean()).isTrue();
    }

    @Test
    void answersRoutingRequestsFromConversionsOnTheirOwnTopics() {
        List<CommittedTopic.Record> decisions = CommittedTopic.readUntil(broker.bootstrapServers(),
                "routing-decisions", r -> r.stream().map(CommittedTopic.Record::key).distinct().count() >= 2, WAIT);
        // at least once: a failover may write a decision twice
        assertThat(decisions).extracting(CommittedTopic.Record::key).containsOnly("r1", "r2");
        for (CommittedTopic.Record record : decisions) {
            JsonNode decision = json(record);
            assertThat(decision.get("status").asText()).as(record.key()).isEqualTo("NO_TARGET");
            assertThat(decision.get("duplicateBuyers").toString()).as(record.key()).isEqualTo("[\"b1\"]");
        }
    }

    @Test
    void uploadsALeadCsvAsCsvLeadEventsKeyedByPhoneKey() throws Exception {
        Path csv = work.resolve("upload.csv");
        Files.write(csv, List.of("\uFEFFLead_ID,first_name,Phone,Mobile",
                "L-100,\"Smith, John\",(678) 999-8212,",
                "L-101,Jane,212 555 0101,678.999.8212",
                "",
                "L-102,\"Mary \"\"Mo\"\"",       // a quoted field that spans two lines
                "Jones\",312 555 0142,"));
        // flags before and after the file, as they come
        KafkaTestAccess.uploadCsv(new String[] {"upload-csv", "--account", "acme", "--list", "list-nov",
                "--campaign", "c1", csv.toString(), "--purpose", "solar", "--relocate-duplicates", "--topic",
                "csv-upload-check", "--bootstrap-servers", broker.bootstrapServers()});

        List<CommittedTopic.Record> leads = CommittedTopic.readUntil(broker.bootstrapServers(), "csv-upload-check",
                r -> r.size() >= 3, WAIT);
        assertThat(leads).extracting(CommittedTopic.Record::key)
                .containsExactlyInAnyOrder("acme/+16789998212", "acme/+12125550101", "acme/+13125550142");
        JsonNode jane = leads.stream().map(KafkaModeTest::json).filter(j -> j.get("leadId").asText().equals("L-101"))
                .findFirst().orElseThrow();
        assertThat(jane.get("type").asText()).isEqualTo("lead");
        assertThat(jane.get("source").asText()).isEqualTo("CSV");
        assertThat(jane.get("relocateDuplicates").asBoolean()).isTrue();
        assertThat(jane.get("mobile").asText()).isEqualTo("678.999.8212");
        assertThat(jane.get("listId").asText()).isEqualTo("list-nov");
        assertThat(jane.get("importedAt").asText()).isNotBlank();
    }

    @Test
    void producesAJsonLinesFileKeyedByPhoneKey() throws Exception {
        Path file = work.resolve("produce.jsonl");
        // saved "UTF-8 with BOM", with a blank line and a Latin-1 line among UTF-8 ones
        String utf8 = String.join("\n",
                "\uFEFF{\"type\":\"lead\",\"accountId\":\"acme\",\"leadId\":\"P1\",\"phone\":\"(678) 999-8212\"}",
                "",
                "{\"type\":\"routing_request\",\"accountId\":\"acme\",\"callerPhone\":\"212 555 0101\"}",
                "not json at all",
                "{\"type\":\"lead\",\"accountId\":\"acme\",\"leadId\":\"Ren\u00e9e\",\"phone\":\"312 555 0143\"}", "");
        String latin1 = "{\"type\":\"lead\",\"accountId\":\"acme\",\"leadId\":\"Jos\u00e9\",\"phone\":\"312 555 0142\"}\n";
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes(utf8.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(latin1.getBytes(StandardCharsets.ISO_8859_1));
        Files.write(file, bytes.toByteArray());
        // the README's line, in its order: ./lead-dedup produce --topic leads FILE --bootstrap-servers ...
        KafkaTestAccess.produce(new String[] {"produce", "--topic", "produce-check", file.toString(),
                "--bootstrap-servers", broker.bootstrapServers()});

        List<CommittedTopic.Record> records = CommittedTopic.readUntil(broker.bootstrapServers(), "produce-check",
                r -> r.size() >= 5, WAIT);
        assertThat(records).extracting(CommittedTopic.Record::key)
                .containsExactlyInAnyOrder("acme/+16789998212", "acme/+12125550101", null, "acme/+13125550143", null);
        // every line's bytes as they were: the Latin-1 one is the job's to reject, not the tool's to stop at
        assertThat(records).extracting(CommittedTopic.Record::value).contains("not json at all")
                .anySatisfy(value -> assertThat(value).contains("Ren\u00e9e"))
                .anySatisfy(value -> assertThat(value).contains("Jos\uFFFD"));
    }

    @Test
    void rejectsPoisonRecordsAndKeepsTheGoodOnes() {
        List<CommittedTopic.Record> rejects = CommittedTopic.readUntil(broker.bootstrapServers(), "rejects",
                r -> r.size() >= 4, WAIT);
        assertThat(rejects).extracting(r -> json(r).get("reason").asText())
                .containsExactlyInAnyOrder("MALFORMED", "MALFORMED", "MALFORMED", "INVALID_PHONE");
        assertThat(rejects).filteredOn(r -> json(r).get("reason").asText().equals("INVALID_PHONE"))
                .extracting(r -> json(r).get("payload").toString()).singleElement().asString().contains("r3");
        assertThat(rejects).filteredOn(r -> json(r).get("reason").asText().equals("MALFORMED"))
                .extracting(r -> json(r).get("detail").asText())
                .anySatisfy(detail -> assertThat(detail).startsWith("not UTF-8 text at leads-"))
                .anySatisfy(detail -> assertThat(detail).startsWith("empty record"))
                .anySatisfy(detail -> assertThat(detail).startsWith("not valid JSON"));
        List<CommittedTopic.Record> statuses = CommittedTopic.readUntil(broker.bootstrapServers(), "lead-status",
                r -> r.size() >= 5, WAIT);
        assertThat(statuses).extracting(CommittedTopic.Record::key).contains("L1", "L2");
    }
}
