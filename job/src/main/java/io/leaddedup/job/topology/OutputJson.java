package io.leaddedup.job.topology;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.leaddedup.callers.RoutingDecision;
import io.leaddedup.disqualification.CampaignPhoneCount;
import io.leaddedup.events.Reject;
import io.leaddedup.status.LeadAction;
import io.leaddedup.status.LeadStatusUpdate;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * The contract's JSON for each output record, field names as published, as UTF-8 bytes ready for
 * a topic or a file. Times are written as ISO-8601 instants; absent values as JSON null, so that
 * every record of a topic has the same keys. Written field by field with a streaming generator:
 * there is one record or more per event, so no tree is built for them.
 */
public final class OutputJson implements Serializable {

    private static final long serialVersionUID = 1L;

    private transient JsonFactory factory;
    private transient ByteArrayBuilder buffer;

    /** What one record writes into the generator. */
    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    public byte[] leadAction(LeadAction action) {
        return object(json -> {
            json.writeStringField("action", action.action.name());
            json.writeStringField("accountId", action.accountId);
            json.writeStringField("leadId", action.leadId);
            json.writeStringField("phone", action.phone);
            json.writeStringField("listId", action.listId);
            json.writeStringField("campaignId", action.campaignId);
            json.writeStringField("goldenLeadId", action.goldenLeadId);
            json.writeStringField("toListId", action.toListId);
            json.writeStringField("filterAgainst", action.filterAgainst == null ? null : action.filterAgainst.name());
            json.writeStringField("reason", action.reason);
            json.writeStringField("at", IsoInstant.format(action.at));
        });
    }

    public byte[] leadStatus(LeadStatusUpdate status) {
        return object(json -> {
            json.writeStringField("accountId", status.accountId);
            json.writeStringField("leadId", status.leadId);
            json.writeStringField("status", status.status.name());
            json.writeStringField("listId", status.listId);
            json.writeStringField("goldenLeadId", status.goldenLeadId);
            json.writeStringField("updatedAt", IsoInstant.format(status.updatedAt));
        });
    }

    public byte[] campaignPhoneCount(CampaignPhoneCount count) {
        return object(json -> {
            json.writeStringField("accountId", count.accountId);
            json.writeStringField("campaignId", count.campaignId);
            json.writeStringField("phone", count.phone);
            json.writeNumberField("leadCount", count.leadCount);
            json.writeBooleanField("disqualified", count.disqualified);
        });
    }

    public byte[] routingDecision(RoutingDecision decision) {
        return object(json -> {
            json.writeStringField("requestId", decision.requestId);
            json.writeStringField("accountId", decision.accountId);
            json.writeStringField("campaignId", decision.campaignId);
            json.writeStringField("callerPhone", decision.callerPhone);
            json.writeStringField("kind", decision.kind == null ? null : decision.kind.name());
            json.writeStringField("status", decision.status.name());
            json.writeArrayFieldStart("eligibleBuyers");
            for (String buyer : decision.eligibleBuyers) {
                json.writeString(buyer);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("duplicateBuyers");
            for (String buyer : decision.duplicateBuyers) {
                json.writeString(buyer);
            }
            json.writeEndArray();
            json.writeObjectFieldStart("lastConvertedAt");
            for (int i = 0; i < decision.duplicateBuyers.length; i++) {
                json.writeStringField(decision.duplicateBuyers[i], IsoInstant.format(decision.lastConvertedAtMillis[i]));
            }
            json.writeEndObject();
            json.writeStringField("receivedAt", IsoInstant.format(decision.receivedAt));
            json.writeStringField("decidedAt", IsoInstant.format(decision.decidedAt));
        });
    }

    public byte[] reject(Reject reject) {
        return object(json -> {
            json.writeStringField("reason", reject.reason.name());
            json.writeStringField("detail", reject.detail);
            json.writeStringField("payload", reject.payload);
        });
    }

    private byte[] object(Fields fields) {
        if (factory == null) {
            factory = new JsonFactory();
            buffer = new ByteArrayBuilder(512);
        }
        buffer.reset();
        try (JsonGenerator json = factory.createGenerator(buffer, JsonEncoding.UTF8)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode output record", e);
        }
        return buffer.toByteArray();
    }
}
