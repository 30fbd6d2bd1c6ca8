package io.leaddedup.job.vicidial;

import io.leaddedup.vicidial.DialerChange;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * VICIdial's tables, changed one idempotent statement at a time. VICIdial's tables are MyISAM
 * (no transactions), so every change is written as the state to reach: repeating any prefix of
 * the statements, after a crash anywhere, ends in the same tables.
 *
 * <p>Do-not-call rows are the one place where "the state to reach" needs memory: a requalified
 * number must lose the DNC row this adapter added, but not a row an agent or an import put
 * there. {@code lead_dedup_dnc} records each listing the adapter made, and whether the row was
 * there before it; the ledger row is written before the DNC row and removed after it, so a crash
 * between the two is repaired by the replay.
 */
final class VicidialDatabase implements AutoCloseable {

    /** The ledger's {@code campaign_id} for {@code vicidial_dnc}, the system-wide list. */
    static final String SYSTEM_LIST = "*";

    static final String LEDGER_DDL = "CREATE TABLE IF NOT EXISTS lead_dedup_dnc ("
            + "campaign_id VARCHAR(8) NOT NULL, phone_number VARCHAR(18) NOT NULL, "
            + "was_listed TINYINT(1) NOT NULL, PRIMARY KEY (campaign_id, phone_number)) ENGINE=MyISAM";

    /** Ledger keys per look-up statement: well under the server's placeholder and packet limits. */
    private static final int LOOKUP_CHUNK = 250;

    private final String url;
    private final Properties credentials;
    private final long duplicatesListId;
    private Connection connection;
    /**
     * Ledger rows looked up for the batch in hand, by {@link #ledgerKey}: whether the DNC row was
     * there before the adapter listed the number, or null for a number it did not list. Only this
     * adapter writes the ledger (it holds the database's lock), so the view stays true as the
     * batch's own listings and unlistings update it.
     */
    private final Map<String, Boolean> ledgerView = new HashMap<>();

    /** What a change found, for the adapter's counts. */
    enum Outcome {
        APPLIED,
        /** An unlisting of a number this adapter never listed: an agent's or an import's row stays. */
        NOT_OURS,
        UNKNOWN_LEAD
    }

    VicidialDatabase(String url, String user, String password, long duplicatesListId) {
        this.url = url;
        this.credentials = new Properties();
        credentials.setProperty("user", user);
        // Found rows, not changed rows: an UPDATE of a lead already moved still tells it exists.
        credentials.setProperty("useAffectedRows", "false");
        // A database behind a dead link must fail a statement, to be retried, not hang it for ever.
        credentials.setProperty("connectTimeout", "10000");
        credentials.setProperty("socketTimeout", "120000");
        credentials.setProperty("tcpKeepAlive", "true");
        if (password != null) {
            credentials.setProperty("password", password);
        }
        this.duplicatesListId = duplicatesListId;
    }

    /**
     * Connects when not connected, takes the database's adapter lock, and makes sure the ledger
     * table is there.
     *
     * @throws AnotherAdapter when another adapter holds this database: two adapters interleaving
     *     their ledger and DNC statements could leave a listing that nothing removes
     */
    Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            Connection fresh = DriverManager.getConnection(url, credentials);
            try {
                fresh.setAutoCommit(true);
                try (Statement statement = fresh.createStatement()) {
                    try (ResultSet lock = statement.executeQuery(
                            "SELECT GET_LOCK(CONCAT('lead-dedup-vicidial:', DATABASE()), 0)")) {
                        if (!lock.next() || lock.getInt(1) != 1) {
                            throw new AnotherAdapter();
                        }
                    }
                    statement.execute(LEDGER_DDL);
                }
            } catch (SQLException | RuntimeException e) {
                // never leave a connection behind on the dialer's database
                try {
                    fresh.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            connection = fresh;
        }
        return connection;
    }

