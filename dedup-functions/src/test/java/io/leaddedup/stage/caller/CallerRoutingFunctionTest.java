package io.leaddedup.stage.caller;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaddedup.callers.RoutingDecision;
import io.leaddedup.callers.RoutingStatus;
import io.leaddedup.events.ConversionEvent;
import io.leaddedup.events.RoutingKind;
import io.leaddedup.events.RoutingRequestEvent;
import io.leaddedup.settings.BroadcastSettings;
import io.leaddedup.settings.BuyerSettings;
import io.leaddedup.settings.CampaignSettings;
import io.leaddedup.settings.DuplicateCallerHandling;
import io.leaddedup.settings.SettingsUpdate;
import io.leaddedup.settings.StartupSettings;
import io.leaddedup.stage.StateRetention;
import io.leaddedup.testing.Harnesses;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.RocksDBKeyedStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallerRoutingFunctionTest {

    private static final String ACCOUNT = "acme";
    private static final String CAMPAIGN = "solar";
    private static final String CALLER = "+16789998212";
    private static final long T0 = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final Duration RETAINED = Duration.ofDays(90);
    private static final StateRetention RETENTION = StateRetention.of(RETAINED);

    private KeyedBroadcastOperatorTestHarness<String, CallerEvent, SettingsUpdate, RoutingDecision> harness;
    private int requests;

    @AfterEach
    void closeHarness() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void answersARequestForAnUnknownCallerWithEveryCandidate() throws Exception {
        harness = open(StartupSettings.empty(), null);
        harness.setProcessingTime(T0 + 500);

        harness.processElement(request(RoutingKind.CALL, T0, "b1", "b2"), T0);

        RoutingDecision decision = onlyDecision();
        assertThat(decision.status).isEqualTo(RoutingStatus.OK);
        assertThat(decision.eligibleBuyers).containsExactly("b1", "b2");
        assertThat(decision.duplicateBuyers).isEmpty();
        assertThat(decision.callerPhone).isEqualTo(CALLER);
        assertThat(decision.decidedAt).isEqualTo(T0 + 500);
    }

    @Test
    void excludesABuyerThatConvertedTheCallerUnderNewConvertibleBuyer() throws Exception {
        harness = open(StartupSettings.empty(), null);
        harness.processBroadcastElement(newConvertibleBuyer(null), 0);

        harness.processElement(conversion("b1", CAMPAIGN, T0), T0);
        harness.processElement(request(RoutingKind.CALL, T0 + DAY, "b1", "b2"), T0 + DAY);

        RoutingDecision decision = onlyDecision();
        assertThat(decision.eligibleBuyers).containsExactly("b2");
        assertThat(decision.duplicateBuyers).containsExactly("b1");
        assertThat(decision.lastConvertedAtMillis).containsExactly(T0);
    }

    @Test
    void aConversionFromAnotherCampaignCounts() throws Exception {
        harness = open(StartupSettings.empty(), null);
        harness.processBroadcastElement(newConvertibleBuyer(null), 0);

        harness.processElement(conversion("b1", "another-campaign", T0), T0);
        harness.processElement(request(RoutingKind.RTB, T0 + DAY, "b1"), T0 + DAY);

        RoutingDecision decision = onlyDecision();
        assertThat(decision.status).isEqualTo(RoutingStatus.NO_TARGET);
        assertThat(decision.duplicateBuyers).containsExactly("b1");
    }

    @Test
    void settingsGivenAtStartHoldUntilABroadcastReplacesThem() throws Exception {
        StartupSettings initial = StartupSettings.empty();
        initial.apply(newConvertibleBuyer("fallback"));
        harness = open(initial, null);
        harness.processElement(conversion("b1", CAMPAIGN, T0), T0);

        harness.processElement(request(RoutingKind.CALL, T0 + DAY, "b1"), T0 + DAY);
        SettingsUpdate live = SettingsUpdate.of(CampaignSettings.defaults(ACCOUNT, CAMPAIGN));
        live.setOrigin(new io.leaddedup.settings.SettingsOrigin(0, 3)); // read from the settings topic
        harness.processBroadcastElement(live, 0);
        harness.processElement(request(RoutingKind.CALL, T0 + DAY, "b1"), T0 + DAY);

        List<RoutingDecision> decisions = harness.extractOutputValues();
        assertThat(decisions).hasSize(2);
        assertThat(decisions.get(0).eligibleBuyers).containsExactly("fallback");
        assertThat(decisions.get(1).eligibleBuyers).containsExactly("b1");
    }

    @Test
    void buyerSettingsComeFromTheBroadcast() throws Exception {
        harness = open(StartupSettings.empty(), null);
        harness.processBroadcastElement(newConvertibleBuyer(null), 0);
        harness.processBroadcastElement(SettingsUpdate.of(buyer("b1", Duration.ofDays(7), false)), 0);
        harness.processBroadcastElement(SettingsUpdate.of(buyer("b2", null, true)), 0);
        harness.processElement(conversion("b1", CAMPAIGN, T0), T0);
        harness.processElement(conversion("b2", CAMPAIGN, T0), T0);

        harness.processElement(request(RoutingKind.CALL, T0 + 6 * DAY, "b1", "b2", "b3"), 0);
        harness.processElement(request(RoutingKind.CALL, T0 + 7 * DAY, "b1", "b2", "b3"), 0);

        List<RoutingDecision> decisions = harness.extractOutputValues();
        assertThat(decisions.get(0).eligibleBuyers).containsExactly("b2", "b3");
        assertThat(decisions.get(0).duplicateBuyers).containsExactly("b1", "b2");
        assertThat(decisions.get(1).eligibleBuyers).containsExactly("b1", "b2", "b3");
        assertThat(decisions.get(1).duplicateBuyers).containsExactly("b2");
    }

    @Test
    void conversionsAreKeptPerCallerAndPerAccount() throws Exception {
        harness = open(StartupSettings.empty(), null);
        harness.processElement(conversion("b1", CAMPAIGN, T0), T0);

        CallerEvent otherCaller = request(RoutingKind.CALL, T0 + DAY, "b1");
        otherCaller.request.callerPhone = "+16789990000";
        CallerEvent otherAccount = request(RoutingKind.CALL, T0 + DAY, "b1");
        otherAccount.request.accountId = "globex";
        harness.processElement(otherCaller, 0);
        harness.processElement(otherAccount, 0);

        assertThat(harness.extractOutputValues())
                .allSatisfy(decision -> assertThat(decision.duplicateBuyers).isEmpty());
    }

    @Test
    void eachRequestGetsExactlyOneDecisionAndWritesNoState() throws Exception {
        harness = open(StartupSettings.empty(), null);
        harness.processBroadcastElement(newConvertibleBuyer(null), 0);

        harness.processElement(request(RoutingKind.CALL, T0, "b1"), 0);
        harness.processElement(request(RoutingKind.RTB, T0, "b1"), 0);
        harness.processElement(request(RoutingKind.RTB, T0), 0);

        assertThat(harness.extractOutputValues()).hasSize(3)
                .extracting(decision -> decision.requestId).doesNotHaveDuplicates();
        assertThat(callersInState()).isZero();
    }

    @Test
    void aReplayedConversionChangesNoDecision() throws Exception {
        harness = open(StartupSettings.empty(), null);
        harness.processElement(conversion("b1", CAMPAIGN, T0), T0);
        harness.processElement(conversion("b1", CAMPAIGN, T0), T0);
        harness.processElement(conversion("b1", CAMPAIGN, T0), T0);

        harness.processElement(request(RoutingKind.CALL, T0 + DAY, "b1"), 0);

        RoutingDecision decision = onlyDecision();
        assertThat(decision.duplicateBuyers).containsExactly("b1");
        assertThat(decision.lastConvertedAtMillis).containsExactly(T0);
        assertThat(callersInState()).isEqualTo(1);
    }

    @Test
    void aCallerWithNoConversionForTheRetentionIsForgotten() throws Exception {
        harness = open(StartupSettings.empty(), null);
        harness.setStateTtlProcessingTime(0);
        harness.processElement(conversion("b1", CAMPAIGN, T0), T0);

        harness.setStateTtlProcessingTime(RETAINED.toMillis() + 1);
        harness.processElement(request(RoutingKind.CALL, T0 + DAY, "b1"), 0);

        assertThat(onlyDecision().duplicateBuyers).isEmpty();
    }

    @Test
    void conversionsAndSettingsSurviveARestoreFromASnapshot() throws Exception {
        harness = open(StartupSettings.empty(), null);
        harness.processBroadcastElement(newConvertibleBuyer("fallback"), 0);
        harness.processBroadcastElement(SettingsUpdate.of(buyer("b2", Duration.ofDays(30), false)), 0);
        harness.processElement(conversion("b1", CAMPAIGN, T0), T0);
        harness.processElement(conversion("b2", "another-campaign", T0 + DAY), T0 + DAY);
        OperatorSubtaskState snapshot = harness.snapshot(1L, T0 + DAY);
        harness.close();

        harness = open(StartupSettings.empty(), snapshot);
        assertThat(harness.getOperator().getKeyedStateBackend()).isInstanceOf(RocksDBKeyedStateBackend.class);
        harness.processElement(request(RoutingKind.RTB, T0 + 2 * DAY, "b1", "b2"), 0);
        harness.processElement(request(RoutingKind.RTB, T0 + 31 * DAY, "b1", "b2"), 0);

        List<RoutingDecision> decisions = harness.extractOutputValues();
        assertThat(decisions).hasSize(2);
        assertThat(decisions.get(0).duplicateBuyers).containsExactly("b1", "b2");
        assertThat(decisions.get(0).lastConvertedAtMillis).containsExactly(T0, T0 + DAY);
        assertThat(decisions.get(0).eligibleBuyers).containsExactly("fallback");
        assertThat(decisions.get(1).duplicateBuyers).containsExactly("b1");
        assertThat(decisions.get(1).eligibleBuyers).containsExactly("b2");
    }

    // ---- fixtures ----

    private static KeyedBroadcastOperatorTestHarness<String, CallerEvent, SettingsUpdate, RoutingDecision> open(
            StartupSettings initialSettings, OperatorSubtaskState restoreFrom) throws Exception {
        CallerRoutingFunction function = new CallerRoutingFunction(initialSettings, RETENTION);
        KeyedBroadcastOperatorTestHarness<String, CallerEvent, SettingsUpdate, RoutingDecision> harness =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(function,
                                List.of(BroadcastSettings.ACCOUNTS, BroadcastSettings.CAMPAIGNS, BroadcastSettings.BUYERS)),
                        CallerEvent::callerKey, Types.STRING, 128, 1, 0);
        return Harnesses.onRocksDb(harness, restoreFrom);
    }

    private RoutingDecision onlyDecision() {
        List<RoutingDecision> decisions = harness.extractOutputValues();
        assertThat(decisions).hasSize(1);
        return decisions.get(0);
    }

    private long callersInState() {
        return harness.getOperator().getKeyedStateBackend()
                .getKeys("caller-conversions", VoidNamespace.INSTANCE).count();
    }

    private static SettingsUpdate newConvertibleBuyer(String fallbackBuyerId) {
        CampaignSettings settings = CampaignSettings.defaults(ACCOUNT, CAMPAIGN);
        settings.duplicateCallerHandling = DuplicateCallerHandling.NEW_CONVERTIBLE_BUYER;
        settings.fallbackBuyerId = fallbackBuyerId;
        return SettingsUpdate.of(settings);
    }

    private static BuyerSettings buyer(String buyerId, Duration window, boolean acceptsDuplicates) {
        BuyerSettings settings = BuyerSettings.defaults(ACCOUNT, buyerId);
        settings.dedupeWindowMillis = window == null ? BuyerSettings.FOREVER : window.toMillis();
        settings.acceptsDuplicates = acceptsDuplicates;
        return settings;
    }

    private static CallerEvent conversion(String buyerId, String campaignId, long convertedAt) {
        ConversionEvent conversion = new ConversionEvent();
        conversion.accountId = ACCOUNT;
        conversion.callerPhone = CALLER;
        conversion.buyerId = buyerId;
        conversion.campaignId = campaignId;
        conversion.callId = "call-" + buyerId + "-" + convertedAt;
        conversion.convertedAt = convertedAt;
        return CallerEvent.of(conversion);
    }

    private CallerEvent request(RoutingKind kind, long receivedAt, String... candidates) {
        RoutingRequestEvent request = new RoutingRequestEvent();
        request.requestId = "req-" + (++requests);
        request.accountId = ACCOUNT;
        request.campaignId = CAMPAIGN;
        request.callerPhone = CALLER;
        request.kind = kind;
        request.candidateBuyers = candidates;
        request.receivedAt = receivedAt;
        return CallerEvent.of(request);
    }
}
