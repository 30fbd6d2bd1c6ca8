package io.leaddedup.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaddedup.job.LoadGenerator;
import io.leaddedup.job.LocalTestAccess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operations that interrupt the job: stop with a savepoint and resume at another parallelism, and
 * the broker going away mid-run. Either way the committed output equals one uninterrupted run.
 */
class RecoveryTest {

    private static final String[] OUTPUTS = {"lead-actions", "lead-status", "campaign-phone-counts", "rejects"};

    @TempDir
    static Path work;

    static KafkaBroker broker;
    static Path settings;
    static List<LoadGenerator.Event> events;
    static Path reference;

    @BeforeAll
    static void setUp() throws Exception {
        LoadGenerator generator = new LoadGenerator(11L, 10_000, 4, false);
        events = generator.events(30_000);
        settings = work.resolve("settings.jsonl");
        Files.write(settings, generator.settings());
        Path input = work.resolve("events.jsonl");
        Files.write(input, events.stream().map(LoadGenerator.Event::json).toList());
        reference = work.resolve("reference");
        LocalTestAccess.run(input, settings, reference);
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void resumesFromASavepointAtAnotherParallelism() throws Exception {
        String prefix = "savepoint-";
        createTopics(prefix);
        produce(prefix, events.subList(0, events.size() / 2));
        JobClient first = KafkaJobRunner.start(args(prefix, "2"), UnaryOperator.identity());
        awaitSomeOutput(prefix);
        String savepoint = first.stopWithSavepoint(false, work.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get(2, TimeUnit.MINUTES);

        produce(prefix, events.subList(events.size() / 2, events.size()));
        JobClient second = KafkaJobRunner.start(args(prefix, "1", "--restore", savepoint), UnaryOperator.identity());
        try {
            assertOutputsEqualTheReference(prefix);
        } finally {
            second.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void recoversWhenTheBrokerGoesAwayMidRun() throws Exception {
        String prefix = "broker-";
        createTopics(prefix);
        produce(prefix, events.subList(0, events.size() / 2));
        JobClient job = KafkaJobRunner.start(args(prefix, "2"), UnaryOperator.identity());
        try {
            awaitSomeOutput(prefix);
            broker.restart();
            produce(prefix, events.subList(events.size() / 2, events.size()));
            assertOutputsEqualTheReference(prefix);
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> args(String prefix, String parallelism, String... extra) throws Exception {
        List<String> args = KafkaJobRunner.args(broker.bootstrapServers(), work.resolve(prefix + "job"),
                prefix + "job", settings, extra);
        args.addAll(List.of("--parallelism", parallelism));
        for (String topic : List.of("leads", "phone-dispositions", "conversions", "routing-requests",
                "lead-actions", "lead-status", "campaign-phone-counts", "routing-decisions", "rejects")) {
            args.addAll(List.of("--topic-" + topic, prefix + topic));
        }
        args.addAll(List.of("--topic-settings", prefix + "dedup-settings"));
        return args;
    }

    private static void createTopics(String prefix) throws Exception {
        broker.createTopics(List.of(prefix + "leads", prefix + "phone-dispositions", prefix + "conversions",
                prefix + "routing-requests", prefix + "dedup-settings", prefix + "lead-actions", prefix + "lead-status",
                prefix + "campaign-phone-counts", prefix + "routing-decisions", prefix + "rejects"), 2);
    }

    private static void produce(String prefix, List<LoadGenerator.Event> batch) {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KafkaBroker.producerProperties(broker.bootstrapServers()))) {
            for (LoadGenerator.Event event : batch) {
                producer.send(new ProducerRecord<>(prefix + "leads", event.key().getBytes(StandardCharsets.UTF_8),
                        event.json().getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static void awaitSomeOutput(String prefix) {
        List<CommittedTopic.Record> some = CommittedTopic.readUntil(broker.bootstrapServers(), prefix + "lead-status",
                r -> r.size() >= 1000, Duration.ofMinutes(2));
        assertThat(some).hasSizeGreaterThanOrEqualTo(1000);
    }

    private static void assertOutputsEqualTheReference(String prefix) throws Exception {
        int expectedStatuses = lines(reference.resolve("lead-status.jsonl")).size();
        CommittedTopic.readUntil(broker.bootstrapServers(), prefix + "lead-status",
                r -> r.size() >= expectedStatuses, Duration.ofMinutes(3));
        for (String topic : OUTPUTS) {
            List<String> committed = CommittedTopic.readAll(broker.bootstrapServers(), prefix + topic).stream()
                    .map(CommittedTopic.Record::value).toList();
            assertThat(counted(committed)).as(topic).isEqualTo(counted(lines(reference.resolve(topic + ".jsonl"))));
        }
    }

    private static Map<String, Long> counted(List<String> records) {
        return records.stream().collect(Collectors.groupingBy(r -> r, TreeMap::new, Collectors.counting()));
    }

    private static List<String> lines(Path file) throws Exception {
        return new ArrayList<>(Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList());
    }
}
