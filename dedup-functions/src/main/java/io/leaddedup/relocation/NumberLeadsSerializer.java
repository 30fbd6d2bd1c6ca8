package io.leaddedup.relocation;

import io.leaddedup.codec.ExplicitSerializer;
import io.leaddedup.codec.VersionedSnapshot;
import io.leaddedup.events.LeadSource;
import io.leaddedup.phone.NumberColumn;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Explicit serializer of the per-number state, read and written by RocksDB on every lead: field by
 * field, two flags packed in a byte, no reflection (the generic POJO serializer was the largest
 * CPU cost of the job).
 *
 * <p>Every stored value must stay readable, so a layout change is marked in the value itself, by
 * its first int: layout 1 starts with the lead count (never negative); layout 2 starts with the
 * complement of {@code count << 1 | disqualificationsMayExist}, which is always negative. A layout-1
 * value reads with {@code disqualificationsMayExist = true}, the safe answer.
 */
public final class NumberLeadsSerializer extends ExplicitSerializer<NumberLeads> {

    private static final long serialVersionUID = 1L;

    public static final NumberLeadsSerializer INSTANCE = new NumberLeadsSerializer();

    private static final int RELOCATES = 1;
    private static final int RELOCATED = 2;

    @Override
    public NumberLeads createInstance() {
        return new NumberLeads();
    }

    @Override
    public NumberLeads copy(NumberLeads from) {
        NumberLeads copy = new NumberLeads();
        copy.disqualificationsMayExist = from.disqualificationsMayExist;
        copy.leads = new NumberLead[from.leads.length];
        for (int i = 0; i < from.leads.length; i++) {
            NumberLead lead = from.leads[i];
            NumberLead c = new NumberLead();
            c.leadId = lead.leadId;
            c.listId = lead.listId;
            c.campaignId = lead.campaignId;
            c.campaignPurpose = lead.campaignPurpose;
            c.importedAt = lead.importedAt;
            c.source = lead.source;
            c.column = lead.column;
            c.relocatesOthers = lead.relocatesOthers;
            c.relocatedHere = lead.relocatedHere;
            c.registeredAt = lead.registeredAt;
            copy.leads[i] = c;
        }
        return copy;
    }

    @Override
    public void serialize(NumberLeads record, DataOutputView out) throws IOException {
        out.writeInt(~(record.leads.length << 1 | (record.disqualificationsMayExist ? 1 : 0)));
        for (NumberLead lead : record.leads) {
            StringValue.writeString(lead.leadId, out);
            StringValue.writeString(lead.listId, out);
            StringValue.writeString(lead.campaignId, out);
            StringValue.writeString(lead.campaignPurpose, out);
            out.writeLong(lead.importedAt);
            out.writeLong(lead.registeredAt);
            out.writeByte(lead.source.code);
            out.writeByte(lead.column.code);
            out.writeByte((lead.relocatesOthers ? RELOCATES : 0) | (lead.relocatedHere ? RELOCATED : 0));
        }
    }

    @Override
    public NumberLeads deserialize(DataInputView in) throws IOException {
        NumberLeads record = new NumberLeads();
        int header = in.readInt();
        int count;
        if (header >= 0) {
            count = header; // layout 1
            record.disqualificationsMayExist = true;
        } else {
            count = ~header >>> 1;
            record.disqualificationsMayExist = (~header & 1) != 0;
        }
        record.leads = new NumberLead[count];
        for (int i = 0; i < count; i++) {
            NumberLead lead = new NumberLead();
            lead.leadId = StringValue.readString(in);
            lead.listId = StringValue.readString(in);
            lead.campaignId = StringValue.readString(in);
            lead.campaignPurpose = StringValue.readString(in);
            lead.importedAt = in.readLong();
            lead.registeredAt = in.readLong();
            lead.source = LeadSource.ofCode(in.readByte());
            lead.column = NumberColumn.ofCode(in.readByte());
            int flags = in.readByte();
            lead.relocatesOthers = (flags & RELOCATES) != 0;
            lead.relocatedHere = (flags & RELOCATED) != 0;
            record.leads[i] = lead;
        }
        return record;
    }

    @Override
    public TypeSerializerSnapshot<NumberLeads> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * Version 4 names the layouts marked in the value (both read in place, told apart by their
     * first int); versions up to 3 were written with the same layouts.
     */
    public static final class Snapshot extends VersionedSnapshot<NumberLeads> {

        static final int MARKED_LAYOUTS = 4;

        /** Read back by Flink, which then calls {@code readSnapshot}. */
        public Snapshot() {
            super(MARKED_LAYOUTS);
        }

        @Override
        protected int latest() {
            return MARKED_LAYOUTS;
        }

        @Override
        protected TypeSerializer<NumberLeads> serializerFor(int version) {
            return INSTANCE;
        }

        @Override
        protected boolean readsInPlace(int oldVersion) {
            return true;
        }
    }
}
