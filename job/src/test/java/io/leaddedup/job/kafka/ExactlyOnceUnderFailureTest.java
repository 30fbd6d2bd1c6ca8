package io.leaddedup.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leaddedup.job.KafkaTestAccess;
import io.leaddedup.job.LoadGenerator;
import io.leaddedup.job.LocalTestAccess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over 100,000 events with relocations, dispositions and routing requests, through a real broker,
 * while the job is made to fail three times mid-stream. The committed output must equal, record for
 * record, that of an undisturbed run of the same topology on the same events (local mode).
 *
 * <p>All events go to the {@code leads} topic keyed by their number (each carries its {@code type}),
 * so every number's events keep their order, and generated leads have one number each: the
 * output is then a function of the input alone, and any difference is a lost or repeated record.
 */
class ExactlyOnceUnderFailureTest {

    private static final int LEADS = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    static KafkaBroker broker;
    static Path reference;
    static Path settings;
    static List<LoadGenerator.Event> events;

    @BeforeAll
    static void produceEventsAndRunTheReference() throws Exception {
        LoadGenerator generator = new LoadGenerator(7L, 40_000, 4, false);
        events = generator.events(LEADS);
        settings = work.resolve("settings.jsonl");
        Files.write(settings, generator.settings());
        Path input = work.resolve("events.jsonl");
        Files.write(input, events.stream().map(LoadGenerator.Event::json).toList());
        reference = work.resolve("reference");
        LocalTestAccess.run(input, settings, reference);

        broker = KafkaBroker.start();
        broker.createTopics(KafkaTestAccess.defaultInputTopics(), 2);
        broker.createTopics(KafkaTestAccess.defaultOutputTopics(), 2);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KafkaBroker.producerProperties(broker.bootstrapServers()))) {
            for (LoadGenerator.Event event : events) {
                producer.send(new ProducerRecord<>("leads", event.key().getBytes(StandardCharsets.UTF_8),
                        event.json().getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void committedOutputEqualsAnUndisturbedRunDespiteThreeFailures() throws Exception {
        assertThat(events.size()).isGreaterThan(LEADS);
        InjectedFailures.arm(3);
        long started = System.nanoTime();
        JobClient job = KafkaJobRunner.start(
                KafkaJobRunner.args(broker.bootstrapServers(), work.resolve("job"), "exactly-once", settings),
                raw -> raw.map(new InjectedFailures()).name("injected-failures"));
        try {
            int expectedStatuses = lines(reference.resolve("lead-status.jsonl")).size();
            CommittedTopic.readUntil(broker.bootstrapServers(), "lead-status", r -> r.size() >= expectedStatuses,
                    Duration.ofMinutes(4));
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(java.util.Locale.ROOT, "exactly-once run: %,d events committed in %.1f s with 3 "
                    + "failures (%,.0f events/s end to end, job start included)%n", events.size(), seconds,
                    events.size() / seconds);
            assertThat(InjectedFailures.REMAINING.get()).as("all failures were injected mid-stream").isLessThanOrEqualTo(0);

            for (String topic : List.of("lead-actions", "lead-status", "campaign-phone-counts", "rejects")) {
                List<String> committed = CommittedTopic.readAll(broker.bootstrapServers(), topic).stream()
                        .map(CommittedTopic.Record::value).toList();
                assertThat(counted(committed)).as(topic).isEqualTo(counted(lines(reference.resolve(topic + ".jsonl"))));
            }
            // At least once by design: every request answered, the same way; repeats allowed.
            Map<String, String> decisions = new HashMap<>();
            for (CommittedTopic.Record record : CommittedTopic.readAll(broker.bootstrapServers(), "routing-decisions")) {
                decisions.put(record.key(), withoutDecidedAt(record.value()));
            }
            Map<String, String> expected = new HashMap<>();
            for (String line : lines(reference.resolve("routing-decisions.jsonl"))) {
                expected.put(JSON.readTree(line).get("requestId").asText(), withoutDecidedAt(line));
            }
            assertThat(decisions).isEqualTo(expected);
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private static Map<String, Long> counted(List<String> records) {
        return records.stream().collect(Collectors.groupingBy(r -> r, TreeMap::new, Collectors.counting()));
    }

    private static String withoutDecidedAt(String json) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(json);
            node.remove("decidedAt");
            return node.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> lines(Path file) throws Exception {
        return new ArrayList<>(Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList());
    }
}
