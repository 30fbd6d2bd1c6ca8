package io.leaddedup.job.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Where a start without {@code --restore} begins when the deployment has run before.
 *
 * <p>A Kafka source with no restored position starts from the consumer group's committed offsets,
 * which Flink commits at every checkpoint. A deployment started again with the same flags would so
 * go on reading where it stopped, but with empty state: every lead, count, disqualification and
 * conversion of the earlier run forgotten, the next duplicate of an old lead kept as a golden
 * record, and campaign counts on the compacted topic overwritten from zero. On this machine the job
 * therefore resumes from the newest retained checkpoint of the same deployment, which is what
 * Flink itself does after a failure. On a cluster the checkpoint directory is shared with other
 * jobs and resubmission is the operator's call, so the job only says, loudly, what it is doing.
 */
final class ResumePoint {

    /** Written into {@code <checkpoint dir>/<job id>/} when an embedded job is submitted. */
    static final String MARKER = "lead-dedup-deployment.properties";

    /**
     * What makes two runs the same deployment: the consumer group whose offsets they share, the
     * transactional ids whose open transactions a restore must abort, and the topics they read.
     */
    record Deployment(String groupId, String transactionalIdPrefix, SortedSet<String> inputTopics) {

        static Deployment of(KafkaRun.Options options) {
            return new Deployment(options.groupId(), options.transactionalIdPrefix(),
                    new TreeSet<>(options.inputs().values()));
        }

        Properties toProperties() {
            Properties properties = new Properties();
            properties.setProperty("group.id", groupId);
            properties.setProperty("transactional.id.prefix", transactionalIdPrefix);
            properties.setProperty("input.topics", String.join(",", inputTopics));
            return properties;
        }

        static Optional<Deployment> read(Path marker) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(marker)) {
                properties.load(in);
            } catch (IOException e) {
                return Optional.empty();
            }
            String group = properties.getProperty("group.id");
            String prefix = properties.getProperty("transactional.id.prefix");
            String topics = properties.getProperty("input.topics");
            if (group == null || prefix == null || topics == null) {
                return Optional.empty();
            }
            return Optional.of(new Deployment(group, prefix, new TreeSet<>(List.of(topics.split(",")))));
        }
    }

    /**
     * How a start without an explicit restore goes.
     *
     * @param restorePath the checkpoint to resume from, or null for empty state
     * @param note a line for the start-up report, or null when there is nothing to say
     */
    record Decision(String restorePath, String note) {}

    private ResumePoint() {}

    /**
     * The decision, from what was found: pure, so every case is tested without a broker.
     *
     * @param readBefore the input topics the group has committed offsets on
     * @param newest this deployment's newest retained checkpoint in the checkpoint directory, when embedded
     * @param startedFresh {@code --restore none}: empty state on purpose
     */
    static Decision decide(boolean embedded, boolean startedFresh, Set<String> readBefore, Optional<String> newest,
            String groupId, String checkpointDir) {
        if (readBefore.isEmpty()) {
            return new Decision(null, null);
        }
        String read = "consumer group '" + groupId + "' has read " + String.join(", ", new TreeSet<>(readBefore))
                + " before";
        if (startedFresh) {
            return new Decision(null, "WARNING: " + read + "; --restore none starts without state, from the group's"
                    + " committed offsets: the leads, counts and conversions of earlier runs are forgotten.");
        }
        if (embedded && newest.isPresent()) {
            return new Decision(newest.get(), null);
        }
        String lost = ", and the job starts without state, from the group's committed offsets: the leads, counts,"
                + " disqualifications and conversions of earlier runs are forgotten, so a duplicate of an earlier"
                + " lead is kept as a golden record and campaign counts restart from zero.";
        if (embedded) {
            return new Decision(null, "WARNING: " + read + " but no checkpoint of this deployment (same --group-id,"
                    + " --transactional-id-prefix and input topics) is under " + checkpointDir + lost
                    + " To resume, stop it and start again with --restore and the earlier run's savepoint or"
                    + " retained checkpoint (a chk-N directory); to start over on purpose, --restore none.");
        }
        return new Decision(null, "WARNING: " + read + lost + " To resume, cancel this job and submit it again"
                + " from the earlier job's savepoint or latest retained checkpoint (REST savepointPath, flink run -s,"
                + " or --restore: execution.checkpointing.dir/<job id>/chk-N); to start over on purpose, submit with"
                + " --restore none.");
    }

    /** Marks {@code <checkpoint dir>/<job id>/} as this deployment's, for the next start to find. */
    static void mark(Path checkpointDir, String jobId, Deployment deployment) throws IOException {
        Path jobDir = Files.createDirectories(checkpointDir.resolve(jobId));
        try (OutputStream out = Files.newOutputStream(jobDir.resolve(MARKER))) {
            deployment.toProperties().store(out, "written by lead-dedup kafka at submission; read at the next start");
        }
    }

    /**
     * This deployment's newest completed checkpoint under {@code checkpointDir} (a chk-N directory
     * with its {@code _metadata}), by the time that metadata was written. A checkpoint still being
     * written when the run stopped has none, and is passed over.
     */
    static Optional<Path> newest(Path checkpointDir, Deployment deployment) throws IOException {
        if (!Files.isDirectory(checkpointDir)) {
            return Optional.empty();
        }
        List<Completed> completed = new ArrayList<>();
        try (Stream<Path> jobs = Files.list(checkpointDir)) {
            for (Path job : jobs.toList()) {
                Path marker = job.resolve(MARKER);
                if (!Files.isRegularFile(marker) || !Deployment.read(marker).map(deployment::equals).orElse(false)) {
                    continue;
                }
                try (Stream<Path> checkpoints = Files.list(job)) {
                    for (Path chk : checkpoints.toList()) {
                        long id = checkpointId(chk);
                        Path metadata = chk.resolve("_metadata");
                        if (id >= 0 && Files.isRegularFile(metadata)) {
                            try {
                                completed.add(new Completed(chk, Files.getLastModifiedTime(metadata), id));
                            } catch (NoSuchFileException e) {
                                // subsumed and deleted while we looked
                            }
                        }
                    }
                }
            }
        }
        return completed.stream()
                .max(Comparator.comparing(Completed::written).thenComparingLong(Completed::id))
                .map(Completed::dir);
    }

    /** A local directory for a checkpoint directory URI, or empty where it is not on this machine's disk. */
    static Optional<Path> local(String checkpointDir) {
        if (checkpointDir == null) {
            return Optional.empty();
        }
        URI uri = URI.create(checkpointDir);
        if (uri.getScheme() == null) {
            return Optional.of(Path.of(checkpointDir));
        }
        return "file".equals(uri.getScheme()) ? Optional.of(Path.of(uri)) : Optional.empty();
    }

    private static long checkpointId(Path dir) {
        String name = dir.getFileName().toString();
        if (!name.startsWith("chk-")) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(4));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private record Completed(Path dir, FileTime written, long id) {}
}
