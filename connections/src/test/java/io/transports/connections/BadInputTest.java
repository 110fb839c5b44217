package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.connections.support.Await;
import io.transports.connections.support.Fixture;
import io.transports.connections.support.Probe;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed frames, unknown codecs, bad resume points and oversize frames each get a clear answer,
 * and the server goes on serving everyone else.
 */
class BadInputTest {
    private Fixture f;

    @BeforeEach void start() throws Exception {
        f = Fixture.start(new io.transports.Session(), Limits.DEFAULT.withMaxInboundBytes(4096));
    }

    @AfterEach void stop() throws Exception {
        TransportsClient witness = f.client("json");
        witness.connect(f.server.wsUrl());
        f.board.tick = 4242;
        Await.until("the server to still serve a new client", () -> f.converged(witness));
        f.close();
    }

    @Test void aMalformedTextFrameGetsARejectWithIdZeroAndTheConnectionStaysOpen() throws Exception {
        try (Probe p = Probe.open(f.server.wsUrl())) {
            Await.until("the snapshot", () -> p.texts.size() == 1);
            p.sendText("this is not a message");
            Await.until("a reject", () -> p.texts.size() == 2);
            String reject = p.texts.get(1);
            assertTrue(reject.contains("\"t\":\"reject\"") && reject.contains("\"id\":0") && reject.contains("malformed"), reject);
            p.sendText("{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":0,\"ops\":[{\"Explode\":{}}]}}");
            Await.until("a second reject", () -> p.texts.size() == 3);
            assertTrue(p.texts.get(2).contains("\"t\":\"reject\""), p.texts.get(2));
            assertTrue(!p.closed(), "still open");
        }
    }

    @Test void garbageOnABinaryCodecGetsARejectToo() throws Exception {
        try (Probe p = Probe.open(f.server.wsUrl() + "?codec=msgpack")) {
            Await.until("the snapshot", () -> p.binaries.size() == 1);
            p.sendBinary(new byte[] {(byte) 0xc1, 0x00, 0x13});
            Await.until("a reject", () -> p.binaries.size() >= 2);
            assertTrue(!p.closed(), "still open");
        }
    }

    @Test void anUnknownCodecIsClosedWithAReasonThatNamesTheKnownOnes() throws Exception {
        try (Probe p = Probe.open(f.server.wsUrl() + "?codec=yaml")) {
            Await.until("the close", p::closed);
            assertEquals(1008, p.closeCode);
            assertEquals("unknown codec 'yaml': use json, msgpack or cbor", p.closeReason);
            assertTrue(p.texts.isEmpty() && p.binaries.isEmpty());
        }
    }

    @Test void badSinceValuesAreClosedWithAReason() throws Exception {
        String[][] cases = {
            {"oops", "bad since: it is not JSON"},
            {"[1,2]", "bad since: it is not a JSON object"},
            {"{\"a\":1}", "bad since: key \"a\" is not a model id"},
            {"{\"1\":-3}", "bad since: the revision of model 1 must be an integer >= 0"},
            {"{\"1\":\"12\"}", "bad since: the revision of model 1 must be an integer >= 0"},
        };
        for (String[] c : cases) {
            String url = f.server.wsUrl() + "?since=" + URLEncoder.encode(c[0], StandardCharsets.UTF_8);
            try (Probe p = Probe.open(url)) {
                Await.until("the close for " + c[0], p::closed);
                assertEquals(1008, p.closeCode, c[0]);
                assertTrue(p.closeReason.startsWith(c[1]), c[0] + " -> " + p.closeReason);
            }
        }
    }

    @Test void anOversizeFrameClosesThatConnectionWith1009() throws Exception {
        try (Probe big = Probe.open(f.server.wsUrl()); Probe bystander = Probe.open(f.server.wsUrl())) {
            Await.until("snapshots", () -> big.texts.size() == 1 && bystander.texts.size() == 1);
            try {
                big.sendText("{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":0,\"ops\":[]},\"pad\":\"" + "z".repeat(10_000) + "\"}");
            } catch (Exception closedWhileSending) {
                // the server may close before the send completes
            }
            Await.until("the close", big::closed);
            assertEquals(1009, big.closeCode, big.closeReason);
            f.board.tick = 5;
            Await.until("the bystander to get the next patch", () -> bystander.texts.size() == 2);
            assertTrue(!bystander.closed());
        }
    }

    @Test void theEventStreamAnswersBadParametersWith400AndAReason() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String[] c : new String[][] {
                {"since=" + URLEncoder.encode("{\"x\":1}", StandardCharsets.UTF_8), "bad since: key \"x\" is not a model id"},
                {"codec=msgpack", "codec 'msgpack' is binary: an event stream carries JSON only"},
                {"codec=yaml", "unknown codec 'yaml'"}}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(f.server.sseUrl() + "?" + c[0]))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode(), c[0]);
            assertTrue(r.body().startsWith(c[1]), c[0] + " -> " + r.body());
        }
    }
}
