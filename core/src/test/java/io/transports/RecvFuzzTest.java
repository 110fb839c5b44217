package io.transports;

import static org.junit.jupiter.api.Assertions.*;

import io.transports.codec.Codec;
import io.transports.codec.CodecException;
import io.transports.codec.Codecs;
import io.transports.codec.Limits;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.protocol.Message;
import io.transports.protocol.PatchMessage;
import io.transports.protocol.Reject;
import io.transports.protocol.Snapshot;
import io.transports.protocol.UnknownMessage;
import io.transports.value.Path;
import io.transports.value.Value;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fuzzes {@link Server#recv} in each codec with random frames and mutations of valid ones (bit flips,
 * truncation, splices, huge declared lengths, deep nesting, bytes that are not valid UTF-8, lone
 * surrogates). Every frame must be answered as docs/protocol.md says — a frame that does not decode
 * gets one reject with id 0, an unknown kind nothing, a snapshot or reject from a client a reject, a
 * proposal its echo or a revert and a reject — with no exception, and no frame answered with a reject
 * may change the host (value and revision compared before and after). Every mirror (one per codec)
 * ends equal to the host. 5,000 frames per codec by default; {@code -Dtransports.full=true} runs 100,000.
 */
class RecvFuzzTest {
    static final boolean FULL = Boolean.getBoolean("transports.full");
    static final int FRAMES = FULL ? 100_000 : 5_000;

    /** The hosted model: scalars, a list, a map and a list of objects, so proposals reach every op. */
    public static class Board {
        public int count;
        public String note = "note";
        public boolean on;
        public double level = 0.5;
        public List<String> tags = new ArrayList<>(List.of("a", "b", "c"));
        public Map<String, Integer> scores = new TreeMap<>(Map.of("x", 1, "y", 2));
        public List<Item> items = new ArrayList<>(List.of(new Item("one", 1), new Item("two", 2)));
    }

    public static class Item {
        public String label;
        public int qty;

        public Item() {}

        Item(String label, int qty) {
            this.label = label;
            this.qty = qty;
        }
    }

