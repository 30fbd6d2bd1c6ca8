package io.leaddedup.job.vicidial;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README's apply-vicidial line is one the command takes, as written. */
class VicidialCommandLineTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root")).normalize();

    @Test
    void theReadmesCommandParses() throws Exception {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        StringBuilder command = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith("./lead-dedup apply-vicidial")) {
                for (int j = i; j < lines.size(); j++) {
                    String line = lines.get(j).trim();
                    command.append(' ').append(line.endsWith("\\") ? line.substring(0, line.length() - 1) : line);
                    if (!line.endsWith("\\")) {
                        break;
                    }
                }
                break;
            }
        }
        List<String> words = new ArrayList<>(Arrays.asList(command.toString().trim().split("\\s+")));
        assertThat(words.subList(0, 2)).containsExactly("./lead-dedup", "apply-vicidial");
        CommandLine.ParseResult parsed = new CommandLine(new ApplyVicidialCommand())
                .parseArgs(words.subList(2, words.size()).toArray(String[]::new));
        assertThat(parsed.matchedOptionValue("--jdbc-url", "")).startsWith("jdbc:mariadb://");
        assertThat(parsed.matchedOptionValue("--account", "")).isNotBlank();
    }
}
