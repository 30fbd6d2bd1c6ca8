package io.leaddedup.job;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code --name value} flags of one sub-command, with errors that name the flag. */
final class CommandLine {

    private final Map<String, String> values = new HashMap<>();
    private final Map<String, List<String>> repeated = new HashMap<>();

    private CommandLine() {}

    static CommandLine parse(String[] args, int from, Set<String> known, Set<String> switches) {
        CommandLine line = new CommandLine();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (switches.contains(name)) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException("flag --" + name + " needs a value");
            }
            if (!known.contains(name) && !switches.contains(name)) {
                throw new UsageException("unknown flag --" + name);
            }
            line.values.put(name, value);
            line.repeated.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return line;
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("missing required flag --" + name);
        }
        return value;
    }

    /** Every value of a flag that may be given more than once. */
    List<String> all(String name) {
        return repeated.getOrDefault(name, List.of());
    }

    String optional(String name, String fallback) {
        String value = values.get(name);
        return value == null ? fallback : value;
    }

    int positiveInt(String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("flag --" + name + " must be a positive whole number, got '" + value + "'");
    }

    /** A duration as {@code 500ms}, {@code 2s}, {@code 5m}, {@code 12h}, {@code 90d} or ISO-8601 ({@code P90D}). */
    Duration duration(String name, Duration fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        Duration parsed = parseDuration(value);
        if (parsed == null || parsed.isNegative()) {
            throw new UsageException("flag --" + name + " must be a duration such as 2s, 5m, 90d or P90D, got '"
                    + value + "'");
        }
        return parsed;
    }

    static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> null;
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }

    /** A wrong command line: printed with the usage, exit code 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
