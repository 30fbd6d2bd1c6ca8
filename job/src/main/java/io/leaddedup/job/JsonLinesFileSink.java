package io.leaddedup.job;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Local mode's stand-in for an output topic: appends one JSON record per line to a file. Run at
 * parallelism 1, so records of one key keep their order (each key's records come from one
 * upstream subtask, and one channel is FIFO). Flushed on every checkpoint and at the end.
 */
public class JsonLinesFileSink implements Sink<EncodedRecord> {

    private static final long serialVersionUID = 1L;

    private final String path;

    public JsonLinesFileSink(Path path) {
        this.path = path.toAbsolutePath().toString();
    }

    @Override
    public SinkWriter<EncodedRecord> createWriter(WriterInitContext context) throws IOException {
        return new Writer(Files.newBufferedWriter(Paths.get(path), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    private static final class Writer implements SinkWriter<EncodedRecord> {
        private final BufferedWriter out;

        Writer(BufferedWriter out) {
            this.out = out;
        }

        @Override
        public void write(EncodedRecord record, Context context) throws IOException {
            out.write(record.value);
            out.newLine();
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
