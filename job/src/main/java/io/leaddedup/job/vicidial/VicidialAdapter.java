package io.leaddedup.job.vicidial;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaddedup.vicidial.DialerChange;
import io.leaddedup.vicidial.Refusal;
import io.leaddedup.vicidial.VicidialPlan;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one account's decisions to its VICIdial: reads {@code lead-status} and
 * {@code campaign-phone-counts} ({@code read_committed}), applies each record in order, and
 * commits a batch's offsets only once the database has all of it. A crash anywhere replays at
 * most the uncommitted batch, whose changes are idempotent, so the tables end as an undisturbed
 * run leaves them.
 *
 * <p>A plain Kafka consumer rather than a Flink job: the work is a trickle of single-row statements
 * against one database, the only state is the offsets, and MyISAM has no transactions for a
 * checkpoint to commit. It runs where the dialer's database is reachable, one per account.
 */
final class VicidialAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(VicidialAdapter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration SUMMARY_EVERY = Duration.ofSeconds(30);

    /** Which account, which topics, and when to stop. */
    record Scope(String account, String phoneCode, String leadStatusTopic, String countsTopic,
            boolean stopWhenCaughtUp, Duration maxBackoff) {}

    private final KafkaConsumer<String, String> consumer;
    private final VicidialDatabase database;
    private final Scope scope;
    private final AdapterCounts counts = new AdapterCounts();
    /** The offsets this adapter last committed, so that an idle poll commits nothing. */
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private volatile boolean stopping;

    VicidialAdapter(KafkaConsumer<String, String> consumer, VicidialDatabase database, Scope scope) {
        this.consumer = consumer;
        this.database = database;
        this.scope = scope;
    }

    /** Runs until {@link #stop}, or until caught up when asked to; returns what it did. */
    AdapterCounts run() {
        consumer.subscribe(List.of(scope.leadStatusTopic(), scope.countsTopic()));
        long nextSummary = System.nanoTime() + SUMMARY_EVERY.toNanos();
        try {
            while (!stopping) {
                ConsumerRecords<String, String> batch;
                try {
                    batch = consumer.poll(Duration.ofMillis(500));
                    List<Planned> planned = new ArrayList<>(batch.count());
                    for (ConsumerRecord<String, String> record : batch) {
                        counts.records++;
                        plan(record).ifPresent(change -> planned.add(new Planned(record, change)));
                    }
                    if (!planned.isEmpty()) {
                        // one look at the ledger for the batch's unlistings, rather than one each
                        withRetry(planned.get(0), () -> database.lookUpLedger(
                                planned.stream().map(Planned::change).toList()));
                    }
                    for (Planned change : planned) {
                        if (stopping) {
                            return counts; // the rest of the batch is not committed: it comes again
                        }
                        withRetry(change, () -> count(change.change(), database.apply(change.change())));
                    }
                    commitApplied();
                    if (batch.isEmpty() && scope.stopWhenCaughtUp() && caughtUp()) {
                        break;
                    }
                } catch (TimeoutException e) {
                    // the brokers did not answer in time: nothing was committed past what is applied
                    LOG.warn("Kafka did not answer in time ({}); trying again", e.getMessage());
                }
                if (System.nanoTime() > nextSummary) {
                    LOG.info("account {}: {}", scope.account(), counts);
                    nextSummary = System.nanoTime() + SUMMARY_EVERY.toNanos();
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // stop() was called: the batch in hand is not committed and is applied again next time
        } catch (FencedInstanceIdException e) {
            throw new IllegalStateException("another apply-vicidial joined group with the same group.instance.id and"
                    + " took over; run one adapter per account and database", e);
        }
        return counts;
    }

    /** Asks {@link #run} to return; safe from another thread (a shutdown hook). */
    void stop() {
        stopping = true;
        consumer.wakeup();
    }

    /** A record and the change it asks for. */
    private record Planned(ConsumerRecord<String, String> record, DialerChange change) {}

    /** A step against the database, which may fail while the database is away. */
    private interface DatabaseStep {
        void run() throws SQLException;
    }

    /** Runs a step until the database takes it, backing off in between; no offset moves meanwhile. */
    private void withRetry(Planned at, DatabaseStep step) throws InterruptedException {
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                step.run();
                return;
            } catch (SQLException e) {
                counts.databaseRetries++;
                LOG.warn("VICIdial database unavailable or refusing ({}; SQLState {}): {} at {}-{}@{} not applied,"
                        + " offsets held; retrying in {} ms", e.getMessage(), e.getSQLState(), at.change(),
                        at.record().topic(), at.record().partition(), at.record().offset(), backoff.toMillis());
                database.reset();
                waitKeepingMembership(backoff);
                backoff = backoff.multipliedBy(2).compareTo(scope.maxBackoff()) > 0 ? scope.maxBackoff() : backoff.multipliedBy(2);
            }
        }
    }

    private Optional<DialerChange> plan(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return Optional.empty(); // a tombstone of a compacted topic asks nothing of the dialer
        }
        JsonNode json;
        try {
            json = JSON.readTree(record.value());
        } catch (JsonProcessingException e) {
            counts.unreadable++;
            LOG.warn("unreadable record at {}-{}@{} skipped: {}", record.topic(), record.partition(), record.offset(),
                    e.getOriginalMessage());
            return Optional.empty();
        }
        if (!scope.account().equals(json.path("accountId").asText(null))) {
            counts.otherAccounts++;
            return Optional.empty();
        }
        try {
            if (record.topic().equals(scope.leadStatusTopic())) {
                return VicidialPlan.forLeadStatus(text(json, "leadId"), text(json, "status"), json.path("listId").asText(null));
            }
            JsonNode disqualified = json.path("disqualified");
            if (!disqualified.isBoolean()) {
                throw new Refusal("the record has no 'disqualified' true or false");
            }
            return VicidialPlan.forPhoneCount(text(json, "campaignId"), text(json, "phone"), disqualified.booleanValue(),
                    scope.phoneCode());
        } catch (Refusal refusal) {
            counts.refused++;
            LOG.warn("not applied to VICIdial ({}-{}@{}): {}", record.topic(), record.partition(), record.offset(),
                    refusal.getMessage());
            return Optional.empty();
        }
    }

    private static String text(JsonNode json, String field) throws Refusal {
        String value = json.path(field).asText(null);
        if (value == null || value.isBlank()) {
            throw new Refusal("the record has no '" + field + "'");
        }
        return value;
    }

    private void count(DialerChange change, VicidialDatabase.Outcome outcome) {
        if (outcome == VicidialDatabase.Outcome.UNKNOWN_LEAD) {
            String leadId = change instanceof DialerChange.ToDuplicatesList move ? move.leadId()
                    : ((DialerChange.OutOfHopper) change).leadId();
            counts.unknownLead(leadId);
            LOG.warn("lead {} is not in vicidial_list (no row with that vendor_lead_code): {} not applied", leadId, change);
            return;
        }
        if (outcome == VicidialDatabase.Outcome.NOT_OURS) {
            return;
        }
        if (change instanceof DialerChange.ToDuplicatesList) {
            counts.movedToDuplicates++;
        } else if (change instanceof DialerChange.OutOfHopper) {
            counts.outOfHopper++;
        } else if (change instanceof DialerChange.CampaignDnc dnc ? dnc.listed()
                : ((DialerChange.SystemDnc) change).listed()) {
            counts.dncListings++;
        } else {
            counts.dncUnlistings++;
        }
    }

    /**
     * Sleeps out a back-off while the consumer stays in its group: polls with every partition
     * paused, and puts back any record a rebalance let through, so that nothing moves on.
     */
    private void waitKeepingMembership(Duration backoff) throws InterruptedException {
        long until = System.nanoTime() + backoff.toNanos();
        try {
            while (!stopping && System.nanoTime() < until) {
                // again each time: a rebalance may have assigned partitions that are not paused yet
                consumer.pause(consumer.assignment());
                ConsumerRecords<String, String> leaked = consumer.poll(Duration.ZERO);
                for (TopicPartition partition : leaked.partitions()) {
                    consumer.seek(partition, leaked.records(partition).get(0).offset());
                }
                Thread.sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } finally {
            consumer.resume(consumer.paused());
        }
        if (stopping) {
            throw new InterruptedException("stopping");
        }
    }

    /**
     * Commits the consumer's positions once everything polled is applied: past the batch's
     * records, and past the transaction markers a read_committed consumer skips, so that a caught-up
     * adapter shows no lag. Nothing is committed when no position moved.
     */
    private void commitApplied() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            long position = consumer.position(partition);
            if (!Long.valueOf(position).equals(committed.get(partition))) {
                offsets.put(partition, new OffsetAndMetadata(position));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
            offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The group moved the partitions meanwhile: their records come again and apply again.
            committed.clear();
            LOG.warn("offsets not committed ({}): the batch will be applied again, to the same effect", e.getMessage());
        }
    }

    private boolean caughtUp() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return false;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
        for (TopicPartition partition : assigned) {
            if (consumer.position(partition) < ends.get(partition)) {
                return false;
            }
        }
        return true;
    }
}
