package io.transports.connections.interop;

import io.transports.codec.PlainData;
import io.transports.connections.TransportsClient;
import io.transports.value.Value;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Interop, Java clients on a Python Hub: two {@link TransportsClient}s in a codec mirror the Hub's shared
 * model; the first sets its awareness state, the second must see it under the peer id the Python Hub
 * assigned (and the first must not get its own back), and when the first closes, the second must see the
 * state removed. Arguments: WS_URL CODEC. Exit code 0 on success.
 */
public final class JavaAwareness {
    private JavaAwareness() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String codec = args[1];
        String who = "java awareness (" + codec + ")";
        try (TransportsClient first = new TransportsClient(codec); TransportsClient second = new TransportsClient(codec)) {
            first.connect(url);
            second.connect(url);
            until(who, "both openings", () -> !first.mirror().ids().isEmpty() && !second.mirror().ids().isEmpty());
            long id = first.mirror().ids().get(0);
            Value state = PlainData.fromPlain(Map.of("editing", "name", "from", "java"));
            if (!first.send(first.mirror().setAwareness(id, Map.of("editing", "name", "from", "java")))) fail(who + ": not sent");
            until(who, "the second client sees the first's awareness", () -> second.mirror().awareness(id).containsValue(state));
            String peer = second.mirror().awareness(id).keySet().iterator().next();
            System.out.println(who + ": the Python hub relayed it as peer " + peer);
            if (!first.mirror().awareness(id).isEmpty()) fail(who + ": the sender got its own awareness back");
            first.close();
            until(who, "the state removed when the first client closed", () -> second.mirror().awareness(id).isEmpty());
            System.out.println(who + ": removed when the first client closed");
        }
        System.exit(0);
    }

    private static void until(String who, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail(who + ": timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    private static void fail(String why) {
        System.out.println(why);
        System.exit(1);
    }
}
