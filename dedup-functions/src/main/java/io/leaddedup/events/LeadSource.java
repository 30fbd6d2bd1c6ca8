package io.leaddedup.events;

/** How a lead entered the dialer. */
public enum LeadSource {
    /** Insert Lead API. Relocates duplicates when the account's API setting is on. */
    API,
    /** Admin upload. Relocates duplicates when the upload screen's option was ticked. */
    CSV,
    /** Created by an inbound call. Never relocates others; protected unless the account says not. */
    INBOUND
}
