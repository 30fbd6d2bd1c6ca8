package io.leaddedup.relocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaddedup.events.LeadSource;
import io.leaddedup.settings.AccountSettings;
import io.leaddedup.settings.FilterAgainst;
import io.leaddedup.status.LeadActionType;
import io.leaddedup.status.LeadKey;
import io.leaddedup.status.LeadStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contract rule 3 as a property: for random sets of leads and settings, every arrival order ends in
 * the same statuses, and those are the statuses the rule defines directly (an oracle written from
 * the contract's sentence, independent of the implementation).
 */
class ArrivalOrderPropertyTest {

    private static final int SCENARIOS = 300;
    private static final int ORDERS_PER_SCENARIO = 12;
    private static final String[] NUMBERS = {"+16789998212", "+12125550101", "+13125550142", "+14155550199"};

    @ParameterizedTest
    @EnumSource(FilterAgainst.class)
    void everyArrivalOrderEndsInTheStatusesTheContractDefines(FilterAgainst scope) {
        Random random = new Random(20261122L + scope.ordinal());
        for (int scenario = 0; scenario < SCENARIOS; scenario++) {
            AccountSettings settings = randomSettings(random, scope);
            List<TestLead> leads = randomLeads(random);
            Map<String, LeadStatus> expected = oracle(leads, settings);

            List<TestLead> order = new ArrayList<>(leads);
            order.sort(Comparator.comparingLong((TestLead l) -> l.importedAt).thenComparing(l -> l.leadId));
            check(settings, order, expected);
            for (int i = 0; i < ORDERS_PER_SCENARIO; i++) {
                Collections.shuffle(order, random);
                check(settings, order, expected);
            }
        }
    }

    private static void check(AccountSettings settings, List<TestLead> order, Map<String, LeadStatus> expected) {
        LeadDedupSimulator sim = new LeadDedupSimulator(settings);
        order.forEach(sim::arrive);
        assertThat(sim.finalStatuses())
                .as("settings %s, arrival order %s", settings, order)
                .isEqualTo(expected);
        Map<String, Long> relocations = sim.actions.stream()
                .filter(a -> a.action == LeadActionType.RELOCATED)
                .collect(Collectors.groupingBy(a -> a.leadId, Collectors.counting()));
        assertThat(relocations.values()).as("a lead is relocated at most once").allMatch(count -> count == 1);
        Set<String> flagged = new HashSet<>();
        sim.actions.stream()
                .filter(a -> a.action == LeadActionType.DUPLICATE || a.action == LeadActionType.PROTECTED)
                .forEach(a -> assertThat(flagged.add(a.action + a.leadId + "/" + a.goldenLeadId))
                        .as("one flag per pair: %s", a).isTrue());
    }

    /** The contract's sentence, evaluated over the whole set: no arrival order involved. */
    private static Map<String, LeadStatus> oracle(List<TestLead> leads, AccountSettings settings) {
        Map<String, LeadStatus> statuses = new HashMap<>();
        for (TestLead x : leads) {
            boolean relocated = false;
            boolean protectedInbound = x.source == LeadSource.INBOUND && settings.protectInbound;
            for (TestLead y : leads) {
                boolean yRelocates = (y.source == LeadSource.API && settings.relocateDuplicatesApi)
                        || (y.source == LeadSource.CSV && y.relocateDuplicates);
                if (y != x && yRelocates
                        && GoldenRecord.isNewer(y.importedAt, y.leadId, x.importedAt, x.leadId)
                        && sharesNumber(x, y, settings)
                        && RelocationScope.includes(settings, y.listId, y.campaignId, y.purpose,
                                x.listId, x.campaignId, x.purpose)
                        && !protectedInbound) {
                    relocated = true;
                }
            }
            statuses.put(LeadKey.of(x.accountId, x.leadId), relocated ? LeadStatus.RELOCATED : LeadStatus.ACTIVE);
        }
        return statuses;
    }

    static boolean sharesNumber(TestLead x, TestLead y, AccountSettings settings) {
        Set<String> xNumbers = numbers(x, settings);
        return numbers(y, settings).stream().anyMatch(xNumbers::contains);
    }

    private static Set<String> numbers(TestLead lead, AccountSettings settings) {
        Set<String> numbers = new HashSet<>();
        numbers.add(lead.phone);
        if (settings.matchMobile && lead.mobile != null) {
            numbers.add(lead.mobile);
        }
        return numbers;
    }

    static AccountSettings randomSettings(Random random, FilterAgainst scope) {
        AccountSettings settings = AccountSettings.defaults("acct");
        settings.filterAgainst = scope;
        settings.relocateDuplicatesApi = random.nextInt(4) != 0;
        settings.protectInbound = random.nextBoolean();
        settings.matchMobile = random.nextBoolean();
        settings.additionalLists = random.nextBoolean() ? new String[] {"list-3"} : new String[0];
        settings.additionalCampaigns = random.nextBoolean() ? new String[] {"camp-3"} : new String[0];
        return settings;
    }

    static List<TestLead> randomLeads(Random random) {
        int count = 2 + random.nextInt(8);
        List<TestLead> leads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // few distinct timestamps, so ties on importedAt are common
            TestLead lead = TestLead.lead("L" + random.nextInt(1000) + "-" + i, 100L * random.nextInt(5))
                    .list("list-" + (1 + random.nextInt(3)))
                    .campaign("camp-" + (1 + random.nextInt(3)))
                    .purpose(random.nextBoolean() ? "solar" : "roofing")
                    .phone(NUMBERS[random.nextInt(NUMBERS.length)]);
            if (random.nextInt(3) == 0) {
                lead.mobile(NUMBERS[random.nextInt(NUMBERS.length)]);
            }
            switch (random.nextInt(4)) {
                case 0 -> lead.source(LeadSource.INBOUND);
                case 1 -> lead.source(LeadSource.CSV);
                case 2 -> lead.csvRelocating();
                default -> lead.source(LeadSource.API);
            }
            leads.add(lead);
        }
        return leads;
    }
}
