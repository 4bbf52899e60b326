package dev.rill.connect.internal.plugins;

/** One discovered plugin class: its name, kind, version and the loader that defines it. */
public record PluginDesc(String className, PluginType type, String version, ClassLoader loader, String location)
        implements Comparable<PluginDesc> {

    public String simpleName() {
        int dot = className.lastIndexOf('.');
        return className.substring(dot + 1);
    }

    @Override
    public int compareTo(PluginDesc o) {
        int byName = className.compareTo(o.className);
        return byName != 0 ? byName : type.compareTo(o.type);
    }
}
