package dev.rill.mirror;

import dev.rill.connect.plugintest.PluginArchitectureContract;

/** The plugin uses only what every Connect worker provides plus connect-mirror-client, through public APIs. */
class PluginArchitectureTest extends PluginArchitectureContract {
    PluginArchitectureTest() {
        super("dev.rill.mirror");
    }
}
