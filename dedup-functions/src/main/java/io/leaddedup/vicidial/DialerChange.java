package io.leaddedup.vicidial;

/**
 * One change a decision makes in VICIdial's tables. Each says the state to reach, not a step to
 * take, so applying it twice, or again after a restart, gives the same tables.
 */
public sealed interface DialerChange {

    /** The lead leaves the dialing pool: {@code list_id} set to the duplicates list, out of the hopper. */
    record ToDuplicatesList(String leadId) implements DialerChange {}

    /** The lead is not dialed now: out of the hopper. Its list stays; a later requalification is the hopper loader's. */
    record OutOfHopper(String leadId) implements DialerChange {}

    /** The number is, or is no longer, on the campaign's do-not-call list ({@code vicidial_campaign_dnc}). */
    record CampaignDnc(String campaignId, DialerNumber number, boolean listed) implements DialerChange {}

    /** The number is, or is no longer, on the system-wide do-not-call list ({@code vicidial_dnc}). */
    record SystemDnc(DialerNumber number, boolean listed) implements DialerChange {}
}
