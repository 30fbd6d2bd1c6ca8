package io.leaddedup.status;

/** Where a lead stands for the dialer. */
public enum LeadStatus {
    /** In its list, dialable. */
    ACTIVE,
    /** Moved to {@code SYS_DUPLICATES_LIST}: readable, out of the dialing pool. */
    RELOCATED,
    /** One of its numbers is disqualified in its campaign. Wins over RELOCATED while it lasts. */
    DISQUALIFIED
}
