package io.leaddedup.disqualification;

import io.leaddedup.events.DispositionAction;
import io.leaddedup.phone.PhoneKey;

/** A phone disposition with its number normalized, on its way to the number's key. */
public class NumberDisposition {
    public String accountId;
    /** A campaign id, or {@code *} for every campaign of the account. */
    public String campaignId;
    public String number;
    public DispositionAction action;
    public String reason;
    public long at;

    public NumberDisposition() {}

    public String phoneKey() {
        return PhoneKey.of(accountId, number);
    }
}
