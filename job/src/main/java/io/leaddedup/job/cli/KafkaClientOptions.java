package io.leaddedup.job.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Kafka client properties of every command that talks to Kafka: security and SASL settings from a
 * properties file (so secrets stay out of the job's arguments, which the web UI and the process
 * list show), and single properties from flags, which win over the file.
 */
public final class KafkaClientOptions {

    @Option(names = "--kafka-properties-file", paramLabel = "FILE",
            description = "Kafka client properties (Java properties format), e.g. security.protocol and SASL settings")
    public Path propertiesFile;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "one Kafka client property; repeatable; wins over the file")
    public Map<String, String> properties = new LinkedHashMap<>();

    /** The file's properties overlaid with the flags'. */
    public Map<String, String> resolve() {
        Map<String, String> resolved = new LinkedHashMap<>();
        if (propertiesFile != null) {
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
                file.load(reader);
            } catch (IOException e) {
                throw new UsageException("--kafka-properties-file " + propertiesFile + " cannot be read: " + e);
            }
            file.stringPropertyNames().stream().sorted().forEach(name -> resolved.put(name, file.getProperty(name).trim()));
        }
        properties.forEach((key, value) -> resolved.put(key.trim(), value.trim()));
        return resolved;
    }
}
