package io.leaddedup.stage.phone;

import static io.leaddedup.relocation.TestLead.lead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.leaddedup.disqualification.NumberDisposition;
import io.leaddedup.events.DispositionAction;
import io.leaddedup.phone.NumberColumn;
import io.leaddedup.relocation.LeadAtNumber;
import io.leaddedup.relocation.TestLead;
import io.leaddedup.settings.AccountSettings;
import io.leaddedup.settings.BroadcastSettings;
import io.leaddedup.settings.SettingsOrigin;
import io.leaddedup.settings.SettingsUpdate;
import io.leaddedup.settings.StartupSettings;
import io.leaddedup.stage.StateRetention;
import io.leaddedup.status.LeadSignal;
import io.leaddedup.status.LeadSignalKind;
import io.leaddedup.testing.Harnesses;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The phone-key stage in Flink's operator harness, on RocksDB, including restore from a snapshot. */
class NumberLeadsFunctionTest {

    private KeyedBroadcastOperatorTestHarness<String, NumberEvent, SettingsUpdate, LeadSignal> harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private static KeyedBroadcastOperatorTestHarness<String, NumberEvent, SettingsUpdate, LeadSignal> harness(
            StartupSettings initial, StateRetention retention, OperatorSubtaskState restoreFrom) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, NumberEvent, SettingsUpdate, LeadSignal> harness =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(new NumberLeadsFunction(initial, retention),
                                List.of(BroadcastSettings.ACCOUNTS, BroadcastSettings.CAMPAIGNS, BroadcastSettings.BUYERS)),
                        NumberEvent::phoneKey, Types.STRING, 128, 1, 0);
        return Harnesses.onRocksDb(harness, restoreFrom);
    }

    private static SettingsUpdate apiRelocation(boolean on) {
        AccountSettings settings = AccountSettings.defaults("acct");
        settings.relocateDuplicatesApi = on;
        return SettingsUpdate.of(settings);
    }

    private static NumberEvent phoneOf(TestLead lead) {
        return NumberEvent.of(lead.at(NumberColumn.PHONE));
    }

    private List<LeadSignal> drain() {
        List<LeadSignal> signals = harness.extractOutputValues();
        harness.getOutput().clear();
        return signals;
    }

    @Test
    void relocatesOlderLeadsOfTheNumberAndRemembersThemAcrossARestore() throws Exception {
        harness = harness(StartupSettings.empty(), StateRetention.of(Duration.ofDays(90)), null);
        harness.processBroadcastElement(apiRelocation(true), 0);
        harness.processElement(phoneOf(lead("L1", 100)), 0);
        harness.processElement(phoneOf(lead("L2", 200)), 0);

        assertThat(drain()).extracting(s -> s.kind, s -> s.leadId, s -> s.goldenLeadId).containsExactly(
                tuple(LeadSignalKind.ACCEPTED, "L1", null),
                tuple(LeadSignalKind.ACCEPTED, "L2", null),
                tuple(LeadSignalKind.RELOCATED, "L1", "L2"));

        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();
        harness = harness(StartupSettings.empty(), StateRetention.of(Duration.ofDays(90)), snapshot);

        // Both the leads of the number and the broadcast settings came back.
        harness.processElement(phoneOf(lead("L0", 50)), 0);
        harness.processElement(phoneOf(lead("L2", 200)), 0);
        assertThat(drain()).extracting(s -> s.kind, s -> s.leadId, s -> s.goldenLeadId).containsExactly(
                tuple(LeadSignalKind.ACCEPTED, "L0", null),
                tuple(LeadSignalKind.RELOCATED, "L0", "L2"));
    }

    @Test
    void settingsRestoredFromAFileRunYieldToTheStartUpBook() throws Exception {
        // broadcast state without a topic position: a bootstrap's or local run's, restored in Kafka mode
        harness = harness(StartupSettings.empty(), StateRetention.forever(), null);
        harness.processBroadcastElement(apiRelocation(false), 0);
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();
        StartupSettings fromTopic = StartupSettings.empty();
        fromTopic.apply(apiRelocation(true));
        harness = harness(fromTopic, StateRetention.forever(), snapshot);

        harness.processElement(phoneOf(lead("L1", 100)), 0);
        harness.processElement(phoneOf(lead("L2", 200)), 0);

        assertThat(drain()).filteredOn(s -> s.kind != LeadSignalKind.ACCEPTED)
                .extracting(s -> s.kind, s -> s.leadId, s -> s.goldenLeadId)
                .containsExactly(tuple(LeadSignalKind.RELOCATED, "L1", "L2"));
    }

    @Test
    void startUpSettingsHoldUntilABroadcastRecordReplacesThem() throws Exception {
        StartupSettings initial = StartupSettings.empty();
        initial.apply(apiRelocation(true));
        harness = harness(initial, StateRetention.forever(), null);

        harness.processElement(phoneOf(lead("L1", 100)), 0);
        harness.processElement(phoneOf(lead("L2", 200)), 0);
        harness.processBroadcastElement(fromSettingsTopic(false, 0, 7), 0);
        harness.processElement(phoneOf(lead("L3", 300)), 0);

        assertThat(drain()).filteredOn(s -> s.kind != LeadSignalKind.ACCEPTED)
                .extracting(s -> s.kind, s -> s.leadId, s -> s.goldenLeadId).containsExactly(
                        tuple(LeadSignalKind.RELOCATED, "L1", "L2"),
                        tuple(LeadSignalKind.DUPLICATE, "L2", "L3"));
    }

    private static SettingsUpdate fromSettingsTopic(boolean relocate, int partition, long offset) {
        SettingsUpdate update = apiRelocation(relocate);
        update.setOrigin(new SettingsOrigin(partition, offset));
        return update;
    }

    /** A book as Kafka mode reads it at submission: the settings topic up to offset {@code end} of partition 0. */
    private static StartupSettings snapshot(boolean relocate, long lastOffset) {
        StartupSettings book = StartupSettings.empty();
        book.apply(fromSettingsTopic(relocate, 0, lastOffset));
        book.readUpTo(0, lastOffset + 1);
        return book;
    }

    @Test
    void aSettingsRecordReadAgainBelowTheStartUpSnapshotNeverOverridesIt() throws Exception {
        // the topic held "off" at offset 3, then "on" at offset 7; the job read it to offset 8 at start
        harness = harness(snapshot(true, 7), StateRetention.forever(), null);
        harness.processElement(phoneOf(lead("L1", 100)), 0);
        // the source reads the topic again from the earliest offset: the older record arrives late
        harness.processBroadcastElement(fromSettingsTopic(false, 0, 3), 0);
        harness.processElement(phoneOf(lead("L2", 200)), 0);
        harness.processBroadcastElement(fromSettingsTopic(true, 0, 7), 0);
        // a live change, past the snapshot, takes effect
        harness.processBroadcastElement(fromSettingsTopic(false, 0, 8), 0);
        harness.processElement(phoneOf(lead("L3", 300)), 0);

        assertThat(drain()).filteredOn(s -> s.kind != LeadSignalKind.ACCEPTED)
                .extracting(s -> s.kind, s -> s.leadId, s -> s.goldenLeadId).containsExactly(
                        tuple(LeadSignalKind.RELOCATED, "L1", "L2"),
                        tuple(LeadSignalKind.DUPLICATE, "L2", "L3"));
    }

    @Test
    void aNewerStartUpSnapshotWinsOverRestoredBroadcastState() throws Exception {
        harness = harness(snapshot(false, 2), StateRetention.forever(), null);
        harness.processBroadcastElement(fromSettingsTopic(false, 0, 5), 0);
        OperatorSubtaskState savepoint = harness.snapshot(1L, 1L);
        harness.close();

        // stopped; relocation switched on at offset 9; resubmitted from the savepoint, the topic read to 10
        harness = harness(snapshot(true, 9), StateRetention.forever(), savepoint);
        harness.processElement(phoneOf(lead("L1", 100)), 0);
        harness.processElement(phoneOf(lead("L2", 200)), 0);
        assertThat(drain()).filteredOn(s -> s.kind != LeadSignalKind.ACCEPTED)
                .extracting(s -> s.kind, s -> s.leadId, s -> s.goldenLeadId)
                .containsExactly(tuple(LeadSignalKind.RELOCATED, "L1", "L2"));

        // a failover of the same submission restores its own live change, which stays in force
        harness.processBroadcastElement(fromSettingsTopic(false, 0, 11), 0);
        OperatorSubtaskState checkpoint = harness.snapshot(2L, 2L);
        harness.close();
        harness = harness(snapshot(true, 9), StateRetention.forever(), checkpoint);
        harness.processElement(phoneOf(lead("L3", 300)), 0);
        assertThat(drain()).filteredOn(s -> s.kind != LeadSignalKind.ACCEPTED)
                .extracting(s -> s.kind, s -> s.leadId, s -> s.goldenLeadId)
                .containsExactly(tuple(LeadSignalKind.DUPLICATE, "L2", "L3"));
    }

    @Test
    void aDisqualificationHoldsAcrossARestoreAndCatchesLaterLeads() throws Exception {
        harness = harness(StartupSettings.empty(), StateRetention.of(Duration.ofDays(90)), null);
        harness.processElement(phoneOf(lead("L1", 100)), 0);
        harness.processElement(disposition(DispositionAction.DISQUALIFY, 150), 0);
        assertThat(drain()).extracting(s -> s.kind, s -> s.leadId).containsExactly(
                tuple(LeadSignalKind.ACCEPTED, "L1"), tuple(LeadSignalKind.DISQUALIFIED, "L1"));
        assertThat(harness.getSideOutput(NumberLeadsFunction.COUNTS)).extracting(r -> r.getValue().leadCount,
                r -> r.getValue().disqualified).containsExactly(tuple(1, false), tuple(1, true));

        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();
        harness = harness(StartupSettings.empty(), StateRetention.of(Duration.ofDays(90)), snapshot);

        harness.processElement(phoneOf(lead("L2", 200)), 0);
        harness.processElement(phoneOf(lead("L3", 300).campaign("camp-2")), 0);
        assertThat(drain()).extracting(s -> s.kind, s -> s.leadId).containsExactly(
                tuple(LeadSignalKind.ACCEPTED, "L2"), tuple(LeadSignalKind.DUPLICATE, "L1"),
                tuple(LeadSignalKind.DISQUALIFIED, "L2"),
                tuple(LeadSignalKind.ACCEPTED, "L3"), tuple(LeadSignalKind.DUPLICATE, "L1"),
                tuple(LeadSignalKind.DUPLICATE, "L2"));
    }

    @Test
    void leadsOlderThanTheRetentionAreForgotten() throws Exception {
        harness = harness(StartupSettings.empty(), StateRetention.of(Duration.ofMillis(1000)), null);
        harness.processBroadcastElement(apiRelocation(true), 0);
        harness.setProcessingTime(0);
        harness.processElement(phoneOf(lead("L1", 100)), 0);
        harness.setProcessingTime(5000);
        harness.processElement(phoneOf(lead("L2", 200)), 0);

        assertThat(drain()).extracting(s -> s.kind).containsExactly(LeadSignalKind.ACCEPTED, LeadSignalKind.ACCEPTED);
    }

    @Test
    void aMobileCopyIsRegisteredUnderItsNumberButAcceptedOnce() throws Exception {
        harness = harness(StartupSettings.empty(), StateRetention.forever(), null);
        AccountSettings matchMobile = AccountSettings.defaults("acct");
        matchMobile.relocateDuplicatesApi = true;
        matchMobile.matchMobile = true;
        harness.processBroadcastElement(SettingsUpdate.of(matchMobile), 0);
        TestLead lead = lead("L1", 100).phone("+12125550101").mobile("+16789998212");
        for (LeadAtNumber copy : lead.atNumbers()) {
            harness.processElement(NumberEvent.of(copy), 0);
        }
        assertThat(drain()).extracting(s -> s.kind).containsExactly(LeadSignalKind.ACCEPTED);

        harness.processElement(phoneOf(lead("L2", 200).phone("+16789998212")), 0);
        assertThat(drain()).extracting(s -> s.kind, s -> s.leadId, s -> s.number).containsExactly(
                tuple(LeadSignalKind.ACCEPTED, "L2", "+16789998212"),
                tuple(LeadSignalKind.RELOCATED, "L1", "+16789998212"));
    }

    private static NumberEvent disposition(DispositionAction action, long at) {
        NumberDisposition disposition = new NumberDisposition();
        disposition.accountId = "acct";
        disposition.campaignId = "camp-1";
        disposition.number = "+16789998212";
        disposition.action = action;
        disposition.at = at;
        return NumberEvent.of(disposition);
    }

    /**
     * The number's leads carry whether its disqualifications need reading; a hint left stale by any
     * step would let a lead of a disqualified number through, or hold one of a requalified number.
     */
    @Test
    void everyDispositionKeepsTheSkippedDisqualificationReadHonest() throws Exception {
        harness = harness(StartupSettings.empty(), StateRetention.forever(), null);
        // never disqualified: the number's leads say so
        harness.processElement(phoneOf(lead("L1", 100)), 0);
        harness.processElement(phoneOf(lead("L2", 110)), 0);
        harness.processElement(disposition(DispositionAction.DISQUALIFY, 120), 0);
        harness.processElement(phoneOf(lead("L3", 130)), 0);
        harness.processElement(disposition(DispositionAction.REQUALIFY, 140), 0);
        harness.processElement(phoneOf(lead("L4", 150)), 0);
        List<LeadSignal> signals = new java.util.ArrayList<>(drain());

        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();
        harness = harness(StartupSettings.empty(), StateRetention.forever(), snapshot);
        harness.processElement(disposition(DispositionAction.DISQUALIFY, 160), 0);
        harness.processElement(phoneOf(lead("L5", 170)), 0);
        signals.addAll(drain());

        assertThat(signals).filteredOn(s -> s.kind != LeadSignalKind.ACCEPTED && s.kind != LeadSignalKind.DUPLICATE)
                .extracting(s -> s.kind, s -> s.leadId).containsExactly(
                        tuple(LeadSignalKind.DISQUALIFIED, "L1"), tuple(LeadSignalKind.DISQUALIFIED, "L2"),
                        tuple(LeadSignalKind.DISQUALIFIED, "L3"),
                        tuple(LeadSignalKind.REQUALIFIED, "L1"), tuple(LeadSignalKind.REQUALIFIED, "L2"),
                        tuple(LeadSignalKind.REQUALIFIED, "L3"),
                        tuple(LeadSignalKind.DISQUALIFIED, "L1"), tuple(LeadSignalKind.DISQUALIFIED, "L2"),
                        tuple(LeadSignalKind.DISQUALIFIED, "L3"), tuple(LeadSignalKind.DISQUALIFIED, "L4"),
                        tuple(LeadSignalKind.DISQUALIFIED, "L5"));
    }

    @Test
    void aNumberDisqualifiedBeforeItHasLeadsCatchesItsFirstLead() throws Exception {
        harness = harness(StartupSettings.empty(), StateRetention.forever(), null);
        harness.processElement(disposition(DispositionAction.DISQUALIFY, 50), 0);
        harness.processElement(phoneOf(lead("L1", 100)), 0);
        harness.processElement(phoneOf(lead("L2", 200)), 0);
        assertThat(drain()).filteredOn(s -> s.kind == LeadSignalKind.DISQUALIFIED)
                .extracting(s -> s.leadId).containsExactly("L1", "L2");
    }
}
