package io.leaddedup.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaddedup.job.kafka.KafkaRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The launcher's command line: every command has --help, flags go in any order, a wrong one exits 2 naming it. */
class LauncherTest {

    private record Outcome(int code, String out, String err) {}

    private static Outcome launch(String... args) {
        CommandLine line = LeadDedupCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int code = line.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "bootstrap", "kafka", "produce", "upload-csv", "generate"})
    void everyCommandHasHelp(String command) {
        Outcome outcome = launch(command, "--help");
        assertThat(outcome.code()).isZero();
        assertThat(outcome.out()).contains("Usage: lead-dedup " + command);
    }

    @Test
    void noCommandOrAnUnknownOneExitsTwo() {
        assertThat(launch().code()).isEqualTo(2);
        Outcome unknown = launch("dedupe");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("dedupe");
        Outcome typo = launch("kafak");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("Did you mean").contains("kafka");
    }

    @Test
    void anUnknownFlagIsAnErrorThatNamesIt() {
        Outcome outcome = launch("produce", "--topic", "leads", "f.jsonl", "--speed", "fast");
        assertThat(outcome.code()).isEqualTo(2);
        assertThat(outcome.err()).contains("--speed");
        Outcome run = launch("run", "--input", "x", "--out", "y", "--parallelism", "many");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--parallelism");
        // the sentence and where to read more, not a usage that scrolls it away
        Outcome badValue = launch("kafka", "--bootstrap-servers", "b:9092", "--checkpoint-interval", "10x");
        assertThat(badValue.code()).isEqualTo(2);
        assertThat(badValue.err()).contains("--checkpoint-interval").contains("lead-dedup kafka --help")
                .doesNotContain("Usage:");
        assertThat(badValue.err().lines().count()).isLessThanOrEqualTo(3);
    }

    @Test
    void flagsGoInAnyOrder(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.jsonl");
        assertThat(launch("generate", "--out", events.toString(), "--leads", "50", "--seed", "3").code()).isZero();
        Path again = dir.resolve("again.jsonl");
        assertThat(launch("generate", "--seed", "3", "--leads", "50", "--out", again.toString()).code()).isZero();
        assertThat(Files.readAllLines(again)).isEqualTo(Files.readAllLines(events)).hasSizeGreaterThanOrEqualTo(50);
    }

    @Test
    void wrongBootstrapsAndRestoresNameTheirProblem(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("leads.csv"), "leadId,phone\nL1,6785550100\n");
        Outcome noChoices = launch("bootstrap", "--input", csv.toString(), "--savepoint-dir", dir.toString(),
                "--plan-out", dir.resolve("plan").toString(), "--account", "acme");
        assertThat(noChoices.code()).isEqualTo(2);
        assertThat(noChoices.err()).contains("--list").contains("--campaign").contains("--purpose");
        Outcome noSavepoint = launch("run", "--input", csv.toString(), "--out", dir.resolve("out").toString(),
                "--restore", dir.toString());
        assertThat(noSavepoint.code()).isEqualTo(2);
        assertThat(noSavepoint.err()).contains("--restore").contains("not a savepoint");
        Outcome missing = launch("run", "--input", csv.toString(), "--out", dir.resolve("out").toString(),
                "--restore", dir.resolve("savepoint-nosuch").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("savepoint-nosuch does not exist");
        Outcome tooWide = launch("run", "--input", csv.toString(), "--out", dir.resolve("out").toString(),
                "--parallelism", "200");
        assertThat(tooWide.code()).isEqualTo(2);
        assertThat(tooWide.err()).contains("--parallelism must be at most 128");
        Outcome badTime = launch("kafka", "--bootstrap-servers", "b:9092", "--starting-offsets", "timestamp:yesterday");
        assertThat(badTime.code()).isEqualTo(2);
        assertThat(badTime.err()).contains("timestamp:T");
    }

    @Test
    void anInputFileIsReadWhateverItsName(@TempDir Path dir) throws Exception {
        // Flink's file source takes names starting with '.' or '_' for hidden files
        Path hidden = Files.copy(Path.of(System.getProperty("project.root"), "examples", "events.jsonl"),
                dir.resolve(".events.jsonl"));
        assertThat(LocalTestAccess.run(hidden, Path.of(System.getProperty("project.root"), "examples",
                "settings.jsonl"), dir.resolve("out")).eventsRead()).isEqualTo(429);
        assertThat(Files.readAllLines(dir.resolve("out").resolve("lead-status.jsonl"))).hasSizeGreaterThan(400);
    }

    @Test
    void aMissingInputFileIsReportedAsSuch(@TempDir Path dir) {
        Outcome outcome = launch("run", "--out", dir.toString(), "--input", dir.resolve("nope.jsonl").toString());
        assertThat(outcome.code()).isEqualTo(2);
        assertThat(outcome.err()).contains("--input").contains("not a readable file");
    }

    @Test
    void kafkaClientPropertiesComeFromAFileAndFlagsWinOverIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kafka.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";\n");
        KafkaRun.Options options = KafkaRun.parse(new String[] {"--bootstrap-servers", "b:9093",
                "--kafka-properties-file", file.toString(), "--kafka-property", "sasl.mechanism=PLAIN"});
        assertThat(options.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsKey("sasl.jaas.config");
    }
}
