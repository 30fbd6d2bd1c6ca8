package io.leaddedup.job.vicidial;

import io.leaddedup.job.vicidial.VicidialDatabase.Outcome;
import io.leaddedup.vicidial.DialerChange;
import io.leaddedup.vicidial.DialerNumber;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The adapter's listings on VICIdial's do-not-call lists, and the ledger that remembers them.
 *
 * <p>A requalified number must lose the DNC row this adapter added, but not a row an agent or an
 * import put there. {@code lead_dedup_dnc} holds one row per number the adapter listed (by its
 * E.164 form) and whether the DNC row was there before the adapter's first listing of those
 * national digits. VICIdial's rows hold national digits only, so two countries' numbers can share
 * one: the row goes when the last of the adapter's listings of it is lifted. The ledger row is
 * written before the DNC row and removed after it, so a crash between the two is repaired by the
 * replay; each statement is one step under MyISAM's table locks.
 */
final class DncListings {

    /** The ledger's {@code campaign_id} for {@code vicidial_dnc}, the system-wide list. */
    static final String SYSTEM_LIST = "*";

    static final String LEDGER_DDL = "CREATE TABLE IF NOT EXISTS lead_dedup_dnc (campaign_id VARCHAR(8) NOT NULL,"
            + " e164 VARCHAR(20) NOT NULL, phone_number VARCHAR(18) NOT NULL, was_listed TINYINT(1) NOT NULL,"
            + " PRIMARY KEY (campaign_id, e164), KEY national (campaign_id, phone_number)) ENGINE=MyISAM";

    /** Keys per look-up statement: well under the server's placeholder and packet limits. */
    private static final int LOOKUP_CHUNK = 250;

    /** VICIdial's two do-not-call lists: a row names the national number, and the campaign where there is one. */
    enum DncTable {
        CAMPAIGN("vicidial_campaign_dnc", "phone_number = ? AND campaign_id = ?", "(phone_number, campaign_id)", "?, ?"),
        SYSTEM("vicidial_dnc", "phone_number = ?", "(phone_number)", "?");

        final String table;
        final String where;
        final String columns;
        final String placeholders;

        DncTable(String table, String where, String columns, String placeholders) {
            this.table = table;
            this.where = where;
            this.columns = columns;
            this.placeholders = placeholders;
        }

        Object[] row(String campaign, String national) {
            return this == CAMPAIGN ? new Object[] {national, campaign} : new Object[] {national};
        }
    }

    /**
     * The ledger rows looked up for the batch in hand, by campaign and national digits: each E.164
     * number the adapter listed there, with its {@code was_listed}. Only this adapter writes the
     * ledger (it holds the database's lock), so the view stays true as the batch's own listings
     * and unlistings update it.
     */
    private final Map<String, Map<String, Boolean>> view = new HashMap<>();

    void clear() {
        view.clear();
    }

    /** Looks up, in one statement per few hundred keys, the ledger rows the changes' unlistings need. */
    void lookUp(Connection connection, List<DialerChange> changes) throws SQLException {
        view.clear();
        List<String[]> keys = new ArrayList<>(); // campaign (or SYSTEM_LIST) and national digits, each once
        for (DialerChange change : changes) {
            String[] key = change instanceof DialerChange.CampaignDnc dnc && !dnc.listed()
                    ? new String[] {dnc.campaignId(), dnc.number().nationalNumber()}
                    : change instanceof DialerChange.SystemDnc dnc && !dnc.listed()
                            ? new String[] {SYSTEM_LIST, dnc.number().nationalNumber()} : null;
            if (key != null && view.putIfAbsent(key(key[0], key[1]), new HashMap<>()) == null) {
                keys.add(key);
            }
        }
        for (int from = 0; from < keys.size(); from += LOOKUP_CHUNK) {
            List<String[]> chunk = keys.subList(from, Math.min(keys.size(), from + LOOKUP_CHUNK));
            List<Object> parameters = new ArrayList<>();
            for (String[] key : chunk) {
                parameters.add(key[0]);
                parameters.add(key[1]);
            }
            String pairs = String.join(", ", Collections.nCopies(chunk.size(), "(?, ?)"));
            try (PreparedStatement statement = Sql.prepare(connection, "SELECT campaign_id, phone_number, e164,"
                    + " was_listed FROM lead_dedup_dnc WHERE (campaign_id, phone_number) IN (" + pairs + ")",
                    parameters.toArray());
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    view.computeIfAbsent(key(rows.getString(1), rows.getString(2)), k -> new HashMap<>())
                            .put(rows.getString(3), rows.getBoolean(4));
                }
            }
        }
    }

    Outcome list(Connection connection, DncTable dnc, String campaign, DialerNumber number, boolean listed)
            throws SQLException {
        String national = number.nationalNumber();
        Object[] row = dnc.row(campaign, national);
        String key = key(campaign, national);
        if (listed) {
            // The ledger first: was the row there before any listing of ours of these digits?
            Sql.update(connection, "INSERT IGNORE INTO lead_dedup_dnc (campaign_id, e164, phone_number, was_listed)"
                    + " SELECT ?, ?, ?, COALESCE((SELECT MAX(was_listed) FROM lead_dedup_dnc WHERE campaign_id = ? AND"
                    + " phone_number = ?), EXISTS(SELECT 1 FROM " + dnc.table + " WHERE " + dnc.where + "))",
                    Sql.concat(new Object[] {campaign, number.e164(), national, campaign, national}, row));
            // Then the row, if absent: idempotent whether or not the table has its unique key.
            Sql.update(connection, "INSERT INTO " + dnc.table + " " + dnc.columns + " SELECT " + dnc.placeholders
                    + " FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM " + dnc.table + " WHERE " + dnc.where + ")",
                    Sql.concat(row, row));
            view.remove(key); // listed now: looked up again when needed
            return Outcome.APPLIED;
        }
        Map<String, Boolean> ours = view.containsKey(key) ? view.get(key) : read(connection, campaign, national);
        view.put(key, ours);
        Boolean wasListed = ours.get(number.e164());
        if (wasListed == null) {
            return Outcome.NOT_OURS;
        }
        if (!wasListed && ours.size() == 1) {
            Sql.update(connection, "DELETE FROM " + dnc.table + " WHERE " + dnc.where, row);
        }
        Sql.update(connection, "DELETE FROM lead_dedup_dnc WHERE campaign_id = ? AND e164 = ?", campaign, number.e164());
        ours.remove(number.e164());
        return Outcome.APPLIED;
    }

    /** The adapter's listings of these national digits in this campaign: E.164 number, was_listed. */
    private static Map<String, Boolean> read(Connection connection, String campaign, String national)
            throws SQLException {
        Map<String, Boolean> ours = new HashMap<>();
        try (PreparedStatement statement = Sql.prepare(connection,
                "SELECT e164, was_listed FROM lead_dedup_dnc WHERE campaign_id = ? AND phone_number = ?", campaign, national);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ours.put(rows.getString(1), rows.getBoolean(2));
            }
        }
        return ours;
    }

    /** As the database compares them: its default collations ignore case. */
    private static String key(String campaign, String national) {
        return campaign.toLowerCase(Locale.ROOT) + '\t' + national;
    }
}
