package io.leaddedup.job.vicidial;

import io.leaddedup.vicidial.DialerChange;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * VICIdial's tables, changed one idempotent statement at a time. VICIdial's tables are MyISAM
 * (no transactions), so every change is written as the state to reach: repeating any prefix of
 * the statements, after a crash anywhere, ends in the same tables.
 *
 * <p>Do-not-call rows are the one place where "the state to reach" needs memory: see
 * {@link DncListings}.
 */
final class VicidialDatabase implements AutoCloseable {

    private final String url;
    private final Properties credentials;
    private final long duplicatesListId;
    private Connection connection;
    private final DncListings listings = new DncListings();

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
                    statement.execute(DncListings.LEDGER_DDL);
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
            if (Sql.update(connection(), "UPDATE vicidial_list SET list_id = ? WHERE vendor_lead_code = ?", duplicatesListId,
                    move.leadId()) == 0) {
                return Outcome.UNKNOWN_LEAD;
            }
            leaveHopper(move.leadId());
        } else if (change instanceof DialerChange.OutOfHopper out) {
            if (!leadExists(out.leadId())) {
                return Outcome.UNKNOWN_LEAD;
            }
            leaveHopper(out.leadId());
        } else if (change instanceof DialerChange.CampaignDnc dnc) {
            return listings.list(connection(), DncListings.DncTable.CAMPAIGN, dnc.campaignId(), dnc.number(), dnc.listed());
        } else if (change instanceof DialerChange.SystemDnc dnc) {
            return listings.list(connection(), DncListings.DncTable.SYSTEM, DncListings.SYSTEM_LIST, dnc.number(),
                    dnc.listed());
        }
        return Outcome.APPLIED;
    }

    private boolean leadExists(String leadId) throws SQLException {
        try (PreparedStatement statement = Sql.prepare(connection(),
                "SELECT 1 FROM vicidial_list WHERE vendor_lead_code = ? LIMIT 1", leadId);
                ResultSet rows = statement.executeQuery()) {
            return rows.next();
        }
    }

    private void leaveHopper(String leadId) throws SQLException {
        Sql.update(connection(), "DELETE h FROM vicidial_hopper h JOIN vicidial_list l ON l.lead_id = h.lead_id"
                + " WHERE l.vendor_lead_code = ?", leadId);
    }

    /** Looks up, for a batch of changes, the ledger rows their unlistings need, in a few statements. */
    void lookUpLedger(List<DialerChange> changes) throws SQLException {
        listings.lookUp(connection(), changes);
    }

    /** Drops the connection, and what it had read, after a failure, so the next change starts afresh. */
    void reset() {
        listings.clear();
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
