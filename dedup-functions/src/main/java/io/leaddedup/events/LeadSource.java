package io.leaddedup.events;

/** How a lead entered the dialer. */
public enum LeadSource {
    /** Insert Lead API. Relocates duplicates when the account's API setting is on. */
    API(0),
    /** Admin upload. Relocates duplicates when the upload screen's option was ticked. */
    CSV(1),
    /** Created by an inbound call. Never relocates others; protected unless the account says not. */
    INBOUND(2);

    /** Stored in state ({@code number-leads}): never renumber or reuse one. */
    public final int code;

    LeadSource(int code) {
        this.code = code;
    }

    public static LeadSource ofCode(int code) {
        for (LeadSource source : values()) {
            if (source.code == code) {
                return source;
            }
        }
        throw new IllegalArgumentException("no lead source has code " + code);
    }
}
