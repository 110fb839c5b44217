package io.transports.value;

import java.util.List;
import java.util.Map;

/**
 * A model's state as the wire sees it: an immutable, externally tagged union (docs/protocol.md "Value").
 *
 * <p>Every variant is a small immutable final class; containers share their children, so a new value
 * that differs in one leaf shares every untouched subtree with the old one. Equality is structural and
 * hash codes are cached, which keeps list reconciliation in {@code diff} cheap.
 *
 * <pre>{@code
 * Value lamp = Value.map(Map.of("name", Value.of("lamp"), "on", Value.of(false)));
 * }</pre>
 */
public sealed interface Value
        permits NullValue, BoolValue, IntValue, FloatValue, StrValue, ListValue, MapValue, SubmodelValue {

    /**
     * The deepest a Value may nest (a List or Map counts one level; a scalar none): one rule for every
     * codec ({@code Limits.MAX_DEPTH}), diff, apply, equality, hashing and text. Building a deeper
     * container is refused with an IllegalArgumentException that names this limit, so no operation can
     * be driven into a StackOverflowError.
     */
    int MAX_DEPTH = 2048;

    /** The one Null value. */
    Value NULL = NullValue.INSTANCE;

    /** The tag used on the wire: Null, Bool, Int, Float, Str, List, Map or Submodel. */
    String tag();

    /** How deeply this value nests: 0 for a scalar, 1 + the deepest element for a List or Map. */
    default int depth() { return 0; }

    static Value of(boolean b) { return b ? BoolValue.TRUE : BoolValue.FALSE; }

    static Value of(long n) { return IntValue.of(n); }

    /** A Float; NaN and infinities are refused because they cannot travel. */
    static Value of(double d) { return new FloatValue(d); }

    static Value of(String s) { return s == null ? NULL : new StrValue(s); }

    static ListValue list(List<? extends Value> items) { return ListValue.of(items); }

    static ListValue list(Value... items) { return ListValue.of(List.of(items)); }

    static MapValue map(Map<String, ? extends Value> entries) { return MapValue.of(entries); }

    static SubmodelValue submodel(long id) { return new SubmodelValue(id); }
}
