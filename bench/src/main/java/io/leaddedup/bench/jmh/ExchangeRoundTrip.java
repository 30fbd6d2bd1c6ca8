package io.leaddedup.bench.jmh;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * One record's trip across a keyed exchange, as the micro-benchmarks measure it: serialized with the
 * serializer the job registers for it and read back into a new object. Buffers are reused, as the
 * network stack reuses its own, so only the record's own encoding is timed.
 */
final class ExchangeRoundTrip<T> {

    private final TypeSerializer<T> serializer;
    private final DataOutputSerializer out = new DataOutputSerializer(256);
    private final DataInputDeserializer in = new DataInputDeserializer();

    ExchangeRoundTrip(TypeSerializer<T> serializer) {
        this.serializer = serializer;
    }

    T of(T record) throws IOException {
        out.clear();
        serializer.serialize(record, out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return serializer.deserialize(in);
    }
}
