package io.leaddedup.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaddedup.job.topology.LeadDedupTopology;
import io.leaddedup.settings.StartupSettings;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.runtime.partitioner.ForwardPartitioner;
import org.junit.jupiter.api.Test;

/**
 * Call routing has a path of its own in Kafka mode: the conversions and routing-requests topics
 * are read by a source of their own, decoded and normalized apart from leads, so a lead backlog
 * cannot delay a routing answer (measured by the bench's routing-latency run: with leads at full speed,
 * p50 went from 2 s to 25 ms). Typed conversions or requests on a shared topic still reach
 * {@code caller-routing} through the events' path. Checked on the job's graph, as built for a
 * submission.
 */
class CallPathTest {

    @Test
    void callRoutingReadsItsOwnSourceAndLeadsTheirs() {
        StreamGraph graph = graphOf("--bootstrap-servers", "localhost:9092");

        // the call topics' path: its own source, decode and normalize; the one settings broadcast
        assertThat(upstreamOf(graph, LeadDedupTopology.UID_NORMALIZE_CALLS))
                .contains("Source: kafka-calls", LeadDedupTopology.UID_DECODE_CALLS)
                .doesNotContain(LeadDedupTopology.UID_NORMALIZE, LeadDedupTopology.UID_PHONE_LEADS);
        assertThat(upstreamOf(graph, LeadDedupTopology.UID_CALLER_ROUTING))
                .contains(LeadDedupTopology.UID_NORMALIZE_CALLS);
        // leads never pass the call path; records of the call topics never pass the leads' path
        assertThat(upstreamOf(graph, LeadDedupTopology.UID_NORMALIZE))
                .contains("Source: kafka-events", "events-not-from-call-topics")
                .doesNotContain(LeadDedupTopology.UID_NORMALIZE_CALLS);
    }

    @Test
    void noChannelIntoCallRoutingRunsBehindLeads() {
        // A checkpoint barrier behind a lead backlog would hold every call back while caller-routing
        // aligns its inputs: calls read by the events source get a normalizer of their own.
        for (StreamGraph graph : List.of(graphOf("--bootstrap-servers", "localhost:9092"),
                graphOf("--bootstrap-servers", "localhost:9092", "--without-inputs", "conversions,routing-requests"))) {
            assertThat(upstreamOf(graph, LeadDedupTopology.UID_CALLER_ROUTING))
                    .contains(LeadDedupTopology.UID_NORMALIZE_EVENT_CALLS, "for-caller-routing")
                    .doesNotContain(LeadDedupTopology.UID_NORMALIZE, LeadDedupTopology.UID_PHONE_LEADS);
            assertThat(upstreamOf(graph, LeadDedupTopology.UID_PHONE_LEADS))
                    .contains(LeadDedupTopology.UID_NORMALIZE, "for-phone-leads")
                    .doesNotContain(LeadDedupTopology.UID_NORMALIZE_EVENT_CALLS);
            // each half keeps its partition's order: forward, decoder to filter to normalizer
            for (String[] edge : new String[][] {{LeadDedupTopology.UID_DECODE, "for-caller-routing"},
                    {"for-caller-routing", LeadDedupTopology.UID_NORMALIZE_EVENT_CALLS},
                    {LeadDedupTopology.UID_DECODE, "for-phone-leads"}, {"for-phone-leads", LeadDedupTopology.UID_NORMALIZE}}) {
                StreamEdge forward = edge(graph, edge[0], edge[1]);
                assertThat(forward.getPartitioner()).as("%s -> %s", edge[0], edge[1])
                        .isInstanceOf(ForwardPartitioner.class);
                assertThat(graph.getStreamNode(forward.getSourceId()).getParallelism())
                        .isEqualTo(graph.getStreamNode(forward.getTargetId()).getParallelism());
            }
        }
    }

    @Test
    void onlyTheCallPathFlushesItsBuffersWithinAMillisecond() {
        StreamGraph graph = graphOf("--bootstrap-servers", "localhost:9092");
        for (String callPath : List.of(LeadDedupTopology.UID_DECODE_CALLS, LeadDedupTopology.UID_NORMALIZE_CALLS,
                "for-caller-routing", LeadDedupTopology.UID_NORMALIZE_EVENT_CALLS)) {
            assertThat(node(graph, callPath).getBufferTimeout()).as(callPath)
                    .isEqualTo(LeadDedupTopology.CALL_PATH_BUFFER_TIMEOUT_MS);
        }
        // the lead path keeps the job's interval (here Flink's default): a flusher thread per output
        // waking every millisecond would take the cores the calls need
        for (String leadPath : List.of(LeadDedupTopology.UID_DECODE, "for-phone-leads", LeadDedupTopology.UID_NORMALIZE,
                LeadDedupTopology.UID_PHONE_LEADS, LeadDedupTopology.UID_LEAD_STATUS)) {
            assertThat(node(graph, leadPath).getBufferTimeout()).as(leadPath).isEqualTo(100);
        }
    }

