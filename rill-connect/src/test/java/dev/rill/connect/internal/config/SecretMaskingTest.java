package dev.rill.connect.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.rill.connect.internal.plugins.PluginDiscovery;
import dev.rill.connect.internal.plugins.Plugins;

class SecretMaskingTest {
    private static SecretMasking masking() {
        Plugins plugins = Plugins.discover(List.of(), PluginDiscovery.SERVICE_LOAD);
        ConfigProviders providers = ConfigProviders.create(Map.of("config.providers", "file",
                "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider"), plugins);
        return new SecretMasking(providers);
    }

    @Test
    void hidesPasswordValuesButKeepsPlaceholdersAndOtherKeys() {
        SecretMasking masking = masking();
        masking.passwordKeys("db", Set.of("connection.password", "ssl.key.password"));
        Map<String, String> shown = masking.masked("db", Map.of("connection.password", "s3cret",
                "ssl.key.password", "${file:/etc/secrets:key}", "connection.user", "app"));
        assertThat(shown).containsExactly(Map.entry("connection.password", "[hidden]"),
                Map.entry("connection.user", "app"), Map.entry("ssl.key.password", "${file:/etc/secrets:key}"));
    }

    @Test
    void showsEverythingOfAConnectorWhosePasswordKeysAreUnknownOrForgotten() {
        SecretMasking masking = masking();
        masking.passwordKeys("db", Set.of("connection.password"));
        masking.forget("db");
        assertThat(masking.knows("db")).isFalse();
        assertThat(masking.masked("db", Map.of("connection.password", "s3cret")))
                .containsEntry("connection.password", "s3cret");
    }
}
