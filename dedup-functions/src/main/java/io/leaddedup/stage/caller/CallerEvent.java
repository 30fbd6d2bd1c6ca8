package io.leaddedup.stage.caller;

import io.leaddedup.events.ConversionEvent;
import io.leaddedup.events.RoutingRequestEvent;
import io.leaddedup.phone.PhoneKey;
import io.leaddedup.settings.EventSettings;

/**
 * Everything keyed by a caller's phone key: a conversion, or a routing request. One stream, so that
 * a conversion read before a request is applied before it. The caller phone is already E.164.
 */
public class CallerEvent {
    public ConversionEvent conversion;
    public RoutingRequestEvent request;
    /** Settings stamped where the event was read, or null to use the broadcast ones. */
    public EventSettings stamp;

    public CallerEvent() {}

    public static CallerEvent of(ConversionEvent conversion, EventSettings stamp) {
        CallerEvent event = of(conversion);
        event.stamp = stamp;
        return event;
    }

    public static CallerEvent of(RoutingRequestEvent request, EventSettings stamp) {
        CallerEvent event = of(request);
        event.stamp = stamp;
        return event;
    }

    public static CallerEvent of(ConversionEvent conversion) {
        CallerEvent event = new CallerEvent();
        event.conversion = conversion;
        return event;
    }

    public static CallerEvent of(RoutingRequestEvent request) {
        CallerEvent event = new CallerEvent();
        event.request = request;
        return event;
    }

    public String callerKey() {
        return conversion != null
                ? PhoneKey.of(conversion.accountId, conversion.callerPhone)
                : PhoneKey.of(request.accountId, request.callerPhone);
    }
}
