package io.leaddedup.callers;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaddedup.events.RoutingKind;
import io.leaddedup.events.RoutingRequestEvent;
import io.leaddedup.settings.BuyerSettings;
import io.leaddedup.settings.CampaignSettings;
import io.leaddedup.settings.DedupeWindow;
import io.leaddedup.settings.DuplicateCallerHandling;
import io.leaddedup.stage.StateRetention;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RoutingDeciderTest {

    private static final String ACCOUNT = "acme";
    private static final String CAMPAIGN = "solar";
    private static final String CALLER = "+16789998212";
    private static final long T0 = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long DECIDED_AT = T0 + 12_345;

    private CallerConversions conversions;
    private Map<String, BuyerSettings> buyers;

    @BeforeEach
    void setUp() {
        conversions = new CallerConversions();
        buyers = new HashMap<>();
    }

    // ---- duplicate status and the dedupe window ----

    @Test
    void aCallerNoBuyerConvertedIsNoDuplicateAndEveryCandidateIsEligible() {
        RoutingDecision decision = decide(campaign(DuplicateCallerHandling.NEW_CONVERTIBLE_BUYER), T0, "b1", "b2");

        assertThat(decision.status).isEqualTo(RoutingStatus.OK);
        assertThat(decision.eligibleBuyers).containsExactly("b1", "b2");
        assertThat(decision.duplicateBuyers).isEmpty();
        assertThat(decision.lastConvertedAtMillis).isEmpty();
    }

    @Test
    void aRequestAtTheConversionInstantIsADuplicate() {
        window("b1", Duration.ofDays(30));
        converted("b1", T0);

        assertThat(decide(off(), T0, "b1").duplicateBuyers).containsExactly("b1");
    }

    @Test
    void aRequestOneMillisecondBeforeTheWindowEndsIsADuplicate() {
        window("b1", Duration.ofDays(30));
        converted("b1", T0);

        assertThat(decide(off(), T0 + 30 * DAY - 1, "b1").duplicateBuyers).containsExactly("b1");
    }

    @Test
    void aRequestExactlyOneWindowAfterTheConversionIsNoLongerADuplicate() {
        window("b1", Duration.ofDays(30));
        converted("b1", T0);

        assertThat(decide(off(), T0 + 30 * DAY, "b1").duplicateBuyers).isEmpty();
    }

    @Test
    void aConversionAfterTheRequestWasReceivedDoesNotCount() {
        converted("b1", T0 + 1);

        RoutingDecision decision = decide(campaign(DuplicateCallerHandling.NEW_CONVERTIBLE_BUYER), T0, "b1");

        assertThat(decision.duplicateBuyers).isEmpty();
        assertThat(decision.eligibleBuyers).containsExactly("b1");
    }

    @Test
    void aRequestBetweenTwoConversionsIsJudgedByTheEarlierOne() {
        window("b1", Duration.ofDays(10));
        converted("b1", T0);
        converted("b1", T0 + 20 * DAY);

        RoutingDecision inWindow = decide(off(), T0 + 5 * DAY, "b1");
        RoutingDecision afterWindow = decide(off(), T0 + 15 * DAY, "b1");

        assertThat(inWindow.duplicateBuyers).containsExactly("b1");
        assertThat(inWindow.lastConvertedAtMillis).containsExactly(T0);
        assertThat(afterWindow.duplicateBuyers).isEmpty();
    }

    @Test
    void aBuyerWithoutSettingsHasAForeverWindowAndRefusesDuplicates() {
        converted("b1", T0);

        RoutingDecision decision =
                decide(campaign(DuplicateCallerHandling.NEW_CONVERTIBLE_BUYER), T0 + 3650 * DAY, "b1", "b2");

        assertThat(decision.duplicateBuyers).containsExactly("b1");
        assertThat(decision.eligibleBuyers).containsExactly("b2");
    }

    @Test
    void aLookupThatKnowsNoBuyersGivesTheDefaults() {
        converted("b1", T0);
        RoutingRequestEvent request = request(RoutingKind.CALL, T0 + 400 * DAY, "b1");

        RoutingDecision decision = RoutingDecider.decide(
                request, conversions, campaign(DuplicateCallerHandling.NEW_CONVERTIBLE_BUYER), null, DECIDED_AT);

        assertThat(decision.duplicateBuyers).containsExactly("b1");
        assertThat(decision.status).isEqualTo(RoutingStatus.NO_TARGET);
    }

    @Test
    void anExplicitForeverWindowNeverCloses() {
        BuyerSettings settings = BuyerSettings.defaults(ACCOUNT, "b1");
        settings.dedupeWindowMillis = BuyerSettings.FOREVER;
        buyers.put("b1", settings);
        converted("b1", T0);

        assertThat(decide(off(), Long.MAX_VALUE, "b1").duplicateBuyers).containsExactly("b1");
    }

    @Test
    void aZeroWindowMakesNoCallerADuplicate() {
        window("b1", Duration.ZERO);
        converted("b1", T0);

        assertThat(decide(off(), T0, "b1").duplicateBuyers).isEmpty();
    }

    @Test
    void aWindowOfMonthsEndsOnTheSameDayOfTheCalendarMonthAfter() {
        window("b1", "P1M");
        long endOfJanuary = Instant.parse("2026-01-31T10:00:00Z").toEpochMilli();
        long endOfFebruary = Instant.parse("2026-02-28T10:00:00Z").toEpochMilli();
        converted("b1", endOfJanuary);

        assertThat(decide(off(), endOfFebruary - 1, "b1").duplicateBuyers).containsExactly("b1");
        assertThat(decide(off(), endOfFebruary, "b1").duplicateBuyers).isEmpty();
    }

    @Test
    void eachBuyerIsJudgedByItsOwnWindow() {
        window("short", Duration.ofDays(1));
        window("long", Duration.ofDays(90));
        converted("short", T0);
        converted("long", T0);

        assertThat(decide(off(), T0 + 2 * DAY, "short", "long").duplicateBuyers).containsExactly("long");
    }

    @Test
    void conversionsAreHeldPerBuyerNotPerCampaign() {
        // CallerConversions has no campaign: a conversion made on any campaign counts for this one.
        converted("b1", T0);

        RoutingRequestEvent request = request(RoutingKind.CALL, T0 + DAY, "b1");
        request.campaignId = "another-campaign";

        RoutingDecision decision = RoutingDecider.decide(request, conversions,
                CampaignSettings.defaults(ACCOUNT, "another-campaign"), buyers::get, DECIDED_AT);
        assertThat(decision.duplicateBuyers).containsExactly("b1");
    }

    @Test
    void noKnownConversionsMeansNoDuplicates() {
        RoutingDecision decision = RoutingDecider.decide(request(RoutingKind.RTB, T0, "b1"), null,
                campaign(DuplicateCallerHandling.NEW_CONVERTIBLE_BUYER), buyers::get, DECIDED_AT);

        assertThat(decision.duplicateBuyers).isEmpty();
        assertThat(decision.eligibleBuyers).containsExactly("b1");
    }

    // ---- duplicate caller handling ----

    @Test
    void offKeepsEveryCandidateEligibleAndStillReportsDuplicates() {
        converted("b1", T0);
        converted("b3", T0);

        RoutingDecision decision = decide(off(), T0 + DAY, "b1", "b2", "b3");

        assertThat(decision.status).isEqualTo(RoutingStatus.OK);
        assertThat(decision.eligibleBuyers).containsExactly("b1", "b2", "b3");
        assertThat(decision.duplicateBuyers).containsExactly("b1", "b3");
    }

    @Test
    void aCampaignWithoutSettingsIsOff() {
        converted("b1", T0);

        RoutingDecision decision =
                RoutingDecider.decide(request(RoutingKind.CALL, T0, "b1"), conversions, null, buyers::get, DECIDED_AT);

        assertThat(decision.eligibleBuyers).containsExactly("b1");
        assertThat(decision.duplicateBuyers).containsExactly("b1");
    }

    @Test
    void offWhenEveryCandidateIsADuplicateStillRoutesToThemAndNotToTheFallback() {
        converted("b1", T0);
        CampaignSettings campaign = off();
        campaign.fallbackBuyerId = "fallback";

        RoutingDecision decision = decide(campaign, T0, "b1");

        assertThat(decision.status).isEqualTo(RoutingStatus.OK);
        assertThat(decision.eligibleBuyers).containsExactly("b1");
    }

    @Test
    void newConvertibleBuyerExcludesDuplicateBuyers() {
        converted("b2", T0);

        RoutingDecision decision =
                decide(campaign(DuplicateCallerHandling.NEW_CONVERTIBLE_BUYER), T0 + DAY, "b1", "b2", "b3");

        assertThat(decision.status).isEqualTo(RoutingStatus.OK);
        assertThat(decision.eligibleBuyers).containsExactly("b1", "b3");
        assertThat(decision.duplicateBuyers).containsExactly("b2");
    }

    @Test
    void aBuyerThatAcceptsDuplicatesStaysEligibleAndIsStillReported() {
        accepting("b1");
        converted("b1", T0);

        RoutingDecision decision = decide(campaign(DuplicateCallerHandling.NEW_CONVERTIBLE_BUYER), T0 + DAY, "b1");

        assertThat(decision.status).isEqualTo(RoutingStatus.OK);
        assertThat(decision.eligibleBuyers).containsExactly("b1");
        assertThat(decision.duplicateBuyers).containsExactly("b1");
    }

    @Test
    void eligibleBuyersKeepTheRequestsPriorityOrder() {
        accepting("d");
        converted("b", T0);
        converted("d", T0);

        RoutingDecision decision = decide(
                campaign(DuplicateCallerHandling.NEW_CONVERTIBLE_BUYER), T0 + DAY, "e", "d", "c", "b", "a");

        assertThat(decision.eligibleBuyers).containsExactly("e", "d", "c", "a");
        assertThat(decision.duplicateBuyers).containsExactly("d", "b");
    }

    @Test
    void whenEveryCandidateIsExcludedTheFallbackIsTheOnlyEligibleBuyer() {
        converted("b1", T0);
        converted("b2", T0);
        CampaignSettings campaign = campaign(DuplicateCallerHandling.NEW_CONVERTIBLE_BUYER);
        campaign.fallbackBuyerId = "fallback";

        RoutingDecision decision = decide(campaign, T0 + DAY, "b1", "b2");

        assertThat(decision.status).isEqualTo(RoutingStatus.OK);
        assertThat(decision.eligibleBuyers).containsExactly("fallback");
        assertThat(decision.duplicateBuyers).containsExactly("b1", "b2");
    }

    @Test
    void theFallbackIsNotUsedWhileACandidateIsLeft() {
        converted("b1", T0);
        CampaignSettings campaign = campaign(DuplicateCallerHandling.NEW_CONVERTIBLE_BUYER);
        campaign.fallbackBuyerId = "fallback";

        assertThat(decide(campaign, T0 + DAY, "b1", "b2").eligibleBuyers).containsExactly("b2");
    }

    @ParameterizedTest
    @EnumSource(RoutingKind.class)
    void withoutFallbackEveryCandidateExcludedIsNoTarget(RoutingKind kind) {
        converted("b1", T0);
        converted("b2", T0);

        RoutingDecision decision = RoutingDecider.decide(request(kind, T0 + DAY, "b1", "b2"), conversions,
                campaign(DuplicateCallerHandling.NEW_CONVERTIBLE_BUYER), buyers::get, DECIDED_AT);

        assertThat(decision.status).isEqualTo(RoutingStatus.NO_TARGET);
        assertThat(decision.kind).isEqualTo(kind);
        assertThat(decision.eligibleBuyers).isEmpty();
        assertThat(decision.duplicateBuyers).containsExactly("b1", "b2");
    }

    @Test
    void aBlankFallbackCountsAsUnset() {
        converted("b1", T0);
        CampaignSettings campaign = campaign(DuplicateCallerHandling.NEW_CONVERTIBLE_BUYER);
        campaign.fallbackBuyerId = " ";

        assertThat(decide(campaign, T0, "b1").status).isEqualTo(RoutingStatus.NO_TARGET);
    }

    @Test
    void lastConvertedAtGivesEachDuplicateBuyersLatestConversionBeforeTheRequest() {
        converted("b1", T0);
        converted("b1", T0 + 2 * DAY);
        converted("b1", T0 + 9 * DAY); // after the request: not the one that counts
        converted("b2", T0 + DAY);

        RoutingDecision decision = decide(off(), T0 + 5 * DAY, "b2", "b3", "b1");

        assertThat(decision.duplicateBuyers).containsExactly("b2", "b1");
        assertThat(decision.lastConvertedAtMillis).containsExactly(T0 + DAY, T0 + 2 * DAY);
    }

    // ---- edge cases the contract leaves open ----

    @Nested
    class EdgeCases {

        @Test
        void aBuyerListedTwiceCountsOnceAtItsFirstPosition() {
            converted("b2", T0);
            accepting("b2");

            RoutingDecision decision = decide(
                    campaign(DuplicateCallerHandling.NEW_CONVERTIBLE_BUYER), T0, "b1", "b2", "b1", "b3", "b2");

            assertThat(decision.eligibleBuyers).containsExactly("b1", "b2", "b3");
            assertThat(decision.duplicateBuyers).containsExactly("b2");
            assertThat(decision.lastConvertedAtMillis).containsExactly(T0);
        }

        @Test
        void noCandidatesUnderOffIsNoTargetEvenWithAFallback() {
            CampaignSettings campaign = off();
            campaign.fallbackBuyerId = "fallback";

            RoutingDecision decision = decide(campaign, T0);

            assertThat(decision.status).isEqualTo(RoutingStatus.NO_TARGET);
            assertThat(decision.eligibleBuyers).isEmpty();
        }

        @Test
        void noCandidatesUnderNewConvertibleBuyerGoesToTheFallback() {
            CampaignSettings campaign = campaign(DuplicateCallerHandling.NEW_CONVERTIBLE_BUYER);
            campaign.fallbackBuyerId = "fallback";

            RoutingDecision decision = decide(campaign, T0);

            assertThat(decision.status).isEqualTo(RoutingStatus.OK);
            assertThat(decision.eligibleBuyers).containsExactly("fallback");
        }

        @Test
        void anAbsentCandidateListIsNoTargetWithoutFallback() {
            RoutingRequestEvent request = request(RoutingKind.RTB, T0);
            request.candidateBuyers = null;

            RoutingDecision decision = RoutingDecider.decide(request, conversions,
                    campaign(DuplicateCallerHandling.NEW_CONVERTIBLE_BUYER), buyers::get, DECIDED_AT);

            assertThat(decision.status).isEqualTo(RoutingStatus.NO_TARGET);
            assertThat(decision.eligibleBuyers).isEmpty();
            assertThat(decision.duplicateBuyers).isEmpty();
        }

        @Test
        void aFallbackAmongTheCandidatesKeepsItsPositionWhileOthersAreLeft() {
            converted("b1", T0);
            CampaignSettings campaign = campaign(DuplicateCallerHandling.NEW_CONVERTIBLE_BUYER);
            campaign.fallbackBuyerId = "b3";

            assertThat(decide(campaign, T0, "b1", "b3", "b2").eligibleBuyers).containsExactly("b3", "b2");
        }

        @Test
        void aFallbackExcludedAsADuplicateStillTakesTheCallWhenNoCandidateIsLeft() {
            converted("b1", T0);
            converted("fallback", T0);
            CampaignSettings campaign = campaign(DuplicateCallerHandling.NEW_CONVERTIBLE_BUYER);
            campaign.fallbackBuyerId = "fallback";

            RoutingDecision decision = decide(campaign, T0, "b1", "fallback");

            assertThat(decision.status).isEqualTo(RoutingStatus.OK);
            assertThat(decision.eligibleBuyers).containsExactly("fallback");
            assertThat(decision.duplicateBuyers).containsExactly("b1", "fallback");
        }
    }

    @Test
    void theDecisionCarriesTheRequestAndTheDecisionTime() {
        RoutingRequestEvent request = request(RoutingKind.RTB, T0, "b1");

        RoutingDecision decision = RoutingDecider.decide(request, conversions, off(), buyers::get, DECIDED_AT);

        assertThat(decision.requestId).isEqualTo(request.requestId);
        assertThat(decision.accountId).isEqualTo(ACCOUNT);
        assertThat(decision.campaignId).isEqualTo(CAMPAIGN);
        assertThat(decision.callerPhone).isEqualTo(CALLER);
        assertThat(decision.kind).isEqualTo(RoutingKind.RTB);
        assertThat(decision.receivedAt).isEqualTo(T0);
        assertThat(decision.decidedAt).isEqualTo(DECIDED_AT);
    }

    // ---- fixtures ----

    private RoutingDecision decide(CampaignSettings campaign, long receivedAt, String... candidates) {
        return RoutingDecider.decide(
                request(RoutingKind.CALL, receivedAt, candidates), conversions, campaign, buyers::get, DECIDED_AT);
    }

    private void converted(String buyerId, long at) {
        conversions.record(buyerId, at, StateRetention.forever());
    }

    private void window(String buyerId, Duration window) {
        BuyerSettings settings = buyers.computeIfAbsent(buyerId, id -> BuyerSettings.defaults(ACCOUNT, id));
        settings.dedupeWindowMillis = window.toMillis();
    }

    private void window(String buyerId, String iso) {
        BuyerSettings settings = buyers.computeIfAbsent(buyerId, id -> BuyerSettings.defaults(ACCOUNT, id));
        DedupeWindow window = DedupeWindow.parse(iso);
        settings.dedupeWindowMonths = window.months;
        settings.dedupeWindowMillis = window.millis;
    }

    private void accepting(String buyerId) {
        buyers.computeIfAbsent(buyerId, id -> BuyerSettings.defaults(ACCOUNT, id)).acceptsDuplicates = true;
    }

    private static CampaignSettings off() {
        return campaign(DuplicateCallerHandling.OFF);
    }

    private static CampaignSettings campaign(DuplicateCallerHandling handling) {
        CampaignSettings settings = CampaignSettings.defaults(ACCOUNT, CAMPAIGN);
        settings.duplicateCallerHandling = handling;
        return settings;
    }

    private static RoutingRequestEvent request(RoutingKind kind, long receivedAt, String... candidates) {
        RoutingRequestEvent request = new RoutingRequestEvent();
        request.requestId = "req-" + receivedAt;
        request.accountId = ACCOUNT;
        request.campaignId = CAMPAIGN;
        request.callerPhone = CALLER;
        request.kind = kind;
        request.candidateBuyers = candidates;
        request.receivedAt = receivedAt;
        return request;
    }
}
