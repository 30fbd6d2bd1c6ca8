package io.leaddedup.relocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaddedup.disqualification.NumberDisposition;
import io.leaddedup.disqualification.NumberDisqualifications;
import io.leaddedup.events.DispositionAction;
import io.leaddedup.events.LeadSource;
import io.leaddedup.settings.AccountSettings;
import io.leaddedup.settings.FilterAgainst;
import io.leaddedup.stage.phone.NumberEvent;
import io.leaddedup.stage.phone.NumberLeadsStep;
import io.leaddedup.status.LeadAction;
import io.leaddedup.status.LeadActionType;
import io.leaddedup.status.LeadLedger;
import io.leaddedup.status.LeadReporting;
import io.leaddedup.status.LeadSignal;
import io.leaddedup.status.LeadStatusUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Same input, same output, for leads with two numbers: each phone key decides in its own order
 * (fixed, as a partition fixes it), but the facts of two keys reach a lead's ledger in whatever
 * order the network delivers them. For random leads (most with a mobile) and dispositions, the
 * keys' facts are fed to the lead-status step in many random interleavings: the final status of
 * every lead as the compacted topic keeps it (status, list, golden lead), the set of DUPLICATE and
 * PROTECTED pairs and the multiset of (action, lead) are always the same, and the golden lead is
 * the newest relocating lead that covers the lead through either number.
 */
class KeyInterleavingPropertyTest {

    private static final int SCENARIOS = 250;
    private static final int INTERLEAVINGS = 20;
    private static final String[] CAMPAIGNS = {"camp-1", "camp-2", "camp-3"};

    @ParameterizedTest
    @EnumSource(FilterAgainst.class)
    void everyInterleavingOfTheKeysFactsReportsTheSame(FilterAgainst scope) throws Exception {
        Random random = new Random(20261130L + scope.ordinal());
        for (int scenario = 0; scenario < SCENARIOS; scenario++) {
            AccountSettings settings = ArrivalOrderPropertyTest.randomSettings(random, scope);
            settings.matchMobile = random.nextInt(4) != 0;
            List<TestLead> leads = ArrivalOrderPropertyTest.randomLeads(random);
            for (TestLead lead : leads) {
                if (lead.mobile == null && random.nextBoolean()) {
                    lead.mobile(KeyInterleavingPropertyTest.otherNumber(random, lead.phone));
                }
            }
            Map<String, List<LeadSignal>> byKey = phoneStage(settings, events(random, leads));

            Outcome first = null;
            for (int i = 0; i < INTERLEAVINGS; i++) {
                Outcome outcome = leadStage(interleave(byKey, random));
                if (first == null) {
                    first = outcome;
                    assertGoldenIsTheNewestCoveringRelocator(outcome, leads, settings);
                    assertThat(first.pairs().values()).as("each pair written once").allMatch(count -> count == 1);
                } else {
                    assertThat(outcome).as("scenario %d, settings %s, leads %s", scenario, settings, leads)
                            .isEqualTo(first);
                }
            }
        }
    }

    /**
     * What consumers see: the latest status per lead, the record that opened each lead's history
     * (ACTIVE, with the lead's own time), the flag pairs, and every action per lead.
     */
    private record Outcome(Map<String, String> statuses, Map<String, String> opened, Map<String, Long> pairs,
            Map<String, Long> actions) {}

    /** Leads in a random arrival order, with dispositions of their numbers mixed in. */
    private static List<Object> events(Random random, List<TestLead> leads) {
        List<Object> events = new ArrayList<>(leads);
        java.util.Collections.shuffle(events, random);
        int dispositions = random.nextInt(4);
        for (int i = 0; i < dispositions; i++) {
            TestLead lead = leads.get(random.nextInt(leads.size()));
            NumberDisposition disposition = new NumberDisposition();
            disposition.accountId = lead.accountId;
            disposition.campaignId = random.nextInt(4) == 0 ? "*" : CAMPAIGNS[random.nextInt(CAMPAIGNS.length)];
            disposition.number = lead.mobile != null && random.nextBoolean() ? lead.mobile : lead.phone;
            disposition.action = random.nextInt(3) == 0 ? DispositionAction.REQUALIFY : DispositionAction.DISQUALIFY;
            disposition.reason = "rep said so";
            disposition.at = 1_000L + i;
            events.add(random.nextInt(events.size() + 1), disposition);
        }
        return events;
    }

