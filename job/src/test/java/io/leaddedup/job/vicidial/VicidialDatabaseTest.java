package io.leaddedup.job.vicidial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leaddedup.job.vicidial.VicidialDatabase.Outcome;
import io.leaddedup.job.vicidial.VicidialTables.DialerLead;
import io.leaddedup.vicidial.DialerChange;
import io.leaddedup.vicidial.DialerNumber;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each change against VICIdial's tables on a real MariaDB, from the states a crash between two of
 * its statements leaves: the next run, which applies the same change again, must reach the same
 * end as if nothing had happened.
 */
class VicidialDatabaseTest {

    private static final String NUMBER = "6789998212";
    static MariaDbServer mariadb;
    static int databases;

    @BeforeAll
    static void start() throws Exception {
        mariadb = MariaDbServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        mariadb.close();
    }

    private static VicidialTables tables(List<String[]> campaignDnc, List<String> systemDnc) throws Exception {
        VicidialTables tables = new VicidialTables(mariadb.createDatabase("unit" + databases++));
        tables.create();
        tables.load(List.of(new DialerLead("L-1", NUMBER, 1001, "SOLAR", true)), campaignDnc, systemDnc);
        return tables;
    }

    private static DialerNumber us(String national) {
        return new DialerNumber("1", national);
    }

