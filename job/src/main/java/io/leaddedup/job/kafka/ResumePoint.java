package io.leaddedup.job.kafka;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Where a start without {@code --restore} begins when the deployment has run before.
 *
 * <p>A Kafka source with no restored position starts from the consumer group's committed offsets,
 * which Flink commits at every checkpoint. A deployment started again with the same flags would so
 * go on reading where it stopped, but with empty state: every lead, count, disqualification and
 * conversion of the earlier run forgotten, the next duplicate of an old lead kept as a golden
 * record, and campaign counts on the compacted topic overwritten from zero. A start of a deployment
 * that ran before on the same topics therefore resumes, embedded or on a cluster, from the newest
 * retained checkpoint or savepoint of that deployment, as Flink itself does after a failure: a
 * resubmission after a cancel, or after a JobManager lost without high availability, goes on where
 * the job stopped. Starting over is the operator's explicit choice ({@code --restore none}). Where
 * there is no such checkpoint, the job says, loudly, what it forgets.
 *
 * <p>A cluster's checkpoint directory is shared with other teams' jobs. Every submission therefore
 * marks its job's directory ({@code <checkpoint dir>/<job id>/}, where Flink writes its {@code
 * chk-N}) with the deployment it belongs to, so that only this deployment's checkpoints are ever
 * candidates, on any file system Flink reaches, and with the ids its input topics had, so that a
 * snapshot of topics deleted and created again since is none.
 */
final class ResumePoint {

    /** Written into {@code <checkpoint dir>/<job id>/} when a job is submitted, embedded or on a cluster. */
    static final String MARKER = "lead-dedup-deployment.properties";

    /** The marker's input topic ids, {@code topic=id,…}; markers of releases before it have none. */
    private static final String TOPIC_IDS = "input.topic.ids";

    /** The marker's snapshot the job was started from, where it was started from one. */
    private static final String RESTORED_FROM = "restored.from";

    /** How many hex digits of the job id Flink puts in a savepoint's directory name. */
    private static final int SAVEPOINT_JOB_PREFIX = 6;

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

