package io.leaddedup.events;

/** What a rep did to a number in a campaign. */
public enum DispositionAction {
    DISQUALIFY,
    REQUALIFY
}
