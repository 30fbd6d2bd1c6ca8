package io.leaddedup.relocation;

import static io.leaddedup.relocation.TestLead.lead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.leaddedup.events.LeadSource;
import io.leaddedup.settings.AccountSettings;
import io.leaddedup.settings.FilterAgainst;
import io.leaddedup.status.LeadAction;
import io.leaddedup.status.LeadActionType;
import io.leaddedup.status.LeadStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The contract's "Relocate duplicates" rules, one scenario each, through both keyed stages' logic. */
class RelocationRulesTest {

    private static AccountSettings settings(FilterAgainst scope, boolean api) {
        AccountSettings settings = AccountSettings.defaults("acct");
        settings.filterAgainst = scope;
        settings.relocateDuplicatesApi = api;
        return settings;
    }

    @Nested
    class GoldenRecord {
        @Test
        void newerApiLeadRelocatesOlderLeadOfTheAccount() {
            TestLead older = lead("L1", 100).list("list-a").campaign("c1");
            TestLead newer = lead("L2", 200).list("list-b").campaign("c2");
            LeadDedupSimulator sim = new LeadDedupSimulator(settings(FilterAgainst.ACCOUNT, true))
                    .arrive(older).arrive(newer);

            assertThat(sim.actions).singleElement().satisfies(action -> {
                assertThat(action.action).isEqualTo(LeadActionType.RELOCATED);
                assertThat(action.leadId).isEqualTo("L1");
                assertThat(action.goldenLeadId).isEqualTo("L2");
                assertThat(action.toListId).isEqualTo(LeadAction.SYS_DUPLICATES_LIST);
                assertThat(action.listId).isEqualTo("list-a");
                assertThat(action.campaignId).isEqualTo("c1");
                assertThat(action.phone).isEqualTo("+16789998212");
                assertThat(action.filterAgainst).isEqualTo(FilterAgainst.ACCOUNT);
                assertThat(action.at).isEqualTo(200);
            });
            assertThat(sim.status(older)).isEqualTo(LeadStatus.RELOCATED);
            assertThat(sim.status(newer)).isEqualTo(LeadStatus.ACTIVE);
        }

        @Test
        void statusHistoryStartsActiveThenMovesToTheDuplicatesList() {
            LeadDedupSimulator sim = new LeadDedupSimulator(settings(FilterAgainst.ACCOUNT, true))
                    .arrive(lead("L1", 100)).arrive(lead("L2", 200));

            assertThat(sim.statuses)
                    .extracting(s -> s.leadId, s -> s.status, s -> s.listId, s -> s.goldenLeadId, s -> s.updatedAt)
                    .containsExactly(
                            tuple("L1", LeadStatus.ACTIVE, "list-1", null, 100L),
                            tuple("L2", LeadStatus.ACTIVE, "list-1", null, 200L),
                            tuple("L1", LeadStatus.RELOCATED, LeadAction.SYS_DUPLICATES_LIST, "L2", 200L));
        }

        @Test
        void onlyTheNewestStaysActiveInAChain() {
            TestLead l1 = lead("L1", 100);
            TestLead l2 = lead("L2", 200);
            TestLead l3 = lead("L3", 300);
            LeadDedupSimulator sim = new LeadDedupSimulator(settings(FilterAgainst.ACCOUNT, true))
                    .arrive(l1).arrive(l2).arrive(l3);

            assertThat(sim.actions).extracting(a -> a.leadId, a -> a.goldenLeadId)
                    .containsExactly(tuple("L1", "L2"), tuple("L2", "L3"));
            assertThat(sim.status(l3)).isEqualTo(LeadStatus.ACTIVE);
        }

        @Test
        void tiesOnImportedAtGoToTheGreaterLeadId() {
            TestLead a = lead("L-a", 100);
            TestLead b = lead("L-b", 100);
            LeadDedupSimulator sim = new LeadDedupSimulator(settings(FilterAgainst.ACCOUNT, true)).arrive(b).arrive(a);

            assertThat(sim.status(a)).isEqualTo(LeadStatus.RELOCATED);
            assertThat(sim.status(b)).isEqualTo(LeadStatus.ACTIVE);
            assertThat(sim.actionsFor("L-a")).extracting(x -> x.goldenLeadId).containsExactly("L-b");
        }

        @Test
        void anOlderRelocatingLeadLeavesANewerActiveLeadAlone() {
            TestLead newer = lead("L2", 200).source(LeadSource.CSV);
            TestLead older = lead("L1", 100);
            LeadDedupSimulator sim = new LeadDedupSimulator(settings(FilterAgainst.ACCOUNT, true))
                    .arrive(newer).arrive(older);

            assertThat(sim.actions).isEmpty();
            assertThat(sim.finalStatuses()).containsOnly(
                    org.assertj.core.api.Assertions.entry("acct/L1", LeadStatus.ACTIVE),
                    org.assertj.core.api.Assertions.entry("acct/L2", LeadStatus.ACTIVE));
        }

