package io.leaddedup.upgrade;

import static io.leaddedup.relocation.TestLead.lead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.leaddedup.callers.RoutingDecision;
import io.leaddedup.disqualification.NumberDisposition;
import io.leaddedup.events.ConversionEvent;
import io.leaddedup.events.DispositionAction;
import io.leaddedup.events.RoutingKind;
import io.leaddedup.events.RoutingRequestEvent;
import io.leaddedup.phone.NumberColumn;
import io.leaddedup.relocation.TestLead;
import io.leaddedup.settings.AccountSettings;
import io.leaddedup.settings.BroadcastSettings;
import io.leaddedup.settings.CampaignSettings;
import io.leaddedup.settings.DuplicateCallerHandling;
import io.leaddedup.settings.FilterAgainst;
import io.leaddedup.settings.SettingsUpdate;
import io.leaddedup.settings.StartupSettings;
import io.leaddedup.stage.StateRetention;
import io.leaddedup.stage.caller.CallerEvent;
import io.leaddedup.stage.caller.CallerRoutingFunction;
import io.leaddedup.stage.lead.LeadStatusFunction;
import io.leaddedup.stage.phone.NumberEvent;
import io.leaddedup.stage.phone.NumberLeadsFunction;
import io.leaddedup.status.LeadAction;
import io.leaddedup.status.LeadActionType;
import io.leaddedup.status.LeadSignal;
import io.leaddedup.status.LeadSignalKind;
import io.leaddedup.status.LeadStatus;
import io.leaddedup.status.LeadStatusUpdate;
import io.leaddedup.testing.Harnesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * State written by an earlier release restores in this one and the job goes on correctly. Each
 * keyed stage's state, as the release of commit 1cd9f9f (30 Nov 2026) snapshotted it on RocksDB,
 * is checked in under {@code src/test/resources/upgrade/}: number leads, disqualifications and
 * broadcast settings of phone-leads, lead ledgers (layout 1) of lead-status, a caller's
 * conversions and settings of caller-routing.
 *
 * <p>To add the state of a new release, copy this file and {@code testing/Harnesses.java} into it,
 * run {@link #writeSnapshots} there with {@code -Dupgrade.write=DIR}, and check the files in under a
 * directory of its own.
 */
class StateUpgradeTest {

    private static final String RELEASE = "1cd9f9f";
    private static final StateRetention RETENTION = StateRetention.of(Duration.ofDays(36_500));
    private static final String NUMBER = "+16789998212";
    private static final String OTHER_NUMBER = "+12125550101";
    private static final String CALLER = "+13055550100";

    // --- what an earlier release wrote ----------------------------------------------------------

    @Test
    @EnabledIfSystemProperty(named = "upgrade.write", matches = ".+")
    void writeSnapshots() throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("upgrade.write")));

        var phone = phoneLeads(null);
        phone.processBroadcastElement(relocatingAccount(), 0);
        phone.processElement(NumberEvent.of(lead("L1", 100).at(NumberColumn.PHONE)), 0);
        phone.processElement(NumberEvent.of(lead("L2", 200).at(NumberColumn.PHONE)), 0);
        phone.processElement(disqualify(OTHER_NUMBER), 0);
        phone.processElement(NumberEvent.of(lead("L3", 300).phone(OTHER_NUMBER).at(NumberColumn.PHONE)), 0);
        write(phone, dir, "phone-leads");

        var status = leadStatus(null);
        status.processElement(signal(LeadSignalKind.ACCEPTED, "L1", null, 100), 0);
        status.processElement(signal(LeadSignalKind.RELOCATED, "L1", "L2", 200), 0);
        status.processElement(signal(LeadSignalKind.DUPLICATE, "L5", "L6", 600), 0);
        status.processElement(signal(LeadSignalKind.DISQUALIFIED, "L7", null, 700), 0);
        write(status, dir, "lead-status");

        var routing = callerRouting(null);
        routing.processBroadcastElement(newConvertibleBuyer(), 0);
        routing.processElement(conversion("b1", 1_000), 1_000);
        write(routing, dir, "caller-routing");
    }

    private static void write(AbstractStreamOperatorTestHarness<?> harness, Path dir, String stage) throws Exception {
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        OperatorSnapshotUtil.writeStateHandle(snapshot, dir.resolve(stage + ".snapshot").toString());
        harness.close();
    }

    // --- what this release does with it --------------------------------------------------------

    @Test
    void phoneLeadsRestoresTheNumbersLeadsDisqualificationsAndSettings() throws Exception {
        var phone = phoneLeads(restored("phone-leads"));
        try {
            // rule 3 against the restored golden lead, under the restored broadcast settings
            phone.processElement(NumberEvent.of(lead("L0", 50).at(NumberColumn.PHONE)), 0);
            // the restored disqualification catches a later lead of the number
            phone.processElement(NumberEvent.of(lead("L4", 400).phone(OTHER_NUMBER).at(NumberColumn.PHONE)), 0);
            // a replay of a restored lead changes nothing
            phone.processElement(NumberEvent.of(lead("L2", 200).at(NumberColumn.PHONE)), 0);
            assertThat(phone.extractOutputValues()).extracting(s -> s.kind, s -> s.leadId, s -> s.goldenLeadId)
                    .containsExactly(
                            tuple(LeadSignalKind.ACCEPTED, "L0", null),
                            tuple(LeadSignalKind.RELOCATED, "L0", "L2"),
                            tuple(LeadSignalKind.ACCEPTED, "L4", null),
                            tuple(LeadSignalKind.RELOCATED, "L3", "L4"),
                            tuple(LeadSignalKind.DISQUALIFIED, "L4", null));
        } finally {
            phone.close();
        }
    }

    @Test
    void leadStatusRestoresLedgersOfTheFirstLayoutAndReportsNothingTwice() throws Exception {
        var status = leadStatus(restored("lead-status"));
        try {
            status.processElement(signal(LeadSignalKind.ACCEPTED, "L1", null, 100), 0);
            status.processElement(signal(LeadSignalKind.RELOCATED, "L1", "L2", 200), 0);
            status.processElement(signal(LeadSignalKind.DUPLICATE, "L5", "L6", 600), 0);
            status.processElement(signal(LeadSignalKind.DISQUALIFIED, "L7", null, 700), 0);
            assertThat(status.extractOutputValues()).as("all reported before the upgrade").isEmpty();
            assertThat(statuses(status)).isEmpty();

            status.processElement(signal(LeadSignalKind.RELOCATED, "L1", "L8", 800), 0);
            status.processElement(signal(LeadSignalKind.REQUALIFIED, "L7", null, 900), 0);
            assertThat(status.extractOutputValues()).extracting(a -> a.action, a -> a.leadId)
                    .containsExactly(tuple(LeadActionType.REQUALIFIED, "L7"));
            assertThat(statuses(status)).extracting(s -> s.leadId, s -> s.status, s -> s.goldenLeadId)
                    .containsExactly(tuple("L1", LeadStatus.RELOCATED, "L8"), tuple("L7", LeadStatus.ACTIVE, null));
        } finally {
            status.close();
        }
    }

    @Test
    void callerRoutingRestoresConversionsAndSettings() throws Exception {
        var routing = callerRouting(restored("caller-routing"));
        try {
            routing.processElement(request(2_000, "b1", "b2"), 2_000);
            RoutingDecision decision = routing.extractOutputValues().get(0);
            assertThat(decision.duplicateBuyers).containsExactly("b1");
            assertThat(decision.eligibleBuyers).containsExactly("b2");
        } finally {
            routing.close();
        }
    }

    private static OperatorSubtaskState restored(String stage) throws Exception {
        Path file = Path.of(StateUpgradeTest.class.getResource("/upgrade/" + RELEASE + "/" + stage + ".snapshot").toURI());
        return OperatorSnapshotUtil.readStateHandle(file.toString());
    }

    // --- the stages, as the job builds them ----------------------------------------------------

    private static KeyedBroadcastOperatorTestHarness<String, NumberEvent, SettingsUpdate, LeadSignal> phoneLeads(
            OperatorSubtaskState restoreFrom) throws Exception {
        return Harnesses.onRocksDb(new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new NumberLeadsFunction(StartupSettings.empty(), RETENTION),
                        List.of(BroadcastSettings.ACCOUNTS, BroadcastSettings.CAMPAIGNS, BroadcastSettings.BUYERS)),
                NumberEvent::phoneKey, Types.STRING, 128, 1, 0), restoreFrom);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, LeadSignal, LeadAction> leadStatus(
            OperatorSubtaskState restoreFrom) throws Exception {
        return Harnesses.onRocksDb(new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new LeadStatusFunction(RETENTION)), LeadSignal::leadKey, Types.STRING,
                128, 1, 0), restoreFrom);
    }

    private static KeyedBroadcastOperatorTestHarness<String, CallerEvent, SettingsUpdate, RoutingDecision> callerRouting(
            OperatorSubtaskState restoreFrom) throws Exception {
        return Harnesses.onRocksDb(new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new CallerRoutingFunction(StartupSettings.empty(), RETENTION),
                        List.of(BroadcastSettings.ACCOUNTS, BroadcastSettings.CAMPAIGNS, BroadcastSettings.BUYERS)),
                CallerEvent::callerKey, Types.STRING, 128, 1, 0), restoreFrom);
    }

    // --- events ---------------------------------------------------------------------------------

    private static SettingsUpdate relocatingAccount() {
        AccountSettings settings = AccountSettings.defaults("acct");
        settings.relocateDuplicatesApi = true;
        settings.filterAgainst = FilterAgainst.ACCOUNT;
        return SettingsUpdate.of(settings);
    }

    private static NumberEvent disqualify(String number) {
        NumberDisposition disposition = new NumberDisposition();
        disposition.accountId = "acct";
        disposition.campaignId = "camp-1";
        disposition.number = number;
        disposition.action = DispositionAction.DISQUALIFY;
        disposition.reason = "DNC";
        disposition.at = 250;
        return NumberEvent.of(disposition);
    }

    private static LeadSignal signal(LeadSignalKind kind, String leadId, String golden, long at) {
        LeadSignal signal = new LeadSignal();
        signal.kind = kind;
        signal.accountId = "acct";
        signal.leadId = leadId;
        signal.number = NUMBER;
        signal.listId = "list-1";
        signal.campaignId = "camp-1";
        signal.goldenLeadId = golden;
        signal.filterAgainst = kind == LeadSignalKind.ACCEPTED ? null : FilterAgainst.ACCOUNT;
        signal.at = at;
        setGoldenTime(signal, at);
        return signal;
    }

    /** Releases before layout 2 have no such field: set it where it exists, so this file runs on both. */
    private static void setGoldenTime(LeadSignal signal, long at) {
        try {
            LeadSignal.class.getField("goldenImportedAt").setLong(signal, at);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            // an older release
        }
    }

    private static List<LeadStatusUpdate> statuses(KeyedOneInputStreamOperatorTestHarness<String, LeadSignal, LeadAction> harness) {
        var records = harness.getSideOutput(LeadStatusFunction.STATUS);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }

    private static SettingsUpdate newConvertibleBuyer() {
        CampaignSettings settings = CampaignSettings.defaults("acct", "camp-1");
        settings.duplicateCallerHandling = DuplicateCallerHandling.NEW_CONVERTIBLE_BUYER;
        return SettingsUpdate.of(settings);
    }

    private static CallerEvent conversion(String buyerId, long at) {
        ConversionEvent conversion = new ConversionEvent();
        conversion.accountId = "acct";
        conversion.callerPhone = CALLER;
        conversion.buyerId = buyerId;
        conversion.campaignId = "camp-1";
        conversion.callId = "call-" + at;
        conversion.convertedAt = at;
        return CallerEvent.of(conversion);
    }

    private static CallerEvent request(long at, String... candidates) {
        RoutingRequestEvent request = new RoutingRequestEvent();
        request.requestId = "req-" + at;
        request.accountId = "acct";
        request.campaignId = "camp-1";
        request.callerPhone = CALLER;
        request.kind = RoutingKind.CALL;
        request.candidateBuyers = candidates;
        request.receivedAt = at;
        return CallerEvent.of(request);
    }
}
