package io.leaddedup.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which checkpoint a start without {@code --restore} resumes from, and what it says when it cannot. */
class ResumePointTest {

    private static final ResumePoint.Deployment THIS = deployment("lead-dedup", "lead-dedup", "leads", "dedup-settings");

    @TempDir
    Path checkpoints;

    @Test
    void aFirstStartNeitherResumesNorWarns() {
        ResumePoint.Decision decision = ResumePoint.decide(true, ResumePoint.Mode.AUTO, Set.of(), known("file:/c/chk-3"),
                "lead-dedup", "file:/c");
        assertThat(decision.restorePath())
                .as("a group that has read nothing, and a checkpoint not known to be of these topics: no earlier run")
                .isNull();
        assertThat(decision.note()).startsWith("a first start, though file:/c/chk-3 is of this deployment")
                .contains("--restore latest resumes from it");
        assertThat(ResumePoint.decide(true, ResumePoint.Mode.AUTO, Set.of(), Optional.empty(), "lead-dedup", "file:/c"))
                .isEqualTo(new ResumePoint.Decision(null, null, null));
    }

    /**
     * Flink commits the group's offsets after a checkpoint completes: a job cancelled, or stopped
     * with a savepoint, right after its first checkpoint leaves none, and Kafka drops them after
     * offsets.retention.minutes without commits. A snapshot taken on the very topics that exist now
     * still proves the earlier run.
     */
    @Test
    void aRunThatLeftNoCommittedOffsetsResumesFromASnapshotOnTheSameTopics() {
        ResumePoint.Decision decision = ResumePoint.decide(false, ResumePoint.Mode.AUTO, Set.of(),
                Optional.of(new ResumePoint.Snapshot("s3://b/savepoint-9d2e41-0a1b", true)), "g1", "s3://b");
        assertThat(decision.restorePath()).isEqualTo("s3://b/savepoint-9d2e41-0a1b");
        assertThat(decision.why()).contains("same topic ids").contains("no committed offsets")
                .contains("--restore none starts without it");
        assertThat(decision.note()).isNull();
    }

    @Test
    void aRestartOnThisMachineResumesFromTheNewestCheckpoint() {
        ResumePoint.Decision decision = ResumePoint.decide(true, ResumePoint.Mode.AUTO, Set.of("leads"), known("file:/c/j/chk-3"),
                "lead-dedup", "file:/c");
        assertThat(decision.restorePath()).isEqualTo("file:/c/j/chk-3");
        assertThat(decision.why()).isEqualTo("consumer group 'lead-dedup' has read leads before; --restore none starts"
                + " without it");
        assertThat(decision.note()).isNull();
    }

    @Test
    void aRestartWithoutAnyCheckpointSaysWhatIsForgottenAndHowToResume() {
        ResumePoint.Decision decision = ResumePoint.decide(true, ResumePoint.Mode.AUTO, Set.of("leads", "dedup-settings"),
                Optional.empty(), "g1", "file:/c");
        assertThat(decision.restorePath()).isNull();
        assertThat(decision.note()).startsWith("WARNING: consumer group 'g1' has read dedup-settings, leads before")
                .contains("no checkpoint of this deployment").contains("file:/c").contains("--restore none");
    }

    @Test
    void aResubmissionOnAClusterResumesToo() {
        ResumePoint.Decision decision = ResumePoint.decide(false, ResumePoint.Mode.AUTO, Set.of("leads"),
                known("s3://b/j/chk-9"), "g1", "s3://b");
        assertThat(decision.restorePath()).as("a cancel and a resubmission with the same flags go on where it stopped")
                .isEqualTo("s3://b/j/chk-9");
        assertThat(decision.note()).isNull();
    }

    @Test
    void aResubmissionOnAClusterWithoutAnyCheckpointSaysHowToSubmitFromOne() {
        ResumePoint.Decision decision = ResumePoint.decide(false, ResumePoint.Mode.AUTO, Set.of("leads"),
                Optional.empty(), "g1", "s3://b");
        assertThat(decision.restorePath()).isNull();
        assertThat(decision.note()).startsWith("WARNING: consumer group 'g1' has read leads before")
                .contains("no checkpoint of this deployment").contains("s3://b").contains("savepointPath")
                .contains("flink run -s").contains("--restore none");
    }