        @Test
        void accountsNeverMeet() {
            TestLead theirs = lead("L1", 100).account("other");
            TestLead ours = lead("L2", 200);
            LeadDedupSimulator sim = new LeadDedupSimulator(settings(FilterAgainst.ACCOUNT, true))
                    .arrive(theirs).arrive(ours);

            assertThat(sim.actions).isEmpty();
        }
    }

    @Nested
    class WhoRelocates {
        @Test
        void apiLeadsRelocateOnlyWhenTheAccountSettingIsOn() {
            LeadDedupSimulator sim = new LeadDedupSimulator(settings(FilterAgainst.ACCOUNT, false))
                    .arrive(lead("L1", 100)).arrive(lead("L2", 200));

            assertThat(sim.actions).extracting(a -> a.action, a -> a.leadId, a -> a.goldenLeadId)
                    .containsExactly(tuple(LeadActionType.DUPLICATE, "L1", "L2"));
            assertThat(sim.finalStatuses()).allSatisfy((lead, status) -> assertThat(status).isEqualTo(LeadStatus.ACTIVE));
        }

        @Test
        void csvLeadsRelocateOnlyWithTheUploadOption() {
            LeadDedupSimulator withOption = new LeadDedupSimulator(settings(FilterAgainst.ACCOUNT, false))
                    .arrive(lead("L1", 100)).arrive(lead("L2", 200).csvRelocating());
            LeadDedupSimulator withoutOption = new LeadDedupSimulator(settings(FilterAgainst.ACCOUNT, true))
                    .arrive(lead("L1", 100)).arrive(lead("L2", 200).source(LeadSource.CSV));

            assertThat(withOption.actions).extracting(a -> a.action).containsExactly(LeadActionType.RELOCATED);
            assertThat(withoutOption.actions).extracting(a -> a.action, a -> a.leadId, a -> a.goldenLeadId)
                    .containsExactly(tuple(LeadActionType.DUPLICATE, "L1", "L2"));
        }

        @Test
        void duplicateFlagsNameTheOlderLeadWhicheverArrivesFirst() {
            LeadDedupSimulator sim = new LeadDedupSimulator(settings(FilterAgainst.ACCOUNT, false))
                    .arrive(lead("L2", 200)).arrive(lead("L1", 100));

            assertThat(sim.actions).extracting(a -> a.action, a -> a.leadId, a -> a.goldenLeadId)
                    .containsExactly(tuple(LeadActionType.DUPLICATE, "L1", "L2"));
        }

        @Test
        void duplicateFlagsCoverEveryLeadOfTheScope() {
            LeadDedupSimulator sim = new LeadDedupSimulator(settings(FilterAgainst.ACCOUNT, false))
                    .arrive(lead("L1", 100)).arrive(lead("L2", 200)).arrive(lead("L3", 300));

            assertThat(sim.actions).extracting(a -> a.leadId, a -> a.goldenLeadId)
                    .containsExactly(tuple("L1", "L2"), tuple("L1", "L3"), tuple("L2", "L3"));
        }

        @Test
        void inboundLeadsNeverRelocateOthers() {
            TestLead older = lead("L1", 100);
            TestLead inbound = lead("L2", 200).source(LeadSource.INBOUND);
            LeadDedupSimulator sim = new LeadDedupSimulator(settings(FilterAgainst.ACCOUNT, true))
                    .arrive(older).arrive(inbound);

            assertThat(sim.status(older)).isEqualTo(LeadStatus.ACTIVE);
            assertThat(sim.actions).extracting(a -> a.action, a -> a.leadId, a -> a.goldenLeadId)
                    .containsExactly(tuple(LeadActionType.DUPLICATE, "L1", "L2"));
        }
    }

    @Nested
    class InboundProtection {
        @Test
        void anOlderInboundLeadIsProtectedByDefault() {
            TestLead inbound = lead("L1", 100).source(LeadSource.INBOUND);
            TestLead newer = lead("L2", 200);
            LeadDedupSimulator sim = new LeadDedupSimulator(settings(FilterAgainst.ACCOUNT, true))
                    .arrive(inbound).arrive(newer);

            assertThat(sim.status(inbound)).isEqualTo(LeadStatus.ACTIVE);
            assertThat(sim.actions).extracting(a -> a.action, a -> a.leadId, a -> a.goldenLeadId, a -> a.toListId)
                    .containsExactly(tuple(LeadActionType.PROTECTED, "L1", "L2", null));
        }

