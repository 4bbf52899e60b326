package dev.rill.streams.internal.topology;

/**
 * A topic named in a topology. Internal (repartition) topics are written without the application id and resolved
 * to {@code <application.id>-<name>} when the application starts.
 */
public record TopicRef(String name, boolean internal) {
    public static TopicRef user(String name) {
        return new TopicRef(name, false);
    }

    public static TopicRef internal(String name) {
        return new TopicRef(name, true);
    }

    public String resolve(String applicationId) {
        return internal ? applicationId + "-" + name : name;
    }

    @Override
    public String toString() {
        return name;
    }
}
