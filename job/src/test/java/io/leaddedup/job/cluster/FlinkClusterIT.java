package io.leaddedup.job.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaddedup.job.LoadGenerator;
import io.leaddedup.job.LocalTestAccess;
import io.leaddedup.job.kafka.CommittedTopic;
import io.leaddedup.job.kafka.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar on a real Flink cluster: a JobManager and two TaskManagers, each its own JVM,
 * the job uploaded and run over REST against a real Kafka broker. A TaskManager is killed with
 * SIGKILL mid-stream; the job is stopped with a savepoint and resumed at another parallelism; a
 * bad argument is refused. Every time, the committed output equals one undisturbed run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkClusterIT {

    private static final String[] OUTPUTS = {"lead-actions", "lead-status", "campaign-phone-counts", "rejects"};

    @TempDir
    static Path work;

    static KafkaBroker broker;
    static FlinkCluster cluster;
    static String jarId;
    static Path settings;
    static List<LoadGenerator.Event> events;
    static Path reference;

    @BeforeAll
    static void setUp() throws Exception {
        LoadGenerator generator = new LoadGenerator(13L, 10_000, 4, false);
        events = generator.events(30_000);
        settings = work.resolve("settings.jsonl");
        Files.write(settings, generator.settings());
        Path input = work.resolve("events.jsonl");
        Files.write(input, events.stream().map(LoadGenerator.Event::json).toList());
        reference = work.resolve("reference");
        LocalTestAccess.run(input, settings, reference);

        broker = KafkaBroker.start();
        cluster = FlinkCluster.start(2, 1);
        jarId = cluster.uploadJar(Path.of(System.getProperty("job.jar")));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void recoversByItselfWhenATaskManagerIsKilled() throws Exception {
        String prefix = "tm-";
        createTopics(prefix);
        produce(prefix, events.subList(0, events.size() / 2));
        String job = submit(prefix, 2, null);
        int before = awaitSomeOutput(prefix);

        long killed = System.nanoTime();
        cluster.killTaskManager(0);
        cluster.startTaskManager();
        produce(prefix, events.subList(events.size() / 2, events.size()));
        // Recovery: from the kill until committed output flows again.
        CommittedTopic.readUntil(broker.bootstrapServers(), prefix + "lead-status", r -> r.size() > before + 100,
                Duration.ofMinutes(3));
        long recoveryMillis = (System.nanoTime() - killed) / 1_000_000;
        System.out.println("TaskManager killed: output flowing again after " + recoveryMillis + " ms");
        try {
            assertOutputsEqualTheReference(prefix);
        } finally {
            cluster.cancel(job);
            cluster.awaitJobState(job, "CANCELED", Duration.ofSeconds(60));
        }
    }

    @Test
    @Order(2)
    void resumesFromASavepointTakenOverRestAtAnotherParallelism() throws Exception {
        String prefix = "sp-";
        createTopics(prefix);
        produce(prefix, events.subList(0, events.size() / 2));
        String job = submit(prefix, 2, null);
        awaitSomeOutput(prefix);
        String savepoint = cluster.stopWithSavepoint(job, work.resolve("savepoints"));

        produce(prefix, events.subList(events.size() / 2, events.size()));
        String resumed = submit(prefix, 1, savepoint);
        try {
            assertOutputsEqualTheReference(prefix);
        } finally {
            cluster.cancel(resumed);
            cluster.awaitJobState(resumed, "CANCELED", Duration.ofSeconds(60));
        }
    }

    @Test
    @Order(3)
    void refusesAWrongArgumentWithAReadableErrorAndStaysUp() throws Exception {
        JsonNode answer = cluster.run(jarId, List.of("kafka", "--bootstrap-servers", "no port here"), 1, null);
        assertThat(answer.path("jobid").isMissingNode()).isTrue();
        assertThat(answer.path("errors").toString()).contains("--bootstrap-servers must be HOST:PORT");
        assertThat(cluster.overview().path("taskmanagers").asInt()).isEqualTo(2);
    }

    private static String submit(String prefix, int parallelism, String savepoint) throws Exception {
        List<String> args = new ArrayList<>(List.of("kafka",
                "--bootstrap-servers", broker.bootstrapServers(),
                "--group-id", prefix + "job",
                "--transactional-id-prefix", prefix + "job",
                "--checkpoint-dir", work.resolve(prefix + "checkpoints").toString(),
                "--checkpoint-interval", "1s",
                "--transaction-timeout", "5m",
                "--starting-offsets", "earliest",
                "--settings", settings.toString(),
                "--parallelism", Integer.toString(parallelism)));
        for (String topic : List.of("leads", "phone-dispositions", "conversions", "routing-requests",
                "lead-actions", "lead-status", "campaign-phone-counts", "routing-decisions", "rejects")) {
            args.addAll(List.of("--topic-" + topic, prefix + topic));
        }
        args.addAll(List.of("--topic-settings", prefix + "dedup-settings"));
        JsonNode answer = cluster.run(jarId, args, parallelism, savepoint);
        String job = answer.path("jobid").asText();
        assertThat(job).as("submission answer: %s", answer).isNotBlank();
        cluster.awaitJobState(job, "RUNNING", Duration.ofSeconds(60));
        return job;
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

    private static int awaitSomeOutput(String prefix) {
        List<CommittedTopic.Record> some = CommittedTopic.readUntil(broker.bootstrapServers(), prefix + "lead-status",
                r -> r.size() >= 1000, Duration.ofMinutes(2));
        assertThat(some).hasSizeGreaterThanOrEqualTo(1000);
        return some.size();
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
