package io.leaddedup.job;

import io.leaddedup.job.cli.UsageException;
import io.leaddedup.job.kafka.KafkaCommand;
import io.leaddedup.job.local.BootstrapCommand;
import io.leaddedup.job.local.RunCommand;
import io.leaddedup.job.tools.GenerateCommand;
import io.leaddedup.job.tools.ProduceCommand;
import io.leaddedup.job.tools.UploadCsvCommand;
import io.leaddedup.job.vicidial.ApplyVicidialCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code lead-dedup} launcher on a person's machine: every command, each with {@code --help},
 * exit code 2 for a wrong command line. It exits the JVM, so it is never the entry class of a
 * cluster submission: that is {@link LeadDedupMain}.
 */
@Command(name = "lead-dedup", mixinStandardHelpOptions = true, usageHelpWidth = 110,
        versionProvider = LeadDedupCli.Version.class,
        description = "Stops dialers from over-calling the same phone number. Each command has --help.",
        subcommands = {RunCommand.class, BootstrapCommand.class, KafkaCommand.class, ProduceCommand.class, UploadCsvCommand.class,
            GenerateCommand.class, ApplyVicidialCommand.class, CommandLine.HelpCommand.class})
public final class LeadDedupCli implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is needed");
    }

    /** The build's version, from the pom properties Maven puts in the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws Exception {
            java.util.Properties pom = new java.util.Properties();
            try (var in = LeadDedupCli.class.getResourceAsStream(
                    "/META-INF/maven/io.leaddedup/lead-dedup-job/pom.properties")) {
                if (in != null) {
                    pom.load(in);
                }
            }
            return new String[] {"lead-dedup " + pom.getProperty("version", "(built from source)") + ", Flink "
                    + org.apache.flink.runtime.util.EnvironmentInformation.getVersion()};
        }
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The launcher's parser: a problem found once the command runs prints as one line, exit 2. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new LeadDedupCli()).setOverwrittenOptionsAllowed(true);
        // A wrong flag or value: the sentence, and where to read more, not a whole usage that
        // scrolls the sentence away (the kafka command's runs to some 80 lines).
        line.setParameterExceptionHandler((exception, args) -> {
            CommandLine command = exception.getCommandLine();
            java.io.PrintWriter err = command.getErr();
            err.println(exception.getMessage());
            if (CommandLine.UnmatchedArgumentException.printSuggestions(exception, err)) {
                return command.getCommandSpec().exitCodeOnInvalidInput(); // "Did you mean …"
            }
            if (!command.getSubcommands().isEmpty()) {
                command.usage(err); // no command named: the list of commands is the answer
            } else {
                err.println("Every flag: " + command.getCommandSpec().qualifiedName() + " --help");
            }
            return command.getCommandSpec().exitCodeOnInvalidInput();
        });
        line.setExecutionExceptionHandler((exception, command, parsed) -> {
            if (exception instanceof UsageException) {
                command.getErr().println("lead-dedup " + command.getCommandName() + ": " + exception.getMessage());
                return 2;
            }
            if (exception instanceof java.io.IOException) {
                command.getErr().println("lead-dedup " + command.getCommandName() + ": " + exception.getMessage());
                return 1;
            }
            throw exception;
        });
        return line;
    }
}
