package io.leaddedup.status;

import io.leaddedup.wire.ExplicitSerializer;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
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
 * reader of that layout ({@link Layout1}), and asks for migration.
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
        StringValue.writeString(ledger.listId, out);
        StringValue.writeString(ledger.campaignId, out);
        out.writeBoolean(ledger.relocated);
        StringValue.writeString(ledger.goldenLeadId, out);
        out.writeLong(ledger.goldenImportedAt);
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
        ledger.goldenImportedAt = in.readLong();
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
            ledger.goldenImportedAt = LeadLedger.UNKNOWN_TIME;
            ledger.disqualifiedBy = readStrings(in);
            ledger.reportedFlags = readStrings(in);
            return ledger;
        }

        @Override
        public TypeSerializerSnapshot<LeadLedger> snapshotConfiguration() {
            return new Snapshot(Snapshot.LAYOUT_1);
        }
    }

    /**
     * The layout a checkpoint's ledgers are in. Versions 1 to 3 are those of Flink's
     * {@code SimpleTypeSerializerSnapshot}, which this class extended while layout 1 was the only
     * one; version 4 is layout 2.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<LeadLedger> {

        static final int LAYOUT_1 = 3;
        static final int LAYOUT_2 = 4;

        private int version;

        /** Read back by Flink, which then calls {@link #readSnapshot}. */
        public Snapshot() {
            this(LAYOUT_2);
        }

        Snapshot(int version) {
            this.version = version;
        }

        @Override
        public int getCurrentVersion() {
            return version;
        }

        @Override
        public void writeSnapshot(DataOutputView out) {
            // the version says it all
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
                throws IOException {
            if (readVersion < 1 || readVersion > LAYOUT_2) {
                throw new IOException("unknown lead-ledger snapshot version " + readVersion);
            }
            if (readVersion == 2) {
                in.readUTF(); // SimpleTypeSerializerSnapshot's version 2 wrote the serializer's class name
            }
            version = readVersion;
        }

        @Override
        public TypeSerializer<LeadLedger> restoreSerializer() {
            return version >= LAYOUT_2 ? INSTANCE : Layout1.INSTANCE;
        }

        @Override
        public TypeSerializerSchemaCompatibility<LeadLedger> resolveSchemaCompatibility(
                TypeSerializerSnapshot<LeadLedger> oldSnapshot) {
            if (!(oldSnapshot instanceof Snapshot old)) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            if (old.version == version) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return old.version < version ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
