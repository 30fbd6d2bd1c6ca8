package io.leaddedup.job.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads an output topic as a downstream consumer must: {@code read_committed}, from the start. */
public final class CommittedTopic {

    private CommittedTopic() {}

    public record Record(String key, String value) {}

    /** Reads until {@code done} holds for what was read so far, or {@code timeout} passes. */
    public static List<Record> readUntil(String bootstrapServers, String topic, Predicate<List<Record>> done,
            Duration timeout) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("isolation.level", "read_committed");
        properties.put("enable.auto.commit", "false");
        properties.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        properties.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        List<Record> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(records) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(new Record(
                            record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                            new String(record.value(), StandardCharsets.UTF_8)));
                }
            }
        }
        return records;
    }

    /** Everything committed so far (reads until a quiet second). */
    public static List<Record> readAll(String bootstrapServers, String topic) {
        long[] lastSize = {-1};
        long[] quietSince = {System.nanoTime()};
        return readUntil(bootstrapServers, topic, records -> {
            if (records.size() != lastSize[0]) {
                lastSize[0] = records.size();
                quietSince[0] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - quietSince[0] > Duration.ofSeconds(2).toNanos();
        }, Duration.ofSeconds(60));
    }
}
