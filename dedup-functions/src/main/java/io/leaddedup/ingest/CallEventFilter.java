package io.leaddedup.ingest;

import org.apache.flink.api.common.functions.FilterFunction;

/**
 * Splits decoded events by the keyed stage they are for: conversions and routing requests for
 * {@code caller-routing}, everything else for {@code phone-leads}. A source that reads calls
 * together with leads hands each half to a normalizer of its own, so that no channel into
 * {@code caller-routing} runs behind a backlog of leads: a checkpoint barrier on such a channel
 * arrives only once the backlog ahead of it is processed, and until then {@code caller-routing}
 * holds every call back to align its inputs (measured: 300 ms per checkpoint with leads at full
 * speed).
 */
public final class CallEventFilter implements FilterFunction<DecodedEvent> {

    private static final long serialVersionUID = 1L;

    private final boolean calls;

    private CallEventFilter(boolean calls) {
        this.calls = calls;
    }

    /** Conversions and routing requests. */
    public static CallEventFilter calls() {
        return new CallEventFilter(true);
    }

    /** Leads and dispositions. */
    public static CallEventFilter leads() {
        return new CallEventFilter(false);
    }

    @Override
    public boolean filter(DecodedEvent event) {
        return (event.conversion != null || event.routingRequest != null) == calls;
    }
}
