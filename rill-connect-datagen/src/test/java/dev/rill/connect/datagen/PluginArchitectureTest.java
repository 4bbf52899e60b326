package dev.rill.connect.datagen;

import dev.rill.connect.plugintest.PluginArchitectureContract;

/** The plugin uses only what every Connect worker provides plus its own libraries, through public APIs. */
class PluginArchitectureTest extends PluginArchitectureContract {
    PluginArchitectureTest() {
        super("dev.rill.connect.datagen");
    }
}
