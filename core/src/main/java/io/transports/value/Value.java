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

    /** The one Null value. */
    Value NULL = NullValue.INSTANCE;

    /** The tag used on the wire: Null, Bool, Int, Float, Str, List, Map or Submodel. */
    String tag();

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