    @Test
    void restoreNoneStartsWithoutStateAndSaysSo() {
        ResumePoint.Decision decision = ResumePoint.decide(true, ResumePoint.Mode.NONE, Set.of("leads"), known("file:/c/chk-3"),
                "g1", "file:/c");
        assertThat(decision.restorePath()).isNull();
        assertThat(decision.note()).contains("--restore none starts without state");
    }

    @Test
    void restoreLatestResumesOnAClusterAndIsAFirstStartWhereThereIsNothing() {
        assertThat(ResumePoint.decide(false, ResumePoint.Mode.LATEST, Set.of("leads"), known("s3://b/j/chk-9"),
                "g1", "s3://b").restorePath()).isEqualTo("s3://b/j/chk-9");
        assertThat(ResumePoint.decide(false, ResumePoint.Mode.LATEST, Set.of(), known("s3://b/j/chk-9"),
                "g1", "s3://b").restorePath()).as("the mark is enough where it was asked for").isEqualTo("s3://b/j/chk-9");
        ResumePoint.Decision first = ResumePoint.decide(false, ResumePoint.Mode.LATEST, Set.of(), Optional.empty(),
                "g1", "s3://b");
        assertThat(first.restorePath()).isNull();
        assertThat(first.note()).contains("a first start");
        ResumePoint.Decision lost = ResumePoint.decide(false, ResumePoint.Mode.LATEST, Set.of("leads"),
                Optional.empty(), "g1", "s3://b");
        assertThat(lost.restorePath()).isNull();
        assertThat(lost.note()).startsWith("WARNING").contains("no checkpoint of this deployment");
    }

    @Test
    void theNewestSnapshotIsLookedForUnlessTheStartIsOverOnPurpose() {
        assertThat(ResumePoint.wouldLook(ResumePoint.Mode.AUTO)).isTrue();
        assertThat(ResumePoint.wouldLook(ResumePoint.Mode.LATEST)).isTrue();
        assertThat(ResumePoint.wouldLook(ResumePoint.Mode.NONE)).isFalse();
    }

    @Test
    void theNewestCompletedCheckpointOfTheSameDeploymentIsFound() throws Exception {
        Path older = checkpoint("a1", THIS, 12, Instant.parse("2026-12-05T10:00:00Z"));
        Path newer = checkpoint("a2", THIS, 3, Instant.parse("2026-12-05T11:00:00Z"));
        Files.createDirectories(checkpoints.resolve("a2").resolve("chk-4")); // being written when the run stopped
        checkpoint("b1", deployment("other-group", "lead-dedup", "leads", "dedup-settings"), 50,
                Instant.parse("2026-12-05T12:00:00Z"));
        checkpoint("b2", deployment("lead-dedup", "lead-dedup", "x-leads", "dedup-settings"), 51,
                Instant.parse("2026-12-05T12:00:00Z"));
        checkpoint("b3", deployment("lead-dedup", "other-prefix", "leads", "dedup-settings"), 52,
                Instant.parse("2026-12-05T12:00:00Z"));
        Path unmarked = checkpoints.resolve("c1").resolve("chk-60");
        Files.createDirectories(unmarked);
        Files.writeString(unmarked.resolve("_metadata"), "x");

        String dir = checkpoints.toUri().toString();
        assertThat(path(ResumePoint.newest(dir, null, THIS, Map.of())))
                .as("newest by when its metadata was written, not by id").contains(newer);
        assertThat(older).exists();
        assertThat(ResumePoint.newest(checkpoints.resolve("missing").toUri().toString(), null, THIS, Map.of())).isEmpty();
        assertThat(ResumePoint.newest(dir, null, deployment("nobody", "p", "leads"), Map.of())).isEmpty();
    }

