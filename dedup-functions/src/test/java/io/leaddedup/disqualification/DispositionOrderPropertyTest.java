package io.leaddedup.disqualification;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaddedup.events.DispositionAction;
import io.leaddedup.events.LeadSource;
import io.leaddedup.relocation.LeadDedupSimulator;
import io.leaddedup.relocation.TestLead;
import io.leaddedup.settings.AccountSettings;
import io.leaddedup.settings.FilterAgainst;
import io.leaddedup.status.LeadKey;
import io.leaddedup.status.LeadStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Arrival order of leads does not change final statuses for a fixed order of dispositions per
 * number: leads are shuffled among the dispositions, and every order ends where the rules say —
 * disqualified while one of the lead's numbers stands disqualified in its campaign (or account-wide),
 * else relocated or active exactly as without dispositions.
 */
class DispositionOrderPropertyTest {

    private static final String[] NUMBERS = {"+16789998212", "+12125550101", "+13125550142"};
    private static final String[] CAMPAIGNS = {"camp-1", "camp-2", "*"};

    private record Disposition(String campaign, String number, DispositionAction action) {}

    @Test
    void leadArrivalOrderDoesNotChangeFinalStatuses() {
        Random random = new Random(1122L);
        for (int scenario = 0; scenario < 300; scenario++) {
            AccountSettings settings = AccountSettings.defaults("acct");
            settings.relocateDuplicatesApi = random.nextBoolean();
            settings.matchMobile = random.nextBoolean();
            settings.filterAgainst = FilterAgainst.values()[random.nextInt(FilterAgainst.values().length)];
            List<TestLead> leads = new ArrayList<>();
            for (int i = 0; i < 2 + random.nextInt(6); i++) {
                TestLead lead = TestLead.lead("L" + i, 100L * random.nextInt(4))
                        .campaign(CAMPAIGNS[random.nextInt(2)])
                        .phone(NUMBERS[random.nextInt(NUMBERS.length)])
                        .source(random.nextInt(4) == 0 ? LeadSource.INBOUND : LeadSource.API);
                if (random.nextBoolean()) {
                    lead.mobile(NUMBERS[random.nextInt(NUMBERS.length)]);
                }
                leads.add(lead);
            }
            List<Disposition> dispositions = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(5); i++) {
                dispositions.add(new Disposition(CAMPAIGNS[random.nextInt(CAMPAIGNS.length)],
                        NUMBERS[random.nextInt(NUMBERS.length)],
                        random.nextInt(3) == 0 ? DispositionAction.REQUALIFY : DispositionAction.DISQUALIFY));
            }
            Map<String, LeadStatus> expected = expected(settings, leads, dispositions);
            for (int order = 0; order < 10; order++) {
                assertThat(run(settings, leads, dispositions, random))
                        .as("scenario %d, leads %s, dispositions %s", scenario, leads, dispositions)
                        .isEqualTo(expected);
            }
        }
    }

    /** Leads in random positions among the dispositions, whose own order is kept. */
    private static Map<String, LeadStatus> run(AccountSettings settings, List<TestLead> leads,
            List<Disposition> dispositions, Random random) {
        List<Object> events = new ArrayList<>(dispositions);
        List<TestLead> shuffled = new ArrayList<>(leads);
        Collections.shuffle(shuffled, random);
        for (TestLead lead : shuffled) {
            events.add(random.nextInt(events.size() + 1), lead);
        }
        LeadDedupSimulator sim = new LeadDedupSimulator(settings);
        long at = 1000;
        for (Object event : events) {
            if (event instanceof TestLead lead) {
                sim.arrive(lead);
            } else {
                Disposition d = (Disposition) event;
                sim.dispose(d.campaign(), d.number(), d.action(), at++);
            }
        }
        return sim.finalStatuses();
    }

    /** The rules over the whole set: relocation alone (in importedAt order), then the dispositions' end state. */
    private static Map<String, LeadStatus> expected(AccountSettings settings, List<TestLead> leads,
            List<Disposition> dispositions) {
        List<TestLead> inOrder = new ArrayList<>(leads);
        inOrder.sort((a, b) -> Long.compare(a.importedAt, b.importedAt) != 0
                ? Long.compare(a.importedAt, b.importedAt) : a.leadId.compareTo(b.leadId));
        LeadDedupSimulator relocationOnly = new LeadDedupSimulator(settings);
        inOrder.forEach(relocationOnly::arrive);
        Map<String, Boolean> held = new HashMap<>();
        for (Disposition d : dispositions) {
            held.put(d.campaign() + "/" + d.number(), d.action() == DispositionAction.DISQUALIFY);
        }
        Map<String, LeadStatus> expected = new HashMap<>(relocationOnly.finalStatuses());
        for (TestLead lead : leads) {
            boolean disqualified = false;
            for (String number : lead.mobile == null ? List.of(lead.phone) : List.of(lead.phone, lead.mobile)) {
                disqualified |= held.getOrDefault(lead.campaignId + "/" + number, false)
                        || held.getOrDefault("*/" + number, false);
            }
            if (disqualified) {
                expected.put(LeadKey.of(lead.accountId, lead.leadId), LeadStatus.DISQUALIFIED);
            }
        }
        return expected;
    }
}