    private static StreamNode node(StreamGraph graph, String name) {
        return graph.getStreamNodes().stream().filter(node -> node.getOperatorName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no operator " + name));
    }

    private static StreamEdge edge(StreamGraph graph, String from, String to) {
        return graph.getStreamNodes().stream().filter(node -> node.getOperatorName().equals(to))
                .flatMap(node -> node.getInEdges().stream())
                .filter(in -> graph.getStreamNode(in.getSourceId()).getOperatorName().equals(from))
                .findFirst().orElseThrow(() -> new AssertionError("no edge " + from + " -> " + to));
    }

    @Test
    void eachSourceReadsItsTopicsAndBothTheSettings() {
        Map<String, String> inputs = KafkaRun.parse(new String[] {"--bootstrap-servers", "b:9092"}).inputs();

        SourceTopics split = SourceTopics.of(inputs);

        assertThat(split.events()).containsExactly("leads", "phone-dispositions", "dedup-settings");
        assertThat(split.calls()).as("the settings topic is read once").containsExactly("conversions",
                "routing-requests");
    }

    @Test
    void aDeploymentWithoutOneGroupHasOneSourceAsBefore() {
        Map<String, String> routingOnly = KafkaRun.parse(new String[] {"--bootstrap-servers", "b:9092",
                "--without-inputs", "leads,phone-dispositions"}).inputs();
        Map<String, String> leadsOnly = KafkaRun.parse(new String[] {"--bootstrap-servers", "b:9092",
                "--without-inputs", "conversions,routing-requests"}).inputs();

        assertThat(SourceTopics.of(routingOnly)).isEqualTo(
                new SourceTopics(List.of("conversions", "routing-requests", "dedup-settings"), List.of()));
        assertThat(SourceTopics.of(leadsOnly)).isEqualTo(
                new SourceTopics(List.of("leads", "phone-dispositions", "dedup-settings"), List.of()));
        assertThat(upstreamOf(graphOf("--bootstrap-servers", "localhost:9092", "--without-inputs",
                "conversions,routing-requests"), LeadDedupTopology.UID_CALLER_ROUTING))
                .contains("Source: kafka-events").doesNotContain("Source: kafka-calls");
    }

    @Test
    void aSavepointTakenWithOneSourceKeepsItUnlessToldOtherwise() {
        Map<String, String> inputs = KafkaRun.parse(new String[] {"--bootstrap-servers", "b:9092"}).inputs();
        SourceTopics shared = SourceTopics.shared(inputs);
        SourceTopics split = SourceTopics.of(inputs);

        assertThat(SourceTopics.forRestore(inputs, true, false, false)).as("taken with one source").isEqualTo(shared);
        assertThat(SourceTopics.forRestore(inputs, true, false, true)).as("--own-call-routing-source").isEqualTo(split);
        assertThat(SourceTopics.forRestore(inputs, true, true, false)).as("taken with both").isEqualTo(split);
        assertThat(SourceTopics.forRestore(inputs, false, false, false)).as("a bootstrap's savepoint").isEqualTo(split);
        assertThat(shared.events()).containsExactlyElementsOf(inputs.values());
    }

    private static StreamGraph graphOf(String... args) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KafkaRun.Options options = KafkaRun.parse(args);
        KafkaRun.attach(env, options, SourceTopics.of(options.inputs()), StartupSettings.empty(),
                UnaryOperator.identity());
        return env.getStreamGraph();
    }

    /** The names of every operator upstream of the one named {@code name}. */
    private static Set<String> upstreamOf(StreamGraph graph, String name) {
        StreamNode start = node(graph, name);
        Set<String> names = new HashSet<>();
        Deque<StreamNode> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            for (StreamEdge edge : todo.pop().getInEdges()) {
                StreamNode upstream = graph.getStreamNode(edge.getSourceId());
                if (names.add(upstream.getOperatorName())) {
                    todo.push(upstream);
                }
            }
        }
        return names;
    }
}
