package io.transports.bridge;

import io.transports.value.Value;
import java.lang.reflect.Type;

/** STUB — to be implemented: Java objects to and from Values. */
public final class Bridge {
    private Bridge() {}

    public static Value toValue(Object o) { throw new UnsupportedOperationException("toValue: not yet"); }

    public static <T> T fromValue(Value v, Class<T> type) { throw new UnsupportedOperationException("fromValue: not yet"); }

    public static Object fromValue(Value v, Type type) { throw new UnsupportedOperationException("fromValue: not yet"); }

    /** Whether {@link #updateInPlace} can change objects of this class (false for records, enums, immutables). */
    public static boolean canUpdateInPlace(Class<?> type) { throw new UnsupportedOperationException("not yet"); }

    /** Make the mutable object {@code target} hold {@code v}, reusing nested mutable objects where it can. */
    public static void updateInPlace(Object target, Value v) { throw new UnsupportedOperationException("not yet"); }

    /** The name a snapshot carries for this class: its simple name (JShell wrappers dropped). */
    public static String typeName(Class<?> type) { throw new UnsupportedOperationException("not yet"); }

    /** Start dirty-checking a live object; the tracker holds its current Value. */
    public static Tracker track(Object root) { throw new UnsupportedOperationException("not yet"); }
}
