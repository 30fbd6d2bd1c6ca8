package io.leaddedup.codec;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Base of the hand-written serializers: field by field, no reflection. The default copy (only
 * needed between chained operators) is a round trip through the same layout, so it can never miss
 * a field. Records in flight live in no state, so their layout may change between releases; the
 * serializers of state ({@code NumberLeadsSerializer}, {@code LeadLedgerSerializer}) keep theirs
 * versioned by their snapshots.
 */
public abstract class ExplicitSerializer<T> extends TypeSerializerSingleton<T> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public T copy(T from) {
        try {
            DataOutputSerializer buffer = new DataOutputSerializer(128);
            serialize(from, buffer);
            return deserialize(new DataInputDeserializer(buffer.getSharedBuffer(), 0, buffer.length()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy " + from, e);
        }
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }
}
