package io.leaddedup.events;

/** A record the job could not use, with why; written to {@code rejects}. */
public class Reject {
    public RejectReason reason;
    public String detail;
    /** The original text, so that a data team can fix and resend it. */
    public String payload;

    public Reject() {}

    public Reject(RejectReason reason, String detail, String payload) {
        this.reason = reason;
        this.detail = detail;
        this.payload = payload;
    }

    @Override
    public String toString() {
        return reason + ": " + detail;
    }
}