        @Test
        void withoutProtectionAnInboundLeadIsRelocatedLikeAnyOther() {
            AccountSettings settings = settings(FilterAgainst.ACCOUNT, true);
            settings.protectInbound = false;
            TestLead inbound = lead("L1", 100).source(LeadSource.INBOUND);
            LeadDedupSimulator sim = new LeadDedupSimulator(settings).arrive(inbound).arrive(lead("L2", 200));

            assertThat(sim.status(inbound)).isEqualTo(LeadStatus.RELOCATED);
        }

        @Test
        void aLateInboundLeadIsProtectedOnArrival() {
            TestLead inbound = lead("L1", 100).source(LeadSource.INBOUND);
            LeadDedupSimulator sim = new LeadDedupSimulator(settings(FilterAgainst.ACCOUNT, true))
                    .arrive(lead("L2", 200)).arrive(inbound);

            assertThat(sim.status(inbound)).isEqualTo(LeadStatus.ACTIVE);
            // an inbound lead does not relocate: it is flagged against its scope, and protected
            assertThat(sim.actions).extracting(a -> a.action, a -> a.leadId, a -> a.goldenLeadId)
                    .containsExactly(tuple(LeadActionType.DUPLICATE, "L1", "L2"),
                            tuple(LeadActionType.PROTECTED, "L1", "L2"));
        }
    }

    @Nested
    class Scopes {
        @Test
        void campaignScopeTakesTheSameCampaignAndTheAdditionalOnes() {
            AccountSettings settings = settings(FilterAgainst.CAMPAIGN, true);
            settings.additionalCampaigns = new String[] {"c-extra"};
            TestLead sameCampaign = lead("L1", 100).campaign("c1");
            TestLead additional = lead("L2", 110).campaign("c-extra");
            TestLead otherCampaign = lead("L3", 120).campaign("c2");
            LeadDedupSimulator sim = new LeadDedupSimulator(settings)
                    .arrive(sameCampaign).arrive(additional).arrive(otherCampaign)
                    .arrive(lead("L9", 200).campaign("c1"));

            assertThat(sim.status(sameCampaign)).isEqualTo(LeadStatus.RELOCATED);
            assertThat(sim.status(additional)).isEqualTo(LeadStatus.RELOCATED);
            assertThat(sim.status(otherCampaign)).isEqualTo(LeadStatus.ACTIVE);
            assertThat(sim.actionsFor("L1")).extracting(a -> a.filterAgainst).containsExactly(FilterAgainst.CAMPAIGN);
        }

        @Test
        void listScopeTakesTheSameListAndTheAdditionalOnes() {
            AccountSettings settings = settings(FilterAgainst.LIST, true);
            settings.additionalLists = new String[] {"list-extra"};
            TestLead sameList = lead("L1", 100).list("list-a");
            TestLead additional = lead("L2", 110).list("list-extra");
            TestLead otherList = lead("L3", 120).list("list-b");
            LeadDedupSimulator sim = new LeadDedupSimulator(settings)
                    .arrive(sameList).arrive(additional).arrive(otherList)
                    .arrive(lead("L9", 200).list("list-a"));

            assertThat(sim.status(sameList)).isEqualTo(LeadStatus.RELOCATED);
            assertThat(sim.status(additional)).isEqualTo(LeadStatus.RELOCATED);
            assertThat(sim.status(otherList)).isEqualTo(LeadStatus.ACTIVE);
        }

        @Test
        void purposeScopeTakesLeadsOfTheSamePurposeInAnyCampaign() {
            TestLead samePurpose = lead("L1", 100).campaign("c1").purpose("solar");
            TestLead otherPurpose = lead("L2", 110).campaign("c9").purpose("roofing");
            LeadDedupSimulator sim = new LeadDedupSimulator(settings(FilterAgainst.CAMPAIGN_PURPOSE, true))
                    .arrive(samePurpose).arrive(otherPurpose)
                    .arrive(lead("L9", 200).campaign("c2").purpose("solar"));

            assertThat(sim.status(samePurpose)).isEqualTo(LeadStatus.RELOCATED);
            assertThat(sim.status(otherPurpose)).isEqualTo(LeadStatus.ACTIVE);
        }

        @Test
        void duplicateFlagsUseTheSameScope() {
            TestLead otherList = lead("L1", 100).list("list-b");
            LeadDedupSimulator sim = new LeadDedupSimulator(settings(FilterAgainst.LIST, false))
                    .arrive(otherList).arrive(lead("L2", 110).list("list-a")).arrive(lead("L3", 200).list("list-a"));

            assertThat(sim.actions).extracting(a -> a.leadId, a -> a.goldenLeadId)
                    .containsExactly(tuple("L2", "L3"));
        }
    }

