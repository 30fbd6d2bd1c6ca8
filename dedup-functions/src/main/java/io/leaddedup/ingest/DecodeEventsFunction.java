package io.leaddedup.ingest;

import io.leaddedup.events.RawEvent;
import io.leaddedup.events.Reject;
import io.leaddedup.settings.SettingsBook;
import io.leaddedup.settings.SettingsStamp;
import io.leaddedup.settings.SettingsUpdate;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * First stage: raw records to typed events. Settings go to their own output (to be broadcast),
 * bad records to {@code rejects}; everything else continues to phone normalization.
 */
public class DecodeEventsFunction extends ProcessFunction<RawEvent, DecodedEvent> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<SettingsUpdate> SETTINGS =
            new OutputTag<>("settings", TypeInformation.of(SettingsUpdate.class));
    public static final OutputTag<Reject> REJECTS = new OutputTag<>("decode-rejects", TypeInformation.of(Reject.class));

    private final EventDecoder decoder = new EventDecoder();
    /** Non-null when this reader sees every settings record in order (local mode): it stamps events. */
    private final SettingsBook inBandSettings;

    /** Settings reach the keyed stages by broadcast only (Kafka mode). */
    public DecodeEventsFunction() {
        this(null);
    }

    /**
     * @param inBandSettings the settings at start, when this single reader also reads every later
     *     settings record in order; each event is then stamped with the settings in force for it
     */
    public DecodeEventsFunction(SettingsBook inBandSettings) {
        this.inBandSettings = inBandSettings;
    }

    @Override
    public void processElement(RawEvent raw, Context ctx, Collector<DecodedEvent> out) {
        DecodedEvent event = decoder.decode(raw);
        if (event.reject != null) {
            ctx.output(REJECTS, event.reject);
        } else if (event.settings != null) {
            if (inBandSettings != null) {
                inBandSettings.apply(event.settings);
            }
            ctx.output(SETTINGS, event.settings);
        } else {
            if (inBandSettings != null) {
                event.stamp = stamp(event);
            }
            out.collect(event);
        }
    }

    private SettingsStamp stamp(DecodedEvent event) {
        if (event.routingRequest != null) {
            return inBandSettings.stamp(event.routingRequest.accountId, event.routingRequest.campaignId,
                    event.routingRequest.candidateBuyers);
        }
        return inBandSettings.stamp(PhoneNormalization.accountOf(event), null, null);
    }
}
