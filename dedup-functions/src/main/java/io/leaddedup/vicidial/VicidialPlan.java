package io.leaddedup.vicidial;

import io.leaddedup.status.LeadAction;
import io.leaddedup.status.LeadStatus;
import java.util.Optional;

/**
 * What one output record means for VICIdial: the {@code lead-status} of a lead and the
 * {@code campaign-phone-counts} of a number, each latest-per-key, become the table state they
 * call for. Records that ask nothing of the dialer (an active lead, a count of a number that
 * is not disqualified) plan no change.
 */
public final class VicidialPlan {

    /** The {@code campaignId} of an account-wide disqualification's count record. */
    public static final String EVERY_CAMPAIGN = "*";

    private VicidialPlan() {}

    /** A lead's current status ({@code status} and {@code listId} of its {@code lead-status} record). */
    public static Optional<DialerChange> forLeadStatus(String leadId, String status, String listId) throws Refusal {
        boolean relocated = LeadAction.SYS_DUPLICATES_LIST.equals(listId);
        boolean disqualified = LeadStatus.DISQUALIFIED.name().equals(status);
        if (!relocated && !disqualified) {
            return Optional.empty();
        }
        if (leadId.length() > VicidialColumns.VENDOR_LEAD_CODE) {
            throw new Refusal("lead id '" + leadId + "' is longer than VICIdial's vendor_lead_code ("
                    + VicidialColumns.VENDOR_LEAD_CODE + " characters), so no VICIdial lead can carry it");
        }
        return Optional.of(relocated ? new DialerChange.ToDuplicatesList(leadId) : new DialerChange.OutOfHopper(leadId));
    }

    /**
     * A number's count record in a campaign, or in every campaign ({@value #EVERY_CAMPAIGN}). Only
     * the disqualification matters to the dialer, so a record not disqualified plans the removal
     * of a listing, which the database applies only where this adapter made that listing.
     *
     * <p>VICIdial's do-not-call lists hold national numbers without a country code. A database
     * that serves one country can say which ({@code phoneCode}, or null for any): a number of
     * another country is then refused, since its national digits would name someone else there.
     */
    public static Optional<DialerChange> forPhoneCount(String campaignId, String e164, boolean disqualified,
            String phoneCode) throws Refusal {
        boolean everyCampaign = EVERY_CAMPAIGN.equals(campaignId);
        DialerNumber number = DialerNumber.of(e164);
        String problem = null;
        if (phoneCode != null && !number.phoneCode().equals(phoneCode)) {
            problem = e164 + " has country code " + number.phoneCode() + ", and this VICIdial's numbers have country"
                    + " code " + phoneCode + " (--phone-code), where " + number.nationalNumber() + " is another number";
        } else if (!everyCampaign && campaignId.length() > VicidialColumns.CAMPAIGN_ID) {
            problem = "campaign id '" + campaignId + "' is longer than VICIdial's " + VicidialColumns.CAMPAIGN_ID
                    + " characters";
        }
        if (problem != null) {
            if (!disqualified) {
                return Optional.empty(); // nothing can have been listed for it
            }
            throw new Refusal(problem + ", so " + e164 + " cannot be put on " + (everyCampaign ? "the system"
                    : "campaign " + campaignId + "'s") + " DNC list");
        }
        return Optional.of(everyCampaign ? new DialerChange.SystemDnc(number, disqualified)
                : new DialerChange.CampaignDnc(campaignId, number, disqualified));
    }
}
