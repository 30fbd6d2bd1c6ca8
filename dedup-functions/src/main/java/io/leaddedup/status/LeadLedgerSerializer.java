package io.leaddedup.status;

import io.leaddedup.wire.ExplicitSerializer;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Explicit serializer of a lead's ledger, read and written by RocksDB for every fact about a lead:
 * field by field, no reflection. Versioned by its snapshot like {@code NumberLeadsSerializer}.
 */
public final class LeadLedgerSerializer extends ExplicitSerializer<LeadLedger> {

    private static final long serialVersionUID = 1L;

    public static final LeadLedgerSerializer INSTANCE = new LeadLedgerSerializer();

    @Override
    public LeadLedger createInstance() {
        return new LeadLedger();
    }

    @Override
    public LeadLedger copy(LeadLedger from) {
        LeadLedger copy = new LeadLedger();
        copy.listId = from.listId;
        copy.campaignId = from.campaignId;
        copy.relocated = from.relocated;
        copy.goldenLeadId = from.goldenLeadId;
        copy.disqualifiedBy = from.disqualifiedBy.clone();
        copy.reportedFlags = from.reportedFlags.clone();
        return copy;
    }

    @Override
    public void serialize(LeadLedger ledger, DataOutputView out) throws IOException {
        StringValue.writeString(ledger.listId, out);
        StringValue.writeString(ledger.campaignId, out);
        out.writeBoolean(ledger.relocated);
        StringValue.writeString(ledger.goldenLeadId, out);
        writeStrings(ledger.disqualifiedBy, out);
        writeStrings(ledger.reportedFlags, out);
    }

    @Override
    public LeadLedger deserialize(DataInputView in) throws IOException {
        LeadLedger ledger = new LeadLedger();
        ledger.listId = StringValue.readString(in);
        ledger.campaignId = StringValue.readString(in);
        ledger.relocated = in.readBoolean();
        ledger.goldenLeadId = StringValue.readString(in);
        ledger.disqualifiedBy = readStrings(in);
        ledger.reportedFlags = readStrings(in);
        return ledger;
    }

    private static void writeStrings(String[] values, DataOutputView out) throws IOException {
        out.writeInt(values.length);
        for (String value : values) {
            StringValue.writeString(value, out);
        }
    }

    private static String[] readStrings(DataInputView in) throws IOException {
        String[] values = new String[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = StringValue.readString(in);
        }
        return values;
    }

    @Override
    public TypeSerializerSnapshot<LeadLedger> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer; version 1 is the layout above. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<LeadLedger> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
