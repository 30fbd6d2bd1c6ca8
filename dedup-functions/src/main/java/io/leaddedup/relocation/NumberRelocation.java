package io.leaddedup.relocation;

import io.leaddedup.events.LeadSource;
import io.leaddedup.phone.NumberColumn;
import io.leaddedup.settings.AccountSettings;
import io.leaddedup.status.LeadSignal;
import io.leaddedup.status.LeadSignalKind;
import java.time.Instant;
import java.util.List;

/**
 * The relocation rules of the contract, decided at one phone key: plain Java, no Flink.
 *
 * <p>The rule that makes arrival order irrelevant (contract rule 3): a lead X ends relocated if and
 * only if some relocating lead Y, newer than X, shares a number with X and has X in its scope,
 * and X is not a protected inbound lead. So an arriving lead is checked both ways: against the
 * older leads it may relocate, and against the newer relocating leads already seen, which would
 * have relocated it had it come first.
 */
public final class NumberRelocation {

    private NumberRelocation() {}

    /** Whether a lead relocates its older duplicates, under the settings in force at its arrival. */
    public static boolean relocatesOthers(LeadAtNumber lead, AccountSettings settings) {
        return switch (lead.source) {
            case API -> settings.relocateDuplicatesApi;
            case CSV -> lead.relocateDuplicates;
            case INBOUND -> false;
        };
    }

    /**
     * Registers {@code lead} at this number and appends what its arrival means for every lead
     * involved. A lead id the key already knows (a replay or a re-sent insert) changes nothing.
     *
     * @return whether {@code leads} changed
     */
    public static boolean arrive(
            NumberLeads leads, LeadAtNumber lead, AccountSettings settings, long now, List<LeadSignal> out) {
        if (leads.find(lead.leadId) != null) {
            return false;
        }
        NumberLead arriving = NumberLead.of(lead, relocatesOthers(lead, settings), now);
        if (lead.column == NumberColumn.PHONE) {
            out.add(signal(LeadSignalKind.ACCEPTED, lead, null, 0L, settings, null));
        }
        if (participates(arriving, settings)) {
            meetActiveLeads(leads, lead, arriving, settings, out);
            meetNewerRelocators(leads, lead, arriving, settings, out);
        }
        leads.add(arriving);
        return true;
    }

    /** The arriving lead against the active leads of its scope at this number. */
    private static void meetActiveLeads(
            NumberLeads leads, LeadAtNumber lead, NumberLead arriving, AccountSettings settings, List<LeadSignal> out) {
        for (NumberLead other : leads.leads) {
            if (!participates(other, settings) || !RelocationScope.includes(settings, lead, other)) {
                continue;
            }
            boolean arrivingIsNewer = GoldenRecord.isNewer(
                    lead.importedAt, lead.leadId, other.importedAt, other.leadId);
            if (other.relocatedHere) {
                // Out of the dialing pool already, but a newer relocating lead covers it now: its
                // final status names the newest such lead through any number, whichever came first.
                if (arriving.relocatesOthers && arrivingIsNewer) {
                    out.add(relocated(other, lead, settings));
                }
                continue;
            }
            if (arriving.relocatesOthers) {
                if (arrivingIsNewer) {
                    relocateOrProtect(other, lead, settings, out);
                }
            } else {
                // Relocation is off for the arriving lead: it and each lead of its scope are flagged,
                // as the contract says, even when rule 3 then relocates the arriving lead itself.
                NumberLead older = arrivingIsNewer ? other : arriving;
                String golden = arrivingIsNewer ? lead.leadId : other.leadId;
                long goldenImportedAt = arrivingIsNewer ? lead.importedAt : other.importedAt;
                out.add(signal(LeadSignalKind.DUPLICATE, lead, older, golden,
                        goldenImportedAt, settings, "same number as newer lead " + golden));
            }
        }
    }

