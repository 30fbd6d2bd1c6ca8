package io.leaddedup.job.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** A savepoint named on the command line, checked before anything starts. */
public final class Savepoints {

    private Savepoints() {}

    /**
     * The savepoint as Flink takes it, or null for none. A local path must be a savepoint
     * directory (with its {@code _metadata}) or that file; a URI of another file system is left to
     * Flink.
     */
    public static String checked(String path, Function<String, RuntimeException> wrong) {
        if (path == null) {
            return null;
        }
        Path local;
        if (path.startsWith("file:")) {
            local = Path.of(URI.create(path));
        } else if (path.contains("://")) {
            return path;
        } else {
            local = Path.of(path).toAbsolutePath();
        }
        Path directory = Files.isDirectory(local) ? local : local.getParent();
        if (directory == null || !Files.isRegularFile(directory.resolve("_metadata"))) {
            throw wrong.apply("--restore " + path + " is not a savepoint: no _metadata in "
                    + (directory == null ? path : directory)
                    + " (give the directory 'bootstrap' printed as its last line)");
        }
        return directory.toUri().toString();
    }
}
