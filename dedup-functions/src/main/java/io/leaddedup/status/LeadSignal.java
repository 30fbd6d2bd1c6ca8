package io.leaddedup.status;

import io.leaddedup.codec.LeadSignalSerializer;
import io.leaddedup.settings.FilterAgainst;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A fact about one lead, produced at a phone key and keyed by the lead for the lead-status stage,
 * which turns it into {@code lead-actions} and {@code lead-status} records at most once.
 */
@TypeInfo(LeadSignalSerializer.Factory.class)
public class LeadSignal {
    public LeadSignalKind kind;
    public String accountId;
    public String leadId;
    /** The number the signal is about (E.164). */
    public String number;
    public String listId;
    public String campaignId;
    public String goldenLeadId;
    /** The golden lead's {@code importedAt}, so the lead's ledger can keep the newest of them. */
    public long goldenImportedAt;
    public FilterAgainst filterAgainst;
    public String reason;
    /** Time of the event that caused the signal (epoch ms): deterministic, so replays agree. */
    public long at;
    /**
     * The lead's own {@code importedAt}: whichever signal reaches the lead-status stage first opens
     * the lead's history with an ACTIVE record at this time, the same on every run.
     */
    public long leadImportedAt;

    public LeadSignal() {}

    public String leadKey() {
        return LeadKey.of(accountId, leadId);
    }

    @Override
    public String toString() {
        return kind + " " + leadId + (goldenLeadId != null ? " golden=" + goldenLeadId : "");
    }
}
