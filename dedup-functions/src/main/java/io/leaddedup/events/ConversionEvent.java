package io.leaddedup.events;

/** A {@code conversion} event: {@code buyerId} converted {@code callerPhone}. */
public class ConversionEvent {
    public String accountId;
    public String callerPhone;
    public String buyerId;
    public String campaignId;
    public String callId;
    public long convertedAt;

    public ConversionEvent() {}
}
