package io.leaddedup.job;

import io.leaddedup.job.local.BootstrapCommand;
import io.leaddedup.job.local.LocalRun;
import io.leaddedup.job.local.RunSummary;
import java.nio.file.Path;

/** Lets tests in other packages run local mode in-process. */
public final class LocalTestAccess {

    private LocalTestAccess() {}

    public static RunSummary run(Path input, Path settings, Path out) throws Exception {
        return LocalRun.fromArgs(new String[] {"run", "--input", input.toString(), "--settings", settings.toString(),
                "--out", out.toString()}).execute();
    }

    /** Bootstraps from {@code export}; returns the savepoint's path. */
    public static String bootstrap(Path export, Path settings, Path savepointDir, Path plan) throws Exception {
        return BootstrapCommand.parse("--input", export.toString(), "--settings", settings.toString(),
                "--savepoint-dir", savepointDir.toString(), "--plan-out", plan.toString()).bootstrap().savepoint();
    }
}
