package io.leaddedup.disqualification;

import static io.leaddedup.relocation.TestLead.lead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.leaddedup.events.DispositionAction;
import io.leaddedup.relocation.LeadDedupSimulator;
import io.leaddedup.relocation.TestLead;
import io.leaddedup.settings.AccountSettings;
import io.leaddedup.status.LeadActionType;
import io.leaddedup.status.LeadStatus;
import org.junit.jupiter.api.Test;

/** Seed 001's rules: counts over both columns, disqualification of a number now and later, requalification. */
class PhoneDisqualificationTest {

    private static final String JOHN = "+16789998212";
    private static final String OFFICE = "+12127612846";

    private static LeadDedupSimulator sim() {
        return new LeadDedupSimulator(AccountSettings.defaults("acct"));
    }

    @Test
    void countsLeadsOfTheCampaignOverBothColumnsAndKeepsRelocatedOnes() {
        AccountSettings relocating = AccountSettings.defaults("acct");
        relocating.relocateDuplicatesApi = true;
        LeadDedupSimulator sim = new LeadDedupSimulator(relocating)
                .arrive(lead("L1", 100).phone(OFFICE).mobile(JOHN))
                .arrive(lead("L2", 200).phone(JOHN))
                .arrive(lead("L3", 300).phone(JOHN).campaign("camp-2"));

        assertThat(sim.latestCounts().get("acct/camp-1/" + JOHN))
                .extracting(c -> c.leadCount, c -> c.disqualified).containsExactly(2, false);
        assertThat(sim.latestCounts().get("acct/camp-1/" + OFFICE).leadCount).isEqualTo(1);
        assertThat(sim.latestCounts().get("acct/camp-2/" + JOHN).leadCount).isEqualTo(1);
    }

    @Test
    void disqualifyingANumberDisqualifiesEveryLeadOfTheCampaignCarryingIt() {
        TestLead viaMobile = lead("L1", 100).phone(OFFICE).mobile(JOHN);
        TestLead viaPhone = lead("L2", 200).phone(JOHN);
        TestLead otherCampaign = lead("L3", 300).phone(JOHN).campaign("camp-2");
        LeadDedupSimulator sim = sim().arrive(viaMobile).arrive(viaPhone).arrive(otherCampaign)
                .dispose("camp-1", JOHN, DispositionAction.DISQUALIFY, 400);

        assertThat(sim.actions).filteredOn(a -> a.action != LeadActionType.DUPLICATE)
                .extracting(a -> a.action, a -> a.leadId, a -> a.phone, a -> a.at, a -> a.reason).containsExactly(
                tuple(LeadActionType.DISQUALIFIED, "L1", JOHN, 400L, "rep said so"),
                tuple(LeadActionType.DISQUALIFIED, "L2", JOHN, 400L, "rep said so"));
        assertThat(sim.status(otherCampaign)).isEqualTo(LeadStatus.ACTIVE);
        assertThat(sim.latestCounts().get("acct/camp-1/" + JOHN))
                .extracting(c -> c.leadCount, c -> c.disqualified).containsExactly(2, true);
        assertThat(sim.latestCounts().get("acct/camp-2/" + JOHN).disqualified).isFalse();
    }

    @Test
    void aLeadArrivingLaterWithTheNumberIsDisqualifiedOnArrival() {
        TestLead later = lead("L9", 900).phone(OFFICE).mobile(JOHN);
        LeadDedupSimulator sim = sim().dispose("camp-1", JOHN, DispositionAction.DISQUALIFY, 400).arrive(later);

        assertThat(sim.status(later)).isEqualTo(LeadStatus.DISQUALIFIED);
        assertThat(sim.actions).extracting(a -> a.action, a -> a.leadId, a -> a.at, a -> a.reason)
                .containsExactly(tuple(LeadActionType.DISQUALIFIED, "L9", 900L, "rep said so"));
        assertThat(sim.latestCounts().get("acct/camp-1/" + JOHN))
                .extracting(c -> c.leadCount, c -> c.disqualified).containsExactly(1, true);
    }

    @Test
    void requalifyingLiftsWhatItHeldAndRestoresTheUnderlyingStatus() {
        AccountSettings relocating = AccountSettings.defaults("acct");
        relocating.relocateDuplicatesApi = true;
        TestLead older = lead("L1", 100).phone(JOHN);
        TestLead newer = lead("L2", 200).phone(JOHN);
        LeadDedupSimulator sim = new LeadDedupSimulator(relocating).arrive(older)
                .dispose("camp-1", JOHN, DispositionAction.DISQUALIFY, 150)
                .arrive(newer)
                .dispose("camp-1", JOHN, DispositionAction.REQUALIFY, 300);

        assertThat(sim.status(older)).isEqualTo(LeadStatus.RELOCATED);
        assertThat(sim.status(newer)).isEqualTo(LeadStatus.ACTIVE);
        assertThat(sim.actions).filteredOn(a -> a.action == LeadActionType.REQUALIFIED)
                .extracting(a -> a.leadId).containsExactlyInAnyOrder("L1", "L2");
        assertThat(sim.latestCounts().get("acct/camp-1/" + JOHN).disqualified).isFalse();
    }

