package io.leaddedup.job.kafka;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.lineage.LineageVertex;
import org.apache.flink.streaming.api.lineage.LineageVertexProvider;

/**
 * A source read at no more than {@code recordsPerSecond} in all, split evenly over its readers
 * ({@link RateCappedReader}). Splits, enumerator and their serializers are the wrapped source's, so
 * the operator's state is the same with the cap or without it: a savepoint restores either way.
 *
 * <p>Flink's own {@code RateLimitedSourceReader} (flink-core 2.2) does not pass completed
 * checkpoints on to the reader it wraps, so the Kafka reader would never commit its offsets to the
 * consumer group, and it hands every record to another thread for its permit.
 */
final class RateCappedSource<T, S extends SourceSplit, E>
        implements Source<T, S, E>, ResultTypeQueryable<T>, LineageVertexProvider {

    private static final long serialVersionUID = 1L;

    /** Permits a reader may save up: 20 ms of its rate. */
    private static final double BURST_SECONDS = 0.02;
    /** Permits a reader out of them waits for: 5 ms of its rate, so a wake-up takes a batch, not one record. */
    private static final double BATCH_SECONDS = 0.005;

    private final Source<T, S, E> source;
    private final TypeInformation<T> producedType;
    private final double recordsPerSecond;

    <X extends Source<T, S, E> & ResultTypeQueryable<T>> RateCappedSource(X source, double recordsPerSecond) {
        if (!(recordsPerSecond > 0)) {
            throw new IllegalArgumentException("a rate above 0, not " + recordsPerSecond);
        }
        this.source = source;
        this.producedType = source.getProducedType();
        this.recordsPerSecond = recordsPerSecond;
    }

    @Override
    public SourceReader<T, S> createReader(SourceReaderContext context) throws Exception {
        double perReader = recordsPerSecond / Math.max(1, context.currentParallelism());
        return new RateCappedReader<>(source.createReader(context),
                new TokenBucket(perReader, Math.max(1, perReader * BURST_SECONDS), System::nanoTime),
                Math.max(1, perReader * BATCH_SECONDS));
    }

    @Override
    public Boundedness getBoundedness() {
        return source.getBoundedness();
    }

    @Override
    public SplitEnumerator<S, E> createEnumerator(SplitEnumeratorContext<S> context) throws Exception {
        return source.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> context, E checkpoint) throws Exception {
        return source.restoreEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<S> getSplitSerializer() {
        return source.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<E> getEnumeratorCheckpointSerializer() {
        return source.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return producedType;
    }

    @Override
    public LineageVertex getLineageVertex() {
        return source instanceof LineageVertexProvider provider ? provider.getLineageVertex() : null;
    }
}
