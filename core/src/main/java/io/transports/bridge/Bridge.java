package io.transports.bridge;

import io.transports.patch.Op;
import io.transports.value.Value;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;

/**
 * Java objects to and from Values: the front door of the bridge.
 *
 * <pre>{@code
 * class Device { public String name = "lamp"; public boolean on; }
 * Value v = Bridge.toValue(new Device());       // {"Map":{"name":{"Str":"lamp"},"on":{"Bool":false}}}
 * Device d = Bridge.fromValue(v, Device.class);
 * Tracker t = Bridge.track(d);                  // dirty-checking for a Session
 * }</pre>
 *
 * <p>What travels: null, booleans, integral numbers (primitive, boxed, atomic, BigInteger within 64 bits)
 * as Int, floating numbers and BigDecimal as Float (never NaN or infinite), chars, strings, UUIDs, URIs,
 * enums (their name, or their {@code @JsonProperty}) and {@code java.time} values (ISO-8601) as Str,
 * Optionals as their content or Null, lists, sets, other collections and arrays as List ({@code char[]}
 * is text, as in Jackson), maps with string, enum or integer keys as Map, and records and beans as a Map
 * of their properties (see {@link JsonSchema} for the shape). Jackson annotations honoured:
 * {@code @JsonProperty}, {@code @JsonIgnore}, {@code @JsonIgnoreProperties}, {@code @JsonTypeInfo}
 * (use NAME, include PROPERTY or EXISTING_PROPERTY) with {@code @JsonSubTypes}/{@code @JsonTypeName},
 * {@code @JsonValue} and {@code @JsonCreator}. Everything else is refused with a {@link BridgeException}
 * naming the path: cycles, NaN, numbers out of range, types with no data (threads, streams, lambdas).
 *
 * <p>Classes are inspected once per {@code Class} object, so a class redefined in JShell is simply a
 * new class; non-public classes and members are made accessible.
 */
public final class Bridge {
    private Bridge() {}

    /** The Value of a Java object. */
    public static Value toValue(Object o) { return new Walker().run(o, null); }

    /** Read a Value into an object of {@code type}; every mismatch is a BridgeException naming the path. */
    public static <T> T fromValue(Value v, Class<T> type) {
        Object o = fromValue(v, (Type) type);
        @SuppressWarnings("unchecked") T t = (T) (type.isPrimitive() ? o : type.cast(o));
        return t;
    }

    /** Read a Value into a generic type such as {@code List<Device>} (use a field's or method's generic type). */
    public static Object fromValue(Value v, Type type) {
        Objects.requireNonNull(v, "value");
        Objects.requireNonNull(type, "type");
        return new FromValue(new Trail()).run(v, type);
    }

    /** Whether {@link #updateInPlace} can change objects of this class (false for records, enums, immutables). */
    public static boolean canUpdateInPlace(Class<?> type) {
        if (Kind.of(type) != Kind.OBJECT) return false;
        try {
            return Shape.of(type).mutable();
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * Make the mutable object {@code target} hold {@code v}, reusing nested mutable objects where it can.
     * Atomic: the value is validated completely before anything is assigned, so a refused value
     * (a BridgeException) leaves the object as it was.
     */
    public static void updateInPlace(Object target, Value v) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(v, "value");
        if (!canUpdateInPlace(target.getClass())) {
            throw new BridgeException(io.transports.value.Path.ROOT,
                    Names.typeName(target.getClass()) + " cannot be updated in place (records and immutable classes are replaced instead)");
        }
        new InPlace().update(target, v);
    }

    /**
     * Like {@link #updateInPlace(Object, Value)}, but writes only the places {@code changes} touch:
     * {@code changes} are the ops that take the object's last flushed value to {@code v} (what a
     * proposal changed). Other properties keep what they hold now, even if the host changed them since
     * that flush; nested objects are followed only along the touched paths, and a list or map an op
     * changes as a collection is rewritten as a whole. Validate {@code v} as a whole first (with
     * {@link #fromProposal}); this too plans every write before making any.
     */
    public static void updateInPlace(Object target, Value v, List<Op> changes) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(v, "value");
        Objects.requireNonNull(changes, "changes");
        if (!canUpdateInPlace(target.getClass())) {
            throw new BridgeException(io.transports.value.Path.ROOT,
                    Names.typeName(target.getClass()) + " cannot be updated in place (records and immutable classes are replaced instead)");
        }
        new InPlace().update(target, v, Touched.of(changes));
    }

    /**
     * Read the result of a proposal into {@code type}: {@link #fromValue(Value, Class)}, except that in
     * every record or bean a property that is not optional must be present ({@code Field required},
     * with its path, as the Python reference says), and an optional one that is missing becomes empty.
     * Optional properties are those of type {@code Optional}, {@code OptionalInt}, {@code OptionalLong},
     * {@code OptionalDouble}, and reference-typed ones marked {@code @JsonInclude(NON_NULL)},
     * {@code NON_ABSENT} or {@code NON_EMPTY} (on the member or its class).
     */
    public static <T> T fromProposal(Value v, Class<T> type) {
        Objects.requireNonNull(v, "value");
        Objects.requireNonNull(type, "type");
        Object o = new FromValue(new Trail(), true).run(v, type);
        @SuppressWarnings("unchecked") T t = (T) (type.isPrimitive() ? o : type.cast(o));
        return t;
    }

    /** The name a snapshot carries for this class: its simple name (JShell wrappers dropped). */
    public static String typeName(Class<?> type) { return Names.typeName(type); }

    /** Start dirty-checking a live object; the tracker holds its current Value. */
    public static Tracker track(Object root) { return new Tracker(root); }
}
