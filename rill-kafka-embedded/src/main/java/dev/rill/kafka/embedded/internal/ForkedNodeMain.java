package dev.rill.kafka.embedded.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Entry point of a child JVM that runs one node for {@link ForkedNode}. It prints a ready line once the node
 * serves requests, stops cleanly on the line {@code stop}, and halts when its parent's end of stdin closes.
 */
public final class ForkedNodeMain {

    private ForkedNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        NodeSpec spec = NodeSpecFile.read(Path.of(args[0]));
        InProcessNode node = new InProcessNode(spec);
        node.start();
        System.out.println(ForkedNode.READY_LINE);
        System.out.flush();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = stdin.readLine();
        if (line == null) {
            Runtime.getRuntime().halt(1);
        }
        node.stop();
        System.exit(0);
    }
}