    private static final String[] CODECS = {"json", "msgpack", "cbor"};

    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack", "cbor"})
    void recvAnswersEveryFrameAndNoRefusedFrameChangesTheHost(String codecName) {
        Codec codec = Codecs.forName(codecName);
        var session = new Session();
        session.host(new Board());
        var server = new Server(session);
        List<RuntimeException> serverErrors = new ArrayList<>();
        server.onError(serverErrors::add);
        Map<String, Client> mirrors = new LinkedHashMap<>();
        for (String c : CODECS) {
            Client client = new Client(c);
            server.open(c, c).forEach(client::recv);
            mirrors.put(c, client);
        }
        List<byte[]> seeds = seeds(codec);
        long seed = 20261130L + codecName.hashCode();
        Random random = new Random(seed);
        int malformed = 0, ignored = 0, notAllowed = 0, accepted = 0, refused = 0, unchanged = 0;
        for (int n = 0; n < FRAMES; n++) {
            Frame frame = frame(codecName, mutate(codecName, seeds, random));
            Value before = session.value(1);
            long revBefore = session.rev(1);
            Map<Object, List<Frame>> out;
            try {
                out = server.recv(codecName, frame);
            } catch (Throwable t) {
                throw new AssertionError("recv threw on frame " + n + " (seed " + seed + "): " + frame, t);
            }
            for (var e : out.entrySet()) e.getValue().forEach(mirrors.get((String) e.getKey())::recv);
            List<Frame> mine = out.getOrDefault(codecName, List.of());
            Message decoded;
            try {
                decoded = codec.decode(frame);
            } catch (CodecException e) {
                decoded = null;
            }
            boolean answeredWithReject = !mine.isEmpty() && codec.decode(mine.get(mine.size() - 1)) instanceof Reject;
            if (answeredWithReject) {
                assertEquals(before, session.value(1), "frame " + n + " was refused but changed the host: " + frame);
                assertEquals(revBefore, session.rev(1), "frame " + n + " was refused but moved the revision");
            }
            if (decoded == null) {
                malformed++;
                assertEquals(1, out.size(), "a malformed frame is answered to its sender alone");
                assertEquals(1, mine.size());
                assertEquals(0, ((Reject) codec.decode(mine.get(0))).id(), "a malformed frame's reject has id 0");
            } else if (decoded instanceof UnknownMessage) {
                ignored++;
                assertTrue(out.isEmpty(), "an unknown kind is ignored");
            } else if (decoded instanceof Snapshot || decoded instanceof Reject) {
                notAllowed++;
                assertTrue(answeredWithReject, "a snapshot or reject from a client is answered with a reject");
            } else if (session.rev(1) != revBefore) {
                accepted++;
                assertFalse(answeredWithReject);
                for (String c : CODECS) assertTrue(out.containsKey(c), "an accepted proposal is echoed to " + c);
            } else if (answeredWithReject) {
                refused++;
            } else {
                unchanged++; // accepted, but it changes nothing: no echo
                assertEquals(before, session.value(1));
            }
        }
        for (var m : mirrors.entrySet()) assertEquals(session.value(1), m.getValue().value(1), m.getKey() + " mirror");
        assertEquals(List.of(), serverErrors, "nothing the server had to report");
        System.out.printf("recv fuzz %s: %d frames (seed %d): %d malformed -> reject id 0, %d refused proposals, "
                        + "%d accepted, %d accepted without change, %d client snapshots/rejects refused, %d unknown kinds ignored; "
                        + "0 exceptions, 0 host changes from refused frames%n",
                codecName, FRAMES, seed, malformed, refused, accepted, unchanged, notAllowed, ignored);
        assertTrue(malformed > FRAMES / 10 && accepted + refused > FRAMES / 20, "the mix reaches both the codec and the session");
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack", "cbor"})
    void theDeepNestingMutationIsAWellFormedProposalUntilItPassesTheLimit(String codecName) {
        Codec codec = Codecs.forName(codecName);
        Message shallow = codec.decode(frame(codecName, deepNesting(codecName, 10)));
        assertEquals(11, ((Op.Set) ((PatchMessage) shallow).patch().ops().get(0)).value().depth() + 1);
        var e = assertThrows(CodecException.class, () -> codec.decode(Frame.wrapBytes(deepNesting(codecName, 100_000))));
        assertTrue(e.getMessage().startsWith("nesting deeper than 512 at patch.ops[0].Set.value"), e.getMessage());
    }

    // ---- frames

    private static Frame frame(String codec, byte[] bytes) {
        if (!codec.equals("json")) return Frame.wrapBytes(bytes);
        // JSON arrives as text (decoded as a browser or comm would, so bad bytes become U+FFFD) or as UTF-8 bytes
        return bytes.length % 2 == 0 ? Frame.ofText(new String(bytes, StandardCharsets.UTF_8)) : Frame.wrapBytes(bytes);
    }

    /** Valid frames in the codec: proposals touching every op and field, and the other kinds of message. */
    private static List<byte[]> seeds(Codec codec) {
        Path count = Path.parse("count"), note = Path.parse("note"), tags = Path.parse("tags"), items = Path.parse("items");
        List<Message> msgs = new ArrayList<>();
        msgs.add(proposal(new Op.Set(count, Value.of(7))));
        msgs.add(proposal(new Op.Set(note, Value.of("héllo \ud83d\ude00"))));
        msgs.add(proposal(new Op.Set(Path.parse("on"), Value.of(true))));
        msgs.add(proposal(new Op.Set(Path.parse("level"), Value.of(-0.0))));
        msgs.add(proposal(new Op.Insert(tags, 1, Value.of("new"))));
        msgs.add(proposal(new Op.RemoveAt(tags, 0)));
        msgs.add(proposal(new Op.Move(tags, 0, 2)));
        msgs.add(proposal(new Op.Reorder(tags, new int[] {2, 0, 1})));
        msgs.add(proposal(new Op.Set(Path.parse("scores", "z"), Value.of(3))));
        msgs.add(proposal(new Op.Remove(Path.parse("scores", "x"))));
        msgs.add(proposal(new Op.Set(Path.parse("items", 0, "label"), Value.of("first"))));
        msgs.add(proposal(new Op.Insert(items, 0, Value.map(Map.of("label", Value.of("z"), "qty", Value.of(9))))));
        msgs.add(proposal(new Op.Set(count, Value.of("not a number")), new Op.Set(note, Value.of(1))));
        msgs.add(new PatchMessage(2, new Patch(0, List.of(new Op.Set(count, Value.of(1))))));
        msgs.add(new Snapshot(1, "Board", 3, Value.map(Map.of("count", Value.of(1)))));
        msgs.add(new Reject(1, 0, "no"));
        msgs.add(new UnknownMessage("hello"));
        List<byte[]> seeds = new ArrayList<>();
        for (Message m : msgs) seeds.add(codec.encode(m).bytes());
        // deeper than the default limit (512), written by a codec allowed to go deeper
        Value deep = Value.of(1);
        for (int i = 0; i < 600; i++) deep = Value.list(deep);
        Codec wide = codec.withLimits(new Limits(Limits.DEFAULT.maxBytes(), Limits.MAX_DEPTH));
        seeds.add(wide.encode(proposal(new Op.Set(note, deep))).bytes());
        return seeds;
    }

    private static PatchMessage proposal(Op... ops) { return new PatchMessage(1, new Patch(0, List.of(ops))); }

    private static byte[] mutate(String codec, List<byte[]> seeds, Random r) {
        byte[] seed = seeds.get(r.nextInt(seeds.size()));
        switch (r.nextInt(10)) {
            case 0, 1 -> { return seed; } // valid frames keep the session moving
            case 2 -> { // bit flips
                byte[] b = seed.clone();
                for (int k = 1 + r.nextInt(4); k > 0; k--) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                return b;
            }
            case 3 -> { return java.util.Arrays.copyOf(seed, r.nextInt(seed.length)); } // truncation
            case 4 -> { // splice two frames
                byte[] other = seeds.get(r.nextInt(seeds.size()));
                int a = r.nextInt(seed.length + 1), b = r.nextInt(other.length + 1);
                return concat(java.util.Arrays.copyOf(seed, a), java.util.Arrays.copyOfRange(other, b, other.length));
            }
            case 5 -> { // a huge declared length (or, in JSON, a huge number) at a random spot
                byte[] huge = switch (codec) {
                    case "msgpack" -> pick(r, new byte[][] {{(byte) 0xDB, -1, -1, -1, -1}, {(byte) 0xDD, 0x7F, -1, -1, -1},
                            {(byte) 0xDF, -1, -1, -1, -1}, {(byte) 0xC6, 0x7F, -1, -1, -1}});
                    case "cbor" -> pick(r, new byte[][] {{0x7B, 0x7F, -1, -1, -1, -1, -1, -1, -1}, {(byte) 0x9B, -1, -1, -1, -1, -1, -1, -1, -1},
                            {(byte) 0xBA, 0x7F, -1, -1, -1}, {0x5A, -1, -1, -1, -1}});
                    default -> ("9".repeat(400) + "e99999").getBytes(StandardCharsets.US_ASCII);
                };
                int at = r.nextInt(seed.length);
                return concat(concat(java.util.Arrays.copyOf(seed, at), huge), java.util.Arrays.copyOfRange(seed, at + 1, seed.length));
            }
            case 6 -> { return deepNesting(codec, 1_000 + r.nextInt(100_000)); }
            case 7 -> { // bytes that are not valid UTF-8, or not values of the protocol, at a random spot
                byte[] bad = pick(r, new byte[][] {{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xF0},
                        {(byte) 0xF7}, {(byte) 0xC1}, {(byte) 0xFF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}});
                byte[] b = seed.clone();
                int at = r.nextInt(b.length);
                for (int i = 0; i < bad.length && at + i < b.length; i++) b[at + i] = bad[i];
                return b;
            }
            case 8 -> { // a lone surrogate in a string (JSON escape), or random bytes
                if (codec.equals("json")) {
                    String s = new String(seed, StandardCharsets.UTF_8);
                    int q = s.indexOf('"', r.nextInt(s.length()));
                    if (q >= 0) return (s.substring(0, q + 1) + "\\udc" + Integer.toHexString(16 + r.nextInt(200)) + s.substring(q + 1))
                            .getBytes(StandardCharsets.UTF_8);
                }
                byte[] b = new byte[r.nextInt(64)];
                r.nextBytes(b);
                return b;
            }
            default -> { // random bytes
                byte[] b = new byte[r.nextInt(200)];
                r.nextBytes(b);
                return b;
            }
        }
    }

    /** A proposal whose value is a List nested {@code levels} deep, written byte by byte (no encoder would). */
    private static byte[] deepNesting(String codec, int levels) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] open, close, head;
        switch (codec) {
            case "msgpack" -> {
                head = hex("83a174a57061746368a2696401a57061746368" + "82a372657600a36f7073" + "9181a3536574" + "82a47061746890a576616c7565");
                open = hex("81a44c69737491");
                close = new byte[0];
            }
            case "cbor" -> {
                head = hex("a36174657061746368626964016570617463" + "68a26372657600636f7073" + "81a163536574" + "a2647061746880" + "6576616c7565");
                open = hex("a1644c69737481");
                close = new byte[0];
            }
            default -> {
                head = "{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":0,\"ops\":[{\"Set\":{\"path\":[],\"value\":".getBytes(StandardCharsets.US_ASCII);
                open = "{\"List\":[".getBytes(StandardCharsets.US_ASCII);
                close = "]}".getBytes(StandardCharsets.US_ASCII);
            }
        }
        b.writeBytes(head);
        for (int i = 0; i < levels; i++) b.writeBytes(open);
        b.writeBytes(codec.equals("json") ? "\"Null\"".getBytes(StandardCharsets.US_ASCII) : codec.equals("cbor") ? hex("644e756c6c") : hex("a44e756c6c"));
        for (int i = 0; i < levels; i++) b.writeBytes(close);
        if (codec.equals("json")) b.writeBytes("}}]}}".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    private static byte[] hex(String s) { return java.util.HexFormat.of().parseHex(s); }

    private static byte[] pick(Random r, byte[][] options) { return options[r.nextInt(options.length)]; }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
