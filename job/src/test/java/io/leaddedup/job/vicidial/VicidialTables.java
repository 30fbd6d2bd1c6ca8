package io.leaddedup.job.vicidial;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The VICIdial tables the adapter touches, with the columns of VICIdial's own schema
 * ({@code extras/MySQL_AST_CREATE_tables.sql}) that matter here, written from those facts: MyISAM,
 * as VICIdial creates them.
 */
final class VicidialTables {

    /** A lead as VICIdial holds it before the adapter runs. */
    record DialerLead(String vendorLeadCode, String phoneNumber, long listId, String campaignId, boolean inHopper) {}

    private final String url;

    VicidialTables(String url) {
        this.url = url;
    }

    String url() {
        return url;
    }

    void create() throws SQLException {
        execute("CREATE TABLE vicidial_list (lead_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " vendor_lead_code VARCHAR(20), list_id BIGINT UNSIGNED NOT NULL DEFAULT 0, phone_code VARCHAR(10),"
                + " phone_number VARCHAR(18) NOT NULL, status VARCHAR(6), alt_phone VARCHAR(12),"
                + " INDEX (vendor_lead_code), INDEX (phone_number), INDEX (list_id)) ENGINE=MyISAM",
                "CREATE TABLE vicidial_hopper (hopper_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " lead_id INT UNSIGNED NOT NULL, campaign_id VARCHAR(8), status VARCHAR(6), list_id BIGINT UNSIGNED,"
                + " INDEX (lead_id)) ENGINE=MyISAM",
                "CREATE TABLE vicidial_campaign_dnc (phone_number VARCHAR(18) NOT NULL, campaign_id VARCHAR(8) NOT NULL,"
                + " UNIQUE KEY phonecamp (phone_number, campaign_id)) ENGINE=MyISAM",
                "CREATE TABLE vicidial_dnc (phone_number VARCHAR(18) NOT NULL PRIMARY KEY) ENGINE=MyISAM");
    }

    void load(List<DialerLead> leads, List<String[]> campaignDnc, List<String> systemDnc) throws SQLException {
        try (Connection connection = connect()) {
            for (DialerLead lead : leads) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO vicidial_list"
                        + " (vendor_lead_code, list_id, phone_code, phone_number, status) VALUES (?, ?, '1', ?, 'NEW')",
                        Statement.RETURN_GENERATED_KEYS)) {
                    insert.setString(1, lead.vendorLeadCode());
                    insert.setLong(2, lead.listId());
                    insert.setString(3, lead.phoneNumber());
                    insert.executeUpdate();
                    if (lead.inHopper()) {
                        try (ResultSet key = insert.getGeneratedKeys()) {
                            key.next();
                            update(connection, "INSERT INTO vicidial_hopper (lead_id, campaign_id, status, list_id)"
                                    + " VALUES (?, ?, 'READY', ?)", key.getLong(1), lead.campaignId(), lead.listId());
                        }
                    }
                }
            }
            for (String[] row : campaignDnc) {
                update(connection, "INSERT INTO vicidial_campaign_dnc (phone_number, campaign_id) VALUES (?, ?)", row[0], row[1]);
            }
            for (String number : systemDnc) {
                update(connection, "INSERT INTO vicidial_dnc (phone_number) VALUES (?)", number);
            }
        }
    }

    /** Every row the adapter may change, the adapter's own ledger too, one sorted line each. */
    List<String> snapshot() throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = connect()) {
            query(connection, "SELECT CONCAT('list ', vendor_lead_code, ' ', list_id) FROM vicidial_list", lines);
            query(connection, "SELECT CONCAT('hopper ', l.vendor_lead_code, ' ', h.campaign_id) FROM vicidial_hopper h"
                    + " JOIN vicidial_list l ON l.lead_id = h.lead_id", lines);
            query(connection, "SELECT CONCAT('campaign-dnc ', campaign_id, ' ', phone_number) FROM vicidial_campaign_dnc", lines);
            query(connection, "SELECT CONCAT('dnc ', phone_number) FROM vicidial_dnc", lines);
            if (tableExists(connection, "lead_dedup_dnc")) {
                query(connection, "SELECT CONCAT('ledger ', campaign_id, ' ', e164, ' ', was_listed)"
                        + " FROM lead_dedup_dnc", lines);
            }
        }
        lines.sort(null);
        return lines;
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), null, table, null)) {
            return tables.next();
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "root", "");
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private static void query(Connection connection, String sql, List<String> lines) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
    }
}
