package io.leaddedup.job.topology;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The topology's typed outputs as keyed JSON records, the same for files and topics. Keys are the
 * contract's: {@code leadId} for lead-actions and lead-status, {@code accountId/campaignId/phone}
 * for counts, {@code requestId} for decisions, none for rejects.
 */
public final class OutputEncoding {

    private OutputEncoding() {}

    public record Encoded(
            DataStream<EncodedRecord> leadActions,
            DataStream<EncodedRecord> leadStatus,
            DataStream<EncodedRecord> campaignPhoneCounts,
            DataStream<EncodedRecord> routingDecisions,
            DataStream<EncodedRecord> rejects) {}

    public static Encoded encode(LeadDedupTopology.Outputs outputs) {
        OutputJson json = new OutputJson();
        return new Encoded(
                encode(outputs.leadActions(), a -> new EncodedRecord(a.leadId, json.leadAction(a)), "encode-lead-actions"),
                encode(outputs.leadStatus(), s -> new EncodedRecord(s.leadId, json.leadStatus(s)), "encode-lead-status"),
                encode(outputs.campaignPhoneCounts(), c -> new EncodedRecord(c.key(), json.campaignPhoneCount(c)),
                        "encode-campaign-phone-counts"),
                encode(outputs.routingDecisions(), d -> new EncodedRecord(d.requestId, json.routingDecision(d)),
                        "encode-routing-decisions"),
                encode(outputs.rejects(), r -> new EncodedRecord(null, json.reject(r)), "encode-rejects"));
    }

    /**
     * At the parallelism of the records' producer, so that encoding chains to it: no record crosses
     * a thread before it is bytes, and records of one key stay in one subtask, in order.
     */
    private static <T> DataStream<EncodedRecord> encode(DataStream<T> records, MapFunction<T, EncodedRecord> encoder,
            String name) {
        return records.map(encoder, TypeInformation.of(EncodedRecord.class))
                .setParallelism(records.getParallelism())
                .name(name);
    }
}
