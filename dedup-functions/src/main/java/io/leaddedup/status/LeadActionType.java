package io.leaddedup.status;

/** The {@code action} of a {@code lead-actions} record. */
public enum LeadActionType {
    RELOCATED,
    DUPLICATE,
    PROTECTED,
    DISQUALIFIED,
    REQUALIFIED
}
