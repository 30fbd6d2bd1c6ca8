package io.leaddedup.events;

/** A live call to route, or a real-time-bidding request to answer. */
public enum RoutingKind {
    CALL,
    RTB
}
