package io.leaddedup.job;

import java.io.BufferedOutputStream;
import java.io.IOException;
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
        return new Writer(new BufferedOutputStream(Files.newOutputStream(Paths.get(path),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16));
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
