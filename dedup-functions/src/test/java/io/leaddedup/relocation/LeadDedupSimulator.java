package io.leaddedup.relocation;

import io.leaddedup.phone.PhoneKey;
import io.leaddedup.settings.AccountSettings;
import io.leaddedup.status.LeadAction;
import io.leaddedup.status.LeadKey;
import io.leaddedup.status.LeadLedger;
import io.leaddedup.status.LeadReporting;
import io.leaddedup.status.LeadSignal;
import io.leaddedup.status.LeadStatus;
import io.leaddedup.status.LeadStatusUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Both keyed stages of the job in plain Java: every phone key's {@link NumberRelocation} and every
 * lead's {@link LeadReporting}, wired as the topology wires them. Lets tests run thousands of
 * arrival orders without a cluster.
 */
public final class LeadDedupSimulator {

    private final AccountSettings settings;
    private final Map<String, NumberLeads> numbers = new HashMap<>();
    private final Map<String, LeadLedger> ledgers = new HashMap<>();
    public final List<LeadAction> actions = new ArrayList<>();
    public final List<LeadStatusUpdate> statuses = new ArrayList<>();

    public LeadDedupSimulator(AccountSettings settings) {
        this.settings = settings;
    }

    public LeadDedupSimulator arrive(TestLead lead) {
        for (LeadAtNumber copy : lead.atNumbers()) {
            NumberLeads leads = numbers.computeIfAbsent(PhoneKey.of(copy.accountId, copy.number), k -> new NumberLeads());
            List<LeadSignal> signals = new ArrayList<>();
            NumberRelocation.arrive(leads, copy, settings, 0L, signals);
            signals.forEach(this::report);
        }
        return this;
    }

    private void report(LeadSignal signal) {
        LeadLedger ledger = ledgers.get(signal.leadKey());
        if (ledger == null) {
            ledger = LeadReporting.open(signal, statuses::add);
            ledgers.put(signal.leadKey(), ledger);
        }
        LeadReporting.apply(ledger, signal, actions::add, statuses::add);
    }

    public LeadStatus status(TestLead lead) {
        LeadLedger ledger = ledgers.get(LeadKey.of(lead.accountId, lead.leadId));
        return ledger == null ? null : ledger.status();
    }

    public Map<String, LeadStatus> finalStatuses() {
        Map<String, LeadStatus> result = new HashMap<>();
        ledgers.forEach((key, ledger) -> result.put(key, ledger.status()));
        return result;
    }

    public List<LeadAction> actionsFor(String leadId) {
        return actions.stream().filter(a -> a.leadId.equals(leadId)).toList();
    }
}