    private static void sql(VicidialTables tables, String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection(tables.url(), "root", "");
                Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    @Test
    void aListingInterruptedAfterItsLedgerRowIsCompletedByTheReplay() throws Exception {
        VicidialTables tables = tables(List.of(), List.of());
        sql(tables, DncListings.LEDGER_DDL);
        sql(tables, "INSERT INTO lead_dedup_dnc VALUES ('SOLAR', '+1" + NUMBER + "', '" + NUMBER + "', 0)"); // the crash: no DNC row yet
        try (VicidialDatabase database = new VicidialDatabase(tables.url(), "root", null, 999)) {
            assertThat(database.apply(new DialerChange.CampaignDnc("SOLAR", us(NUMBER), true))).isEqualTo(Outcome.APPLIED);
            assertThat(tables.snapshot()).contains("campaign-dnc SOLAR " + NUMBER, "ledger SOLAR +1" + NUMBER + " 0");
            // and the row is the adapter's to lift
            assertThat(database.apply(new DialerChange.CampaignDnc("SOLAR", us(NUMBER), false))).isEqualTo(Outcome.APPLIED);
        }
        assertThat(tables.snapshot()).noneMatch(line -> line.contains(NUMBER) && !line.startsWith("list "));
    }

    @Test
    void anUnlistingInterruptedAfterItsDncDeleteIsCompletedByTheReplay() throws Exception {
        VicidialTables tables = tables(List.of(), List.of());
        sql(tables, DncListings.LEDGER_DDL);
        sql(tables, "INSERT INTO lead_dedup_dnc VALUES ('*', '+1" + NUMBER + "', '" + NUMBER + "', 0)"); // the crash: DNC row already gone
        try (VicidialDatabase database = new VicidialDatabase(tables.url(), "root", null, 999)) {
            assertThat(database.apply(new DialerChange.SystemDnc(us(NUMBER), false))).isEqualTo(Outcome.APPLIED);
            assertThat(database.apply(new DialerChange.SystemDnc(us(NUMBER), false))).isEqualTo(Outcome.NOT_OURS);
        }
        assertThat(tables.snapshot()).noneMatch(line -> line.contains(NUMBER) && !line.startsWith("list "));
    }

    @Test
    void aRowPutThereByHandOutlivesTheAdaptersListingAndItsLifting() throws Exception {
        VicidialTables tables = tables(List.<String[]>of(new String[] {NUMBER, "SOLAR"}), List.of(NUMBER));
        try (VicidialDatabase database = new VicidialDatabase(tables.url(), "root", null, 999)) {
            for (int twice = 0; twice < 2; twice++) {
                database.apply(new DialerChange.CampaignDnc("SOLAR", us(NUMBER), true));
                database.apply(new DialerChange.SystemDnc(us(NUMBER), true));
            }
            assertThat(tables.snapshot()).contains("ledger SOLAR +1" + NUMBER + " 1", "ledger * +1" + NUMBER + " 1");
            database.apply(new DialerChange.CampaignDnc("SOLAR", us(NUMBER), false));
            database.apply(new DialerChange.SystemDnc(us(NUMBER), false));
        }
        assertThat(tables.snapshot()).contains("campaign-dnc SOLAR " + NUMBER, "dnc " + NUMBER)
                .noneMatch(line -> line.startsWith("ledger "));
    }

    @Test
    void twoCountriesNumbersSharingNationalDigitsShareTheRowUntilBothAreLifted() throws Exception {
        VicidialTables tables = tables(List.of(), List.of());
        DialerNumber british = new DialerNumber("44", NUMBER);
        try (VicidialDatabase database = new VicidialDatabase(tables.url(), "root", null, 999)) {
            database.apply(new DialerChange.CampaignDnc("SOLAR", us(NUMBER), true));
            database.apply(new DialerChange.CampaignDnc("SOLAR", british, true));
            database.apply(new DialerChange.CampaignDnc("SOLAR", us(NUMBER), false));
            assertThat(tables.snapshot()).contains("campaign-dnc SOLAR " + NUMBER); // the British number still holds it
            database.apply(new DialerChange.CampaignDnc("SOLAR", british, false));
        }
        assertThat(tables.snapshot()).noneMatch(line -> line.contains(NUMBER) && !line.startsWith("list "));
    }

    @Test
    void aLeadMovesOnceAndAgainToTheSameEndAndAnUnknownLeadIsToldApart() throws Exception {
        VicidialTables tables = tables(List.of(), List.of());
        try (VicidialDatabase database = new VicidialDatabase(tables.url(), "root", null, 999)) {
            assertThat(database.apply(new DialerChange.ToDuplicatesList("L-1"))).isEqualTo(Outcome.APPLIED);
            // already moved: the UPDATE changes nothing but still finds the lead
            assertThat(database.apply(new DialerChange.ToDuplicatesList("L-1"))).isEqualTo(Outcome.APPLIED);
            assertThat(database.apply(new DialerChange.ToDuplicatesList("L-404"))).isEqualTo(Outcome.UNKNOWN_LEAD);
            assertThat(database.apply(new DialerChange.OutOfHopper("L-404"))).isEqualTo(Outcome.UNKNOWN_LEAD);
        }
        assertThat(tables.snapshot()).containsExactly("list L-1 999");
    }

    @Test
    void aBatchsLedgerLookUpEndsAsOneLookUpPerChange() throws Exception {
        List<DialerChange> batch = List.of(
                new DialerChange.CampaignDnc("SOLAR", us(NUMBER), false),       // listed by the adapter before
                new DialerChange.CampaignDnc("solar", us("6789998213"), false), // the same row, as the database compares
                new DialerChange.CampaignDnc("ROOF", us(NUMBER), false),        // by hand: stays
                new DialerChange.CampaignDnc("ROOF", us("6789998214"), false),  // never listed
                new DialerChange.SystemDnc(us(NUMBER), true),                   // listed, then lifted in the same batch
                new DialerChange.SystemDnc(new DialerNumber("44", NUMBER), true), // the same digits, another country
                new DialerChange.SystemDnc(us(NUMBER), false),
                new DialerChange.SystemDnc(us(NUMBER), false),
                new DialerChange.SystemDnc(new DialerNumber("44", NUMBER), false));
        List<List<String>> ends = new java.util.ArrayList<>();
        for (boolean lookUp : new boolean[] {false, true}) {
            VicidialTables tables = tables(List.<String[]>of(new String[] {NUMBER, "SOLAR"}, new String[] {"6789998213",
                    "SOLAR"}, new String[] {NUMBER, "ROOF"}), List.of());
            sql(tables, DncListings.LEDGER_DDL);
            sql(tables, "INSERT INTO lead_dedup_dnc VALUES ('SOLAR', '+1" + NUMBER + "', '" + NUMBER + "', 0),"
                    + " ('SOLAR', '+16789998213', '6789998213', 0)");
            try (VicidialDatabase database = new VicidialDatabase(tables.url(), "root", null, 999)) {
                if (lookUp) {
                    database.lookUpLedger(batch);
                }
                for (DialerChange change : batch) {
                    database.apply(change);
                }
            }
            ends.add(tables.snapshot());
        }
        assertThat(ends.get(1)).containsExactlyElementsOf(ends.get(0))
                .contains("campaign-dnc ROOF " + NUMBER).doesNotContain("campaign-dnc SOLAR " + NUMBER, "dnc " + NUMBER,
                        "campaign-dnc SOLAR 6789998213");
    }

    @Test
    void oneAdapterPerDatabase() throws Exception {
        VicidialTables tables = tables(List.of(), List.of());
        try (VicidialDatabase first = new VicidialDatabase(tables.url(), "root", null, 999);
                VicidialDatabase second = new VicidialDatabase(tables.url(), "root", null, 999)) {
            first.connection();
            assertThatThrownBy(second::connection).isInstanceOf(VicidialDatabase.AnotherAdapter.class)
                    .hasMessageContaining("one adapter per database");
            first.close();
            assertThat(second.connection().isValid(5)).isTrue(); // the lock goes with the first's connection
        }
    }
}
