package io.leaddedup.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.leaddedup.callers.RoutingDecision;
import io.leaddedup.disqualification.CampaignPhoneCount;
import io.leaddedup.events.Reject;
import io.leaddedup.status.LeadAction;
import io.leaddedup.status.LeadStatusUpdate;
import java.io.Serializable;
import java.time.Instant;

/**
 * The contract's JSON for each output record, field names as published. Times are written as
 * ISO-8601 instants; absent values as JSON null, so that every record of a topic has the same keys.
 */
public final class OutputJson implements Serializable {

    private static final long serialVersionUID = 1L;

    private transient ObjectMapper mapper;

    private ObjectMapper mapper() {
        if (mapper == null) {
            mapper = new ObjectMapper();
        }
        return mapper;
    }

    public String leadAction(LeadAction action) {
        ObjectNode node = mapper().createObjectNode();
        node.put("action", action.action.name());
        node.put("accountId", action.accountId);
        node.put("leadId", action.leadId);
        node.put("phone", action.phone);
        node.put("listId", action.listId);
        node.put("campaignId", action.campaignId);
        node.put("goldenLeadId", action.goldenLeadId);
        node.put("toListId", action.toListId);
        node.put("filterAgainst", action.filterAgainst == null ? null : action.filterAgainst.name());
        node.put("reason", action.reason);
        node.put("at", instant(action.at));
        return write(node);
    }

    public String leadStatus(LeadStatusUpdate status) {
        ObjectNode node = mapper().createObjectNode();
        node.put("accountId", status.accountId);
        node.put("leadId", status.leadId);
        node.put("status", status.status.name());
        node.put("listId", status.listId);
        node.put("goldenLeadId", status.goldenLeadId);
        node.put("updatedAt", instant(status.updatedAt));
        return write(node);
    }

    public String campaignPhoneCount(CampaignPhoneCount count) {
        ObjectNode node = mapper().createObjectNode();
        node.put("accountId", count.accountId);
        node.put("campaignId", count.campaignId);
        node.put("phone", count.phone);
        node.put("leadCount", count.leadCount);
        node.put("disqualified", count.disqualified);
        return write(node);
    }

    public String routingDecision(RoutingDecision decision) {
        ObjectNode node = mapper().createObjectNode();
        node.put("requestId", decision.requestId);
        node.put("accountId", decision.accountId);
        node.put("campaignId", decision.campaignId);
        node.put("callerPhone", decision.callerPhone);
        node.put("kind", decision.kind == null ? null : decision.kind.name());
        node.put("status", decision.status.name());
        ArrayNode eligible = node.putArray("eligibleBuyers");
        for (String buyer : decision.eligibleBuyers) {
            eligible.add(buyer);
        }
        ArrayNode duplicates = node.putArray("duplicateBuyers");
        ObjectNode lastConverted = mapper().createObjectNode();
        for (int i = 0; i < decision.duplicateBuyers.length; i++) {
            duplicates.add(decision.duplicateBuyers[i]);
            lastConverted.put(decision.duplicateBuyers[i], instant(decision.lastConvertedAtMillis[i]));
        }
        node.set("lastConvertedAt", lastConverted);
        node.put("receivedAt", instant(decision.receivedAt));
        node.put("decidedAt", instant(decision.decidedAt));
        return write(node);
    }

    public String reject(Reject reject) {
        ObjectNode node = mapper().createObjectNode();
        node.put("reason", reject.reason.name());
        node.put("detail", reject.detail);
        node.put("payload", reject.payload);
        return write(node);
    }

    private static String instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    private String write(ObjectNode node) {
        try {
            return mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode output record", e);
        }
    }
}
