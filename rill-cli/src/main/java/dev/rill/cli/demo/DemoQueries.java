package dev.rill.cli.demo;

/** Paths of the Streams app's interactive-query endpoint that the demo advertises. */
final class DemoQueries {

    private DemoQueries() {
    }

    static String countPath(String key) {
        return "stores/" + DemoOptions.COUNT_STORE + "/keys/" + key;
    }
}
