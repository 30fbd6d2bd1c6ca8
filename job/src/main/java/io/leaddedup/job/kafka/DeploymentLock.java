package io.leaddedup.job.kafka;

import io.leaddedup.job.cli.UsageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One embedded job per deployment on this machine. Two jobs with the same transactional ids on
 * the same brokers restore the same checkpoint and fence each other's transactions, over and
 * over; nothing on the Kafka side tells them apart (Flink's Kafka source joins no consumer group).
 * The launcher's JVM takes an OS file lock per transactional-id prefix its sinks use
 * ({@code PREFIX-TOPIC}), named with the brokers, held while the job runs (the OS drops it with
 * the process, however that ends), so a second terminal running the same command is refused at
 * once, while deployments that share no transactional id run side by side. On a cluster
 * {@code main} runs in a shared JobManager and takes no lock.
 *
 * <p>The lock is a safety net: where it cannot be taken (a file another user made, a file system
 * without locks) the start goes on with a warning.
 */
final class DeploymentLock implements AutoCloseable {

    private final List<FileChannel> channels;

    private DeploymentLock(List<FileChannel> channels) {
        this.channels = channels;
    }

    /** @param transactionalIds the sinks' transactional-id prefixes, {@code PREFIX-TOPIC} each */
    static DeploymentLock acquire(String bootstrapServers, Collection<String> transactionalIds) {
        String brokers = Arrays.stream(bootstrapServers.split(","))
                .map(server -> server.trim().toLowerCase(Locale.ROOT)).sorted().collect(Collectors.joining(","));
        List<FileChannel> channels = new ArrayList<>();
        try {
            for (String id : transactionalIds) {
                Path file = Path.of(System.getProperty("java.io.tmpdir"),
                        "lead-dedup-" + digest(brokers + "\n" + id) + ".lock");
                FileChannel channel;
                try {
                    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.READ);
                } catch (IOException | SecurityException e) {
                    System.err.println("lead-dedup kafka: warning: could not take the lock " + file + " (" + e
                            + "): a second copy of this deployment on this machine would not be refused");
                    continue;
                }
                channels.add(channel);
                if (!tryLock(channel, file)) {
                    String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
                    throw new UsageException("another lead-dedup kafka on " + bootstrapServers + " writes with"
                            + " transactional ids " + id + "-* on this machine" + (holder.isEmpty() ? ""
                                    : " (process " + holder + ")") + ": two would fence each other's transactions."
                            + " Stop it first, or give this one its own --transactional-id-prefix and --group-id."
                            + " Nothing was submitted.");
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                        .getBytes(StandardCharsets.UTF_8)));
            }
            return new DeploymentLock(channels);
        } catch (IOException | RuntimeException e) {
            closeAll(channels);
            if (e instanceof UsageException usage) {
                throw usage;
            }
            System.err.println("lead-dedup kafka: warning: could not take this deployment's lock (" + e
                    + "): a second copy of it on this machine would not be refused");
            return new DeploymentLock(List.of());
        }
    }

    /** False where another process (or this JVM) holds it; a file system without locks counts as free. */
    private static boolean tryLock(FileChannel channel, Path file) {
        try {
            FileLock lock = channel.tryLock();
            return lock != null;
        } catch (OverlappingFileLockException sameJvm) {
            return false;
        } catch (IOException e) {
            System.err.println("lead-dedup kafka: warning: no lock on " + file + " (" + e + ")");
            return true;
        }
    }

    /** Releases the locks: closing their channels does. */
    @Override
    public void close() {
        closeAll(channels);
    }

    private static void closeAll(List<FileChannel> channels) {
        for (FileChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                // released with the channel either way
            }
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