    @Test
    void aLeadHeldByTwoNumbersIsReportedPerNumberAndActiveOnlyWhenBothAreLifted() {
        TestLead lead = lead("L1", 100).phone(OFFICE).mobile(JOHN);
        LeadDedupSimulator sim = sim().arrive(lead)
                .dispose("camp-1", JOHN, DispositionAction.DISQUALIFY, 200)
                .dispose("camp-1", OFFICE, DispositionAction.DISQUALIFY, 300)
                .dispose("camp-1", JOHN, DispositionAction.REQUALIFY, 400);

        assertThat(sim.status(lead)).as("the office number still holds it").isEqualTo(LeadStatus.DISQUALIFIED);
        assertThat(sim.actions).extracting(a -> a.action, a -> a.phone).containsExactly(
                tuple(LeadActionType.DISQUALIFIED, JOHN), tuple(LeadActionType.DISQUALIFIED, OFFICE),
                tuple(LeadActionType.REQUALIFIED, JOHN));

        sim.dispose("camp-1", OFFICE, DispositionAction.REQUALIFY, 500);
        assertThat(sim.status(lead)).isEqualTo(LeadStatus.ACTIVE);
        assertThat(sim.actions).extracting(a -> a.action, a -> a.at).containsExactly(
                tuple(LeadActionType.DISQUALIFIED, 200L), tuple(LeadActionType.DISQUALIFIED, 300L),
                tuple(LeadActionType.REQUALIFIED, 400L), tuple(LeadActionType.REQUALIFIED, 500L));
    }

    @Test
    void repeatedDispositionsAreIdempotent() {
        LeadDedupSimulator sim = sim().arrive(lead("L1", 100).phone(JOHN))
                .dispose("camp-1", JOHN, DispositionAction.DISQUALIFY, 200)
                .dispose("camp-1", JOHN, DispositionAction.DISQUALIFY, 210)
                .dispose("camp-1", JOHN, DispositionAction.REQUALIFY, 300)
                .dispose("camp-1", JOHN, DispositionAction.REQUALIFY, 310);

        assertThat(sim.actions).extracting(a -> a.action)
                .containsExactly(LeadActionType.DISQUALIFIED, LeadActionType.REQUALIFIED);
        assertThat(sim.counts).hasSize(3);
    }

    @Test
    void anAccountWideDispositionHoldsTheNumberInEveryCampaign() {
        TestLead first = lead("L1", 100).phone(JOHN);
        TestLead second = lead("L2", 200).phone(JOHN).campaign("camp-2");
        TestLead later = lead("L3", 300).phone(JOHN).campaign("camp-3");
        LeadDedupSimulator sim = sim().arrive(first).arrive(second)
                .dispose("*", JOHN, DispositionAction.DISQUALIFY, 250)
                .arrive(later)
                .dispose("camp-2", JOHN, DispositionAction.DISQUALIFY, 350)
                .dispose("*", JOHN, DispositionAction.REQUALIFY, 400);

        assertThat(sim.status(first)).isEqualTo(LeadStatus.ACTIVE);
        assertThat(sim.status(second)).as("still held by its own campaign's disqualification")
                .isEqualTo(LeadStatus.DISQUALIFIED);
        assertThat(sim.status(later)).isEqualTo(LeadStatus.ACTIVE);
        assertThat(sim.actionsFor("L3")).extracting(a -> a.action)
                .containsExactly(LeadActionType.DISQUALIFIED, LeadActionType.REQUALIFIED);
        assertThat(sim.latestCounts().get("acct/camp-2/" + JOHN).disqualified).isTrue();
        assertThat(sim.latestCounts().get("acct/camp-3/" + JOHN).disqualified).isFalse();
    }

    /** A consumer (a dialer's do-not-call list) must tell an account-wide disqualification from per-campaign ones. */
    @Test
    void anAccountWideDispositionHasACountRecordOfItsOwnOfCampaignStar() {
        LeadDedupSimulator sim = sim().arrive(lead("L1", 100).phone(JOHN))
                .arrive(lead("L2", 200).mobile(JOHN).campaign("camp-2"))
                .arrive(lead("L3", 210).phone(OFFICE).campaign("camp-2"))
                .dispose("*", JOHN, DispositionAction.DISQUALIFY, 250)
                .dispose("*", JOHN, DispositionAction.DISQUALIFY, 260)
                .dispose("camp-1", JOHN, DispositionAction.DISQUALIFY, 270)
                .arrive(lead("L4", 280).phone(JOHN).campaign("camp-3"))
                .dispose("*", JOHN, DispositionAction.REQUALIFY, 300)
                .arrive(lead("L5", 310).phone(JOHN).campaign("camp-3"));

        assertThat(sim.counts).filteredOn(c -> c.campaignId.equals("*"))
                .extracting(c -> c.accountId, c -> c.phone, c -> c.leadCount, c -> c.disqualified)
                .as("when set (the repeat sets nothing), when a lead arrives while it stands, when lifted;"
                        + " leads of every campaign; nothing once lifted")
                .containsExactly(tuple("acct", JOHN, 2, true), tuple("acct", JOHN, 3, true),
                        tuple("acct", JOHN, 3, false));
        assertThat(sim.latestCounts().get("acct/camp-1/" + JOHN).disqualified).as("its own campaign's").isTrue();
    }

    @Test
    void aNumberWithoutLeadsCanBeDisqualifiedAheadOfThem() {
        LeadDedupSimulator sim = sim().dispose("camp-1", JOHN, DispositionAction.DISQUALIFY, 100);

        assertThat(sim.latestCounts().get("acct/camp-1/" + JOHN))
                .extracting(c -> c.leadCount, c -> c.disqualified).containsExactly(0, true);
        assertThat(sim.actions).isEmpty();
    }
}
