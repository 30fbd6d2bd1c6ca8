package io.leaddedup.events;

/**
 * A {@code lead} event as received: numbers still as typed, not yet normalized.
 *
 * <p>A Flink POJO (public fields, no-arg constructor) so that it never falls back to Kryo.
 */
public class LeadEvent {
    public String accountId;
    public String leadId;
    public String listId;
    public String campaignId;
    public String campaignPurpose;
    public String phone;
    /** Null when the lead has no mobile. */
    public String mobile;
    public LeadSource source;
    public long importedAt;
    /** The upload screen's "Relocate Duplicates" option; meaningful for {@link LeadSource#CSV}. */
    public boolean relocateDuplicates;

    public LeadEvent() {}
}
