package io.transports.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The codec name table of docs/protocol.md and a registry of custom codecs. Names are matched without
 * regard to case or surrounding space, and content-type parameters are dropped
 * ({@code "Application/JSON; charset=utf-8"} is JSON). Thread-safe.
 *
 * <pre>{@code
 * Codec cbor = Codecs.forName("application/cbor");
 * Codecs.register("application/x-mine", myCodec);
 * }</pre>
 */
public final class Codecs {
    private static final Map<String, Codec> BUILT_IN = Map.of(
            "json", BuiltInCodec.JSON, "application/json", BuiltInCodec.JSON, "", BuiltInCodec.JSON,
            "msgpack", BuiltInCodec.MSGPACK, "application/msgpack", BuiltInCodec.MSGPACK,
            "x-msgpack", BuiltInCodec.MSGPACK, "application/x-msgpack", BuiltInCodec.MSGPACK,
            "cbor", BuiltInCodec.CBOR, "application/cbor", BuiltInCodec.CBOR);
    private static final List<String> KNOWN = List.of("json", "msgpack", "cbor", "application/json",
            "application/msgpack", "x-msgpack", "application/x-msgpack", "application/cbor");
    private static final Map<String, Codec> CUSTOM = new ConcurrentHashMap<>();

    private Codecs() {}

    /**
     * The codec for a name of the codec table of docs/protocol.md (null or empty = JSON) or a registered content type.
     *
     * @throws CodecException for a name nobody registered, listing the known names
     */
    public static Codec forName(String name) {
        String key = normalize(name);
        Codec c = BUILT_IN.get(key);
        if (c == null) c = CUSTOM.get(key);
        if (c == null) throw new CodecException("unknown codec '" + name + "'; known: " + String.join(", ", known()));
        return c;
    }

    /**
     * Makes a custom codec available under a content-type name. Registering the same name again
     * replaces the earlier codec (a notebook cell may run twice).
     *
     * @throws IllegalArgumentException for an empty name or a built-in one, which cannot be overridden
     */
    public static void register(String contentType, Codec codec) {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(codec, "codec");
        String key = normalize(contentType);
        if (key.isEmpty()) throw new IllegalArgumentException("a codec name must not be empty");
        if (BUILT_IN.containsKey(key)) {
            throw new IllegalArgumentException("'" + key + "' is a built-in codec name and cannot be overridden");
        }
        CUSTOM.put(key, codec);
    }

    /** Every accepted name: the built-in ones in table order, then the registered ones sorted. */
    public static List<String> known() {
        List<String> names = new ArrayList<>(KNOWN);
        names.addAll(new TreeMap<>(CUSTOM).keySet());
        return names;
    }

    private static String normalize(String name) {
        if (name == null) return "";
        int semicolon = name.indexOf(';');
        if (semicolon >= 0) name = name.substring(0, semicolon);
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
