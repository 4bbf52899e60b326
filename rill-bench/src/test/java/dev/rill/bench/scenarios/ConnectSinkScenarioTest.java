package dev.rill.bench.scenarios;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectSinkScenarioTest {

    @Test
    void shouldBeRunningWhenTheConnectorAndEveryTaskAreRunning() {
        String body = "{\"name\":\"s\",\"connector\":{\"state\":\"RUNNING\",\"worker_id\":\"127.0.0.1:8083\"},"
                + "\"tasks\":[{\"id\":0,\"state\":\"RUNNING\",\"worker_id\":\"127.0.0.1:8083\"}],\"type\":\"sink\"}";

        assertThat(ConnectSinkScenario.allRunning(200, body)).isTrue();
    }

    @Test
    void shouldNotBeRunningWithoutTasksOrWithAFailedTask() {
        String noTasks = "{\"name\":\"s\",\"connector\":{\"state\":\"RUNNING\",\"worker_id\":\"w\"},\"tasks\":[],\"type\":\"sink\"}";
        String failedTask = "{\"name\":\"s\",\"connector\":{\"state\" : \"RUNNING\"},\"tasks\":[{\"id\":0,\"state\":\"FAILED\","
                + "\"trace\":\"boom\"}],\"type\":\"sink\"}";

        assertThat(ConnectSinkScenario.allRunning(200, noTasks)).isFalse();
        assertThat(ConnectSinkScenario.allRunning(200, failedTask)).isFalse();
        assertThat(ConnectSinkScenario.allRunning(404, "{\"error_code\":404,\"message\":\"not found\"}")).isFalse();
    }
}
