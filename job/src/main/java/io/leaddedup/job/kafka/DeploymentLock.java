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
import java.util.HexFormat;

/**
 * One embedded job per deployment on this machine. Two jobs with the same transactional ids on
 * the same brokers restore the same checkpoint and fence each other's transactions, over and
 * over; nothing on the Kafka side tells them apart (Flink's Kafka source joins no consumer group).
 * The launcher's JVM takes an OS file lock named after the brokers and the transactional-id
 * prefix, held while the job runs (the OS drops it with the process, however that ends), so a
 * second terminal running the same command is refused at once. On a cluster {@code main} runs in
 * a shared JobManager and takes no lock.
 */
final class DeploymentLock implements AutoCloseable {

    private final FileChannel channel;

    private DeploymentLock(FileChannel channel) {
        this.channel = channel;
    }

    static DeploymentLock acquire(String bootstrapServers, String transactionalIdPrefix) throws IOException {
        Path file = Path.of(System.getProperty("java.io.tmpdir"),
                "lead-dedup-" + digest(bootstrapServers + "\n" + transactionalIdPrefix) + ".lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            lock = null;
        }
        if (lock == null) {
            String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
            channel.close();
            throw new UsageException("another lead-dedup kafka with --transactional-id-prefix " + transactionalIdPrefix
                    + " on " + bootstrapServers + " runs on this machine" + (holder.isEmpty() ? "" : " (process "
                    + holder + ")") + ": two would fence each other's transactions. Stop it first, or give this one"
                    + " its own --transactional-id-prefix and --group-id. Nothing was submitted.");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
        return new DeploymentLock(channel);
    }

    /** Releases the lock: closing its channel does. */
    @Override
    public void close() throws IOException {
        channel.close();
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
