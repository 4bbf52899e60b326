package dev.rill.connect.file;

import dev.rill.connect.plugintest.PluginArchitectureContract;

/** The plugin uses only what every Connect worker provides plus its own libraries, through public APIs. */
class PluginArchitectureTest extends PluginArchitectureContract {
    PluginArchitectureTest() {
        super("dev.rill.connect.file");
    }
}
