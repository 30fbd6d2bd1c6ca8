package io.leaddedup.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaddedup.phone.PhoneNormalizer;
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
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.functions.ScalarFunction;
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

    /**
     * {@code ROW_NUMBER() OVER (PARTITION BY accountId, number ORDER BY proctime DESC) = 1}: Flink's
     * Deduplicate, keyed as the job keys, by the number the job's normalizer makes of the phone.
     */
    static Duration sqlKeepLast(Path input, Configuration conf) throws Exception {
        StreamTableEnvironment tables = tables(input, conf);
        tables.executeSql("CREATE TEMPORARY TABLE discard (accountId STRING, phone STRING, line STRING)"
                + " WITH ('connector' = 'blackhole')");
        long started = System.nanoTime();
        tables.executeSql("INSERT INTO discard SELECT accountId, phone, line FROM ("
                + " SELECT accountId, phone, line,"
                + "  ROW_NUMBER() OVER (PARTITION BY accountId, phone ORDER BY pt DESC) AS rn FROM ("
                + "   SELECT JSON_VALUE(f0, '$.accountId') AS accountId,"
                + "    E164(JSON_VALUE(f0, '$.phone')) AS phone, f0 AS line, pt FROM incoming"
                + "   WHERE JSON_VALUE(f0, '$.type') = 'lead')"
                + " WHERE phone IS NOT NULL) WHERE rn = 1").await();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * The SQL a team would write to do the phone stage's work: the job's normalizer as a scalar
     * function, phone and mobile unnested, keep-last per (account, number), a lead count per
     * (account, campaign, number), and both changelogs written as JSON files ({@code debezium-json},
     * which carries updates and retractions), as the job writes its outputs.
     */
    static Duration sqlSameWork(Path input, Path out, Configuration conf) throws Exception {
        StreamTableEnvironment tables = tables(input, conf);
        tables.executeSql("CREATE TEMPORARY VIEW numbers AS SELECT * FROM ("
                + " SELECT accountId, leadId, campaignId, E164(given) AS phone, line, pt FROM ("
                + "  SELECT JSON_VALUE(f0, '$.accountId') AS accountId, JSON_VALUE(f0, '$.leadId') AS leadId,"
                + "   JSON_VALUE(f0, '$.campaignId') AS campaignId, JSON_VALUE(f0, '$.phone') AS phone,"
                + "   JSON_VALUE(f0, '$.mobile') AS mobile, f0 AS line, pt FROM incoming"
                + "  WHERE JSON_VALUE(f0, '$.type') = 'lead'"
                + " ) CROSS JOIN UNNEST(ARRAY[phone, mobile]) AS t(given) WHERE given IS NOT NULL"
                + ") WHERE phone IS NOT NULL");
        tables.executeSql("CREATE TEMPORARY TABLE golden (accountId STRING, phone STRING, leadId STRING, line STRING)"
                + " WITH ('connector' = 'filesystem', 'path' = '" + out.resolve("golden").toUri()
                + "', 'format' = 'debezium-json')");
        tables.executeSql("CREATE TEMPORARY TABLE counts (accountId STRING, campaignId STRING, phone STRING,"
                + " leadCount BIGINT) WITH ('connector' = 'filesystem', 'path' = '" + out.resolve("counts").toUri()
                + "', 'format' = 'debezium-json')");
        StatementSet statements = tables.createStatementSet();
        statements.addInsertSql("INSERT INTO golden SELECT accountId, phone, leadId, line FROM ("
                + " SELECT *, ROW_NUMBER() OVER (PARTITION BY accountId, phone ORDER BY pt DESC) AS rn FROM numbers)"
                + " WHERE rn = 1");
        statements.addInsertSql("INSERT INTO counts SELECT accountId, campaignId, phone, COUNT(DISTINCT leadId)"
                + " FROM numbers GROUP BY accountId, campaignId, phone");
        long started = System.nanoTime();
        statements.execute().await();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static StreamTableEnvironment tables(Path input, Configuration conf) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.createTemporarySystemFunction("E164", E164.class);
        tables.createTemporaryView("incoming", tables.fromDataStream(lines(env, input),
                Schema.newBuilder().columnByExpression("pt", "PROCTIME()").build()));
        return tables;
    }

    /** The job's normalizer as a SQL scalar function: E.164, or null where the job would reject. */
    public static final class E164 extends ScalarFunction {
        private static final long serialVersionUID = 1L;
        private transient PhoneNormalizer normalizer;

        /** Calls in this process: the bench reports them per number, to show the planner's plan. */
        static final java.util.concurrent.atomic.AtomicLong CALLS = new java.util.concurrent.atomic.AtomicLong();

        public String eval(String raw) {
            CALLS.incrementAndGet();
            if (raw == null) {
                return null;
            }
            if (normalizer == null) {
                normalizer = new PhoneNormalizer();
            }
            return normalizer.toE164(raw, "US");
        }
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
