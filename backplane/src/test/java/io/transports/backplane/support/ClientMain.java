package io.transports.backplane.support;

import io.transports.connections.TransportsClient;
import io.transports.patch.Op;
import io.transports.value.Path;
import io.transports.value.Value;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.List;

/**
 * A Java WebSocket client in its own JVM, driven over stdin/stdout by a test in another language (the
 * notebook publishing test): it connects to args[0] and prints {@code VALUE <model 1 as JSON>} whenever
 * model 1 changes; the stdin line {@code NOTE <text>} proposes that note for model 1 ({@code PROPOSED} or
 * {@code NOT SENT} is printed), and end of input closes it.
 */
public final class ClientMain {
    public static void main(String[] args) throws Exception {
        try (TransportsClient client = new TransportsClient()) {
            client.onChange(c -> {
                if (c.id() == 1) print("VALUE " + io.transports.Transports.toJsonNode(client.value(1)));
            });
            client.connect(args[0]);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("NOTE ")) {
                    boolean sent = client.proposeOps(1, List.of(new Op.Set(Path.ROOT.key("note"), Value.of(line.substring(5)))));
                    print(sent ? "PROPOSED" : "NOT SENT");
                }
            }
        }
    }

    private static synchronized void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
