package io.leaddedup.job.kafka;

import io.leaddedup.job.topology.EncodedRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** An {@link EncodedRecord} to one topic, keyed as the contract says so that compaction works. */
public final class KafkaRecordEncoder implements KafkaRecordSerializationSchema<EncodedRecord> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    KafkaRecordEncoder(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(EncodedRecord record, KafkaSinkContext context, Long timestamp) {
        byte[] key = record.key == null ? null : record.key.getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, timestamp, key, record.value);
    }
}
