package io.leaddedup.job.vicidial;

import io.leaddedup.job.kafka.KafkaBroker;
import io.leaddedup.job.vicidial.VicidialTables.DialerLead;
import io.leaddedup.vicidial.DialerChange;
import io.leaddedup.vicidial.Refusal;
import io.leaddedup.vicidial.VicidialPlan;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import picocli.CommandLine;

/**
 * The adapter's throughput against a real MariaDB, beside a baseline in the same run: the same
 * changes applied straight to the database by the adapter's own SQL, with no Kafka in between.
 * The ratio says what reading, committing and planning cost on top of the statements. A
 * measurement, not part of the suite; run it with
 * {@code ./mvnw -B -o -pl job test -Dtest=VicidialThroughputProbe -Dsurefire.failIfNoSpecifiedTests=false
 * -Dprobe=vicidial-throughput [-Dleads=100000] [-Drounds=2]}.
 *
 * <p>The records are shaped as the job writes them: every lead has an {@code ACTIVE} status, a
 * third of them a later {@code RELOCATED} and a tenth a {@code DISQUALIFIED}; every lead adds a
 * count record for its number, one in twenty of them disqualified.
 */
@EnabledIfSystemProperty(named = "probe", matches = "vicidial-throughput")
class VicidialThroughputProbe {

    private static final long LIST = 1001;

    @Test
    void measure() throws Exception {
        int leads = Integer.getInteger("leads", 100_000);
        int rounds = Integer.getInteger("rounds", 2);
        List<DialerLead> dialerLeads = new ArrayList<>();
        List<String[]> statusRecords = new ArrayList<>(); // key, value
        List<String[]> countRecords = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < leads; i++) {
            String leadId = "L-" + i;
            String number = Long.toString(2_125_550_000L + random.nextInt(leads / 2 + 1));
            dialerLeads.add(new DialerLead(leadId, number, LIST, "SOLAR", i % 3 == 0));
            statusRecords.add(status(leadId, "ACTIVE", "1001"));
            if (i % 3 == 1) {
                statusRecords.add(status(leadId, "RELOCATED", "SYS_DUPLICATES_LIST"));
            } else if (i % 10 == 2) {
                statusRecords.add(status(leadId, "DISQUALIFIED", "1001"));
            }
            countRecords.add(new String[] {"acme/SOLAR/+1" + number, "{\"accountId\":\"acme\",\"campaignId\":\"SOLAR\","
                    + "\"phone\":\"+1" + number + "\",\"leadCount\":1,\"disqualified\":" + (i % 20 == 3) + "}"});
        }
        try (KafkaBroker broker = KafkaBroker.start(); MariaDbServer mariadb = MariaDbServer.start()) {
            broker.createTopics(List.of("lead-status", "campaign-phone-counts"), 2);
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(KafkaBroker.producerProperties(broker.bootstrapServers()))) {
                send(producer, "lead-status", statusRecords);
                send(producer, "campaign-phone-counts", countRecords);
            }
            int records = statusRecords.size() + countRecords.size();
            List<String> lines = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                VicidialTables direct = tables(mariadb, "direct" + round, dialerLeads);
                long started = System.nanoTime();
                long changes = applyDirectly(direct, statusRecords, countRecords);
                double directSeconds = (System.nanoTime() - started) / 1e9;

                VicidialTables adapted = tables(mariadb, "adapter" + round, dialerLeads);
                started = System.nanoTime();
                AdapterCounts counts = runAdapter(broker, adapted, "probe-" + round);
                double adapterSeconds = (System.nanoTime() - started) / 1e9;
                long adapterChanges = counts.movedToDuplicates + counts.outOfHopper + counts.dncListings + counts.dncUnlistings;
                if (!direct.snapshot().equals(adapted.snapshot()) || adapterChanges != changes) {
                    throw new AssertionError("the adapter and the direct run ended differently");
                }
                lines.add(String.format(Locale.ROOT, "round %d: %,d records, %,d of them changing a table; adapter %.1f s = %,.0f records/s,"
                        + " %,.0f changes/s; direct SQL %.1f s = %,.0f changes/s; adapter/direct %.2fx", round, records,
                        changes, adapterSeconds, records / adapterSeconds, changes / adapterSeconds, directSeconds,
                        changes / directSeconds, directSeconds / adapterSeconds));
            }
            lines.forEach(System.out::println);
        }
    }

    private static String[] status(String leadId, String status, String listId) {
        return new String[] {leadId, "{\"accountId\":\"acme\",\"leadId\":\"" + leadId + "\",\"status\":\"" + status
                + "\",\"listId\":\"" + listId + "\",\"goldenLeadId\":null,\"updatedAt\":\"2026-11-30T10:00:00Z\"}"};
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, List<String[]> records) {
        for (String[] record : records) {
            producer.send(new ProducerRecord<>(topic, record[0].getBytes(StandardCharsets.UTF_8),
                    record[1].getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
    }

    private static VicidialTables tables(MariaDbServer mariadb, String name, List<DialerLead> leads) throws Exception {
        VicidialTables tables = new VicidialTables(mariadb.createDatabase(name));
        tables.create();
        tables.load(leads, List.of(), List.of());
        return tables;
    }

    /** The baseline: each record's change through the adapter's SQL, in one loop, no Kafka. */
    private static long applyDirectly(VicidialTables tables, List<String[]> statuses, List<String[]> counts)
            throws Exception {
        long changes = 0;
        try (VicidialDatabase database = new VicidialDatabase(tables.url(), "root", null, 999)) {
            for (String[] record : statuses) {
                String status = record[1].contains("RELOCATED") ? "RELOCATED"
                        : record[1].contains("DISQUALIFIED") ? "DISQUALIFIED" : "ACTIVE";
                String listId = record[1].contains("SYS_DUPLICATES_LIST") ? "SYS_DUPLICATES_LIST" : "1001";
                changes += apply(database, VicidialPlan.forLeadStatus(record[0], status, listId));
            }
            for (String[] record : counts) {
                String phone = record[0].substring(record[0].lastIndexOf('/') + 1);
                changes += apply(database, VicidialPlan.forPhoneCount("SOLAR", phone,
                        record[1].contains("\"disqualified\":true"), "1"));
            }
        }
        return changes;
    }

    private static int apply(VicidialDatabase database, Optional<DialerChange> change) throws Exception {
        return change.isPresent() && database.apply(change.get()) == VicidialDatabase.Outcome.APPLIED ? 1 : 0;
    }

    private static AdapterCounts runAdapter(KafkaBroker broker, VicidialTables tables, String group) throws Refusal {
        ApplyVicidialCommand command = new ApplyVicidialCommand();
        int exit = new CommandLine(command).execute("--bootstrap-servers", broker.bootstrapServers(), "--jdbc-url",
                tables.url(), "--db-user", "root", "--account", "acme", "--duplicates-list-id", "999", "--group-id", group,
                "--stop-when-caught-up");
        if (exit != 0) {
            throw new AssertionError("apply-vicidial exited " + exit);
        }
        return command.counts;
    }
}