    /**
     * A stop-with-savepoint ends the job as finished, and Flink discards its checkpoints: the
     * savepoint, in the savepoint directory under the job id's first six hex digits, is where the
     * next start goes on, not an older job's checkpoint, whose replay would write committed output
     * again.
     */
    @Test
    void aSavepointOfOneOfItsJobsIsNewerThanItsCheckpoints(@TempDir Path savepoints) throws Exception {
        String earlier = "1f0c2a9e4b7d4c1e8a2f3b4c5d6e7f80";
        String stopped = "9d2e41b07c3a4f5e9b8a7c6d5e4f3a21";
        checkpoint(earlier, THIS, 7, Instant.parse("2026-12-05T10:00:00Z"));
        ResumePoint.mark(checkpoints.toUri().toString(), stopped, THIS, Map.of()); // its checkpoints discarded at the stop
        Path stop = savepoint(savepoints, "savepoint-9d2e41-0a1b2c3d4e5f", Instant.parse("2026-12-05T11:00:00Z"));
        savepoint(savepoints, "savepoint-77aa00-0a1b2c3d4e5f", Instant.parse("2026-12-05T12:00:00Z")); // another job's
        Files.createDirectories(savepoints.resolve("savepoint-1f0c2a-ffffffffffff")); // never completed

        String dir = checkpoints.toUri().toString();
        assertThat(path(ResumePoint.newest(dir, savepoints.toUri().toString(), THIS, Map.of())))
                .contains(stop);
        assertThat(path(ResumePoint.newest(dir, null, THIS, Map.of())))
                .as("without a savepoint directory, only checkpoints")
                .contains(checkpoints.resolve(earlier).resolve("chk-7"));
        assertThat(ResumePoint.newest(dir, savepoints.toUri().toString(), deployment("other", "p", "leads"), Map.of()))
                .as("a savepoint of a job of no marked directory").isEmpty();
    }

    /**
     * Each marker holds the ids its input topics had at submission. A job whose topics were deleted
     * and created again since is no candidate (its offsets point into topics that are gone); one on
     * the topics of now is, and says so; a marker of an earlier release, without ids, is a candidate
     * that proves nothing by itself.
     */
    @Test
    void theTopicIdsOfEachJobSayWhetherItReadTheTopicsOfNow(@TempDir Path savepoints) throws Exception {
        Map<String, String> now = Map.of("leads", "id-2", "dedup-settings", "id-3");
        Map<String, String> before = Map.of("leads", "id-1", "dedup-settings", "id-3");
        String dir = checkpoints.toUri().toString();
        String sp = savepoints.toUri().toString();

        checkpoint("a0", THIS, Map.of(), 4, Instant.parse("2026-12-05T09:00:00Z"));
        assertThat(found(ResumePoint.newest(dir, sp, THIS, now))).as("an earlier release's marker")
                .contains(new Found(checkpoints.resolve("a0").resolve("chk-4"), false));

        Path onNewTopics = checkpoint("b1", THIS, now, 2, Instant.parse("2026-12-05T10:00:00Z"));
        checkpoint("c1", THIS, before, 9, Instant.parse("2026-12-05T11:00:00Z"));
        assertThat(found(ResumePoint.newest(dir, sp, THIS, now))).as("the newer checkpoint read topics deleted since")
                .contains(new Found(onNewTopics, true));
        assertThat(path(ResumePoint.newest(dir, sp, THIS, Map.of()))).as("where the broker did not say")
                .contains(checkpoints.resolve("c1").resolve("chk-9"));

        String stopped = "9d2e41b07c3a4f5e9b8a7c6d5e4f3a21";
        ResumePoint.mark(dir, stopped, THIS, now);
        Path stop = savepoint(savepoints, "savepoint-9d2e41-0a1b2c3d4e5f", Instant.parse("2026-12-05T12:00:00Z"));
        assertThat(found(ResumePoint.newest(dir, sp, THIS, now))).as("a savepoint takes its job's topic ids")
                .contains(new Found(stop, true));
        assertThat(Files.readString(checkpoints.resolve(stopped).resolve(ResumePoint.MARKER)))
                .contains("input.topic.ids=dedup-settings\\=id-3,leads\\=id-2");
    }

    private record Found(Path path, boolean sameTopics) {}

