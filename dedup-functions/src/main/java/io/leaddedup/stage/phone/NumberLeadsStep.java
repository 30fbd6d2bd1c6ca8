package io.leaddedup.stage.phone;

import io.leaddedup.disqualification.CampaignPhoneCount;
import io.leaddedup.disqualification.NumberDisqualifications;
import io.leaddedup.disqualification.PhoneDisqualification;
import io.leaddedup.events.PhoneDispositionEvent;
import io.leaddedup.relocation.LeadAtNumber;
import io.leaddedup.relocation.NumberLeads;
import io.leaddedup.relocation.NumberRelocation;
import io.leaddedup.settings.AccountSettings;
import io.leaddedup.status.LeadSignal;
import java.util.List;
import java.util.Set;

/**
 * The whole decision of the phone-leads stage for one event at one number, in plain Java: prune
 * leads past retention, relocate or flag, disqualify, keep the "disqualifications may exist" hint
 * exact, count. The Flink function ({@link NumberLeadsFunction}) and the simulator of the property
 * tests both run exactly this, so the tests reach every optimisation the job has.
 */
public final class NumberLeadsStep {

    private NumberLeadsStep() {}

    /** Reads the number's disqualifications from state; called only when they may exist. */
    @FunctionalInterface
    public interface DisqualificationsReader {
        NumberDisqualifications read() throws Exception;
    }

    /** The number's state after the event, and which part of it must be written back. */
    public static final class NumberState {
        public final NumberLeads leads;
        public final NumberDisqualifications disqualifications;
        /** Write {@link #leads} (or clear the value when it holds no lead). */
        public boolean leadsChanged;
        /** Write {@link #disqualifications} (or clear the value when it holds none). */
        public boolean disqualificationsChanged;
        /** For a lead event: the lead id was already known at this number (a replay or a resend). */
        public boolean leadKnown;
        /** For a lead event: how many leads the number held when it arrived (after forgetting expired ones). */
        public int leadsOnArrival;

        NumberState(NumberLeads leads, NumberDisqualifications disqualifications) {
            this.leads = leads;
            this.disqualifications = disqualifications;
        }
    }

    /**
     * @param stored the number's leads as stored, null when the key has none
     * @param settings the account's settings in force for a lead event (unused for dispositions)
     * @param cutoff leads registered before this processing time are forgotten
     */
    public static NumberState apply(NumberLeads stored, DisqualificationsReader storedDisqualifications,
            NumberEvent event, AccountSettings settings, long now, long cutoff, List<LeadSignal> signals,
            List<CampaignPhoneCount> counts) throws Exception {
        NumberLeads leads = stored != null ? stored : new NumberLeads();
        NumberDisqualifications read = leads.disqualificationsMayExist ? storedDisqualifications.read() : null;
        NumberState state = new NumberState(leads, read != null ? read : new NumberDisqualifications());
        String accountId = event.lead != null ? event.lead.accountId : event.disposition.accountId;
        String number = event.lead != null ? event.lead.number : event.disposition.number;

        Set<String> shrunk = leads.dropRegisteredBefore(cutoff);
        state.leadsChanged = !shrunk.isEmpty();
        if (event.lead != null) {
            LeadAtNumber lead = event.lead;
            state.leadsOnArrival = leads.leads.length;
            state.leadKnown = !NumberRelocation.arrive(leads, lead, settings, now, signals);
            if (!state.leadKnown) {
                state.leadsChanged = true;
                PhoneDisqualification.arrive(state.disqualifications, lead, signals);
                if (!shrunk.contains(lead.campaignId)) {
                    counts.add(PhoneDisqualification.count(accountId, number, lead.campaignId, leads,
                            state.disqualifications));
                }
            }
        } else {
            state.disqualificationsChanged = PhoneDisqualification.applyDisposition(state.disqualifications, leads,
                    event.disposition, signals, counts);
        }
        // The hint follows the disqualifications as they now stand; a number without leads stores no
        // value at all (its absence already means "read them").
        state.leadsChanged |= leads.noteDisqualifications(!state.disqualifications.isEmpty()) && !leads.isEmpty();
        for (String campaign : shrunk) {
            counts.add(PhoneDisqualification.count(accountId, number, campaign, leads, state.disqualifications));
        }
        // The per-campaign records cannot tell a consumer that the whole account stopped calling the
        // number (a do-not-call list, not a campaign's choice): the account-wide record does, when it
        // is set or lifted and, while it stands, when the number gains or loses a lead.
        boolean accountWideChanged = state.disqualificationsChanged
                && PhoneDispositionEvent.ALL_CAMPAIGNS.equals(event.disposition.campaignId);
        boolean leadsCounted = (event.lead != null && !state.leadKnown) || !shrunk.isEmpty();
        if (accountWideChanged || (leadsCounted && state.disqualifications.holdsAccountWide())) {
            counts.add(PhoneDisqualification.accountWideCount(accountId, number, leads, state.disqualifications));
        }
        return state;
    }
}
