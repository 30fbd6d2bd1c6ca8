package io.leaddedup.status;

/** The key of the lead-status stage: a lead id is unique within its account only. */
public final class LeadKey {

    private LeadKey() {}

    public static String of(String accountId, String leadId) {
        return accountId + '/' + leadId;
    }
}
