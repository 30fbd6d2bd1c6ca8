package io.leaddedup.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --max-lead-rate}: a backlog of leads is read at the cap's pace, every lead still comes
 * out, routing requests sent meanwhile are answered without waiting for the backlog, and the
 * consumer group's offsets still follow the checkpoints (the reader the cap wraps must still hear
 * of completed checkpoints). Through a real broker, read as a consumer would ({@code read_committed}).
 */
class LeadRateCapTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LEADS = 1500;
    private static final int CAP = 100;

    @RegisterExtension
    static final BrokerPerClass KAFKA = new BrokerPerClass();

    @TempDir
    Path work;

    @Test
    void readsABacklogAtTheCapWhileCallRoutingAnswersAtOnce() throws Exception {
        KafkaBroker broker = KAFKA.get();
        broker.createTopics(KafkaTestAccess.defaultInputTopics(), 2);
        broker.createTopics(KafkaTestAccess.defaultOutputTopics(), 2);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KafkaBroker.producerProperties(broker.bootstrapServers()))) {
            for (int i = 0; i < LEADS; i++) { // a backlog: every lead on its own number, so one status each
                String phone = "+1678999" + String.format(Locale.ROOT, "%04d", i);
                producer.send(new ProducerRecord<>("leads", bytes(phone), bytes("{\"accountId\":\"acme\",\"leadId\":"
                        + "\"L" + i + "\",\"listId\":\"list-1\",\"campaignId\":\"c1\",\"campaignPurpose\":\"solar\","
                        + "\"phone\":\"" + phone + "\",\"source\":\"API\",\"importedAt\":\"2026-11-01T10:00:00Z\"}")));
            }
        }
        Map<String, Long> statusSeenAt = new ConcurrentHashMap<>();
        Map<String, Long> decisionSeenAt = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> read(broker.bootstrapServers(), statusSeenAt, decisionSeenAt, stop),
                "committed-outputs");
        reader.start();

        JobClient job = KafkaJobRunner.start(KafkaJobRunner.args(broker.bootstrapServers(), work, "rate-cap", null,
                "--max-lead-rate", Integer.toString(CAP)), UnaryOperator.identity());
        try {
            await(() -> !statusSeenAt.isEmpty(), Duration.ofSeconds(90));
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(KafkaBroker.producerProperties(broker.bootstrapServers()))) {
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>("routing-requests", bytes("+16789990001"), bytes(
                            "{\"requestId\":\"r" + i + "\",\"accountId\":\"acme\",\"campaignId\":\"c1\",\"callerPhone\":"
                                    + "\"+16789990001\",\"kind\":\"RTB\",\"candidateBuyers\":[\"b1\"],\"receivedAt\":"
                                    + "\"2026-11-10T10:00:00Z\"}")));
                }
            }
            await(() -> statusSeenAt.size() == LEADS, Duration.ofSeconds(120));

            long first = statusSeenAt.values().stream().mapToLong(Long::longValue).min().orElseThrow();
            long last = statusSeenAt.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            // 1,500 leads at 100 a second take 15 s; without the cap this job reads them in about 2 s. The
            // first and last statuses are seen at checkpoints (read_committed), and the first checkpoint
            // comes a few seconds after reading starts on a slow machine: hence the margin.
            assertThat(Duration.ofNanos(last - first)).as("the backlog read at the cap's pace")
                    .isGreaterThan(Duration.ofSeconds(10));
            assertThat(decisionSeenAt).as("every routing request answered").containsOnlyKeys("r0", "r1", "r2");
            decisionSeenAt.values().forEach(answered -> assertThat(Duration.ofNanos(last - answered))
                    .as("answered while the backlog was still being read").isGreaterThan(Duration.ofSeconds(1)));
            assertThat(committedLeadOffsets(broker.bootstrapServers()))
                    .as("the consumer group's offsets follow the checkpoints").isEqualTo(LEADS);
        } finally {
            stop.set(true);
            reader.join();
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    /** Every lead-status and routing decision committed, with the time it was first read. */
    private static void read(String servers, Map<String, Long> statusSeenAt, Map<String, Long> decisionSeenAt,
            AtomicBoolean stop) {
        Properties properties = KafkaBroker.consumerProperties(servers, "rate-cap-reader");
        properties.put("isolation.level", "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of("lead-status", "routing-decisions"));
            while (!stop.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    JsonNode value = JSON.readTree(record.value());
                    long now = System.nanoTime();
                    if (record.topic().equals("lead-status")) {
                        statusSeenAt.putIfAbsent(value.get("leadId").asText(), now);
                    } else {
                        decisionSeenAt.putIfAbsent(value.get("requestId").asText(), now);
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The job's committed positions on the leads topic, summed over partitions, once they stop moving. */
    private static long committedLeadOffsets(String servers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long committed = -1;
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> offsets =
                        admin.listConsumerGroupOffsets("rate-cap").partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                committed = offsets.entrySet().stream().filter(e -> e.getKey().topic().equals("leads"))
                        .mapToLong(e -> e.getValue().offset()).sum();
                long end = admin.listOffsets(Map.of(new TopicPartition("leads", 0), OffsetSpec.latest(),
                        new TopicPartition("leads", 1), OffsetSpec.latest())).all().get(10, TimeUnit.SECONDS)
                        .values().stream().mapToLong(info -> info.offset()).sum();
                if (committed == end) {
                    return committed;
                }
                Thread.sleep(500);
            }
            return committed;
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
