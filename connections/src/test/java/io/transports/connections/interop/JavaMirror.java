package io.transports.connections.interop;

import io.transports.connections.TransportsClient;
import io.transports.value.MapValue;
import io.transports.value.Value;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Interop, Java side as mirror: a {@link TransportsClient} in a codec mirrors any server of the protocol
 * (here the Python one), proposes name := the given text, waits for the echo, and checks the host's
 * object through its state URL. Arguments: WS_URL STATE_URL CODEC NEW_NAME. Exit code 0 on success.
 */
public final class JavaMirror {
    private JavaMirror() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String stateUrl = args[1];
        String codec = args[2];
        String name = args[3];
        try (TransportsClient client = new TransportsClient(codec)) {
            client.connect(url);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (client.mirror().revisions().isEmpty()) {
                if (System.nanoTime() > deadline) fail("no snapshot");
                Thread.sleep(20);
            }
            long id = client.mirror().revisions().keySet().iterator().next();
            System.out.println("java mirror (" + codec + ") got the snapshot of model " + id + " (" + client.mirror().type(id) + "): " + client.value(id));
            MapValue proposed = ((MapValue) client.value(id)).with("name", Value.of(name));
            if (!client.propose(id, proposed)) fail("the proposal was not sent");
            while (!((MapValue) client.value(id)).get("name").equals(Value.of(name))) {
                if (System.nanoTime() > deadline) fail("no echo of the proposal");
                Thread.sleep(20);
            }
            String state = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(stateUrl)).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (!state.contains(name)) fail("the host object does not hold the new name: " + state);
            System.out.println("java mirror (" + codec + ") saw its proposal echoed and the host object changed: " + state.strip());
        }
        System.exit(0);
    }

    private static void fail(String why) {
        System.out.println("java mirror: " + why);
        System.exit(1);
    }
}
