package io.leaddedup.job.topology;

import io.leaddedup.callers.RoutingDecision;
import io.leaddedup.disqualification.CampaignPhoneCount;
import io.leaddedup.events.RawEvent;
import io.leaddedup.events.Reject;
import io.leaddedup.ingest.CallEventFilter;
import io.leaddedup.ingest.DecodeEventsFunction;
import io.leaddedup.ingest.DecodedEvent;
import io.leaddedup.ingest.InBandIngestFunction;
import io.leaddedup.ingest.NormalizePhonesFunction;
import io.leaddedup.settings.BroadcastSettings;
import io.leaddedup.settings.SettingsUpdate;
import io.leaddedup.settings.StartupSettings;
import io.leaddedup.stage.StateRetention;
import io.leaddedup.stage.caller.CallerEvent;
import io.leaddedup.stage.caller.CallerRoutingFunction;
import io.leaddedup.stage.lead.LeadStatusFunction;
import io.leaddedup.stage.phone.NumberEvent;
import io.leaddedup.stage.phone.NumberLeadsFunction;
import io.leaddedup.status.LeadAction;
import io.leaddedup.status.LeadSignal;
import io.leaddedup.status.LeadStatusUpdate;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The one topology of the product, whatever the sources and sinks: local mode passes file lines
 * and collects into files, Kafka mode passes topics. It holds no business rule; each stage is a
 * function from {@code dedup-functions}.
 *
 * <pre>
 * raw ─► decode ─┬─► normalize phones ─┬─► keyBy phone key ─► phone-leads ─┬─► keyBy lead ─► lead-status
 *                │        ▲            │                                  └─► campaign phone counts
 *                │        │            └─► keyBy caller phone key ─► caller-routing ─► routing decisions
 *                └─ settings (broadcast to every stage that reads settings)
 * </pre>
 *
 * <p>In Kafka mode conversions and routing requests are normalized apart from leads (their own
 * source's, and those the events source reads, each by a normalizer of its own), so that no
 * channel into {@code caller-routing} runs behind a lead backlog.
 *
 * <p>Decode and normalize run at the raw stream's parallelism with forward connections, so that
 * records of one phone key reach their keyed stage in the order they were read. With settings in
 * band (one reader, local mode) they are one step chained to the reader, and every event carries
 * the settings in force at its position.
 */
public final class LeadDedupTopology {

    /** Operator uids: stable across releases, so that savepoints keep restoring. */
    public static final String UID_DECODE = "decode-events";
    public static final String UID_NORMALIZE = "normalize-phones";
    /**
     * Local mode's decode-stamp-normalize step. Its state (the settings in force) is in a
     * bootstrap's savepoint; Kafka mode, which has no such step, leaves it out when it restores one.
     */
    public static final String UID_INGEST_IN_BAND = "ingest-in-band";
    public static final String UID_PHONE_LEADS = "phone-leads";
    public static final String UID_LEAD_STATUS = "lead-status";
    public static final String UID_CALLER_ROUTING = "caller-routing";
    /** Kafka mode's source of leads, dispositions and settings (and of everything, when it is the only one). */
    public static final String UID_KAFKA_SOURCE = "source-kafka-events";
    /** Kafka mode's source of conversions, routing requests and settings, with its own decode and normalize. */
    public static final String UID_KAFKA_CALLS_SOURCE = "source-kafka-calls";
    public static final String UID_DECODE_CALLS = "decode-calls";
    public static final String UID_NORMALIZE_CALLS = "normalize-calls";
    /**
     * Kafka mode's normalizer of the conversions and routing requests the events source reads (all
     * of them when it is the only source), apart from its leads: see {@link CallEventFilter}.
     */
    public static final String UID_NORMALIZE_EVENT_CALLS = "normalize-event-calls";
    /**
     * Local mode's file readers: each its own, so that a run restored from a bootstrap reads its
     * input, not the export's position.
     */
    public static final String UID_EVENTS_FILE = "source-events-file";
    public static final String UID_EXPORT_FILE = "source-export-file";

    /**
     * How soon the call path's network buffers are flushed, in milliseconds, whatever the job's
     * interval: a router waits on each decision. Measured by the bench's routing run at 2,000
     * requests/s: p50 15 ms at 5 ms, 3.5 ms at 1 ms. Only the call path's operators set it: the
     * lead path's outputs are committed at checkpoints, and at 1 ms each of its network outputs
     * kept a flusher thread waking a thousand times a second on cores it shares with the calls.
     */
    public static final long CALL_PATH_BUFFER_TIMEOUT_MS = 1;

    /** Kafka mode's sink of {@code topic}. */
    public static String sinkUid(String topic) {
        return "sink-" + topic;
    }

    /**
     * The uids of the operators a sink of {@code topic} becomes, both stateful: its writer takes the
     * sink's uid, its committer Flink's "Sink Committer: " pattern.
     */
    public static java.util.List<String> sinkOperatorUids(String topic) {
        return java.util.List.of(sinkUid(topic), "Sink Committer: " + sinkUid(topic));
    }

    /** The uids of every stateful operator either mode has, but Kafka mode's sinks (named by their topics). */
    public static java.util.List<String> statefulUids() {
        return java.util.List.of(UID_DECODE, UID_NORMALIZE, UID_INGEST_IN_BAND, UID_PHONE_LEADS, UID_LEAD_STATUS,
                UID_CALLER_ROUTING, UID_KAFKA_SOURCE, UID_KAFKA_CALLS_SOURCE, UID_DECODE_CALLS, UID_NORMALIZE_CALLS,
                UID_NORMALIZE_EVENT_CALLS, UID_EVENTS_FILE, UID_EXPORT_FILE);
    }

    private LeadDedupTopology() {}

    /** How long state is kept: leads (relocation, counts, statuses) and buyers' conversions of callers. */
    public record Retention(StateRetention leads, StateRetention conversions) {}

    /** The typed outputs; the caller encodes and sinks them. */
    public record Outputs(
            DataStream<LeadAction> leadActions,
            DataStream<LeadStatusUpdate> leadStatus,
            DataStream<CampaignPhoneCount> campaignPhoneCounts,
            DataStream<RoutingDecision> routingDecisions,
            DataStream<Reject> rejects) {}

    /**
     * @param calls conversions, routing requests and settings read apart from {@code raw}, for call
     *     routing alone (Kafka mode); null when {@code raw} carries them too
     * @param settingsInBand whether every settings record travels in {@code raw}, read by a single
     *     reader in order (local mode): events are then stamped with the settings in force at
     *     their position, so a settings change applies from exactly the next event on
     */
    public static Outputs build(DataStream<RawEvent> raw, DataStream<RawEvent> calls, StartupSettings initialSettings,
            Retention retention, boolean settingsInBand) {
        Ingest ingest;
        if (settingsInBand) {
            ingest = inBand(raw, initialSettings);
        } else if (calls == null) {
            ingest = broadcast(raw, initialSettings);
        } else {
            ingest = withCallPath(raw, calls, initialSettings);
        }

        SingleOutputStreamOperator<LeadSignal> signals = ingest.phoneEvents()
                .keyBy(NumberEvent::phoneKey, Types.STRING)
                .connect(ingest.settings())
                .process(new NumberLeadsFunction(initialSettings, retention.leads()))
                .uid(UID_PHONE_LEADS).name(UID_PHONE_LEADS);

        SingleOutputStreamOperator<LeadAction> actions = signals
                .keyBy(LeadSignal::leadKey, Types.STRING)
                .process(new LeadStatusFunction(retention.leads()))
                .uid(UID_LEAD_STATUS).name(UID_LEAD_STATUS);

        SingleOutputStreamOperator<RoutingDecision> decisions = ingest.callerEvents()
                .keyBy(CallerEvent::callerKey, Types.STRING)
                .connect(ingest.settings())
                .process(new CallerRoutingFunction(initialSettings, retention.conversions()))
                .uid(UID_CALLER_ROUTING).name(UID_CALLER_ROUTING);

        return new Outputs(
                actions,
                actions.getSideOutput(LeadStatusFunction.STATUS),
                signals.getSideOutput(NumberLeadsFunction.COUNTS),
                decisions,
                ingest.rejects());
    }

    /** What the ingest stages hand the keyed stages. */
    private record Ingest(DataStream<NumberEvent> phoneEvents, DataStream<CallerEvent> callerEvents,
            BroadcastStream<SettingsUpdate> settings, DataStream<Reject> rejects) {}

    private static BroadcastStream<SettingsUpdate> broadcastOf(DataStream<SettingsUpdate> settings) {
        return settings.broadcast(BroadcastSettings.ACCOUNTS, BroadcastSettings.CAMPAIGNS, BroadcastSettings.BUYERS);
    }

    /** One reader of events and settings: decode, stamp and normalize in one chained step. */
    private static Ingest inBand(DataStream<RawEvent> raw, StartupSettings initialSettings) {
        if (raw.getParallelism() != 1) {
            throw new IllegalArgumentException("settings travel in band only through a single reader");
        }
        SingleOutputStreamOperator<NumberEvent> phoneEvents = raw
                .process(new InBandIngestFunction(initialSettings))
                .setParallelism(1)
                .uid(UID_INGEST_IN_BAND).name(UID_INGEST_IN_BAND);
        return new Ingest(phoneEvents,
                phoneEvents.getSideOutput(NormalizePhonesFunction.CALLER_EVENTS),
                broadcastOf(phoneEvents.getSideOutput(DecodeEventsFunction.SETTINGS)),
                phoneEvents.getSideOutput(DecodeEventsFunction.REJECTS));
    }

    /**
     * Many readers (Kafka mode): decode, then normalize with each account's region from the
     * broadcast settings, both at the readers' parallelism with forward connections.
     */
    private static Ingest broadcast(DataStream<RawEvent> raw, StartupSettings initialSettings) {
        SingleOutputStreamOperator<DecodedEvent> decoded = decode(raw, UID_DECODE);
        BroadcastStream<SettingsUpdate> settings = broadcastOf(decoded.getSideOutput(DecodeEventsFunction.SETTINGS));
        return normalizeLeadsAndCallsApart(decoded, settings, initialSettings);
    }

    /**
     * Kafka mode with call routing on a source of its own ({@code calls}: the conversions and
     * routing-requests topics): its records are decoded and normalized apart, so they never wait
     * in a lead backlog on their way to {@code caller-routing}. Every record still goes where its
     * type says (a typed lead on a call topic reaches {@code phone-leads}), and one broadcast of
     * the settings (the settings topic is read by the events source only) serves every stage.
     */
    private static Ingest withCallPath(DataStream<RawEvent> raw, DataStream<RawEvent> calls,
            StartupSettings initialSettings) {
        // A savepoint from before the split, restored with --own-call-routing-source, assigns the
        // call topics to the events source too (a Kafka source keeps reading what its state
        // holds): their records are left to the calls source.
        DataStream<RawEvent> notCalls = raw.filter(new NotFromCallTopics()).setParallelism(raw.getParallelism())
                .name("events-not-from-call-topics");
        SingleOutputStreamOperator<DecodedEvent> decoded = decode(notCalls, UID_DECODE);
        SingleOutputStreamOperator<DecodedEvent> decodedCalls = decode(calls, UID_DECODE_CALLS)
                .setBufferTimeout(CALL_PATH_BUFFER_TIMEOUT_MS);
        BroadcastStream<SettingsUpdate> settings = broadcastOf(decoded.getSideOutput(DecodeEventsFunction.SETTINGS)
                .union(decodedCalls.getSideOutput(DecodeEventsFunction.SETTINGS)));
        Ingest eventPath = normalizeLeadsAndCallsApart(decoded, settings, initialSettings);
        Ingest callPath = normalize(decodedCalls, settings, initialSettings, UID_NORMALIZE_CALLS,
                CALL_PATH_BUFFER_TIMEOUT_MS);
        return new Ingest(eventPath.phoneEvents().union(callPath.phoneEvents()),
                eventPath.callerEvents().union(callPath.callerEvents()),
                settings,
                eventPath.rejects().union(decodedCalls.getSideOutput(DecodeEventsFunction.REJECTS), callPath.rejects()));
    }

    private static SingleOutputStreamOperator<DecodedEvent> decode(DataStream<RawEvent> raw, String uid) {
        return raw.process(new DecodeEventsFunction()).setParallelism(raw.getParallelism()).uid(uid).name(uid);
    }

    /**
     * The events source's leads to {@code normalize-phones}, its conversions and routing requests
     * to a normalizer of their own (see {@link CallEventFilter}), both forward at the readers'
     * parallelism so that each keeps its records' order.
     */
    private static Ingest normalizeLeadsAndCallsApart(SingleOutputStreamOperator<DecodedEvent> decoded,
            BroadcastStream<SettingsUpdate> settings, StartupSettings initialSettings) {
        int parallelism = decoded.getParallelism();
        Ingest leads = normalize(decoded.filter(CallEventFilter.leads()).setParallelism(parallelism)
                .name("for-phone-leads"), settings, initialSettings, UID_NORMALIZE, -1);
        Ingest calls = normalize(decoded.filter(CallEventFilter.calls()).setParallelism(parallelism)
                .setBufferTimeout(CALL_PATH_BUFFER_TIMEOUT_MS)
                .name("for-caller-routing"), settings, initialSettings, UID_NORMALIZE_EVENT_CALLS,
                CALL_PATH_BUFFER_TIMEOUT_MS);
        return new Ingest(leads.phoneEvents(), calls.callerEvents(), settings,
                decoded.getSideOutput(DecodeEventsFunction.REJECTS).union(leads.rejects(), calls.rejects()));
    }

    /**
     * Normalizing {@code decoded}: its phone and caller events, and its rejects (not the decoder's).
     * {@code bufferTimeoutMs}: see {@link #CALL_PATH_BUFFER_TIMEOUT_MS}; -1 for the job's interval.
     */
    private static Ingest normalize(DataStream<DecodedEvent> decoded, BroadcastStream<SettingsUpdate> settings,
            StartupSettings initialSettings, String uid, long bufferTimeoutMs) {
        SingleOutputStreamOperator<NumberEvent> phoneEvents = decoded
                .connect(settings)
                .process(new NormalizePhonesFunction(initialSettings))
                .setParallelism(decoded.getParallelism())
                .setBufferTimeout(bufferTimeoutMs)
                .uid(uid).name(uid);
        return new Ingest(phoneEvents,
                phoneEvents.getSideOutput(NormalizePhonesFunction.CALLER_EVENTS),
                settings,
                phoneEvents.getSideOutput(NormalizePhonesFunction.REJECTS));
    }

    /** A record not read from a conversions or routing-requests topic (which set its default type). */
    private static final class NotFromCallTopics implements FilterFunction<RawEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(RawEvent raw) {
            return !"conversion".equals(raw.defaultType) && !"routing_request".equals(raw.defaultType);
        }
    }
}
