package io.leaddedup.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.util.Collector;

/** The peers: keep-last deduplication by phone, as Flink users write it, on the same input file. */
final class DedupPeers {

    private DedupPeers() {}

    private static DataStream<String> lines(StreamExecutionEnvironment env, Path input) {
        FileSource<String> source = FileSource.forRecordStreamFormat(
                new TextLineInputFormat(StandardCharsets.UTF_8.name()),
                new org.apache.flink.core.fs.Path(input.toAbsolutePath().toUri())).build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "events-file").setParallelism(1);
    }

    /** {@code ROW_NUMBER() OVER (PARTITION BY phone ORDER BY proctime DESC) = 1}: Flink's Deduplicate. */
    static Duration sqlKeepLast(Path input, Configuration conf) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.createTemporaryView("incoming", tables.fromDataStream(lines(env, input),
                Schema.newBuilder().columnByExpression("pt", "PROCTIME()").build()));
        tables.executeSql("CREATE TEMPORARY TABLE discard (phone STRING, line STRING) WITH ('connector' = 'blackhole')");
        long started = System.nanoTime();
        tables.executeSql("INSERT INTO discard SELECT phone, line FROM ("
                + " SELECT phone, line, ROW_NUMBER() OVER (PARTITION BY phone ORDER BY pt DESC) AS rn FROM ("
                + "  SELECT JSON_VALUE(f0, '$.phone') AS phone, f0 AS line, pt FROM incoming"
                + "  WHERE JSON_VALUE(f0, '$.type') = 'lead')) WHERE rn = 1").await();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** A bare KeyedProcessFunction with one ValueState per number. */
    static Duration dataStreamKeepLast(Path input, Configuration conf) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        lines(env, input)
                .flatMap(new PhoneOfLead()).setParallelism(1)
                .keyBy(t -> t.f0, Types.STRING)
                .process(new KeepLast())
                .sinkTo(new DiscardingSink<>());
        long started = System.nanoTime();
        env.execute("bench-datastream-keep-last");
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static final class PhoneOfLead
            implements org.apache.flink.api.common.functions.FlatMapFunction<String, Tuple2<String, String>>,
            org.apache.flink.api.java.typeutils.ResultTypeQueryable<Tuple2<String, String>> {
        private static final long serialVersionUID = 1L;
        private transient ObjectMapper mapper;

        @Override
        public void flatMap(String line, Collector<Tuple2<String, String>> out) {
            if (mapper == null) {
                mapper = new ObjectMapper();
            }
            try {
                JsonNode node = mapper.readTree(line);
                if ("lead".equals(node.path("type").asText()) && node.hasNonNull("phone")) {
                    out.collect(Tuple2.of(node.get("phone").asText(), line));
                }
            } catch (Exception e) {
                // bad line: dropped, as a naive job would
            }
        }

        @Override
        public org.apache.flink.api.common.typeinfo.TypeInformation<Tuple2<String, String>> getProducedType() {
            return Types.TUPLE(Types.STRING, Types.STRING);
        }
    }

    private static final class KeepLast extends KeyedProcessFunction<String, Tuple2<String, String>, String> {
        private static final long serialVersionUID = 1L;
        private transient ValueState<String> last;

        @Override
        public void open(OpenContext context) {
            last = getRuntimeContext().getState(new ValueStateDescriptor<>("last", Types.STRING));
        }

        @Override
        public void processElement(Tuple2<String, String> lead, Context ctx, Collector<String> out) throws Exception {
            last.update(lead.f1);
            out.collect(lead.f1);
        }
    }
}
