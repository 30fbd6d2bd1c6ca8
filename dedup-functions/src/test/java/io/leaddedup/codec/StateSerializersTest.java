package io.leaddedup.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaddedup.phone.NumberColumn;
import io.leaddedup.relocation.LeadAtNumber;
import io.leaddedup.relocation.NumberLeads;
import io.leaddedup.relocation.NumberLeadsSerializer;
import io.leaddedup.relocation.NumberRelocation;
import io.leaddedup.relocation.TestLead;
import io.leaddedup.settings.AccountSettings;
import io.leaddedup.status.LeadLedger;
import io.leaddedup.status.LeadLedgerSerializer;
import java.util.ArrayList;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The explicit state serializers: every field survives a round trip, and the snapshot restores them. */
class StateSerializersTest {

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        T read = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        // copy(in, out) must carry the same bytes
        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
        return read;
    }

    @Test
    void numberLeadsRoundTripWithEveryField() throws Exception {
        AccountSettings settings = AccountSettings.defaults("acct");
        settings.relocateDuplicatesApi = true;
        NumberLeads leads = new NumberLeads();
        TestLead inbound = TestLead.lead("L1", 100).source(io.leaddedup.events.LeadSource.INBOUND).purpose(null);
        LeadAtNumber viaMobile = TestLead.lead("L2", 200).mobile("+12125550101").phone("+13125550142")
                .at(NumberColumn.MOBILE);
        viaMobile.number = "+16789998212";
        NumberRelocation.arrive(leads, TestLead.lead("L0", 50).at(NumberColumn.PHONE), settings, 5L, new ArrayList<>());
        NumberRelocation.arrive(leads, inbound.at(NumberColumn.PHONE), settings, 6L, new ArrayList<>());
        NumberRelocation.arrive(leads, TestLead.lead("L3", 300).at(NumberColumn.PHONE), settings, 7L, new ArrayList<>());
        NumberRelocation.arrive(leads, viaMobile, settings, 8L, new ArrayList<>());

        NumberLeads read = roundTrip(NumberLeadsSerializer.INSTANCE, leads);
        assertThat(read.leads).usingRecursiveFieldByFieldElementComparator().containsExactly(leads.leads);
        assertThat(read.leads).extracting(l -> l.relocatedHere).containsExactly(true, false, false, false);
        assertThat(read.leads).extracting(l -> l.relocatesOthers).containsExactly(true, false, true, true);
        assertThat(read.leads).extracting(l -> l.column)
                .containsExactly(NumberColumn.PHONE, NumberColumn.PHONE, NumberColumn.PHONE, NumberColumn.MOBILE);
        assertThat(NumberLeadsSerializer.INSTANCE.copy(leads).leads)
                .usingRecursiveFieldByFieldElementComparator().containsExactly(leads.leads);
    }

    @Test
    void numberLeadsKeepTheDisqualificationHintAndReadTheFirstLayoutAsMayExist() throws Exception {
        NumberLeads leads = new NumberLeads();
        NumberRelocation.arrive(leads, TestLead.lead("L0", 50).at(NumberColumn.PHONE),
                AccountSettings.defaults("acct"), 5L, new ArrayList<>());
        leads.disqualificationsMayExist = false;
        assertThat(roundTrip(NumberLeadsSerializer.INSTANCE, leads).disqualificationsMayExist).isFalse();
        leads.disqualificationsMayExist = true;
        assertThat(roundTrip(NumberLeadsSerializer.INSTANCE, leads).disqualificationsMayExist).isTrue();

        // Layout 1, as RocksDB and savepoints hold it from earlier releases: count first, no hint.
        DataOutputSerializer layout1 = new DataOutputSerializer(64);
        layout1.writeInt(1);
        for (String field : new String[] {"L0", "list-1", "camp-1", "sales"}) {
            org.apache.flink.types.StringValue.writeString(field, layout1);
        }
        layout1.writeLong(50L);
        layout1.writeLong(5L);
        layout1.writeByte(0);
        layout1.writeByte(0);
        layout1.writeByte(3);
        NumberLeads old = NumberLeadsSerializer.INSTANCE.deserialize(new DataInputDeserializer(layout1.getCopyOfBuffer()));
        assertThat(old.disqualificationsMayExist).isTrue();
        assertThat(old.leads).singleElement().satisfies(lead -> {
            assertThat(lead.leadId).isEqualTo("L0");
            assertThat(lead.campaignPurpose).isEqualTo("sales");
            assertThat(lead.registeredAt).isEqualTo(5L);
            assertThat(lead.relocatesOthers).isTrue();
            assertThat(lead.relocatedHere).isTrue();
        });
    }

    @Test
    void leadLedgerRoundTripsWithNullsAndArrays() throws Exception {
        LeadLedger ledger = new LeadLedger();
        ledger.listId = "list-1";
        ledger.campaignId = "camp-1";
        ledger.relocated = true;
        ledger.goldenLeadId = null;
        ledger.disqualifiedBy = new String[] {"+16789998212", "+12125550101"};
        ledger.reportedFlags = new String[] {"DUPLICATE L2"};

        assertThat(roundTrip(LeadLedgerSerializer.INSTANCE, ledger)).usingRecursiveComparison().isEqualTo(ledger);
        assertThat(LeadLedgerSerializer.INSTANCE.copy(ledger)).usingRecursiveComparison().isEqualTo(ledger);
    }

    @Test
    void snapshotsRestoreTheSameSerializers() {
        TypeSerializerSnapshot<NumberLeads> leads = NumberLeadsSerializer.INSTANCE.snapshotConfiguration();
        TypeSerializerSnapshot<LeadLedger> ledger = LeadLedgerSerializer.INSTANCE.snapshotConfiguration();
        assertThat(leads.restoreSerializer()).isSameAs(NumberLeadsSerializer.INSTANCE);
        assertThat(ledger.restoreSerializer()).isSameAs(LeadLedgerSerializer.INSTANCE);
    }
}
