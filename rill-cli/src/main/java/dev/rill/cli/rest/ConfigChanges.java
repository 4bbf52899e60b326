package dev.rill.cli.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** How a connector config on a worker differs from the one wanted, for "apply" that leaves equal configs alone. */
public final class ConfigChanges {
    private ConfigChanges() {
    }

    /**
     * The keys whose values differ, are added or are removed, in key order; empty when the configs are the same.
     * The worker's values are compared as text (a JSON number and the same digits as a string are equal).
     */
    public static List<String> changedKeys(Map<String, Object> current, Map<String, String> wanted) {
        Set<String> keys = new TreeSet<>(current.keySet());
        keys.addAll(wanted.keySet());
        List<String> changed = new ArrayList<>();
        for (String key : keys) {
            Object now = current.get(key);
            if (!Objects.equals(now == null ? null : now.toString(), wanted.get(key))) {
                changed.add(key);
            }
        }
        return changed;
    }
}
