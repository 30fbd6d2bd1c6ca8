package io.leaddedup.events;

/** The contract's reject reasons. */
public enum RejectReason {
    /** Not a JSON object (or not UTF-8). */
    MALFORMED,
    /** A required field is absent, null or blank. */
    MISSING_FIELD,
    /** A field has the wrong type, an unknown enum value or a bad timestamp or duration. */
    INVALID_VALUE,
    /** The lead's {@code phone} (or an event's number) is not a possible number: the event is dropped. */
    INVALID_PHONE,
    /** The lead's {@code mobile} is not a possible number: the mobile is dropped, the lead goes on. */
    INVALID_MOBILE
}
