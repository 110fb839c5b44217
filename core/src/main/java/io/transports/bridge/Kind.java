package io.transports.bridge;

import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a Java class is to the bridge: a leaf of some sort, a container, a mapped object (record or
 * bean), or something that cannot travel. Decided once per {@code Class} object and cached, so a class
 * redefined in JShell (a new {@code Class}) gets its own answer.
 */
enum Kind {
    BOOL, INTEGRAL, ATOMIC_INT, ATOMIC_LONG, BIG_INT, FLOATING, BIG_DEC, CHAR, STRING, CHARSEQ, UUID, URI, ENUM, TIME,
    OPTIONAL, OPTIONAL_INT, OPTIONAL_LONG, OPTIONAL_DOUBLE, LIST, SET, COLLECTION, ARRAY, MAP, JSON_VALUE, OBJECT,
    /** A {@link io.transports.value.Value} held by an object travels as itself. */
    VALUE,
    UNSUPPORTED;

    private static final ClassValue<Kind> CACHE = new ClassValue<>() {
        @Override protected Kind computeValue(Class<?> c) { return classify(c); }
    };

    static Kind of(Class<?> c) { return CACHE.get(c); }

    /** java.time types that print and parse as ISO-8601 text. */
    static final List<Class<?>> TIME_TYPES = List.of(Instant.class, LocalDate.class, LocalDateTime.class,
            LocalTime.class, OffsetDateTime.class, OffsetTime.class, ZonedDateTime.class, Year.class, YearMonth.class,
            MonthDay.class, Duration.class, Period.class, ZoneId.class);

    private static Kind classify(Class<?> c) {
        if (io.transports.value.Value.class.isAssignableFrom(c)) return VALUE;
        if (c == boolean.class || c == Boolean.class) return BOOL;
        if (c == int.class || c == long.class || c == short.class || c == byte.class
                || c == Integer.class || c == Long.class || c == Short.class || c == Byte.class) return INTEGRAL;
        if (c == double.class || c == float.class || c == Double.class || c == Float.class) return FLOATING;
        if (c == char.class || c == Character.class) return CHAR;
        if (c == String.class) return STRING;
        if (c == AtomicInteger.class) return ATOMIC_INT;
        if (c == AtomicLong.class) return ATOMIC_LONG;
        if (c == BigInteger.class) return BIG_INT;
        if (c == BigDecimal.class) return BIG_DEC;
        if (c == java.util.UUID.class) return UUID;
        if (c == java.net.URI.class) return URI;
        if (Enum.class.isAssignableFrom(c) && c != Enum.class) return ENUM;
        for (Class<?> t : TIME_TYPES) if (t.isAssignableFrom(c)) return TIME;
        if (c == Optional.class) return OPTIONAL;
        if (c == OptionalInt.class) return OPTIONAL_INT;
        if (c == OptionalLong.class) return OPTIONAL_LONG;
        if (c == OptionalDouble.class) return OPTIONAL_DOUBLE;
        if (c.isArray()) return ARRAY;
        if (List.class.isAssignableFrom(c)) return LIST;
        if (Set.class.isAssignableFrom(c)) return SET;
        if (Collection.class.isAssignableFrom(c)) return COLLECTION;
        if (Map.class.isAssignableFrom(c)) return MAP;
        if (CharSequence.class.isAssignableFrom(c)) return CHARSEQ;
        if (c.isPrimitive() || c.isInterface() && !hasTypeInfo(c) || c.isSynthetic() || c.getName().contains("$$Lambda")
                || c.isAnnotation() || isPlatform(c) && c != Object.class) {
            return UNSUPPORTED;
        }
        if (c == Object.class) return UNSUPPORTED;
        if (jsonValue(c) != null) return JSON_VALUE;
        return OBJECT;
    }

    private static boolean hasTypeInfo(Class<?> c) { return Subtypes.base(c) != null; }

    /** Classes of the JDK itself (java.*, javax.*, jdk.*, sun.*) are not mapped as beans. */
    static boolean isPlatform(Class<?> c) {
        String n = c.getName();
        return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.") || n.startsWith("sun.")
                || n.startsWith("com.sun.");
    }

    /** The method annotated {@code @JsonValue} (made accessible), or null. */
    static Method jsonValue(Class<?> c) {
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                JsonValue a = m.getAnnotation(JsonValue.class);
                if (a != null && a.value() && m.getParameterCount() == 0 && m.getReturnType() != void.class) {
                    m.trySetAccessible();
                    return m;
                }
            }
        }
        return null;
    }

    private static final ClassValue<Method> JSON_VALUES = new ClassValue<>() {
        @Override protected Method computeValue(Class<?> c) { return jsonValue(c); }
    };

    /** What the {@code @JsonValue} method of {@code o} returns. */
    static Object jsonValueOf(Object o) {
        try {
            return JSON_VALUES.get(o.getClass()).invoke(o);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the @JsonValue method of " + Names.typeName(o.getClass()) + " failed: "
                    + (e.getCause() != null ? e.getCause() : e), e);
        }
    }

    /** Why a class cannot travel, in words. */
    static String whyUnsupported(Class<?> c) {
        String n = c.getName();
        if (c.isSynthetic() || n.contains("$$Lambda")) return "a lambda or synthetic object (" + n + ") cannot travel";
        if (java.util.stream.BaseStream.class.isAssignableFrom(c)) return "a stream (" + n + ") cannot travel; collect it into a List";
        if (c == Object.class) return "a plain java.lang.Object has no data to travel";
        if (c.isInterface()) return "the interface " + n + " has no data to travel";
        return "cannot bridge " + n + ": it is not a value type, collection, record or bean the bridge supports";
    }
}
