package io.leaddedup.codec;

import io.leaddedup.events.RawEvent;
import io.leaddedup.settings.SettingsOrigin;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link RawEvent} from its reader to decoding; copied once per record where the two are chained. */
public final class RawEventSerializer extends ExplicitSerializer<RawEvent> {

    private static final long serialVersionUID = 1L;

    public static final RawEventSerializer INSTANCE = new RawEventSerializer();

    @Override
    public RawEvent createInstance() {
        return new RawEvent();
    }

    @Override
    public RawEvent copy(RawEvent from) {
        RawEvent copy = new RawEvent(from.defaultType, from.text);
        copy.unreadable = from.unreadable;
        copy.settingsOrigin = from.settingsOrigin;
        return copy;
    }

    @Override
    public void serialize(RawEvent raw, DataOutputView out) throws IOException {
        Wire.writeString(raw.defaultType, out);
        Wire.writeString(raw.text, out);
        Wire.writeString(raw.unreadable, out);
        out.writeBoolean(raw.settingsOrigin != null);
        if (raw.settingsOrigin != null) {
            out.writeInt(raw.settingsOrigin.partition);
            out.writeLong(raw.settingsOrigin.offset);
        }
    }

    @Override
    public RawEvent deserialize(DataInputView in) throws IOException {
        RawEvent raw = new RawEvent(Wire.readString(in), Wire.readString(in));
        raw.unreadable = Wire.readString(in);
        if (in.readBoolean()) {
            raw.settingsOrigin = new SettingsOrigin(in.readInt(), in.readLong());
        }
        return raw;
    }

    @Override
    public TypeSerializerSnapshot<RawEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RawEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Named by {@code @TypeInfo} on {@link RawEvent}. */
    public static final class Factory extends TypeInfoFactory<RawEvent> {
        @Override
        public TypeInformation<RawEvent> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
            return new ExplicitTypeInfo<>(RawEvent.class, INSTANCE);
        }
    }
}
