package io.leaddedup.settings;

/** What an inserted lead's duplicates are looked for against ("Filter Duplicates Against"). */
public enum FilterAgainst {
    /** Every lead of the account. */
    ACCOUNT,
    /** Leads of the inserted lead's campaign, plus the account's additional campaigns. */
    CAMPAIGN,
    /** Leads of the inserted lead's list, plus the account's additional lists. */
    LIST,
    /** Leads whose campaign purpose equals the inserted lead's. */
    CAMPAIGN_PURPOSE
}
