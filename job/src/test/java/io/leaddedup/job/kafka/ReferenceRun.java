package io.leaddedup.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaddedup.job.LocalTestAccess;
import io.leaddedup.job.tools.LoadGenerator;
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

/**
 * Generated events and the output of one undisturbed local-mode run over them: what every
 * disturbed Kafka or cluster run must reproduce, record for record. Each run uses its own set of
 * topics, named with a prefix, so several runs share one broker.
 */
public final class ReferenceRun {

    /** The output topics compared record for record (routing decisions are at least once). */
    public static final List<String> EXACTLY_ONCE_OUTPUTS =
            List.of("lead-actions", "lead-status", "campaign-phone-counts", "rejects");
    private static final List<String> TOPICS = List.of("leads", "phone-dispositions", "conversions",
            "routing-requests", "dedup-settings", "lead-actions", "lead-status", "campaign-phone-counts",
            "routing-decisions", "rejects");

    public final List<LoadGenerator.Event> events;
    public final Path settings;
    public final Path output;

    private ReferenceRun(List<LoadGenerator.Event> events, Path settings, Path output) {
        this.events = events;
        this.settings = settings;
        this.output = output;
    }

    public static ReferenceRun of(Path work, long seed, int numbers, int leads) throws Exception {
        LoadGenerator generator = new LoadGenerator(seed, numbers, 4, false);
        List<LoadGenerator.Event> events = generator.events(leads);
        Path settings = work.resolve("settings.jsonl");
        Files.write(settings, generator.settings());
        Path input = work.resolve("events.jsonl");
        Files.write(input, events.stream().map(LoadGenerator.Event::json).toList());
        Path output = work.resolve("reference");
        LocalTestAccess.run(input, settings, output);
        return new ReferenceRun(events, settings, output);
    }

    public List<LoadGenerator.Event> firstHalf() {
        return events.subList(0, events.size() / 2);
    }

    public List<LoadGenerator.Event> secondHalf() {
        return events.subList(events.size() / 2, events.size());
    }

    public static void createTopics(KafkaBroker broker, String prefix) throws Exception {
        broker.createTopics(TOPICS.stream().map(topic -> prefix + topic).toList(), 2);
    }

    /** The job's flags that point it at the prefixed topics. */
    public static List<String> topicFlags(String prefix) {
        List<String> flags = new ArrayList<>();
        for (String topic : TOPICS) {
            flags.add("--topic-" + (topic.equals("dedup-settings") ? "settings" : topic));
            flags.add(prefix + topic);
        }
        return flags;
    }

    /** Sends events to the prefixed leads topic, keyed by number, so each number keeps its order. */
    public static void produce(KafkaBroker broker, String prefix, List<LoadGenerator.Event> batch) {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KafkaBroker.producerProperties(broker.bootstrapServers()))) {
            for (LoadGenerator.Event event : batch) {
                producer.send(new ProducerRecord<>(prefix + "leads", event.key().getBytes(StandardCharsets.UTF_8),
                        event.json().getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    /** Waits for a first thousand committed statuses; returns how many were read. */
    public static int awaitSomeOutput(KafkaBroker broker, String prefix) {
        List<CommittedTopic.Record> some = CommittedTopic.readUntil(broker.bootstrapServers(), prefix + "lead-status",
                r -> r.size() >= 1000, Duration.ofMinutes(2));
        assertThat(some).hasSizeGreaterThanOrEqualTo(1000);
        return some.size();
    }

    public int expected(String topic) throws Exception {
        return lines(output.resolve(topic + ".jsonl")).size();
    }

    /** Every exactly-once topic holds exactly the reference's records: none lost, none repeated. */
    public void assertCommittedOutputEquals(KafkaBroker broker, String prefix) throws Exception {
        assertCommittedOutputEquals(broker, prefix, null);
    }

    /**
     * Every exactly-once topic holds exactly the reference's records less those of {@code plan}
     * (a bootstrap's output directory, null for none): none lost, none repeated.
     */
    public void assertCommittedOutputEquals(KafkaBroker broker, String prefix, Path plan) throws Exception {
        Map<String, Map<String, Long>> expected = new TreeMap<>();
        for (String topic : EXACTLY_ONCE_OUTPUTS) {
            Map<String, Long> records = counted(lines(output.resolve(topic + ".jsonl")));
            if (plan != null) {
                counted(lines(plan.resolve(topic + ".jsonl"))).forEach((record, count) -> {
                    assertThat(records.getOrDefault(record, 0L)).as("a plan record the single run has").isGreaterThanOrEqualTo(count);
                    records.merge(record, -count, Long::sum);
                });
                records.values().removeIf(count -> count == 0);
            }
            expected.put(topic, records);
        }
        long expectedStatuses = expected.get("lead-status").values().stream().mapToLong(Long::longValue).sum();
        CommittedTopic.readUntil(broker.bootstrapServers(), prefix + "lead-status",
                r -> r.size() >= expectedStatuses, Duration.ofMinutes(4));
        for (String topic : EXACTLY_ONCE_OUTPUTS) {
            List<String> committed = CommittedTopic.readAll(broker.bootstrapServers(), prefix + topic).stream()
                    .map(CommittedTopic.Record::value).toList();
            assertThat(counted(committed)).as(topic).isEqualTo(expected.get(topic));
        }
    }

    private static Map<String, Long> counted(List<String> records) {
        return records.stream().collect(Collectors.groupingBy(r -> r, TreeMap::new, Collectors.counting()));
    }

    static List<String> lines(Path file) throws Exception {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    }
}
