package io.leaddedup.relocation;

/**
 * The contract's order of leads: the newest {@code importedAt} wins, ties go to the greater
 * {@code leadId} in plain string order. Total, so two leads never tie and every arrival order
 * agrees on who is newer.
 */
public final class GoldenRecord {

    private GoldenRecord() {}

    public static boolean isNewer(long importedAt, String leadId, long otherImportedAt, String otherLeadId) {
        if (importedAt != otherImportedAt) {
            return importedAt > otherImportedAt;
        }
        return leadId.compareTo(otherLeadId) > 0;
    }
}
