package io.leaddedup.ingest;

import io.leaddedup.events.ConversionEvent;
import io.leaddedup.events.LeadEvent;
import io.leaddedup.events.PhoneDispositionEvent;
import io.leaddedup.events.Reject;
import io.leaddedup.events.RoutingRequestEvent;
import io.leaddedup.settings.EventSettings;
import io.leaddedup.settings.SettingsUpdate;

/**
 * What {@link EventDecoder} made of one raw record: exactly one field is set. A union, so that
 * Flink's POJO serializer carries it without Kryo.
 */
public class DecodedEvent {
    public LeadEvent lead;
    public PhoneDispositionEvent disposition;
    public ConversionEvent conversion;
    public RoutingRequestEvent routingRequest;
    public SettingsUpdate settings;
    public Reject reject;
    /**
     * The original text, kept for events whose numbers are still to be checked, so that an
     * {@code INVALID_PHONE} reject can carry it.
     */
    public String payload;
    /** Settings in force for this event, when settings travel in band (see {@link EventSettings}). */
    public EventSettings stamp;

    public DecodedEvent() {}

    static DecodedEvent rejected(Reject reject) {
        DecodedEvent event = new DecodedEvent();
        event.reject = reject;
        return event;
    }
}
