package io.leaddedup.job.local;

import io.leaddedup.job.topology.EncodedRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Local mode's stand-in for an output topic: one JSON record per line. Each subtask writes a part
 * file of its own, chained to the stage that produced the records, so that records never cross a
 * thread to be written; {@link #mergeParts} appends the parts to the topic's file when the job
 * has finished. Records of one key come from one upstream subtask, so they keep their order.
 * Flushed on every checkpoint and at the end.
 */
public class JsonLinesFileSink implements Sink<EncodedRecord> {

    private static final long serialVersionUID = 1L;

    private final String partsDirectory;
    private final String file;

    /** @param partsDirectory where the part files go until {@link #mergeParts} */
    public JsonLinesFileSink(Path partsDirectory, String file) {
        this.partsDirectory = partsDirectory.toAbsolutePath().toString();
        this.file = file;
    }

    @Override
    public SinkWriter<EncodedRecord> createWriter(WriterInitContext context) throws IOException {
        Path part = Paths.get(partsDirectory, file + ".part-" + context.getTaskInfo().getIndexOfThisSubtask());
        return new Writer(new BufferedOutputStream(Files.newOutputStream(part,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16));
    }

    /** Appends the part files of {@code file} to {@code target} in subtask order, then deletes them. */
    public static void mergeParts(Path partsDirectory, String file, Path target) throws IOException {
        List<Path> parts = new ArrayList<>();
        try (Stream<Path> listing = Files.list(partsDirectory)) {
            listing.filter(p -> p.getFileName().toString().startsWith(file + ".part-")).forEach(parts::add);
        }
        parts.sort((a, b) -> Integer.compare(subtaskOf(a), subtaskOf(b)));
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (Path part : parts) {
                Files.copy(part, out);
                Files.delete(part);
            }
        }
    }

    private static int subtaskOf(Path part) {
        String name = part.getFileName().toString();
        return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
    }

    private static final class Writer implements SinkWriter<EncodedRecord> {
        private final BufferedOutputStream out;

        Writer(BufferedOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(EncodedRecord record, Context context) throws IOException {
            out.write(record.value);
            out.write('\n');
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
