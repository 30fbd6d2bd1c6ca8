package io.leaddedup.status;

import io.leaddedup.codec.ExplicitSerializer;
import io.leaddedup.codec.VersionedSnapshot;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Explicit serializer of a lead's ledger, read and written by RocksDB for every fact about a lead:
 * field by field, no reflection.
 *
 * <p>Layout 2 adds the golden lead's {@code importedAt} after its id, so that the ledger can keep
 * the newest golden lead whichever number reports it first. State written in layout 1 is migrated
 * by Flink on restore: its snapshot ({@link Snapshot}) says which layout it holds, restores a
 * reader of that layout ({@link Layout1}), and asks for migration. (No layout marker in the value
 * is needed: after a restore every value is rewritten in the layout its snapshot names.)
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
        copy.goldenImportedAt = from.goldenImportedAt;
        copy.disqualifiedBy = from.disqualifiedBy.clone();
        copy.reportedFlags = from.reportedFlags.clone();
        return copy;
    }

    @Override
    public void serialize(LeadLedger ledger, DataOutputView out) throws IOException {
        write(ledger, out, true);
    }

    @Override
    public LeadLedger deserialize(DataInputView in) throws IOException {
        return read(in, true);
    }

    /** Both layouts: layout 2 adds the golden lead's time after its id. */
    static void write(LeadLedger ledger, DataOutputView out, boolean layout2) throws IOException {
        StringValue.writeString(ledger.listId, out);
        StringValue.writeString(ledger.campaignId, out);
        out.writeBoolean(ledger.relocated);
        StringValue.writeString(ledger.goldenLeadId, out);
        if (layout2) {
            out.writeLong(ledger.goldenImportedAt);
        }
        writeStrings(ledger.disqualifiedBy, out);
        writeStrings(ledger.reportedFlags, out);
    }

    static LeadLedger read(DataInputView in, boolean layout2) throws IOException {
        LeadLedger ledger = new LeadLedger();
        ledger.listId = StringValue.readString(in);
        ledger.campaignId = StringValue.readString(in);
        ledger.relocated = in.readBoolean();
        ledger.goldenLeadId = StringValue.readString(in);
        ledger.goldenImportedAt = layout2 ? in.readLong() : LeadLedger.UNKNOWN_TIME;
        ledger.disqualifiedBy = readStrings(in);
        ledger.reportedFlags = readStrings(in);
        return ledger;
    }

    static void writeStrings(String[] values, DataOutputView out) throws IOException {
        out.writeInt(values.length);
        for (String value : values) {
            StringValue.writeString(value, out);
        }
    }

    static String[] readStrings(DataInputView in) throws IOException {
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

    /**
     * Layout 1 (until the golden lead's {@code importedAt} was kept): only read, to migrate old
     * state. Its ledgers have an unknown golden time, so any golden lead reported later replaces
     * theirs.
     */
    public static final class Layout1 extends ExplicitSerializer<LeadLedger> {

        private static final long serialVersionUID = 1L;

        public static final Layout1 INSTANCE = new Layout1();

        @Override
        public LeadLedger createInstance() {
            return new LeadLedger();
        }

        @Override
        public void serialize(LeadLedger ledger, DataOutputView out) throws IOException {
            write(ledger, out, false);
        }

        @Override
        public LeadLedger deserialize(DataInputView in) throws IOException {
            return read(in, false);
        }

        @Override
        public TypeSerializerSnapshot<LeadLedger> snapshotConfiguration() {
            return new Snapshot(Snapshot.LAYOUT_1);
        }
    }

    /** Version 4 is layout 2; versions up to 3 hold layout 1, migrated on restore. */
    public static final class Snapshot extends VersionedSnapshot<LeadLedger> {

        static final int LAYOUT_1 = SIMPLE_SNAPSHOT;
        static final int LAYOUT_2 = 4;

        /** Read back by Flink, which then calls {@code readSnapshot}. */
        public Snapshot() {
            this(LAYOUT_2);
        }

        Snapshot(int version) {
            super(version);
        }

        @Override
        protected int latest() {
            return LAYOUT_2;
        }

        @Override
        protected TypeSerializer<LeadLedger> serializerFor(int version) {
            return version >= LAYOUT_2 ? INSTANCE : Layout1.INSTANCE;
        }

        @Override
        protected boolean readsInPlace(int oldVersion) {
            return false;
        }
    }
}
