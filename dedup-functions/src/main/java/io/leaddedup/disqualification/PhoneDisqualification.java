package io.leaddedup.disqualification;

import io.leaddedup.events.DispositionAction;
import io.leaddedup.events.PhoneDispositionEvent;
import io.leaddedup.relocation.LeadAtNumber;
import io.leaddedup.relocation.NumberLead;
import io.leaddedup.relocation.NumberLeads;
import io.leaddedup.status.LeadSignal;
import io.leaddedup.status.LeadSignalKind;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Phone-level disqualification (seed 001), decided at one phone key: a number disqualified in a
 * campaign disqualifies every lead of that campaign carrying it in either column, now and on
 * arrival later; requalifying lifts exactly what it held. Plain Java, no Flink.
 *
 * <p>Signals are sent per (lead, number) on every change of "is this lead held by this number",
 * so a lead of campaign c stays held while either c's or the account-wide ({@code *}) entry
 * stands; the lead-status stage combines its numbers.
 */
public final class PhoneDisqualification {

    private PhoneDisqualification() {}

    /**
     * Applies a disposition of this number.
     *
     * @return whether {@code disqualifications} changed; a repeated disposition changes nothing
     */
    public static boolean applyDisposition(
            NumberDisqualifications disqualifications, NumberLeads leads, NumberDisposition disposition,
            List<LeadSignal> signals, List<CampaignPhoneCount> counts) {
        boolean disqualify = disposition.action == DispositionAction.DISQUALIFY;
        if ((disqualifications.find(disposition.campaignId) != null) == disqualify) {
            return false;
        }
        Set<String> campaigns = affectedCampaigns(leads, disposition.campaignId);
        Map<String, Boolean> before = new HashMap<>();
        for (String campaign : campaigns) {
            before.put(campaign, disqualifications.disqualifies(campaign));
        }
        if (disqualify) {
            disqualifications.add(new Disqualification(disposition.campaignId, disposition.reason, disposition.at));
        } else {
            disqualifications.remove(disposition.campaignId);
        }
        Set<String> changed = new LinkedHashSet<>();
        for (String campaign : campaigns) {
            if (before.get(campaign) != disqualifications.disqualifies(campaign)) {
                changed.add(campaign);
            }
        }

        LeadSignalKind kind = disqualify ? LeadSignalKind.DISQUALIFIED : LeadSignalKind.REQUALIFIED;
        for (NumberLead lead : leads.leads) {
            if (changed.contains(lead.campaignId)) {
                signals.add(signal(kind, disposition.accountId, disposition.number, lead.leadId, lead.importedAt,
                        lead.listId, lead.campaignId, reason(disqualify, disposition.campaignId, disposition.reason),
                        disposition.at));
            }
        }
        for (String campaign : changed) {
            counts.add(count(disposition.accountId, disposition.number, campaign, leads, disqualifications));
        }
        return true;
    }

    /** A lead arriving at a number disqualified in its campaign is disqualified on arrival. */
    public static void arrive(NumberDisqualifications disqualifications, LeadAtNumber lead, List<LeadSignal> signals) {
        Disqualification holding = disqualifications.holding(lead.campaignId);
        if (holding != null) {
            signals.add(signal(LeadSignalKind.DISQUALIFIED, lead.accountId, lead.number, lead.leadId, lead.importedAt,
                    lead.listId, lead.campaignId, reason(true, holding.campaignId, holding.reason), lead.importedAt));
        }
    }

    /** The campaign's count record for this number, as it stands now. */
    public static CampaignPhoneCount count(
            String accountId, String number, String campaignId, NumberLeads leads,
            NumberDisqualifications disqualifications) {
        CampaignPhoneCount count = new CampaignPhoneCount();
        count.accountId = accountId;
        count.campaignId = campaignId;
        count.phone = number;
        for (NumberLead lead : leads.leads) {
            if (lead.campaignId.equals(campaignId)) {
                count.leadCount++;
            }
        }
        count.disqualified = disqualifications.disqualifies(campaignId);
        return count;
    }

    /**
     * The account-wide record of this number: campaign {@code *}, the leads of every campaign, and
     * whether an account-wide disqualification holds it. Written when one is set or lifted, and
     * while one stands, whenever the number's leads change.
     */
    public static CampaignPhoneCount accountWideCount(
            String accountId, String number, NumberLeads leads, NumberDisqualifications disqualifications) {
        CampaignPhoneCount count = new CampaignPhoneCount();
        count.accountId = accountId;
        count.campaignId = PhoneDispositionEvent.ALL_CAMPAIGNS;
        count.phone = number;
        count.leadCount = leads.leads.length;
        count.disqualified = disqualifications.holdsAccountWide();
        return count;
    }

    /** The campaigns a disposition can change: its own, or for {@code *} every campaign with leads here. */
    private static Set<String> affectedCampaigns(NumberLeads leads, String campaignId) {
        Set<String> campaigns = new LinkedHashSet<>();
        if (PhoneDispositionEvent.ALL_CAMPAIGNS.equals(campaignId)) {
            for (NumberLead lead : leads.leads) {
                campaigns.add(lead.campaignId);
            }
        } else {
            campaigns.add(campaignId);
        }
        return campaigns;
    }

    /**
     * The disposition's own reason, as the agent or the do-not-call feed gave it (consumers match on
     * it); only a disposition without one gets a description of what happened.
     */
    private static String reason(boolean disqualify, String campaignId, String given) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        String scope = PhoneDispositionEvent.ALL_CAMPAIGNS.equals(campaignId)
                ? "in every campaign of the account" : "in campaign " + campaignId;
        return (disqualify ? "number disqualified " : "number requalified ") + scope;
    }

    private static LeadSignal signal(LeadSignalKind kind, String accountId, String number, String leadId,
            long leadImportedAt, String listId, String campaignId, String reason, long at) {
        LeadSignal signal = new LeadSignal();
        signal.kind = kind;
        signal.accountId = accountId;
        signal.leadId = leadId;
        signal.number = number;
        signal.listId = listId;
        signal.campaignId = campaignId;
        signal.reason = reason;
        signal.at = at;
        signal.leadImportedAt = leadImportedAt;
        return signal;
    }
}
