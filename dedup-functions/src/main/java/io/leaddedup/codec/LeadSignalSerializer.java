package io.leaddedup.codec;

import io.leaddedup.settings.FilterAgainst;
import io.leaddedup.status.LeadSignal;
import io.leaddedup.status.LeadSignalKind;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link LeadSignal} between the phone-leads and lead-status stages: at least one per lead. */
public final class LeadSignalSerializer extends ExplicitSerializer<LeadSignal> {

    private static final long serialVersionUID = 1L;

    public static final LeadSignalSerializer INSTANCE = new LeadSignalSerializer();

    private static final LeadSignalKind[] KINDS = LeadSignalKind.values();
    private static final FilterAgainst[] FILTERS = FilterAgainst.values();

    @Override
    public LeadSignal createInstance() {
        return new LeadSignal();
    }

    @Override
    public void serialize(LeadSignal signal, DataOutputView out) throws IOException {
        Wire.writeEnum(signal.kind, out);
        Wire.writeString(signal.accountId, out);
        Wire.writeString(signal.leadId, out);
        Wire.writeString(signal.number, out);
        Wire.writeString(signal.listId, out);
        Wire.writeString(signal.campaignId, out);
        Wire.writeString(signal.goldenLeadId, out);
        out.writeLong(signal.goldenImportedAt);
        Wire.writeEnum(signal.filterAgainst, out);
        Wire.writeString(signal.reason, out);
        out.writeLong(signal.at);
        out.writeLong(signal.leadImportedAt);
    }

    @Override
    public LeadSignal deserialize(DataInputView in) throws IOException {
        LeadSignal signal = new LeadSignal();
        signal.kind = Wire.readEnum(KINDS, in);
        signal.accountId = Wire.readString(in);
        signal.leadId = Wire.readString(in);
        signal.number = Wire.readString(in);
        signal.listId = Wire.readString(in);
        signal.campaignId = Wire.readString(in);
        signal.goldenLeadId = Wire.readString(in);
        signal.goldenImportedAt = in.readLong();
        signal.filterAgainst = Wire.readEnum(FILTERS, in);
        signal.reason = Wire.readString(in);
        signal.at = in.readLong();
        signal.leadImportedAt = in.readLong();
        return signal;
    }

    @Override
    public TypeSerializerSnapshot<LeadSignal> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<LeadSignal> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Named by {@code @TypeInfo} on {@link LeadSignal}. */
    public static final class Factory extends TypeInfoFactory<LeadSignal> {
        @Override
        public TypeInformation<LeadSignal> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
            return new ExplicitTypeInfo<>(LeadSignal.class, INSTANCE);
        }
    }
}
