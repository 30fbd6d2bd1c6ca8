package io.leaddedup.relocation;

import io.leaddedup.disqualification.CampaignPhoneCount;
import io.leaddedup.disqualification.NumberDisqualifications;
import io.leaddedup.disqualification.PhoneDisqualification;
import io.leaddedup.events.DispositionAction;
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
    private final Map<String, NumberDisqualifications> disqualifications = new HashMap<>();
    public final List<CampaignPhoneCount> counts = new ArrayList<>();
    private final Map<String, LeadLedger> ledgers = new HashMap<>();
    public final List<LeadAction> actions = new ArrayList<>();
    public final List<LeadStatusUpdate> statuses = new ArrayList<>();

    public LeadDedupSimulator(AccountSettings settings) {
        this.settings = settings;
    }

    public LeadDedupSimulator arrive(TestLead lead) {
        for (LeadAtNumber copy : lead.atNumbers()) {
            String key = PhoneKey.of(copy.accountId, copy.number);
            NumberLeads leads = numbers.computeIfAbsent(key, k -> new NumberLeads());
            NumberDisqualifications held = disqualifications.computeIfAbsent(key, k -> new NumberDisqualifications());
            List<LeadSignal> signals = new ArrayList<>();
            if (NumberRelocation.arrive(leads, copy, settings, 0L, signals)) {
                PhoneDisqualification.arrive(held, copy, signals);
                counts.add(PhoneDisqualification.count(copy.accountId, copy.number, copy.campaignId, leads, held));
            }
            signals.forEach(this::report);
        }
        return this;
    }

    public LeadDedupSimulator dispose(String campaignId, String number, DispositionAction action, long at) {
        NumberDisposition disposition = new NumberDisposition();
        disposition.accountId = settings.accountId;
        disposition.campaignId = campaignId;
        disposition.number = number;
        disposition.action = action;
        disposition.reason = "rep said so";
        disposition.at = at;
        String key = PhoneKey.of(disposition.accountId, number);
        List<LeadSignal> signals = new ArrayList<>();
        PhoneDisqualification.dispose(disqualifications.computeIfAbsent(key, k -> new NumberDisqualifications()),
                numbers.computeIfAbsent(key, k -> new NumberLeads()), disposition, signals, counts);
        signals.forEach(this::report);
        return this;
    }

    /** The latest count record per {@code account/campaign/phone}, as a compacted topic would keep it. */
    public Map<String, CampaignPhoneCount> latestCounts() {
        Map<String, CampaignPhoneCount> latest = new HashMap<>();
        counts.forEach(count -> latest.put(count.key(), count));
        return latest;
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
