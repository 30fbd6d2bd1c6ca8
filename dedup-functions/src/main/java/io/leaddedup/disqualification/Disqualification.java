package io.leaddedup.disqualification;

/** A number disqualified in one campaign (or, with campaign {@code *}, in every campaign of the account). */
public class Disqualification {
    public String campaignId;
    public String reason;
    public long at;

    public Disqualification() {}

    Disqualification(String campaignId, String reason, long at) {
        this.campaignId = campaignId;
        this.reason = reason;
        this.at = at;
    }
}
