package io.leaddedup.job.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * {@code --metrics-port}: Flink's own Prometheus reporter, the one a cluster configures in its
 * config.yaml, serving the job's metrics at {@code http://localhost:PORT/metrics} while an
 * embedded run lasts.
 */
public final class MetricsOptions {

    static final String REPORTER = "metrics.reporter.prom.";

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "serve Prometheus metrics on this port while the job runs (embedded runs; a cluster"
                    + " configures its reporter in config.yaml)")
    Integer port;

    public boolean requested() {
        return port != null;
    }

    /**
     * A command's {@code -D} entries and, with {@code --metrics-port}, the reporter's; a port out of
     * range is reported through {@code wrong}, which names the command's flag problem.
     */
    public Map<String, String> over(Map<String, String> flinkConfig, Function<String, RuntimeException> wrong) {
        Map<String, String> conf = new LinkedHashMap<>(flinkConfig);
        try {
            conf.putAll(flinkConfig());
        } catch (UsageException e) {
            throw wrong.apply(e.getMessage());
        }
        return conf;
    }

    /** The reporter's configuration, empty when no port is asked for; a port out of range is a {@link UsageException}. */
    public Map<String, String> flinkConfig() {
        if (port == null) {
            return Map.of();
        }
        if (port < 1 || port > 65535) {
            throw new UsageException("--metrics-port must be a TCP port (1 to 65535), got " + port);
        }
        return Map.of(REPORTER + "factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
                REPORTER + "port", Integer.toString(port));
    }
}
