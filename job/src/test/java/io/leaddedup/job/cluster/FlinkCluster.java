package io.leaddedup.job.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaddedup.job.kafka.LocalServers;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Flink 2.2 session cluster made of separate JVMs on 127.0.0.1: one JobManager
 * ({@code StandaloneSessionClusterEntrypoint}, with the REST API and its {@code /jars} endpoints)
 * and TaskManagers ({@code TaskManagerRunner}), all from the Maven Central jars a distribution
 * holds. Jobs are submitted as a user would: the shaded jar uploaded over REST.
 */
final class FlinkCluster implements AutoCloseable {

    /** Flink's own JVM flags on Java 17: the pom's list, as the build hands it to the tests. */
    private static final List<String> JAVA17 =
            List.of(System.getProperty("flink.jvm.options", "").trim().split("\\s+"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Path conf;
    private final String classpath;
    private final int restPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process jobManager;
    private final List<Process> taskManagers = new ArrayList<>();
    private int taskManagerCount;
    /** TaskManagers that are gone and dealt with: killed by a test, or already replaced. */
    private final Set<Process> accountedFor = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "taskmanager-supervisor");
        thread.setDaemon(true);
        return thread;
    });

    private final List<Integer> metricsPorts;

    private FlinkCluster(Path dir, Path conf, String classpath, int restPort, List<Integer> metricsPorts) {
        this.dir = dir;
        this.conf = conf;
        this.classpath = classpath;
        this.restPort = restPort;
        this.metricsPorts = metricsPorts;
    }

    /** Where the processes' Prometheus reporters may listen: each takes the first of these it can bind. */
    List<Integer> metricsPorts() {
        return metricsPorts;
    }

    static FlinkCluster start(int taskManagers, int slotsPerTaskManager) throws Exception {
        Path dir = Files.createTempDirectory("lead-dedup-flink");
        Path conf = Files.createDirectories(dir.resolve("conf"));
        int restPort = LocalServers.freePort();
        List<Integer> metricsPorts = List.of(LocalServers.freePort(), LocalServers.freePort(), LocalServers.freePort(), LocalServers.freePort());
        Files.writeString(conf.resolve("config.yaml"), String.join("\n",
                "jobmanager.rpc.address: 127.0.0.1",
                "jobmanager.rpc.port: " + LocalServers.freePort(),
                "jobmanager.bind-host: 127.0.0.1",
                "taskmanager.bind-host: 127.0.0.1",
                "taskmanager.host: 127.0.0.1",
                "rest.address: 127.0.0.1",
                "rest.bind-address: 127.0.0.1",
                "rest.port: " + restPort,
                "jobmanager.memory.process.size: 768m",
                "taskmanager.memory.process.size: 1024m",
                "taskmanager.memory.managed.size: 128m",
                "taskmanager.numberOfTaskSlots: " + slotsPerTaskManager,
                // a lost TaskManager is noticed in seconds, not the default 50
                "heartbeat.interval: 1000",
                "heartbeat.timeout: 4000",
                "web.refresh-interval: 500",
                "web.upload.dir: " + dir.resolve("uploads"),
                "io.tmp.dirs: " + dir.resolve("tmp"),
                // as a real cluster names one: a job submitted without --checkpoint-dir uses it
                "execution.checkpointing.dir: " + dir.resolve("cluster-checkpoints").toUri(),
                "execution.checkpointing.savepoint-dir: " + dir.resolve("cluster-savepoints").toUri(),
                // as the README shows a cluster's Prometheus reporter
                "metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
                "metrics.reporter.prom.port: " + metricsPorts.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(",")),
                ""), StandardCharsets.UTF_8);
        Files.copy(Path.of(System.getProperty("project.root"), "job", "src", "test", "resources",
                "log4j2-test.properties"), conf.resolve("log4j.properties"));
        // what a failed test needs from the cluster's logs: the job's start-up report, what each job
        // restored, and where the Kafka sources began reading
        Files.writeString(conf.resolve("log4j.properties"), String.join("\n",
                "logger.job.name = io.leaddedup", "logger.job.level = INFO",
                "logger.restore.name = org.apache.flink.runtime.checkpoint.CheckpointCoordinator",
                "logger.restore.level = INFO",
                "logger.splits.name = org.apache.flink.connector.kafka.source.enumerator",
                "logger.splits.level = INFO", ""), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        String classpath = Files.readString(Path.of(System.getProperty("flink.cluster.classpath"))).trim();
        FlinkCluster cluster = new FlinkCluster(dir, conf, classpath, restPort, metricsPorts);
        cluster.jobManager = cluster.java(List.of(), "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                List.of("-c", conf.toString()), "jobmanager.log");
        cluster.awaitRest(Duration.ofSeconds(60));
        for (int i = 0; i < taskManagers; i++) {
            cluster.startTaskManager();
        }
        cluster.awaitTaskManagers(taskManagers, Duration.ofSeconds(60));
        cluster.supervisor.scheduleWithFixedDelay(cluster::replaceExitedTaskManagers, 1, 1, TimeUnit.SECONDS);
        return cluster;
    }

    /** Starts one more TaskManager JVM, with the memory settings Flink's scripts would compute. */
    synchronized void startTaskManager() throws Exception {
        Process params = java(List.of(), "org.apache.flink.runtime.util.bash.BashJavaUtils",
                List.of("GET_TM_RESOURCE_PARAMS", "-c", conf.toString()), "bash-java-utils.log");
        params.waitFor(60, TimeUnit.SECONDS);
        List<String> lines = Files.readAllLines(dir.resolve("bash-java-utils.log")).stream()
                .filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                .map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()).trim())
                .toList();
        if (lines.size() < 2) {
            throw new IllegalStateException("BashJavaUtils printed no resource parameters: "
                    + Files.readString(dir.resolve("bash-java-utils.log")));
        }
        List<String> jvm = List.of(lines.get(0).split("\\s+"));
        List<String> args = new ArrayList<>(List.of("-c", conf.toString()));
        args.addAll(List.of(lines.get(1).split("\\s+")));
        taskManagers.add(java(jvm, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", args,
                "taskmanager-" + (taskManagerCount++) + ".log"));
    }

    /** Kills a TaskManager as the OOM killer or a lost machine would: SIGKILL, no goodbye. */
    synchronized void killTaskManager(int index) throws InterruptedException {
        Process process = taskManagers.get(index);
        accountedFor.add(process);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * What a supervisor does in production (a restart policy, Kubernetes): a TaskManager that exits
     * on its own is replaced. Flink 2.2.1 can shut a surviving TaskManager down as a fatal error
     * when a peer is killed mid-exchange (seen once in CI: {@code BufferManager.recycle} rethrew the
     * peer's {@code RemoteTransportException} during task cleanup), and without a replacement the
     * job cannot get its slots back.
     */
    private synchronized void replaceExitedTaskManagers() {
        for (Process process : List.copyOf(taskManagers)) {
            if (!process.isAlive() && accountedFor.add(process)) {
                System.out.println("TaskManager exited by itself (code " + process.exitValue() + "): starting another");
                try {
                    startTaskManager();
                } catch (Exception e) {
                    System.out.println("could not start a replacement TaskManager: " + e);
                }
            }
        }
    }

    private Process java(List<String> jvm, String mainClass, List<String> args, String log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JAVA17);
        command.addAll(jvm);
        command.add("-Dlog4j.configurationFile=" + conf.resolve("log4j.properties"));
        command.add("-Dlog.file=" + dir.resolve(log));
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
    }

    /**
     * Runs Flink's command line ({@code bin/flink} of a distribution: {@code CliFrontend}) against this
     * cluster, as an operator at a shell would; the job's {@code main} then runs in this client JVM,
     * with the cluster's config.yaml.
     */
    CommandLine flink(List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JAVA17);
        command.add("-Xmx256m");
        command.add("-Dlog4j.configurationFile=" + conf.resolve("log4j.properties"));
        command.add("-Dlog.file=" + dir.resolve("flink-cli.log"));
        command.addAll(List.of("-cp", classpath, "org.apache.flink.client.cli.CliFrontend"));
        command.addAll(args);
        Path log = dir.resolve("flink-cli-" + UUID.randomUUID() + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("FLINK_CONF_DIR", conf.toString());
        Process process = builder.start();
        // to a file, not a pipe read to its end first: a command that hangs must not hang the test
        boolean ended = process.waitFor(3, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (!ended) {
            process.destroyForcibly();
            throw new IllegalStateException("flink " + String.join(" ", args) + " did not end:\n" + output);
        }
        return new CommandLine(process.exitValue(), output);
    }

    /** What {@code bin/flink} ended with. */
    record CommandLine(int exitCode, String output) {

        /** The output of a command that succeeded; an assertion error with the output otherwise. */
        String succeeded() {
            if (exitCode != 0) {
                throw new AssertionError("flink exited with " + exitCode + ":\n" + output);
            }
            return output;
        }
    }

    // --- REST ------------------------------------------------------------------------------------

    String uploadJar(Path jar) throws Exception {
        String boundary = "----lead-dedup-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[0];
        try (var out = new java.io.ByteArrayOutputStream()) {
            out.write(head);
            out.write(Files.readAllBytes(jar));
            out.write(tail);
            body = out.toByteArray();
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(response.body());
        String filename = json.path("filename").asText();
        if (filename.isEmpty()) {
            throw new IllegalStateException("upload failed: " + response.body());
        }
        return filename.substring(filename.lastIndexOf(File.separatorChar) + 1);
    }

    /** Runs the uploaded jar; returns the REST answer (a job id, or the errors). */
    JsonNode run(String jarId, List<String> args, int parallelism, String savepointPath) throws Exception {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("entryClass", "io.leaddedup.job.LeadDedupMain");
        body.put("programArgsList", args);
        body.put("parallelism", parallelism);
        if (savepointPath != null) {
            body.put("savepointPath", savepointPath);
        }
        return post("/jars/" + jarId + "/run", JSON.writeValueAsString(body));
    }

    String jobState(String jobId) throws Exception {
        return get("/jobs/" + jobId).path("state").asText();
    }

    void awaitJobState(String jobId, String state, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (state.equals(jobState(jobId))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("job " + jobId + " not " + state + " after " + timeout + " but "
                + jobState(jobId));
    }

    /** Whether every task of the job is RUNNING (the job state alone says RUNNING while tasks deploy). */
    boolean allTasksRunning(String jobId) throws Exception {
        JsonNode vertices = get("/jobs/" + jobId).path("vertices");
        if (!vertices.isArray() || vertices.isEmpty()) {
            return false;
        }
        for (JsonNode vertex : vertices) {
            if (!"RUNNING".equals(vertex.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /** Stops the job with a savepoint, through REST as an operator would; returns its path. */
    String stopWithSavepoint(String jobId, Path targetDirectory) throws Exception {
        return stopWithSavepoint(jobId, "{\"targetDirectory\":\"" + targetDirectory.toUri() + "\",\"drain\":false}");
    }

    /** Stops the job with a savepoint in the cluster's savepoint directory, as {@code flink stop JOB} does. */
    String stopWithSavepoint(String jobId) throws Exception {
        return stopWithSavepoint(jobId, "{\"drain\":false}");
    }

    private String stopWithSavepoint(String jobId, String request) throws Exception {
        JsonNode trigger = post("/jobs/" + jobId + "/stop", request);
        String requestId = trigger.path("request-id").asText();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + requestId);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode location = status.path("operation").path("location");
                if (location.isMissingNode() || location.isNull()) {
                    throw new IllegalStateException("savepoint failed: " + status);
                }
                return location.asText();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("savepoint did not complete");
    }

    void cancel(String jobId) throws Exception {
        http.send(HttpRequest.newBuilder(uri("/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode overview() throws Exception {
        return get("/overview");
    }

    private void awaitRest(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jobManager.isAlive()) {
                throw new IllegalStateException("JobManager exited: " + Files.readString(dir.resolve("jobmanager.log")));
            }
            try {
                overview();
                return;
            } catch (IOException e) {
                Thread.sleep(300);
            }
        }
        throw new IllegalStateException("JobManager REST not up after " + timeout);
    }

    void awaitTaskManagers(int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (overview().path("taskmanagers").asInt() == count) {
                return;
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(count + " TaskManagers not registered after " + timeout + ": " + overview());
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonNode post(String path, String json) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + restPort + path);
    }

    Path dir() {
        return dir;
    }

    /** The checkpoint directory of the cluster's config.yaml. */
    String checkpointDir() {
        return dir.resolve("cluster-checkpoints").toUri().toString();
    }

    /** The REST view of a job: its vertices with their parallelism. */
    JsonNode job(String jobId) throws Exception {
        return get("/jobs/" + jobId);
    }

    /** The job's checkpoint statistics ({@code latest.completed.external_path}). */
    JsonNode checkpoints(String jobId) throws Exception {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    boolean jobManagerAlive() {
        return jobManager.isAlive();
    }

    @Override
    public void close() throws Exception {
        supervisor.shutdownNow();
        supervisor.awaitTermination(10, TimeUnit.SECONDS);
        for (Process process : taskManagers) {
            process.destroyForcibly();
        }
        if (jobManager != null) {
            jobManager.destroyForcibly();
            jobManager.waitFor(10, TimeUnit.SECONDS);
        }
        for (Process process : taskManagers) {
            process.waitFor(10, TimeUnit.SECONDS);
        }
        // The logs, the configuration and the checkpoints stay for a failed run's diagnosis; the
        // RocksDB working directories, the RPC jars and the uploaded job jars (about 575 MB a run)
        // would otherwise pile up in the temporary directory of every machine that runs the suite.
        LocalServers.deleteTree(dir.resolve("tmp"));
        LocalServers.deleteTree(dir.resolve("uploads"));
    }
}
