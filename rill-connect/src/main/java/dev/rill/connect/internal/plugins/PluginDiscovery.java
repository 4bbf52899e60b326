package dev.rill.connect.internal.plugins;

/** How plugins on {@code plugin.path} are found ({@code plugin.discovery}, Apache Kafka Connect's values). */
public enum PluginDiscovery { ONLY_SCAN, SERVICE_LOAD, HYBRID_WARN, HYBRID_FAIL }
