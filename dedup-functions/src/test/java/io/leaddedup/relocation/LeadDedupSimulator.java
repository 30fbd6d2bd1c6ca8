package io.leaddedup.relocation;

import io.leaddedup.disqualification.CampaignPhoneCount;
import io.leaddedup.disqualification.NumberDisposition;
import io.leaddedup.disqualification.NumberDisqualifications;
import io.leaddedup.events.DispositionAction;
import io.leaddedup.phone.PhoneKey;
import io.leaddedup.settings.AccountSettings;
import io.leaddedup.stage.phone.NumberEvent;
import io.leaddedup.stage.phone.NumberLeadsStep;
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
 * Both keyed stages of the job in plain Java: every phone key's {@link NumberLeadsStep} and every
 * lead's {@link LeadReporting#step}, the very steps the job's functions run, wired as the topology
 * wires them. Lets tests run thousands of
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
            atNumber(PhoneKey.of(copy.accountId, copy.number), NumberEvent.of(copy));
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
        atNumber(PhoneKey.of(disposition.accountId, number), NumberEvent.of(disposition));
        return this;
    }

    /** The phone-leads step, as the job runs it, with a map for its state (no retention). */
    private void atNumber(String key, NumberEvent event) {
        List<LeadSignal> signals = new ArrayList<>();
        NumberLeadsStep.NumberState state;
        try {
            state = NumberLeadsStep.apply(numbers.get(key), () -> disqualifications.get(key), event, settings, 0L,
                    Long.MIN_VALUE, signals, counts);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (state.leadsChanged) {
            store(numbers, key, state.leads, state.leads.isEmpty());
        }
        if (state.disqualificationsChanged) {
            store(disqualifications, key, state.disqualifications, state.disqualifications.isEmpty());
        }
        signals.forEach(this::report);
    }

    private static <V> void store(Map<String, V> state, String key, V value, boolean clear) {
        if (clear) {
            state.remove(key);
        } else {
            state.put(key, value);
        }
    }

    /** The latest count record per {@code account/campaign/phone}, as a compacted topic would keep it. */
    public Map<String, CampaignPhoneCount> latestCounts() {
        Map<String, CampaignPhoneCount> latest = new HashMap<>();
        counts.forEach(count -> latest.put(count.key(), count));
        return latest;
    }

    /** The lead-status step, as the job runs it. */
    private void report(LeadSignal signal) {
        LeadLedger changed = LeadReporting.step(ledgers.get(signal.leadKey()), signal, actions::add, statuses::add);
        if (changed != null) {
            ledgers.put(signal.leadKey(), changed);
        }
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
