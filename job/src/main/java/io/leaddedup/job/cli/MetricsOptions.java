package io.leaddedup.job.cli;

import java.util.Map;
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
