package io.leaddedup.ingest;

import io.leaddedup.events.RejectReason;

/** Thrown inside the decoder when a record breaks the contract; becomes a {@code rejects} record. */
final class InvalidInput extends Exception {

    private static final long serialVersionUID = 1L;

    final RejectReason reason;

    InvalidInput(RejectReason reason, String detail) {
        super(detail, null, false, false); // no stack trace: this is flow control on bad input
        this.reason = reason;
    }
}
