package io.leaddedup.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker-compose.yml cannot run here; this keeps it consistent with the pom and the job. */
class DockerComposeTest {

    static JsonNode compose;

    @BeforeAll
    static void parse() throws Exception {
        compose = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of(System.getProperty("project.root"), "docker-compose.yml").toFile());
    }

    @Test
    void flinkAndKafkaImagesMatchThePom() {
        String flink = "flink:" + System.getProperty("flink.version") + "-java17";
        assertThat(compose.at("/services/jobmanager/image").asText()).isEqualTo(flink);
        assertThat(compose.at("/services/taskmanager/image").asText()).isEqualTo(flink);
        String kafka = "apache/kafka:" + System.getProperty("kafka.version");
        assertThat(compose.at("/services/kafka/image").asText()).isEqualTo(kafka);
        assertThat(compose.at("/services/kafka-topics/image").asText()).isEqualTo(kafka);
    }

    @Test
    void createsEveryTopicTheJobReadsOrWrites() {
        String script = compose.at("/services/kafka-topics/command/0").asText();
        for (String topic : Topics.defaultTopics().all()) {
            assertThat(script).containsPattern("(?m)^create " + topic + "( |$)");
        }
        for (String compacted : new String[] {"lead-status", "campaign-phone-counts", "dedup-settings"}) {
            assertThat(script).contains("create " + compacted + " --config cleanup.policy=compact");
        }
    }

    @Test
    void submitsTheShadedJarWithTheJobsMainClassAndValidFlags() {
        String command = compose.at("/services/jobmanager/command").asText();
        assertThat(command).contains("--job-classname " + LeadDedupMain.class.getName());
        assertThat(compose.at("/services/jobmanager/volumes/0").asText())
                .startsWith("./job/target/lead-dedup-job.jar:/opt/flink/usrlib/");
        String[] args = command.substring(command.indexOf("kafka")).trim().split("\\s+");
        KafkaRun.Options options = KafkaRun.parse(args);
        assertThat(options.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(options.checkpointDir()).isEqualTo("file:///flink-state/checkpoints");
    }
}
