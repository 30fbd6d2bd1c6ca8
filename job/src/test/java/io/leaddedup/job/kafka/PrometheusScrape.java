package io.leaddedup.job.kafka;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads a Prometheus endpoint as Prometheus would: the text format over HTTP. */
public final class PrometheusScrape {

    /** Flink's name for the job's relocation counter: scope, the {@code leaddedup} group, the label's key, the name. */
    public static final String LEAD_ACTIONS = "flink_taskmanager_job_task_operator_leaddedup_action_leadActions";

    private PrometheusScrape() {}

    /** The page at {@code http://127.0.0.1:PORT/metrics}, or empty when nothing answers there. */
    public static String scrape(int port) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        }
    }

    /** The sum over every series of {@code metric} that carries {@code label} (as {@code key="value"}). */
    public static double sum(String page, String metric, String label) {
        double sum = 0;
        for (String line : page.split("\n")) {
            if (line.startsWith(metric + "{") && line.contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
