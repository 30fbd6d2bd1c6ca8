package io.leaddedup.job.vicidial;

import io.leaddedup.job.cli.DurationConverter;
import io.leaddedup.job.cli.KafkaClientOptions;
import io.leaddedup.job.cli.UsageException;
import io.leaddedup.job.kafka.TopicCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lead-dedup apply-vicidial}: one account's decisions applied to its VICIdial database. */
@Command(name = "apply-vicidial", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {"Applies one account's decisions to its VICIdial database: relocated leads to the duplicates",
            "list and out of the hopper, disqualified leads out of the hopper, disqualified numbers into the campaign",
            "and system DNC lists (and out again when requalified). Reads lead-status and campaign-phone-counts",
            "read_committed and commits offsets only after the database has the change; runs until stopped."})
public final class ApplyVicidialCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,HOST:PORT...]")
    String bootstrapServers;

    @Option(names = "--jdbc-url", required = true, paramLabel = "jdbc:mariadb://HOST:PORT/DB",
            description = "VICIdial's database, through the MariaDB driver in the jar (it speaks to MySQL too)")
    String jdbcUrl;

    @Option(names = "--db-user", required = true, paramLabel = "USER")
    String dbUser;

    @Option(names = "--db-password-file", paramLabel = "FILE",
            description = "a file whose first line is the password (kept out of the process list)")
    Path dbPasswordFile;

    @Option(names = "--account", required = true, paramLabel = "ACCOUNT",
            description = "the account whose VICIdial this is; other accounts' records are skipped")
    String account;

    @Option(names = "--duplicates-list-id", required = true, paramLabel = "LIST_ID",
            description = "VICIdial list_id that stands for SYS_DUPLICATES_LIST (an inactive list)")
    long duplicatesListId;

    @Option(names = "--phone-code", paramLabel = "CODE",
            description = {"the one country calling code of this VICIdial's numbers, where it has one: a disqualified",
                "number of another country is then reported, not listed (VICIdial's DNC lists hold national digits,",
                "which would name another number there). Without it, every country's numbers are listed."})
    String phoneCode;

    @Option(names = "--group-id", paramLabel = "GROUP",
            description = "consumer group (default: lead-dedup-vicidial-ACCOUNT)")
    String groupId;

    @Option(names = "--topic-lead-status", defaultValue = "lead-status", paramLabel = "TOPIC")
    String leadStatusTopic;

    @Option(names = "--topic-campaign-phone-counts", defaultValue = "campaign-phone-counts", paramLabel = "TOPIC")
    String countsTopic;

    @Option(names = "--max-retry-backoff", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "longest wait between attempts while the database is away (default: ${DEFAULT-VALUE})")
    Duration maxBackoff;

    @Option(names = "--stop-when-caught-up",
            description = "exit once everything committed to the topics so far is applied (a catch-up run)")
    boolean stopWhenCaughtUp;

    @Mixin
    KafkaClientOptions client = new KafkaClientOptions();

    @Spec
    CommandSpec spec;

    /** What the last run did (for a caller in this JVM, such as a test). */
    AdapterCounts counts;

    @Override
    public Integer call() throws Exception {
        validate();
        Map<String, String> clientProperties = client.resolve();
        Set<String> existing = TopicCheck.existingTopics(bootstrapServers, clientProperties, Duration.ofSeconds(30));
        List<String> missing = new ArrayList<>();
        for (String topic : List.of(leadStatusTopic, countsTopic)) {
            if (!existing.contains(topic)) {
                missing.add("topic '" + topic + "' does not exist (or this principal may not describe it)");
            }
        }
        if (!missing.isEmpty()) {
            throw new UsageException(String.join("; ", missing) + ": start the job first, or name the topics with"
                    + " --topic-lead-status and --topic-campaign-phone-counts");
        }
        VicidialDatabase database = new VicidialDatabase(jdbcUrl, dbUser, password(), duplicatesListId);
        checkDatabase(database, err());
        String group = groupId != null ? groupId : "lead-dedup-vicidial-" + account;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties(clientProperties, group),
                new StringDeserializer(), new StringDeserializer()); database) {
            VicidialAdapter adapter = new VicidialAdapter(consumer, database, new VicidialAdapter.Scope(account,
                    phoneCode, leadStatusTopic, countsTopic, stopWhenCaughtUp, maxBackoff));
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                adapter.stop();
                try {
                    done.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "apply-vicidial-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            err().println("apply-vicidial: account " + account + ", group " + group + ", " + leadStatusTopic + " and "
                    + countsTopic + " into " + jdbcUrl);
            try {
                counts = adapter.run();
            } catch (VicidialDatabase.AnotherAdapter e) {
                throw new IOException(e.getMessage());
            } finally {
                done.countDown();
            }
            err().println("apply-vicidial: " + counts);
            if (stopWhenCaughtUp) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        return 0;
    }

    private void validate() {
        if (account.isBlank()) {
            throw new UsageException("--account must name an account");
        }
        if (duplicatesListId <= 0) {
            throw new UsageException("--duplicates-list-id must be a VICIdial list_id (a positive number)");
        }
        if (!jdbcUrl.startsWith("jdbc:mariadb://")) {
            throw new UsageException("--jdbc-url must be a MariaDB driver URL, jdbc:mariadb://HOST:PORT/DB (for a MySQL"
                    + " server too)");
        }
        if (phoneCode != null && !phoneCode.matches("[1-9][0-9]{0,2}")) {
            throw new UsageException("--phone-code must be a country calling code such as 1 or 44, not '" + phoneCode + "'");
        }
    }

    private String password() throws IOException {
        if (dbPasswordFile == null) {
            return null;
        }
        List<String> lines = Files.readAllLines(dbPasswordFile, StandardCharsets.UTF_8);
        return lines.isEmpty() ? "" : lines.get(0).strip();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * Fails the start on what waiting will not mend (credentials, grants, not VICIdial's database,
     * another adapter on it); a database that cannot be reached yet is waited for by the adapter.
     */
    private void checkDatabase(VicidialDatabase database, PrintWriter err) throws IOException {
        try {
            if (!database.vendorLeadCodeIndexed()) {
                err.println("apply-vicidial: warning: vicidial_list has no index on vendor_lead_code, so every"
                        + " lead lookup scans the table; add one: CREATE INDEX vendor_lead_code ON vicidial_list"
                        + " (vendor_lead_code)");
            }
        } catch (VicidialDatabase.AnotherAdapter e) {
            database.close();
            throw new IOException(e.getMessage());
        } catch (SQLException e) {
            database.close();
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("28") || state.startsWith("42")) {
                throw new UsageException("the VICIdial database at " + jdbcUrl + " refused " + dbUser + " (" + e.getMessage()
                        + "): check --db-user, --db-password-file, the grants (README, \"Connect VICIdial\") and that"
                        + " this is VICIdial's database");
            }
            err.println("apply-vicidial: the database is not reachable yet (" + e.getMessage() + "); waiting for it");
        }
    }

    private Properties consumerProperties(Map<String, String> clientProperties, String group) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("group.id", group);
        properties.putIfAbsent("client.id", group);
        // Static membership: a restarted adapter takes its partitions back at once instead of waiting out
        // the dead one's session, and a second adapter started on the same group fences the first.
        properties.putIfAbsent("group.instance.id", "lead-dedup-vicidial-" + account);
        // Only what the job committed; offsets move only when the database has the change.
        properties.put("isolation.level", "read_committed");
        properties.put("enable.auto.commit", "false");
        // A new adapter applies the topics from their start: compacted, they hold every lead's latest status.
        properties.putIfAbsent("auto.offset.reset", "earliest");
        return properties;
    }
}
