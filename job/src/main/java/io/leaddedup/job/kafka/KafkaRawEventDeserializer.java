package io.leaddedup.job.kafka;

import io.leaddedup.events.RawEvent;
import io.leaddedup.ingest.EventDecoder;
import io.leaddedup.job.topology.Utf8Lines;
import io.leaddedup.settings.SettingsOrigin;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Kafka record to {@link RawEvent}, never failing: bytes that are not UTF-8 become an unreadable
 * raw event (rejected downstream as MALFORMED), so a poison record can never restart the job.
 * The topic names the event type when the JSON has no {@code type}.
 */
public final class KafkaRawEventDeserializer implements KafkaRecordDeserializationSchema<RawEvent> {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> typeByTopic;

    KafkaRawEventDeserializer(Map<String, String> typeByTopic) {
        this.typeByTopic = Map.copyOf(typeByTopic);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawEvent> out) {
        String type = typeByTopic.get(record.topic());
        byte[] value = record.value();
        if (value == null) {
            out.collect(RawEvent.unreadable(type, "", "empty record (null value) at " + position(record)));
            return;
        }
        String text = Utf8Lines.strictUtf8(value);
        if (text == null) {
            out.collect(RawEvent.unreadable(type, new String(value, StandardCharsets.UTF_8),
                    "not UTF-8 text at " + position(record)));
            return;
        }
        RawEvent raw = new RawEvent(type, text);
        if (EventDecoder.ANY_SETTINGS.equals(type)) {
            // Tells a record read again below the start-up snapshot's end from a live change.
            raw.settingsOrigin = new SettingsOrigin(record.partition(), record.offset());
        }
        out.collect(raw);
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    @Override
    public TypeInformation<RawEvent> getProducedType() {
        return TypeInformation.of(RawEvent.class);
    }
}
