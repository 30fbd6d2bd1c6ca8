package io.leaddedup.status;

/** What a phone key tells the lead-status stage about one lead. */
public enum LeadSignalKind {
    /** The lead was accepted (sent once, from the key of its {@code phone}). */
    ACCEPTED,
    RELOCATED,
    PROTECTED,
    DUPLICATE,
    DISQUALIFIED,
    REQUALIFIED
}
