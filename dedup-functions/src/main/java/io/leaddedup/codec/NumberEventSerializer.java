package io.leaddedup.codec;

import io.leaddedup.disqualification.NumberDisposition;
import io.leaddedup.events.DispositionAction;
import io.leaddedup.events.LeadSource;
import io.leaddedup.phone.NumberColumn;
import io.leaddedup.relocation.LeadAtNumber;
import io.leaddedup.stage.phone.NumberEvent;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link NumberEvent} between normalization and the phone-leads stage: one per lead number. */
public final class NumberEventSerializer extends ExplicitSerializer<NumberEvent> {

    private static final long serialVersionUID = 1L;

    public static final NumberEventSerializer INSTANCE = new NumberEventSerializer();

    private static final LeadSource[] SOURCES = LeadSource.values();
    private static final NumberColumn[] COLUMNS = NumberColumn.values();
    private static final DispositionAction[] ACTIONS = DispositionAction.values();
    private static final byte LEAD = 1;
    private static final byte DISPOSITION = 2;

    @Override
    public NumberEvent createInstance() {
        return new NumberEvent();
    }

    @Override
    public void serialize(NumberEvent event, DataOutputView out) throws IOException {
        if (event.lead != null) {
            LeadAtNumber lead = event.lead;
            out.writeByte(LEAD);
            Wire.writeString(lead.accountId, out);
            Wire.writeString(lead.leadId, out);
            Wire.writeString(lead.listId, out);
            Wire.writeString(lead.campaignId, out);
            Wire.writeString(lead.campaignPurpose, out);
            Wire.writeEnum(lead.source, out);
            out.writeLong(lead.importedAt);
            out.writeBoolean(lead.relocateDuplicates);
            Wire.writeString(lead.number, out);
            Wire.writeEnum(lead.column, out);
            SettingsWire.writeAccount(lead.settings, out);
        } else {
            NumberDisposition disposition = event.disposition;
            out.writeByte(DISPOSITION);
            Wire.writeString(disposition.accountId, out);
            Wire.writeString(disposition.campaignId, out);
            Wire.writeString(disposition.number, out);
            Wire.writeEnum(disposition.action, out);
            Wire.writeString(disposition.reason, out);
            out.writeLong(disposition.at);
        }
    }

    @Override
    public NumberEvent deserialize(DataInputView in) throws IOException {
        byte kind = in.readByte();
        if (kind == LEAD) {
            LeadAtNumber lead = new LeadAtNumber();
            lead.accountId = Wire.readString(in);
            lead.leadId = Wire.readString(in);
            lead.listId = Wire.readString(in);
            lead.campaignId = Wire.readString(in);
            lead.campaignPurpose = Wire.readString(in);
            lead.source = Wire.readEnum(SOURCES, in);
            lead.importedAt = in.readLong();
            lead.relocateDuplicates = in.readBoolean();
            lead.number = Wire.readString(in);
            lead.column = Wire.readEnum(COLUMNS, in);
            lead.settings = SettingsWire.readAccount(in);
            return NumberEvent.of(lead);
        }
        NumberDisposition disposition = new NumberDisposition();
        disposition.accountId = Wire.readString(in);
        disposition.campaignId = Wire.readString(in);
        disposition.number = Wire.readString(in);
        disposition.action = Wire.readEnum(ACTIONS, in);
        disposition.reason = Wire.readString(in);
        disposition.at = in.readLong();
        return NumberEvent.of(disposition);
    }

    @Override
    public TypeSerializerSnapshot<NumberEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<NumberEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Named by {@code @TypeInfo} on {@link NumberEvent}. */
    public static final class Factory extends TypeInfoFactory<NumberEvent> {
        @Override
        public TypeInformation<NumberEvent> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
            return new ExplicitTypeInfo<>(NumberEvent.class, INSTANCE);
        }
    }
}
