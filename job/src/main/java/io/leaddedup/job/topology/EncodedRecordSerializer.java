package io.leaddedup.job.topology;

import io.leaddedup.codec.ExplicitSerializer;
import io.leaddedup.codec.ExplicitTypeInfo;
import io.leaddedup.codec.Wire;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link EncodedRecord} from its encoder to its sink: the key, and the value's bytes as they are. */
public final class EncodedRecordSerializer extends ExplicitSerializer<EncodedRecord> {

    private static final long serialVersionUID = 1L;

    public static final EncodedRecordSerializer INSTANCE = new EncodedRecordSerializer();

    @Override
    public EncodedRecord createInstance() {
        return new EncodedRecord();
    }

    @Override
    public EncodedRecord copy(EncodedRecord from) {
        return new EncodedRecord(from.key, from.value);
    }

    @Override
    public void serialize(EncodedRecord record, DataOutputView out) throws IOException {
        Wire.writeString(record.key, out);
        out.writeInt(record.value.length);
        out.write(record.value);
    }

    @Override
    public EncodedRecord deserialize(DataInputView in) throws IOException {
        String key = Wire.readString(in);
        byte[] value = new byte[in.readInt()];
        in.readFully(value);
        return new EncodedRecord(key, value);
    }

    @Override
    public TypeSerializerSnapshot<EncodedRecord> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<EncodedRecord> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Named by {@code @TypeInfo} on {@link EncodedRecord}. */
    public static final class Factory extends TypeInfoFactory<EncodedRecord> {
        @Override
        public TypeInformation<EncodedRecord> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
            return new ExplicitTypeInfo<>(EncodedRecord.class, INSTANCE);
        }
    }
}
