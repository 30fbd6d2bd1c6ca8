package io.leaddedup.job;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The topology's typed outputs as keyed JSON records, the same for files and topics. Keys are the
 * contract's: {@code leadId} for lead-actions and lead-status, {@code accountId/campaignId/phone}
 * for counts, {@code requestId} for decisions, none for rejects.
 */
final class OutputEncoding {

    private OutputEncoding() {}

    record Encoded(
            DataStream<EncodedRecord> leadActions,
            DataStream<EncodedRecord> leadStatus,
            DataStream<EncodedRecord> campaignPhoneCounts,
            DataStream<EncodedRecord> routingDecisions,
            DataStream<EncodedRecord> rejects) {}

    static Encoded encode(LeadDedupTopology.Outputs outputs) {
        OutputJson json = new OutputJson();
        TypeInformation<EncodedRecord> type = TypeInformation.of(EncodedRecord.class);
        return new Encoded(
                outputs.leadActions().map(a -> new EncodedRecord(a.leadId, json.leadAction(a)), type)
                        .name("encode-lead-actions"),
                outputs.leadStatus().map(s -> new EncodedRecord(s.leadId, json.leadStatus(s)), type)
                        .name("encode-lead-status"),
                outputs.campaignPhoneCounts().map(c -> new EncodedRecord(c.key(), json.campaignPhoneCount(c)), type)
                        .name("encode-campaign-phone-counts"),
                outputs.routingDecisions().map(d -> new EncodedRecord(d.requestId, json.routingDecision(d)), type)
                        .name("encode-routing-decisions"),
                outputs.rejects().map(r -> new EncodedRecord(null, json.reject(r)), type)
                        .name("encode-rejects"));
    }
}
