package dev.rill.mirror.internal;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Names matching any include regex and no exclude regex, as MirrorMaker 2's topic and group filters. */
public final class RegexFilter {
    private final Pattern include;
    private final Pattern exclude;

    public RegexFilter(List<String> include, List<String> exclude) {
        this.include = compile(include);
        this.exclude = compile(exclude);
    }

    /** One pattern matching a name that matches any of {@code regexes} in full; an empty list matches nothing. */
    static Pattern compile(List<String> regexes) {
        List<String> nonEmpty = regexes.stream().map(String::trim).filter(r -> !r.isEmpty()).toList();
        if (nonEmpty.isEmpty()) {
            return null;
        }
        return Pattern.compile(nonEmpty.stream().map(r -> "(?:" + r + ")").collect(Collectors.joining("|")));
    }

    public boolean test(String name) {
        return include != null && include.matcher(name).matches()
                && (exclude == null || !exclude.matcher(name).matches());
    }
}
