package io.leaddedup.callers;

/** Whether a routing request has somewhere to go. */
public enum RoutingStatus {
    /** At least one buyer is eligible. */
    OK,
    /** No buyer is eligible: an {@code RTB} request is answered "no-target", a {@code CALL} would drop. */
    NO_TARGET
}
