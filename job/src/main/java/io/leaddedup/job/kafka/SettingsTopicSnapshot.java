package io.leaddedup.job.kafka;

import io.leaddedup.events.RawEvent;
import io.leaddedup.ingest.DecodedEvent;
import io.leaddedup.ingest.EventDecoder;
import io.leaddedup.job.cli.UsageException;
import io.leaddedup.job.topology.Utf8Lines;
import io.leaddedup.settings.SettingsOrigin;
import io.leaddedup.settings.StartupSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the settings topic to its end offsets before the job is built, into the start-up
 * {@link StartupSettings} that every stage carries: a settings record that was on the topic before
 * an event is then in force for that event, at a cold start with a backlog, after a restore and
 * at any parallelism, without holding events back inside the job. The same records, read again by
 * the job's source, are told apart by their offsets and never override the book
 * ({@link StartupSettings#newest}); records past these end offsets are live changes, applied through
 * the broadcast state.
 *
 * <p>Why here and not inside the job: the keyed stages cannot know when a broadcast side input is
 * complete, and holding a backlog in state until it is would be a queue of our own. The topic is
 * compacted (one record per account, campaign and buyer), so reading it takes a second or two.
 */
public final class SettingsTopicSnapshot {

    /** What the read found, for the start-up log. */
    record Summary(int applied, int skipped, long millis) {}

    private SettingsTopicSnapshot() {}

    static Summary readInto(StartupSettings book, String bootstrapServers, Map<String, String> clientProperties,
            String topic, Duration timeout) {
        long started = System.nanoTime();
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.put("bootstrap.servers", bootstrapServers);
        // Only what producers committed: an aborted settings change was never in force.
        properties.put("isolation.level", "read_committed");
        properties.put("enable.auto.commit", "false");
        properties.put("client.id", "lead-dedup-settings-snapshot");
        EventDecoder decoder = new EventDecoder();
        int applied = 0;
        int skipped = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!caughtUp(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new UsageException("could not read the settings topic '" + topic + "' to its end within "
                            + timeout.toSeconds() + " s (at " + bootstrapServers + ")");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition) || record.value() == null) {
                        skipped += record.value() == null ? 1 : 0;
                        continue;
                    }
                    String text = Utf8Lines.strictUtf8(record.value());
                    DecodedEvent decoded = text == null ? null
                            : decoder.decode(new RawEvent(EventDecoder.ANY_SETTINGS, text));
                    if (decoded == null || decoded.settings == null) {
                        // Rejected (or not a settings record): the job's source reads it too and
                        // reports it on rejects like any bad input.
                        skipped++;
                        continue;
                    }
                    decoded.settings.setOrigin(new SettingsOrigin(record.partition(), record.offset()));
                    book.apply(decoded.settings);
                    applied++;
                }
            }
            end.forEach((partition, offset) -> book.readUpTo(partition.partition(), offset));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new UsageException("could not read the settings topic '" + topic + "' at " + bootstrapServers
                    + " within " + timeout.toSeconds() + " s: " + e.getMessage());
        } catch (KafkaException e) {
            throw new UsageException("could not read the settings topic '" + topic + "' at " + bootstrapServers
                    + " (" + e.getMessage() + (e.getCause() != null ? ": " + e.getCause().getMessage() : "")
                    + "): check the job's read access to it and the client properties (--kafka-properties-file)");
        }
        return new Summary(applied, skipped, (System.nanoTime() - started) / 1_000_000);
    }


    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }
}