        static Optional<Deployment> read(Properties properties) {
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
     * A job directory's marker: the deployment, and the ids its input topics had when the job was
     * submitted (empty where the broker did not say, or an earlier release wrote the marker).
     */
    private record Marker(Deployment deployment, Map<String, String> topicIds, String restoredFrom) {

        static Optional<Marker> read(FileSystem fs, Path marker) {
            Properties properties = new Properties();
            try (InputStream in = fs.open(marker)) {
                properties.load(in);
            } catch (IOException e) {
                return Optional.empty();
            }
            Map<String, String> ids = new TreeMap<>();
            for (String entry : properties.getProperty(TOPIC_IDS, "").split(",")) {
                int equals = entry.lastIndexOf('=');
                if (equals > 0) {
                    ids.put(entry.substring(0, equals), entry.substring(equals + 1));
                }
            }
            String restoredFrom = properties.getProperty(RESTORED_FROM);
            return Deployment.read(properties).map(deployment -> new Marker(deployment, ids, restoredFrom));
        }

        /** Whether the job read the very topics that exist now; unknown (either side empty) is not. */
        boolean sameTopics(Map<String, String> current) {
            return !topicIds.isEmpty() && topicIds.equals(current);
        }

        /** Whether the job's topics have been deleted since, and others created under their names. */
        boolean topicsRecreated(Map<String, String> current) {
            return !topicIds.isEmpty() && !current.isEmpty() && !topicIds.equals(current);
        }
    }

    /** What {@code --restore} asked for, where it named no savepoint. */
    enum Mode {
        /** No {@code --restore}: resume where the group has read before, else a first start. */
        AUTO,
        /** {@code --restore none}: empty state on purpose. */
        NONE,
        /** {@code --restore latest}: this deployment's newest checkpoint, even where the group has read nothing. */
        LATEST
    }

    /**
     * A completed snapshot of this deployment.
     *
     * @param path its URI
     * @param sameTopics whether its job read the input topics that exist now (same topic ids): the
     *     proof of an earlier run where the group's committed offsets are missing
     */
    record Snapshot(String path, boolean sameTopics) {}

    /**
     * How a start without a savepoint to restore goes.
     *
     * @param restorePath the checkpoint to resume from, or null for empty state
     * @param why why it resumes from it, for the start-up report, where it does
     * @param note a line for the start-up report, or null when there is nothing to say
     */
    record Decision(String restorePath, String why, String note) {}

    private ResumePoint() {}

    /** Whether the newest snapshot is worth looking for: every start but one that starts over on purpose. */
    static boolean wouldLook(Mode mode) {
        return mode != Mode.NONE;
    }

    /**
     * The decision, from what was found: pure, so every case is tested without a broker.
     *
     * <p>An earlier run shows in two ways: committed offsets of the group, or a snapshot of this
     * deployment taken on the topics that exist now. Either is enough. The offsets alone are not:
     * Flink commits them after a checkpoint completes, so a run stopped right after its first
     * checkpoint, or stopped with a savepoint before it committed any, leaves none, and they expire
     * after {@code offsets.retention.minutes} without commits (7 days by default). The topic ids
     * alone are not either: a marker written by an earlier release has none.
     *
     * @param readBefore the input topics the group has committed offsets on
     * @param newest this deployment's newest completed snapshot, where {@link #wouldLook} looked
     */
    static Decision decide(boolean embedded, Mode mode, Set<String> readBefore, Optional<Snapshot> newest,
            String groupId, String checkpointDir) {
        String read = "consumer group '" + groupId + "' has read " + String.join(", ", new TreeSet<>(readBefore))
                + " before";
        if (mode != Mode.NONE && newest.isPresent()) {
            if (mode == Mode.LATEST) {
                return new Decision(newest.get().path(), "--restore latest", null);
            }
            if (!readBefore.isEmpty()) {
                return new Decision(newest.get().path(), read + "; --restore none starts without it", null);
            }
            if (newest.get().sameTopics()) {
                return new Decision(newest.get().path(), "taken on these very input topics (same topic ids), where consumer"
                        + " group '" + groupId + "' has no committed offsets (none committed yet, or expired after"
                        + " offsets.retention.minutes); --restore none starts without it", null);
            }
        }
        if (readBefore.isEmpty()) {
            if (mode == Mode.LATEST) {
                return new Decision(null, null, "--restore latest: no checkpoint of this deployment under "
                        + checkpointDir + " and nothing read by consumer group '" + groupId + "' yet: a first start.");
            }
            return new Decision(null, null, newest.isEmpty() || mode == Mode.NONE ? null
                    : "a first start, though " + newest.get().path() + " is of this deployment: consumer group '"
                            + groupId + "' has no committed offsets on its topics, and the snapshot's marker does not"
                            + " say which topics it read (an earlier release's). --restore latest resumes from it.");
        }
        if (mode == Mode.NONE) {
            return new Decision(null, null, "WARNING: " + read + "; --restore none starts without state, from the"
                    + " group's committed offsets: the leads, counts and conversions of earlier runs are forgotten.");
        }
        String lost = ", and the job starts without state, from the group's committed offsets: the leads, counts,"
                + " disqualifications and conversions of earlier runs are forgotten, so a duplicate of an earlier"
                + " lead is kept as a golden record and campaign counts restart from zero.";
        return new Decision(null, null, "WARNING: " + read + " but no checkpoint of this deployment (same"
                + " --group-id, --transactional-id-prefix and input topics) is under " + checkpointDir + lost
                + " To resume, "
                + (embedded ? "stop it and start again with --restore and the earlier run's savepoint or retained"
                        + " checkpoint (a chk-N directory)"
                        : "cancel this job and submit it again from the earlier run's savepoint or retained checkpoint"
                                + " (a chk-N directory: REST savepointPath, flink run -s, or --restore PATH)")
                + "; to start over on purpose, --restore none.");
    }

    /** Marks {@code <checkpoint dir>/<job id>/} as this deployment's, for a later start to find. */
    static void mark(String checkpointDir, String jobId, Deployment deployment, Map<String, String> topicIds)
            throws IOException {
        mark(checkpointDir, jobId, deployment, topicIds, null);
    }

    /** The mark, with the snapshot the job was started from ({@code restoredFrom}, null for none). */
    static void mark(String checkpointDir, String jobId, Deployment deployment, Map<String, String> topicIds,
            String restoredFrom) throws IOException {
        Path jobDir = new Path(checkpointDir, jobId);
        FileSystem fs = jobDir.getFileSystem();
        fs.mkdirs(jobDir);
        try (OutputStream out = fs.create(new Path(jobDir, MARKER), FileSystem.WriteMode.OVERWRITE)) {
            Properties properties = deployment.toProperties();
            properties.setProperty(TOPIC_IDS, String.join(",", new TreeMap<>(topicIds).entrySet().stream()
                    .map(id -> id.getKey() + "=" + id.getValue()).toList()));
            if (restoredFrom != null) {
                properties.setProperty(RESTORED_FROM, restoredFrom);
            }
            properties.store(out, "written by lead-dedup kafka at submission; read at a later start");
        }
    }

    /**
     * This deployment's newest completed snapshot: a checkpoint under {@code checkpointDir} (a chk-N
     * directory with its {@code _metadata}) or a savepoint of one of its jobs under {@code
     * savepointDir}, by the time its metadata was written. A snapshot still being written when the
     * run stopped has no metadata, and is passed over; so is every snapshot of a job whose input
     * topics have since been deleted and created again ({@code topicIds}, the ids they have now):
     * its offsets point into topics that are gone.
     *
     * <p>The savepoints matter: a stop-with-savepoint commits the output up to the savepoint and
     * ends the job as finished, and Flink then discards that job's checkpoints. A resubmission
     * without the savepoint must start from it, not from an older checkpoint of an earlier job,
     * whose replay would write committed output again. Flink names a savepoint {@code
     * savepoint-<first 6 hex digits of the job id>-<random>}, which ties it to a marked job
     * directory. A savepoint written elsewhere ({@code targetDirectory}, {@code flink stop -p DIR})
     * is not seen here, and must be given as {@code savepointPath}, {@code -s} or {@code --restore}.
     */
    static Optional<Snapshot> newest(String checkpointDir, String savepointDir, Deployment deployment,
            Map<String, String> topicIds) throws IOException {
        return newest(snapshots(checkpointDir, savepointDir, deployment, topicIds, null).completed(), Long.MIN_VALUE);
    }

    /**
     * Where an explicit restore has been done before: this deployment's newest snapshot taken after a
     * job of it was first started from {@code restorePath} on these very topics, else empty. Starting
     * from {@code restorePath} again would read and write again everything after it, which the same
     * command run twice (the adoption's first start, a unit file that names the bootstrap's
     * savepoint) must not do.
     */
    static Optional<Snapshot> newerThanAStartFrom(String restorePath, String checkpointDir, String savepointDir,
            Deployment deployment, Map<String, String> topicIds) throws IOException {
        Scan scan = snapshots(checkpointDir, savepointDir, deployment, topicIds, comparable(restorePath));
        if (scan.firstStartFrom() == Long.MAX_VALUE) {
            return Optional.empty();
        }
        return newest(scan.completed(), scan.firstStartFrom())
                .filter(snapshot -> !comparable(snapshot.path()).equals(comparable(restorePath)));
    }

    private static Optional<Snapshot> newest(List<Completed> completed, long after) {
        return completed.stream()
                .filter(c -> c.written() > after)
                .max(Comparator.comparingLong(Completed::written).thenComparingLong(Completed::order))
                .map(c -> new Snapshot(c.dir().toUri().toString(), c.sameTopics()));
    }

    /** A snapshot's path as the same snapshot always reads: no scheme for local files, no {@code _metadata}, no trailing slash. */
    static String comparable(String path) {
        String plain = path.trim().replaceFirst("^file:/+", "/");
        plain = plain.replaceFirst("/_metadata$", "");
        return plain.replaceFirst("/+$", "");
    }

    /**
     * What a scan of this deployment's directories found: its completed snapshots, and when a job of
     * it on these topics was first started from {@code startedFrom} (its marker's time; {@code
     * Long.MAX_VALUE} for never, or not asked).
     */
    private record Scan(List<Completed> completed, long firstStartFrom) {}

    private static Scan snapshots(String checkpointDir, String savepointDir, Deployment deployment,
            Map<String, String> topicIds, String startedFrom) throws IOException {
        Path base = new Path(checkpointDir);
        FileSystem fs = base.getFileSystem();
        long firstStartFrom = Long.MAX_VALUE;
        if (!fs.exists(base)) {
            return new Scan(List.of(), firstStartFrom);
        }
        List<Completed> completed = new ArrayList<>();
        Map<String, Boolean> jobsSameTopics = new HashMap<>();
        for (FileStatus job : listed(fs, base)) {
            // an unmarked directory (another job's) reads as no deployment
            Optional<Marker> marker = job.isDir() ? Marker.read(fs, new Path(job.getPath(), MARKER)) : Optional.empty();
            if (marker.isEmpty() || !marker.get().deployment().equals(deployment)
                    || marker.get().topicsRecreated(topicIds)) {
                continue;
            }
            boolean sameTopics = marker.get().sameTopics(topicIds);
            if (startedFrom != null && sameTopics && marker.get().restoredFrom() != null
                    && comparable(marker.get().restoredFrom()).equals(startedFrom)) {
                firstStartFrom = Math.min(firstStartFrom,
                        fs.getFileStatus(new Path(job.getPath(), MARKER)).getModificationTime());
            }
            String jobId = job.getPath().getName();
            if (jobId.length() >= SAVEPOINT_JOB_PREFIX) {
                jobsSameTopics.put(jobId.substring(0, SAVEPOINT_JOB_PREFIX), sameTopics);
            }
            for (FileStatus chk : listed(fs, job.getPath())) {
                long id = checkpointId(chk.getPath());
                if (id >= 0 && chk.isDir()) {
                    written(fs, chk.getPath(), id, sameTopics).ifPresent(completed::add);
                }
            }
        }
        if (savepointDir != null && !jobsSameTopics.isEmpty()) {
            Path savepoints = new Path(savepointDir);
            FileSystem savepointFs = savepoints.getFileSystem();
            if (savepointFs.exists(savepoints)) {
                for (FileStatus savepoint : listed(savepointFs, savepoints)) {
                    String name = savepoint.getPath().getName();
                    String prefix = name.startsWith("savepoint-")
                            && name.length() > "savepoint-".length() + SAVEPOINT_JOB_PREFIX
                            ? name.substring("savepoint-".length(), "savepoint-".length() + SAVEPOINT_JOB_PREFIX)
                            : null;
                    if (savepoint.isDir() && prefix != null && jobsSameTopics.containsKey(prefix)) {
                        // at the same instant as a checkpoint, the savepoint is the later: a stop's
                        written(savepointFs, savepoint.getPath(), Long.MAX_VALUE, jobsSameTopics.get(prefix))
                                .ifPresent(completed::add);
                    }
                }
            }
        }
        return new Scan(completed, firstStartFrom);
    }

    private static Optional<Completed> written(FileSystem fs, Path snapshot, long order, boolean sameTopics)
            throws IOException {
        try {
            return Optional.of(new Completed(snapshot,
                    fs.getFileStatus(new Path(snapshot, "_metadata")).getModificationTime(), order, sameTopics));
        } catch (FileNotFoundException e) {
            // still being written when the run stopped, or subsumed while we looked
            return Optional.empty();
        }
    }

    private static FileStatus[] listed(FileSystem fs, Path dir) throws IOException {
        FileStatus[] statuses = fs.listStatus(dir);
        return statuses == null ? new FileStatus[0] : statuses;
    }

    private static long checkpointId(Path dir) {
        String name = dir.getName();
        if (!name.startsWith("chk-")) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(4));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private record Completed(Path dir, long written, long order, boolean sameTopics) {}
}
