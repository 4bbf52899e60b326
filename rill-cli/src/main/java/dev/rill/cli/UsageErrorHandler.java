package dev.rill.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.List;

/**
 * Usage errors exit with code 2: an unknown command gets one line naming it, with the closest commands as a
 * suggestion, even when {@code --help} follows it; other parse errors print the message, the command's synopsis and where to find its help.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

    static final int USAGE_ERROR = 2;

    /** Runs the parsed command, unless an argument matched no command or option (picocli collects those with --help). */
    static int rejectUnknownCommands(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult last = parseResult;
        while (last.subcommand() != null) {
            last = last.subcommand();
        }
        if (!last.unmatched().isEmpty()) {
            throw new CommandLine.UnmatchedArgumentException(last.commandSpec().commandLine(), last.unmatched());
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        String name = commandLine.getCommandSpec().qualifiedName();
        if (ex instanceof CommandLine.UnmatchedArgumentException && !commandLine.getSubcommands().isEmpty()) {
            List<String> unmatched = ((CommandLine.UnmatchedArgumentException) ex).getUnmatched();
            String first = unmatched.isEmpty() ? "" : unmatched.get(0);
            if (!first.startsWith("-")) {
                List<String> suggestions = closest(first,
                        ((CommandLine.UnmatchedArgumentException) ex).getSuggestions());
                err.println(name + ": unknown command '" + first + "'"
                        + (suggestions.isEmpty() ? "" : "; did you mean " + didYouMean(name, suggestions) + "?"));
                err.println("Run '" + name + " --help' for the list of commands.");
                err.flush();
                return USAGE_ERROR;
            }
        }
        err.println(name + ": " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.print(commandLine.getHelp().fullSynopsis());
        err.println("Run '" + name + " --help' for its options and examples.");
        err.flush();
        return USAGE_ERROR;
    }

    /**
     * Picocli's suggestions, nearest first, without those much further from what was typed than the nearest one
     * (for {@code topicz}, {@code topics} but not {@code connectors}).
     */
    static List<String> closest(String typed, List<String> suggestions) {
        if (suggestions.isEmpty()) {
            return suggestions;
        }
        java.util.Map<String, Integer> distance = new java.util.HashMap<>();
        suggestions.forEach(s -> distance.put(s, editDistance(typed, s)));
        int best = java.util.Collections.min(distance.values());
        return suggestions.stream().filter(s -> distance.get(s) <= best + 3)
                .sorted(java.util.Comparator.comparing(distance::get)).toList();
    }

    /** Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String didYouMean(String name, List<String> suggestions) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < suggestions.size() && i < 3; i++) {
            if (i > 0) {
                text.append(" or ");
            }
            text.append('\'').append(name).append(' ').append(suggestions.get(i)).append('\'');
        }
        return text.toString();
    }
}
