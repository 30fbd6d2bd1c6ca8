package io.leaddedup.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A settings change made while the job runs applies "within moments": relocation is switched off
 * for an account while pairs of duplicate API leads arrive every 50 ms, each pair on a number of
 * its own. Pairs decided before the change relocate, pairs after it are flagged; the first flagged
 * pair bounds the delay, which is printed. Once in force, the change stays in force.
 */
class LiveSettingsChangeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "live-";
    private static final long PAIR_EVERY_MS = 50;
    private static final int PAIRS = 100;

    @TempDir
    static Path work;

    @RegisterExtension
    static final BrokerPerClass KAFKA = new BrokerPerClass();

    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KAFKA.get();
        ReferenceRun.createTopics(broker, PREFIX);
    }


    @Test
    void aSettingsChangeAppliesWithinMomentsAndStays() throws Exception {
        List<String> args = KafkaJobRunner.args(broker.bootstrapServers(), work.resolve("job"), "live", null);
        args.addAll(ReferenceRun.topicFlags(PREFIX));
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KafkaBroker.producerProperties(broker.bootstrapServers()))) {
            send(producer, "dedup-settings", "acct-live", settings(true));
            producer.flush();
            JobClient job = KafkaJobRunner.start(args, UnaryOperator.identity());
            try {
                // the job is up and relocating: a first pair, decided with relocation on
                sendPair(producer, 0);
                CommittedTopic.readUntil(broker.bootstrapServers(), PREFIX + "lead-actions",
                        r -> !r.isEmpty(), Duration.ofSeconds(90));

                long changed = System.nanoTime();
                send(producer, "dedup-settings", "acct-live", settings(false));
                producer.flush();
                long[] sentAt = new long[PAIRS + 1];
                for (int pair = 1; pair <= PAIRS; pair++) {
                    sentAt[pair] = (System.nanoTime() - changed) / 1_000_000;
                    sendPair(producer, pair);
                    Thread.sleep(PAIR_EVERY_MS);
                }
                producer.flush();

                Map<Integer, String> decided = new TreeMap<>();
                CommittedTopic.readUntil(broker.bootstrapServers(), PREFIX + "lead-actions", records -> {
                    decided.clear();
                    for (CommittedTopic.Record record : records) {
                        JsonNode action = json(record.value());
                        String leadId = action.get("leadId").asText();
                        decided.put(Integer.parseInt(leadId.substring(1, leadId.indexOf('-'))),
                                action.get("action").asText());
                    }
                    return decided.size() == PAIRS + 1;
                }, Duration.ofSeconds(90));

                assertThat(decided.get(0)).isEqualTo("RELOCATED");
                int firstFlagged = decided.entrySet().stream().filter(e -> e.getValue().equals("DUPLICATE"))
                        .mapToInt(Map.Entry::getKey).min().orElseThrow();
                for (int pair = firstFlagged; pair <= PAIRS; pair++) {
                    assertThat(decided.get(pair)).as("pair %d, after the change was in force", pair)
                            .isEqualTo("DUPLICATE");
                }
                long upperBound = sentAt[firstFlagged];
                long lowerBound = firstFlagged > 1 ? sentAt[firstFlagged - 1] : 0;
                System.out.println("settings change in force after " + lowerBound + "-" + upperBound
                        + " ms (first pair decided with it: " + firstFlagged + " of " + PAIRS + ")");
                assertThat(upperBound).as("a change applies within moments").isLessThan(3_000);
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String settings(boolean relocate) {
        return "{\"type\":\"account_settings\",\"accountId\":\"acct-live\",\"relocateDuplicatesApi\":" + relocate + "}";
    }

    /** An older and a newer API lead on a number of the pair's own. */
    private static void sendPair(KafkaProducer<byte[], byte[]> producer, int pair) {
        String phone = String.format("+1678555%04d", pair);
        for (String age : new String[] {"old", "new"}) {
            String lead = "{\"type\":\"lead\",\"accountId\":\"acct-live\",\"leadId\":\"P" + pair + "-" + age + "\","
                    + "\"listId\":\"l\",\"campaignId\":\"c\",\"campaignPurpose\":\"p\",\"phone\":\"" + phone + "\","
                    + "\"source\":\"API\",\"importedAt\":\"2026-11-0" + (age.equals("old") ? 1 : 2) + "T10:00:00Z\"}";
            send(producer, "leads", "acct-live/" + phone, lead);
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, String value) {
        producer.send(new ProducerRecord<>(PREFIX + topic, key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode json(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(value, e);
        }
    }
}