    /** Another apply-vicidial is connected to this database (it holds the adapter lock). */
    static final class AnotherAdapter extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        AnotherAdapter() {
            super("another apply-vicidial is connected to this database (it holds the lock"
                    + " 'lead-dedup-vicidial:DATABASE'); run one adapter per database, and stop the running one before"
                    + " a catch-up run");
        }
    }

    /** Whether {@code vicidial_list} has an index that starts with {@code vendor_lead_code}; without one, every lookup scans. */
    boolean vendorLeadCodeIndexed() throws SQLException {
        try (Statement statement = connection().createStatement();
                ResultSet indexes = statement.executeQuery("SHOW INDEX FROM vicidial_list")) {
            while (indexes.next()) {
                if (indexes.getInt("Seq_in_index") == 1 && "vendor_lead_code".equalsIgnoreCase(indexes.getString("Column_name"))) {
                    return true;
                }
            }
            return false;
        }
    }

    Outcome apply(DialerChange change) throws SQLException {
        if (change instanceof DialerChange.ToDuplicatesList move) {
            // The connection counts found rows, not changed ones: 0 means no such lead.
            if (update("UPDATE vicidial_list SET list_id = ? WHERE vendor_lead_code = ?", duplicatesListId, move.leadId()) == 0) {
                return Outcome.UNKNOWN_LEAD;
            }
            leaveHopper(move.leadId());
        } else if (change instanceof DialerChange.OutOfHopper out) {
            if (!leadExists(out.leadId())) {
                return Outcome.UNKNOWN_LEAD;
            }
            leaveHopper(out.leadId());
        } else if (change instanceof DialerChange.CampaignDnc dnc) {
            return list(DncTable.CAMPAIGN, dnc.campaignId(), dnc.nationalNumber(), dnc.listed());
        } else if (change instanceof DialerChange.SystemDnc dnc) {
            return list(DncTable.SYSTEM, SYSTEM_LIST, dnc.nationalNumber(), dnc.listed());
        }
        return Outcome.APPLIED;
    }

    private boolean leadExists(String leadId) throws SQLException {
        try (PreparedStatement statement = connection().prepareStatement(
                "SELECT 1 FROM vicidial_list WHERE vendor_lead_code = ? LIMIT 1")) {
            statement.setString(1, leadId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private void leaveHopper(String leadId) throws SQLException {
        update("DELETE h FROM vicidial_hopper h JOIN vicidial_list l ON l.lead_id = h.lead_id WHERE l.vendor_lead_code = ?",
                leadId);
    }

    /** VICIdial's two do-not-call lists: a row names the number, and the campaign where there is one. */
    private enum DncTable {
        CAMPAIGN("vicidial_campaign_dnc", "phone_number = ? AND campaign_id = ?", "(phone_number, campaign_id) VALUES (?, ?)"),
        SYSTEM("vicidial_dnc", "phone_number = ?", "(phone_number) VALUES (?)");

        final String table;
        final String where;
        final String values;

        DncTable(String table, String where, String values) {
            this.table = table;
            this.where = where;
            this.values = values;
        }

        Object[] row(String campaign, String number) {
            return this == CAMPAIGN ? new Object[] {number, campaign} : new Object[] {number};
        }
    }

    /** Looks up, in one statement per few hundred, the ledger rows the changes' unlistings need. */
    void lookUpLedger(List<DialerChange> changes) throws SQLException {
        ledgerView.clear();
        List<String[]> keys = new ArrayList<>();
        for (DialerChange change : changes) {
            if (change instanceof DialerChange.CampaignDnc dnc && !dnc.listed()) {
                keys.add(new String[] {dnc.campaignId(), dnc.nationalNumber()});
            } else if (change instanceof DialerChange.SystemDnc dnc && !dnc.listed()) {
                keys.add(new String[] {SYSTEM_LIST, dnc.nationalNumber()});
            }
        }
        for (int from = 0; from < keys.size(); from += LOOKUP_CHUNK) {
            List<String[]> chunk = keys.subList(from, Math.min(keys.size(), from + LOOKUP_CHUNK));
            String pairs = String.join(", ", Collections.nCopies(chunk.size(), "(?, ?)"));
            try (PreparedStatement statement = connection().prepareStatement("SELECT campaign_id, phone_number,"
                    + " was_listed FROM lead_dedup_dnc WHERE (campaign_id, phone_number) IN (" + pairs + ")")) {
                int parameter = 1;
                for (String[] key : chunk) {
                    statement.setString(parameter++, key[0]);
                    statement.setString(parameter++, key[1]);
                    ledgerView.put(ledgerKey(key[0], key[1]), null);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        ledgerView.put(ledgerKey(rows.getString(1), rows.getString(2)), rows.getBoolean(3));
                    }
                }
            }
        }
    }

    /** As the database compares them: its default collations ignore case. */
    private static String ledgerKey(String campaign, String number) {
        return campaign.toLowerCase(Locale.ROOT) + '\t' + number;
    }

    private Outcome list(DncTable dnc, String campaign, String number, boolean listed) throws SQLException {
        Object[] row = dnc.row(campaign, number);
        String key = ledgerKey(campaign, number);
        if (listed) {
            // The ledger first, with whether the row is there already (one statement, so MyISAM's
            // table locks make the look and the write one step), then the row itself.
            Object[] ledger = new Object[2 + row.length];
            ledger[0] = campaign;
            ledger[1] = number;
            System.arraycopy(row, 0, ledger, 2, row.length);
            update("INSERT IGNORE INTO lead_dedup_dnc (campaign_id, phone_number, was_listed) SELECT ?, ?, EXISTS("
                    + "SELECT 1 FROM " + dnc.table + " WHERE " + dnc.where + ")", ledger);
            update("INSERT IGNORE INTO " + dnc.table + " " + dnc.values, row);
            ledgerView.remove(key); // listed now, with a was_listed the database knows: look it up when needed
            return Outcome.APPLIED;
        }
        Boolean wasListed = ledgerView.containsKey(key) ? ledgerView.get(key) : ledgerEntry(campaign, number);
        if (wasListed == null) {
            return Outcome.NOT_OURS;
        }
        if (!wasListed) {
            update("DELETE FROM " + dnc.table + " WHERE " + dnc.where, row);
        }
        update("DELETE FROM lead_dedup_dnc WHERE campaign_id = ? AND phone_number = ?", campaign, number);
        ledgerView.put(key, null);
        return Outcome.APPLIED;
    }

    /** Whether the row was there before this adapter listed the number; null when it did not list it. */
    private Boolean ledgerEntry(String campaign, String number) throws SQLException {
        try (PreparedStatement statement = connection().prepareStatement(
                "SELECT was_listed FROM lead_dedup_dnc WHERE campaign_id = ? AND phone_number = ?")) {
            statement.setString(1, campaign);
            statement.setString(2, number);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getBoolean(1) : null;
            }
        }
    }

    /** Runs one statement; returns the rows it found. */
    private int update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** Drops the connection, and what it had read, after a failure, so the next change starts afresh. */
    void reset() {
        ledgerView.clear();
        close();
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // already gone
            }
            connection = null;
        }
    }
}