    /** Every phone key's decisions, in the order its events arrive: the facts each key sends. */
    private static Map<String, List<LeadSignal>> phoneStage(AccountSettings settings, List<Object> events)
            throws Exception {
        Map<String, NumberLeads> numbers = new HashMap<>();
        Map<String, NumberDisqualifications> held = new HashMap<>();
        Map<String, List<LeadSignal>> byKey = new LinkedHashMap<>();
        List<NumberEvent> atNumbers = new ArrayList<>();
        for (Object event : events) {
            if (event instanceof TestLead lead) {
                lead.atNumbers().forEach(copy -> atNumbers.add(NumberEvent.of(copy)));
            } else {
                atNumbers.add(NumberEvent.of((NumberDisposition) event));
            }
        }
        for (NumberEvent event : atNumbers) {
            String key = event.phoneKey();
            NumberLeadsStep.NumberState state = NumberLeadsStep.apply(numbers.get(key), () -> held.get(key), event,
                    settings, 0L, Long.MIN_VALUE, byKey.computeIfAbsent(key, k -> new ArrayList<>()),
                    new ArrayList<>());
            if (state.leadsChanged) {
                numbers.put(key, state.leads);
            }
            if (state.disqualificationsChanged) {
                held.put(key, state.disqualifications);
            }
        }
        return byKey;
    }

    /** One delivery order: each key's facts in their order, the keys mixed at random. */
    private static List<LeadSignal> interleave(Map<String, List<LeadSignal>> byKey, Random random) {
        List<List<LeadSignal>> queues = new ArrayList<>(byKey.values());
        int[] next = new int[queues.size()];
        List<LeadSignal> delivered = new ArrayList<>();
        int left = queues.stream().mapToInt(List::size).sum();
        while (left > 0) {
            int queue = random.nextInt(queues.size());
            if (next[queue] < queues.get(queue).size()) {
                delivered.add(queues.get(queue).get(next[queue]++));
                left--;
            }
        }
        return delivered;
    }

    /** The lead-status step over one delivery order. */
    private static Outcome leadStage(List<LeadSignal> delivered) {
        Map<String, LeadLedger> ledgers = new HashMap<>();
        List<LeadAction> actions = new ArrayList<>();
        Map<String, String> statuses = new TreeMap<>();
        Map<String, String> opened = new TreeMap<>();
        java.util.function.Consumer<LeadStatusUpdate> status = update -> {
            statuses.put(update.leadId, update.status + " " + update.listId + " " + update.goldenLeadId);
            opened.putIfAbsent(update.leadId, update.status + " " + update.listId + " " + update.goldenLeadId + " "
                    + update.updatedAt);
        };
        for (LeadSignal signal : delivered) {
            LeadLedger changed = LeadReporting.step(ledgers.get(signal.leadKey()), signal, actions::add, status);
            if (changed != null) {
                ledgers.put(signal.leadKey(), changed);
            }
        }
        Map<String, Long> pairs = actions.stream()
                .filter(a -> a.action == LeadActionType.DUPLICATE || a.action == LeadActionType.PROTECTED)
                .collect(Collectors.groupingBy(a -> a.action + " " + a.leadId + " " + a.goldenLeadId, TreeMap::new,
                        Collectors.counting()));
        Map<String, Long> perLead = actions.stream().collect(
                Collectors.groupingBy(a -> a.action + " " + a.leadId, TreeMap::new, Collectors.counting()));
        return new Outcome(statuses, opened, pairs, perLead);
    }

    /** The contract's sentence: the newest lead that relocates, is newer, shares a number and has the lead in scope. */
    private static void assertGoldenIsTheNewestCoveringRelocator(Outcome outcome, List<TestLead> leads,
            AccountSettings settings) {
        for (TestLead x : leads) {
            TestLead golden = null;
            for (TestLead y : leads) {
                boolean relocates = (y.source == LeadSource.API && settings.relocateDuplicatesApi)
                        || (y.source == LeadSource.CSV && y.relocateDuplicates);
                if (y != x && relocates && GoldenRecord.isNewer(y.importedAt, y.leadId, x.importedAt, x.leadId)
                        && ArrivalOrderPropertyTest.sharesNumber(x, y, settings)
                        && RelocationScope.includes(settings, y.listId, y.campaignId, y.purpose, x.listId,
                                x.campaignId, x.purpose)
                        && (golden == null || GoldenRecord.isNewer(y.importedAt, y.leadId, golden.importedAt,
                                golden.leadId))) {
                    golden = y;
                }
            }
            boolean protectedInbound = x.source == LeadSource.INBOUND && settings.protectInbound;
            String status = outcome.statuses().get(x.leadId);
            if (golden != null && !protectedInbound) {
                assertThat(status).as("lead %s of %s", x.leadId, leads).endsWith(" " + golden.leadId)
                        .contains(" SYS_DUPLICATES_LIST ");
            } else {
                assertThat(status).as("lead %s of %s", x.leadId, leads).endsWith(" null");
            }
        }
    }

    private static String otherNumber(Random random, String phone) {
        String[] numbers = {"+16789998212", "+12125550101", "+13125550142", "+14155550199", "+15125550177"};
        String mobile = numbers[random.nextInt(numbers.length)];
        return mobile.equals(phone) ? numbers[numbers.length - 1] : mobile;
    }
}
