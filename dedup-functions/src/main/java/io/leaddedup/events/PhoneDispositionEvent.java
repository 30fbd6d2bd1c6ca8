package io.leaddedup.events;

/** A {@code phone_disposition} event: a number disqualified (or requalified) in a campaign. */
public class PhoneDispositionEvent {
    /** {@code campaignId} value that means every campaign of the account (a do-not-call entry). */
    public static final String ALL_CAMPAIGNS = "*";

    public String accountId;
    public String campaignId;
    public String phone;
    public DispositionAction action;
    public String reason;
    public long at;

    public PhoneDispositionEvent() {}
}
