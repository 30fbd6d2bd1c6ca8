package io.leaddedup.stage.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.leaddedup.settings.FilterAgainst;
import io.leaddedup.stage.StateRetention;
import io.leaddedup.status.LeadAction;
import io.leaddedup.status.LeadActionType;
import io.leaddedup.status.LeadLedger;
import io.leaddedup.status.LeadLedgerSerializer;
import io.leaddedup.status.LeadSignal;
import io.leaddedup.status.LeadSignalKind;
import io.leaddedup.status.LeadStatus;
import io.leaddedup.status.LeadStatusUpdate;
import io.leaddedup.testing.Harnesses;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lead-keyed stage in Flink's operator harness, on RocksDB, including restore from a snapshot. */
class LeadStatusFunctionTest {

    private KeyedOneInputStreamOperatorTestHarness<String, LeadSignal, LeadAction> harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, LeadSignal, LeadAction> harness(
            OperatorSubtaskState restoreFrom) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, LeadSignal, LeadAction> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new LeadStatusFunction(StateRetention.of(Duration.ofDays(90)))),
                        LeadSignal::leadKey, Types.STRING);
        return Harnesses.onRocksDb(harness, restoreFrom);
    }

    private static LeadSignal signal(LeadSignalKind kind, String leadId, String golden, String number, long at) {
        LeadSignal signal = new LeadSignal();
        signal.kind = kind;
        signal.accountId = "acct";
        signal.leadId = leadId;
        signal.number = number;
        signal.listId = "list-1";
        signal.campaignId = "camp-1";
        signal.goldenLeadId = golden;
        signal.goldenImportedAt = at; // a relocation's time is its golden lead's arrival
        signal.filterAgainst = kind == LeadSignalKind.ACCEPTED ? null : FilterAgainst.ACCOUNT;
        signal.at = at;
        return signal;
    }

    private List<LeadStatusUpdate> statuses() {
        var records = harness.getSideOutput(LeadStatusFunction.STATUS);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void reportsEachFactOnceAcrossARestoreAndKeepsTheNewestGoldenLead() throws Exception {
        harness = harness(null);
        harness.processElement(signal(LeadSignalKind.ACCEPTED, "L1", null, "+16789998212", 100), 0);
        harness.processElement(signal(LeadSignalKind.RELOCATED, "L1", "L3", "+12125550101", 300), 0);
        harness.processElement(signal(LeadSignalKind.RELOCATED, "L1", "L2", "+16789998212", 200), 0);

        assertThat(harness.extractOutputValues()).extracting(a -> a.action, a -> a.goldenLeadId, a -> a.toListId)
                .containsExactly(tuple(LeadActionType.RELOCATED, "L3", LeadAction.SYS_DUPLICATES_LIST));
        assertThat(statuses()).extracting(s -> s.status, s -> s.listId, s -> s.goldenLeadId).containsExactly(
                tuple(LeadStatus.ACTIVE, "list-1", null),
                tuple(LeadStatus.RELOCATED, LeadAction.SYS_DUPLICATES_LIST, "L3"));

        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();
        harness = harness(snapshot);
        harness.processElement(signal(LeadSignalKind.ACCEPTED, "L1", null, "+16789998212", 100), 0);
        harness.processElement(signal(LeadSignalKind.RELOCATED, "L1", "L3", "+16789998212", 300), 0);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(statuses()).isEmpty();

        // a newer relocating lead at either number: no second RELOCATED, one status naming it
        harness.processElement(signal(LeadSignalKind.RELOCATED, "L1", "L4", "+16789998212", 400), 0);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(statuses()).extracting(s -> s.status, s -> s.goldenLeadId)
                .containsExactly(tuple(LeadStatus.RELOCATED, "L4"));
    }

    /** A ledger of the state layout before the golden lead's time was kept, written as old releases did. */
    private static class Layout1Writer extends KeyedProcessFunction<String, LeadSignal, LeadAction> {
        private transient ValueState<LeadLedger> ledger;

        @Override
        public void open(OpenContext context) {
            ValueStateDescriptor<LeadLedger> descriptor =
                    new ValueStateDescriptor<>("lead-ledger", LeadLedgerSerializer.Layout1.INSTANCE);
            descriptor.enableTimeToLive(StateRetention.of(Duration.ofDays(90)).ttlConfig());
            ledger = getRuntimeContext().getState(descriptor);
        }

        @Override
        public void processElement(LeadSignal signal, Context ctx, Collector<LeadAction> out) throws Exception {
            LeadLedger relocated = new LeadLedger();
            relocated.listId = signal.listId;
            relocated.campaignId = signal.campaignId;
            relocated.relocated = true;
            relocated.goldenLeadId = signal.goldenLeadId;
            relocated.reportedFlags = new String[] {"DUPLICATE L9"};
            ledger.update(relocated);
        }
    }

    @Test
    void ledgersOfTheFirstLayoutAreMigratedOnRestore() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, LeadSignal, LeadAction> old =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new Layout1Writer()),
                        LeadSignal::leadKey, Types.STRING);
        Harnesses.onRocksDb(old, null);
        old.processElement(signal(LeadSignalKind.RELOCATED, "L1", "L5", "+16789998212", 500), 0);
        OperatorSubtaskState snapshot = old.snapshot(1L, 1L);
        old.close();

        harness = harness(snapshot);
        harness.processElement(signal(LeadSignalKind.RELOCATED, "L1", "L5", "+16789998212", 500), 0);
        harness.processElement(signal(LeadSignalKind.DUPLICATE, "L1", "L9", "+16789998212", 900), 0);
        assertThat(harness.extractOutputValues()).as("reported before the upgrade").isEmpty();
        assertThat(statuses()).as("the same golden lead: its time is learned, nothing to report").isEmpty();
        harness.processElement(signal(LeadSignalKind.RELOCATED, "L1", "L4", "+12125550101", 400), 0);
        harness.processElement(signal(LeadSignalKind.RELOCATED, "L1", "L6", "+12125550101", 600), 0);
        assertThat(statuses()).extracting(s -> s.status, s -> s.listId, s -> s.goldenLeadId)
                .containsExactly(tuple(LeadStatus.RELOCATED, LeadAction.SYS_DUPLICATES_LIST, "L6"));

        OperatorSubtaskState migrated = harness.snapshot(2L, 2L);
        harness.close();
        harness = harness(migrated);
        harness.processElement(signal(LeadSignalKind.RELOCATED, "L1", "L5", "+16789998212", 500), 0);
        assertThat(statuses()).as("stored in layout 2, with L6's time: the older L5 does not win").isEmpty();
    }

    @Test
    void aLeadFirstHeardOfThroughARelocationStillStartsActive() throws Exception {
        harness = harness(null);
        harness.processElement(signal(LeadSignalKind.RELOCATED, "L1", "L2", "+16789998212", 200), 0);
        harness.processElement(signal(LeadSignalKind.ACCEPTED, "L1", null, "+12125550101", 100), 0);

        assertThat(statuses()).extracting(s -> s.status).containsExactly(LeadStatus.ACTIVE, LeadStatus.RELOCATED);
    }

    @Test
    void flagsArePerPairAndDisqualificationWinsOverRelocation() throws Exception {
        harness = harness(null);
        harness.processElement(signal(LeadSignalKind.ACCEPTED, "L1", null, "+16789998212", 100), 0);
        harness.processElement(signal(LeadSignalKind.DUPLICATE, "L1", "L2", "+16789998212", 200), 0);
        harness.processElement(signal(LeadSignalKind.DUPLICATE, "L1", "L2", "+12125550101", 200), 0);
        harness.processElement(signal(LeadSignalKind.DUPLICATE, "L1", "L3", "+16789998212", 300), 0);
        harness.processElement(signal(LeadSignalKind.DISQUALIFIED, "L1", null, "+16789998212", 400), 0);
        harness.processElement(signal(LeadSignalKind.RELOCATED, "L1", "L5", "+16789998212", 500), 0);
        harness.processElement(signal(LeadSignalKind.REQUALIFIED, "L1", null, "+16789998212", 600), 0);

        assertThat(harness.extractOutputValues()).extracting(a -> a.action, a -> a.goldenLeadId).containsExactly(
                tuple(LeadActionType.DUPLICATE, "L2"),
                tuple(LeadActionType.DUPLICATE, "L3"),
                tuple(LeadActionType.DISQUALIFIED, null),
                tuple(LeadActionType.RELOCATED, "L5"),
                tuple(LeadActionType.REQUALIFIED, null));
        // Relocated while disqualified: still DISQUALIFIED, but the compacted topic must show its new list.
        assertThat(statuses()).extracting(s -> s.status, s -> s.listId, s -> s.goldenLeadId).containsExactly(
                tuple(LeadStatus.ACTIVE, "list-1", null),
                tuple(LeadStatus.DISQUALIFIED, "list-1", null),
                tuple(LeadStatus.DISQUALIFIED, LeadAction.SYS_DUPLICATES_LIST, "L5"),
                tuple(LeadStatus.RELOCATED, LeadAction.SYS_DUPLICATES_LIST, "L5"));
    }
}