    /** Rule 3: a newer relocating lead seen earlier relocates the arriving lead at once. */
    private static void meetNewerRelocators(
            NumberLeads leads, LeadAtNumber lead, NumberLead arriving, AccountSettings settings, List<LeadSignal> out) {
        NumberLead golden = null;
        for (NumberLead other : leads.leads) {
            if (participates(other, settings) && wouldRelocate(other, lead, settings)
                    && (golden == null
                            || GoldenRecord.isNewer(other.importedAt, other.leadId, golden.importedAt, golden.leadId))) {
                golden = other;
            }
        }
        if (golden == null) {
            return;
        }
        if (isProtected(arriving, settings)) {
            out.add(signal(LeadSignalKind.PROTECTED, lead, golden.leadId,
                    golden.importedAt, settings, "inbound lead kept active; newer lead " + golden.leadId
                            + " has the same number"));
        } else {
            arriving.relocatedHere = true;
            out.add(signal(LeadSignalKind.RELOCATED, lead, golden.leadId,
                    golden.importedAt, settings, "newer lead " + golden.leadId + " (imported "
                            + Instant.ofEpochMilli(golden.importedAt) + ") has the same number"));
        }
    }

    private static void relocateOrProtect(
            NumberLead older, LeadAtNumber newer, AccountSettings settings, List<LeadSignal> out) {
        if (isProtected(older, settings)) {
            out.add(signal(LeadSignalKind.PROTECTED, newer, older,
                    newer.leadId, newer.importedAt, settings, "inbound lead kept active; newer lead " + newer.leadId
                            + " has the same number"));
        } else {
            older.relocatedHere = true;
            out.add(relocated(older, newer, settings));
        }
    }

    private static LeadSignal relocated(NumberLead older, LeadAtNumber newer, AccountSettings settings) {
        return signal(LeadSignalKind.RELOCATED, newer, older, newer.leadId,
                newer.importedAt, settings, "newer lead " + newer.leadId + " (imported "
                        + Instant.ofEpochMilli(newer.importedAt) + ") has the same number");
    }

    /** Whether {@code relocator}, already known here, relocates the arriving {@code lead}. */
    private static boolean wouldRelocate(NumberLead relocator, LeadAtNumber lead, AccountSettings settings) {
        return relocator.relocatesOthers
                && GoldenRecord.isNewer(relocator.importedAt, relocator.leadId, lead.importedAt, lead.leadId)
                && RelocationScope.includes(settings, relocator, lead);
    }

    private static boolean isProtected(NumberLead lead, AccountSettings settings) {
        return lead.source == LeadSource.INBOUND && settings.protectInbound;
    }

    /** A lead takes part in relocation through its phone, and through its mobile when matchMobile is on. */
    private static boolean participates(NumberLead lead, AccountSettings settings) {
        return lead.column == NumberColumn.PHONE || settings.matchMobile;
    }

    /** A signal about the arriving lead itself. */
    private static LeadSignal signal(LeadSignalKind kind, LeadAtNumber arriving, String goldenLeadId,
            long goldenImportedAt, AccountSettings settings, String reason) {
        return signal(kind, arriving, arriving.leadId, arriving.importedAt, arriving.listId, arriving.campaignId,
                goldenLeadId, goldenImportedAt, settings, reason);
    }

    /** A signal about a lead already at this number, caused by the arriving one. */
    private static LeadSignal signal(LeadSignalKind kind, LeadAtNumber cause, NumberLead subject, String goldenLeadId,
            long goldenImportedAt, AccountSettings settings, String reason) {
        return signal(kind, cause, subject.leadId, subject.importedAt, subject.listId, subject.campaignId,
                goldenLeadId, goldenImportedAt, settings, reason);
    }

    private static LeadSignal signal(
            LeadSignalKind kind, LeadAtNumber cause, String leadId, long leadImportedAt, String listId,
            String campaignId,
            String goldenLeadId, long goldenImportedAt, AccountSettings settings, String reason) {
        LeadSignal signal = new LeadSignal();
        signal.kind = kind;
        signal.accountId = cause.accountId;
        signal.leadId = leadId;
        signal.number = cause.number;
        signal.listId = listId;
        signal.campaignId = campaignId;
        signal.goldenLeadId = goldenLeadId;
        signal.goldenImportedAt = goldenImportedAt;
        signal.filterAgainst = kind == LeadSignalKind.ACCEPTED ? null : settings.filterAgainst;
        signal.reason = reason;
        signal.at = cause.importedAt;
        signal.leadImportedAt = leadImportedAt;
        return signal;
    }
}
