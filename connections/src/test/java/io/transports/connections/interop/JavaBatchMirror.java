package io.transports.connections.interop;

import io.transports.Client;
import io.transports.Frame;
import io.transports.codec.Codec;
import io.transports.codec.Codecs;
import io.transports.protocol.Batch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Interop, Java side as a mirror asking for batch frames ({@code batch=1}) from any server of the
 * protocol (here the Python reference in its "batch" mode: three devices changed together): it reads
 * the frames itself (the JDK's WebSocket), checks that batch frames arrive, each holding several
 * messages, and feeds every frame to a core {@link Client} whose mirrors must end up equal to each
 * other's level (they are changed together). Arguments: WS_URL CODEC. Exit code 0 on success.
 */
public final class JavaBatchMirror {
    private JavaBatchMirror() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String codecName = args[1];
        Codec codec = Codecs.forName(codecName);
        Client mirror = new Client(codecName);
        LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(url + "?codec=" + codecName + "&batch=1"), new WebSocket.Listener() {
                    final StringBuilder text = new StringBuilder();
                    final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

                    @Override public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) { frames.add(Frame.ofText(text.toString())); text.setLength(0); }
                        ws.request(1);
                        return null;
                    }

                    @Override public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                        byte[] b = new byte[data.remaining()];
                        data.get(b);
                        bytes.writeBytes(b);
                        if (last) { frames.add(Frame.wrapBytes(bytes.toByteArray())); bytes.reset(); }
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        int batches = 0, batched = 0;
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (batches < 10) {
            Frame f = frames.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (f == null) fail("only " + batches + " batch frames in 20 s");
            if (codec.decode(f) instanceof Batch b) {
                batches++;
                batched += b.msgs().size();
                if (b.msgs().size() < 2) fail("a batch of " + b.msgs().size() + " message(s)");
            }
            mirror.recv(f);
        }
        if (mirror.ids().size() != 3) fail("expected three models, mirrored " + mirror.ids());
        if (!mirror.needsResync().isEmpty()) fail("mirrors need a resync: " + mirror.needsResync());
        System.out.println("java batch mirror (" + codecName + "): " + batches + " batch frames holding " + batched
                + " messages, applied in order; models at revisions " + mirror.revisions());
        System.exit(0);
    }

    private static void fail(String why) {
        System.out.println("java batch mirror: " + why);
        System.exit(1);
    }
}