    @Nested
    class ArrivalOrder {
        @Test
        void anOlderLeadArrivingAfterItsRelocatorIsRelocatedAtOnce() {
            TestLead older = lead("L1", 100);
            LeadDedupSimulator sim = new LeadDedupSimulator(settings(FilterAgainst.ACCOUNT, true))
                    .arrive(lead("L2", 200)).arrive(older);

            assertThat(sim.status(older)).isEqualTo(LeadStatus.RELOCATED);
            assertThat(sim.actionsFor("L1")).extracting(a -> a.action, a -> a.goldenLeadId)
                    .containsExactly(tuple(LeadActionType.RELOCATED, "L2"));
        }

        @Test
        void theRelocatorCountsEvenAfterItWasRelocatedItself() {
            TestLead oldest = lead("L1", 100);
            LeadDedupSimulator sim = new LeadDedupSimulator(settings(FilterAgainst.ACCOUNT, true))
                    .arrive(lead("L2", 200)).arrive(lead("L3", 300)).arrive(oldest);

            assertThat(sim.status(oldest)).isEqualTo(LeadStatus.RELOCATED);
            // the newest relocator that has it in scope is named: the number's golden record
            assertThat(sim.actionsFor("L1")).extracting(a -> a.goldenLeadId).containsExactly("L3");
        }

        @Test
        void aLateLeadWithRelocationOffIsFlaggedAndRelocated() {
            LeadDedupSimulator sim = new LeadDedupSimulator(settings(FilterAgainst.ACCOUNT, true))
                    .arrive(lead("L2", 200)).arrive(lead("L1", 100).source(LeadSource.CSV));

            assertThat(sim.actions).extracting(a -> a.action, a -> a.leadId, a -> a.goldenLeadId)
                    .containsExactly(tuple(LeadActionType.DUPLICATE, "L1", "L2"),
                            tuple(LeadActionType.RELOCATED, "L1", "L2"));
        }

        @Test
        void aRelocatorOutOfScopeOfTheLateLeadDoesNotRelocateIt() {
            LeadDedupSimulator sim = new LeadDedupSimulator(settings(FilterAgainst.CAMPAIGN, true))
                    .arrive(lead("L2", 200).campaign("c2")).arrive(lead("L1", 100).campaign("c1"));

            assertThat(sim.actions).isEmpty();
        }
    }

    @Nested
    class Numbers {
        @Test
        void mobilesAreIgnoredForRelocationUnlessMatchMobileIsOn() {
            TestLead older = lead("L1", 100).phone("+12125550101").mobile("+16789998212");
            TestLead newer = lead("L2", 200).phone("+16789998212");

            LeadDedupSimulator off = new LeadDedupSimulator(settings(FilterAgainst.ACCOUNT, true))
                    .arrive(older).arrive(newer);
            AccountSettings matchMobile = settings(FilterAgainst.ACCOUNT, true);
            matchMobile.matchMobile = true;
            LeadDedupSimulator on = new LeadDedupSimulator(matchMobile).arrive(older).arrive(newer);

            assertThat(off.status(older)).isEqualTo(LeadStatus.ACTIVE);
            assertThat(off.actions).isEmpty();
            assertThat(on.status(older)).isEqualTo(LeadStatus.RELOCATED);
            assertThat(on.actionsFor("L1")).extracting(a -> a.phone).containsExactly("+16789998212");
        }

        @Test
        void aLeadReachedThroughBothNumbersIsRelocatedOnce() {
            AccountSettings settings = settings(FilterAgainst.ACCOUNT, true);
            settings.matchMobile = true;
            TestLead older = lead("L1", 100).phone("+12125550101").mobile("+16789998212");
            TestLead newer = lead("L2", 200).phone("+16789998212").mobile("+12125550101");
            LeadDedupSimulator sim = new LeadDedupSimulator(settings).arrive(older).arrive(newer);

            assertThat(sim.actions).extracting(a -> a.action, a -> a.leadId)
                    .containsExactly(tuple(LeadActionType.RELOCATED, "L1"));
            assertThat(sim.statuses).filteredOn(s -> s.leadId.equals("L1")).hasSize(2);
        }

        @Test
        void aReplayedLeadIsReportedOnce() {
            TestLead older = lead("L1", 100);
            TestLead newer = lead("L2", 200);
            LeadDedupSimulator sim = new LeadDedupSimulator(settings(FilterAgainst.ACCOUNT, true))
                    .arrive(older).arrive(newer).arrive(newer).arrive(older);

            assertThat(sim.actions).hasSize(1);
            assertThat(sim.statuses).hasSize(3);
        }
    }
}
