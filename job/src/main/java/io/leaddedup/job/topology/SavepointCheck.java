package io.leaddedup.job.topology;

import io.leaddedup.job.cli.UsageException;
import java.io.DataInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.filesystem.AbstractFsCheckpointStorageAccess;
import org.apache.flink.streaming.api.graph.StreamGraphHasherV2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A savepoint named for a restore, checked before anything starts: that it is one
 * ({@link #located}), and what it holds ({@link #check}). Restores leave out state of operators
 * the job does not have (a bootstrap's savepoint holds local mode's reader and in-band step, which
 * Kafka mode has not),
 * so without this check a savepoint of another job would be "restored" as empty state, and the
 * job would start over without a word. Refused instead: a savepoint that holds none of the keyed
 * stages, and one that holds state of an operator neither mode of this job has.
 */
public final class SavepointCheck {

    private static final Logger LOG = LoggerFactory.getLogger(SavepointCheck.class);

    /** The stages whose state is the job's: a savepoint of this job holds at least one of them. */
    private static final List<String> KEYED_STAGES = List.of(LeadDedupTopology.UID_PHONE_LEADS,
            LeadDedupTopology.UID_LEAD_STATUS, LeadDedupTopology.UID_CALLER_ROUTING);

    private SavepointCheck() {}

    /**
     * The savepoint as Flink takes it, or null for none. A local path must be a savepoint
     * directory (with its {@code _metadata}) or that file; a URI of another file system is left to
     * Flink.
     */
    public static String located(String path, Function<String, RuntimeException> wrong) {
        if (path == null) {
            return null;
        }
        Path local;
        if (path.startsWith("file:")) {
            local = Path.of(URI.create(path));
        } else if (path.contains("://")) {
            return path;
        } else {
            local = Path.of(path).toAbsolutePath();
        }
        if (!Files.exists(local)) {
            throw wrong.apply("--restore " + path + " does not exist (" + local + "): give the savepoint directory"
                    + " 'bootstrap' or a stop printed, or a chk-N directory");
        }
        Path directory = Files.isDirectory(local) ? local : local.getParent();
        if (directory == null || !Files.isRegularFile(directory.resolve("_metadata"))) {
            throw wrong.apply("--restore " + path + " is not a savepoint: no _metadata in "
                    + (directory == null ? path : directory)
                    + " (give the directory 'bootstrap' printed as its last line)");
        }
        return directory.toUri().toString();
    }

    /**
     * {@link #check}, unless {@code -D} decides for itself whether state the job does not claim may
     * be left out ({@code execution.state-recovery.ignore-unclaimed-state}).
     */
    public static void checkUnlessConfigured(String savepoint, Map<String, String> flinkConfig,
            Collection<String> knownUids) {
        if (!Configuration.fromMap(flinkConfig).contains(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE)) {
            check(savepoint, knownUids);
        }
    }

    /**
     * @param knownUids every uid either mode of the job gives a stateful operator (this job's and
     *     the other mode's), whose state may be in the savepoint
     * @throws UsageException naming what is wrong with the savepoint
     */
    public static void check(String savepoint, Collection<String> knownUids) {
        CheckpointMetadata metadata;
        try {
            metadata = read(savepoint);
        } catch (Exception e) {
            // Flink reads it again at the restore and says what is wrong in its own words.
            LOG.warn("could not read the savepoint {} before the restore: {}", savepoint, e.toString());
            return;
        }
        Map<OperatorID, String> known = new HashMap<>();
        for (String uid : knownUids) {
            known.put(idOf(uid), uid);
        }
        List<String> stages = new ArrayList<>();
        int foreign = 0;
        for (OperatorState operator : metadata.getOperatorStates()) {
            if (!hasState(operator)) {
                continue;
            }
            String uid = known.get(operator.getOperatorID());
            if (uid == null) {
                foreign++;
            } else if (KEYED_STAGES.contains(uid)) {
                stages.add(uid);
            }
        }
        if (stages.isEmpty()) {
            throw new UsageException("--restore " + savepoint + " holds no state of lead-dedup's stages ("
                    + String.join(", ", KEYED_STAGES) + "): it is not a savepoint of this job. Nothing was started.");
        }
        if (foreign > 0) {
            throw new UsageException("--restore " + savepoint + " holds the state of " + foreign + " operator(s) this"
                    + " job has no uid for (another job's, or topics renamed since it was taken). To start without"
                    + " that state, pass -Dexecution.state-recovery.ignore-unclaimed-state=true. Nothing was started.");
        }
    }

    /** Which of {@code uids} the savepoint holds state of; none when it cannot be read. */
    public static Set<String> holdingState(String savepoint, Collection<String> uids) {
        Map<OperatorID, String> wanted = new HashMap<>();
        uids.forEach(uid -> wanted.put(idOf(uid), uid));
        Set<String> holding = new HashSet<>();
        try {
            for (OperatorState operator : read(savepoint).getOperatorStates()) {
                String uid = wanted.get(operator.getOperatorID());
                if (uid != null && hasState(operator)) {
                    holding.add(uid);
                }
            }
        } catch (Exception e) {
            LOG.warn("could not read the savepoint {}: {}", savepoint, e.toString());
        }
        return holding;
    }

    /** The id Flink gives an operator with this uid. */
    static OperatorID idOf(String uid) {
        return new OperatorID(StreamGraphHasherV2.generateUserSpecifiedHash(uid));
    }

    private static boolean hasState(OperatorState operator) {
        if (operator.getCoordinatorState() != null) {
            return true;
        }
        for (OperatorSubtaskState subtask : operator.getStates()) {
            if (subtask.hasState()) {
                return true;
            }
        }
        return false;
    }

    private static CheckpointMetadata read(String savepoint) throws Exception {
        var location = AbstractFsCheckpointStorageAccess.resolveCheckpointPointer(savepoint);
        try (InputStream in = location.getMetadataHandle().openInputStream()) {
            return Checkpoints.loadCheckpointMetadata(new DataInputStream(in), SavepointCheck.class.getClassLoader(),
                    location.getExternalPointer());
        }
    }
}
