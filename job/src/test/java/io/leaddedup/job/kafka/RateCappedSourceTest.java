package io.leaddedup.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaddedup.events.RawEvent;
import java.util.Map;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The cap must not change what the source checkpoints, so that a savepoint taken with the cap
 * restores without it and the other way round: same split and enumerator serializers (class and
 * version), bytes written by one read by the other, same produced type and boundedness.
 */
class RateCappedSourceTest {

    private final KafkaSource<RawEvent> kafka = KafkaSource.<RawEvent>builder()
            .setBootstrapServers("broker:9092")
            .setGroupId("lead-dedup")
            .setTopics("leads")
            .setDeserializer(new KafkaRawEventDeserializer(Map.of("leads", "lead")))
            .build();
    private final RateCappedSource<RawEvent, KafkaPartitionSplit, ?> capped = new RateCappedSource<>(kafka, 2500);

    @Test
    void checkpointsExactlyWhatTheKafkaSourceCheckpoints() throws Exception {
        SimpleVersionedSerializer<KafkaPartitionSplit> plain = kafka.getSplitSerializer();
        SimpleVersionedSerializer<KafkaPartitionSplit> withCap = capped.getSplitSerializer();
        assertThat(withCap.getClass()).isEqualTo(plain.getClass());
        assertThat(withCap.getVersion()).isEqualTo(plain.getVersion());
        KafkaPartitionSplit split = new KafkaPartitionSplit(new TopicPartition("leads", 1), 4242L);
        assertThat(plain.deserialize(plain.getVersion(), withCap.serialize(split))).isEqualTo(split);
        assertThat(withCap.deserialize(withCap.getVersion(), plain.serialize(split))).isEqualTo(split);

        assertThat(capped.getEnumeratorCheckpointSerializer().getClass())
                .isEqualTo(kafka.getEnumeratorCheckpointSerializer().getClass());
        assertThat(capped.getEnumeratorCheckpointSerializer().getVersion())
                .isEqualTo(kafka.getEnumeratorCheckpointSerializer().getVersion());
        assertThat(capped.getProducedType()).isEqualTo(kafka.getProducedType());
        assertThat(capped.getBoundedness()).isEqualTo(kafka.getBoundedness());
    }
}
