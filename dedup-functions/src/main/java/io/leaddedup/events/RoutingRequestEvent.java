package io.leaddedup.events;

/** A {@code routing_request}: which of these buyers may take this caller? */
public class RoutingRequestEvent {
    public String requestId;
    public String accountId;
    public String campaignId;
    public String callerPhone;
    public RoutingKind kind;
    /** Buyer ids in routing priority order. */
    public String[] candidateBuyers;
    public long receivedAt;

    public RoutingRequestEvent() {}
}
