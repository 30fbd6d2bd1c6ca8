package io.leaddedup.job.vicidial;

import io.leaddedup.job.kafka.LocalServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real MariaDB server (Debian's {@code mariadb-server}) on 127.0.0.1: a free port, a temporary
 * data directory, stopped (and restartable) by process, as the Kafka broker fixture does. When the
 * server is not installed and the tests run as root with apt (as CI does), it installs the package.
 */
final class MariaDbServer implements AutoCloseable {

    private static final List<String> SERVER_BINARIES = List.of("/usr/sbin/mariadbd", "/usr/sbin/mysqld");

    private final Path dir;
    private final int port;
    private final String server;
    private Process process;

    private MariaDbServer(Path dir, int port, String server) {
        this.dir = dir;
        this.port = port;
        this.server = server;
    }

    static MariaDbServer start() throws Exception {
        String server = serverBinary();
        Path dir = Files.createTempDirectory("lead-dedup-mariadb");
        run(dir.resolve("install.log"), Duration.ofSeconds(120), "mariadb-install-db", "--no-defaults",
                "--user=" + System.getProperty("user.name"), "--datadir=" + dir.resolve("data"),
                "--auth-root-authentication-method=normal", "--skip-test-db");
        MariaDbServer mariadb = new MariaDbServer(dir, LocalServers.freePort(), server);
        mariadb.startProcess();
        return mariadb;
    }

    /** A new, empty database and its JDBC URL. */
    String createDatabase(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(""), "root", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    String url(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /** Stops the server (SIGTERM, as an operator would) and waits for it. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        process = null;
    }

    /** Starts the stopped server again on the same port and data. */
    void restart() throws Exception {
        stop();
        startProcess();
    }

    private void startProcess() throws Exception {
        process = new ProcessBuilder(server, "--no-defaults", "--user=" + System.getProperty("user.name"),
                "--datadir=" + dir.resolve("data"), "--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + dir.resolve("mysqld.sock"), "--pid-file=" + dir.resolve("mysqld.pid"),
                "--skip-name-resolve", "--skip-log-bin", "--innodb-buffer-pool-size=16M", "--max-connections=50",
                "--log-error=" + dir.resolve("error.log"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.out").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("MariaDB exited; see " + dir.resolve("error.log"));
            }
            try (Connection connection = DriverManager.getConnection(url(""), "root", "")) {
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("MariaDB not ready after 60 s; see " + dir.resolve("error.log"), last);
    }

    /** The server binary, installed from Debian's packages first when it is missing and we may. */
    private static String serverBinary() throws Exception {
        for (String binary : SERVER_BINARIES) {
            if (Files.isExecutable(Path.of(binary))) {
                return binary;
            }
        }
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            throw new IllegalStateException("MariaDB is not installed: install Debian's mariadb-server"
                    + " (apt-get install mariadb-server) and run the tests again");
        }
        Path log = Files.createTempFile("lead-dedup-apt", ".log");
        try {
            run(log, Duration.ofMinutes(5), "apt-get", "install", "-y", "-q", "--no-install-recommends", "mariadb-server");
        } catch (IllegalStateException stalePackageLists) {
            run(log, Duration.ofMinutes(5), "apt-get", "update", "-q");
            run(log, Duration.ofMinutes(5), "apt-get", "install", "-y", "-q", "--no-install-recommends", "mariadb-server");
        }
        for (String binary : SERVER_BINARIES) {
            if (Files.isExecutable(Path.of(binary))) {
                return binary;
            }
        }
        throw new IllegalStateException("apt-get installed mariadb-server but no server binary is in "
                + SERVER_BINARIES + "; see " + log);
    }

    private static void run(Path log, Duration timeout, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command)))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process started = builder.start();
        if (!started.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            started.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeout + "; see " + log);
        }
        if (started.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + started.exitValue() + "); see "
                    + log);
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        LocalServers.deleteTree(dir);
    }
}