    private static Optional<Found> found(Optional<ResumePoint.Snapshot> snapshot) {
        return snapshot.map(s -> new Found(Path.of(URI.create(s.path())), s.sameTopics()));
    }

    /**
     * The adoption's first start names the bootstrap's savepoint; the same command run again (a
     * restart, a unit file) must not start from it a second time once the deployment has run from
     * it: that would read and write again everything after it. A savepoint never started from, a
     * start from it on topics recreated since, or only snapshots older than that start, change
     * nothing.
     */
    @Test
    void aSavepointThisDeploymentWasStartedFromBeforeGivesWayToItsNewerSnapshots(@TempDir Path savepoints)
            throws Exception {
        Map<String, String> now = Map.of("leads", "id-2", "dedup-settings", "id-3");
        String dir = checkpoints.toUri().toString();
        String sp = savepoints.toUri().toString();
        Path bootstrap = savepoint(savepoints, "savepoint-b00b00-123456789abc", Instant.parse("2026-12-05T08:00:00Z"));
        String given = bootstrap.toUri().toString();

        assertThat(ResumePoint.newerThanAStartFrom(given, dir, sp, THIS, now)).as("never started from").isEmpty();

        checkpoint("old", THIS, now, 5, Instant.parse("2026-12-05T07:00:00Z")); // before the adoption's start
        ResumePoint.mark(dir, "a1", THIS, now, "file:" + bootstrap + "/"); // the first start, from the bootstrap
        Files.setLastModifiedTime(checkpoints.resolve("a1").resolve(ResumePoint.MARKER),
                FileTime.from(Instant.parse("2026-12-05T09:00:00Z")));
        assertThat(ResumePoint.newerThanAStartFrom(given, dir, sp, THIS, now))
                .as("started from, but nothing taken since").isEmpty();

        Path since = Files.createDirectories(checkpoints.resolve("a1").resolve("chk-12")); // the job's own, since
        Files.setLastModifiedTime(Files.writeString(since.resolve("_metadata"), "x"),
                FileTime.from(Instant.parse("2026-12-05T10:00:00Z")));
        assertThat(path(ResumePoint.newerThanAStartFrom(given + "/_metadata", dir, sp, THIS, now))).contains(since);
        assertThat(ResumePoint.newerThanAStartFrom(given, dir, sp, THIS, Map.of("leads", "id-9",
                "dedup-settings", "id-3"))).as("its topics recreated since").isEmpty();
        assertThat(ResumePoint.newerThanAStartFrom(given, dir, sp, deployment("other", "p", "leads"), now))
                .as("another deployment").isEmpty();
    }

    private static Optional<Path> path(Optional<ResumePoint.Snapshot> snapshot) {
        return snapshot.map(s -> Path.of(URI.create(s.path())));
    }

    /** A snapshot found, not known to be of the topics of now. */
    private static Optional<ResumePoint.Snapshot> known(String path) {
        return Optional.of(new ResumePoint.Snapshot(path, false));
    }

    private static Path savepoint(Path savepoints, String name, Instant written) throws Exception {
        Path savepoint = Files.createDirectories(savepoints.resolve(name));
        Files.setLastModifiedTime(Files.writeString(savepoint.resolve("_metadata"), "x"), FileTime.from(written));
        return savepoint;
    }

    private Path checkpoint(String jobId, ResumePoint.Deployment deployment, long id, Instant written)
            throws Exception {
        return checkpoint(jobId, deployment, Map.of(), id, written);
    }

    private Path checkpoint(String jobId, ResumePoint.Deployment deployment, Map<String, String> topicIds, long id,
            Instant written) throws Exception {
        ResumePoint.mark(checkpoints.toUri().toString(), jobId, deployment, topicIds);
        Path chk = Files.createDirectories(checkpoints.resolve(jobId).resolve("chk-" + id));
        Path metadata = Files.writeString(chk.resolve("_metadata"), "x");
        Files.setLastModifiedTime(metadata, FileTime.from(written));
        return chk;
    }

    private static ResumePoint.Deployment deployment(String group, String prefix, String... topics) {
        return new ResumePoint.Deployment(group, prefix, new TreeSet<>(Set.of(topics)));
    }
}
