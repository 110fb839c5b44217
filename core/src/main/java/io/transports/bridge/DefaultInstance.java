package io.transports.bridge;

import io.transports.value.BoolValue;
import io.transports.value.FloatValue;
import io.transports.value.IntValue;
import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.StrValue;
import io.transports.value.Value;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The value a new list item or map entry starts with in a form, as plain JSON (for a schema's
 * {@code default}): a bean from its no-argument constructor; a record from the zero value of each
 * component (0, false, "", empty collections, the first enum constant, a default nested record, today
 * for dates, the start of today for times); other leaves likewise. Null when no default can be made (a
 * constructor that needs arguments, one that throws), and the front end then builds one from the schema.
 */
final class DefaultInstance {
    private DefaultInstance() {}

    private static final int DEPTH = 8;

    /** The plain JSON of a default {@code type}, or null when none can be made. */
    static Object plain(Type type) {
        try {
            Object o = zero(type, 0);
            return o == null ? null : plainJson(Bridge.toValue(o));
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static Object zero(Type t, int depth) {
        Class<?> c = FromValue.raw(t);
        if (depth > DEPTH) return null;
        if (c == boolean.class || c == Boolean.class) return false;
        if (c == int.class || c == Integer.class) return 0;
        if (c == long.class || c == Long.class) return 0L;
        if (c == short.class || c == Short.class) return (short) 0;
        if (c == byte.class || c == Byte.class) return (byte) 0;
        if (c == double.class || c == Double.class) return 0.0;
        if (c == float.class || c == Float.class) return 0.0f;
        if (c == char.class || c == Character.class) return ' ';
        switch (Kind.of(c)) {
            case STRING: case CHARSEQ: return "";
            case ATOMIC_INT: return new AtomicInteger();
            case ATOMIC_LONG: return new AtomicLong();
            case BIG_INT: return BigInteger.ZERO;
            case BIG_DEC: return BigDecimal.ZERO;
            case ENUM: {
                Object[] constants = Names.enumClass(c).getEnumConstants();
                return constants.length == 0 ? null : constants[0];
            }
            case TIME: return time(c);
            case OPTIONAL: return Optional.empty();
            case OPTIONAL_INT: return OptionalInt.empty();
            case OPTIONAL_LONG: return OptionalLong.empty();
            case OPTIONAL_DOUBLE: return OptionalDouble.empty();
            case LIST: case COLLECTION: return new ArrayList<>();
            case SET: return new LinkedHashSet<>();
            case MAP: return new LinkedHashMap<>();
            case ARRAY: return Array.newInstance(c.getComponentType(), 0);
            case OBJECT: return object(c, depth);
            default: return null;
        }
    }

    private static Object object(Class<?> c, int depth) {
        if (TypeWalk.abstractType(c)) return null;
        Shape s = Shape.of(c);
        try {
            if (s.record) {
                Constructor<?> k = (Constructor<?>) s.creator;
                Type[] ps = k.getGenericParameterTypes();
                Object[] args = new Object[ps.length];
                for (int i = 0; i < ps.length; i++) {
                    args[i] = zero(ps[i], depth + 1);
                    if (args[i] == null && k.getParameterTypes()[i].isPrimitive()) return null;
                }
                return k.newInstance(args);
            }
            if (s.creator instanceof Constructor<?> k && k.getParameterCount() == 0) return k.newInstance();
        } catch (ReflectiveOperationException e) {
            return null;
        }
        return null;
    }

    private static Object time(Class<?> c) {
        LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        if (c == LocalDate.class) return now.toLocalDate();
        if (c == LocalDateTime.class) return now.toLocalDate().atStartOfDay();
        if (c == LocalTime.class) return LocalTime.MIDNIGHT;
        if (c == OffsetTime.class) return OffsetTime.of(LocalTime.MIDNIGHT, ZoneOffset.UTC);
        if (c == Instant.class) return now.toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC);
        if (c == OffsetDateTime.class) return now.toLocalDate().atStartOfDay().atOffset(ZoneOffset.UTC);
        if (c == ZonedDateTime.class) return now.toLocalDate().atStartOfDay().atZone(ZoneOffset.UTC);
        if (c == Duration.class) return Duration.ZERO;
        if (c == Period.class) return Period.ZERO;
        if (c == Year.class) return Year.from(now);
        if (c == YearMonth.class) return YearMonth.from(now);
        if (c == MonthDay.class) return MonthDay.from(now);
        if (ZoneId.class.isAssignableFrom(c)) return ZoneOffset.UTC;
        return null;
    }

    /** A Value as plain JSON data: maps, lists, strings, longs, doubles, booleans and null. */
    static Object plainJson(Value v) {
        if (v instanceof BoolValue b) return b.value();
        if (v instanceof IntValue i) return i.value();
        if (v instanceof FloatValue f) return f.value();
        if (v instanceof StrValue s) return s.value();
        if (v instanceof ListValue l) {
            List<Object> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) out.add(plainJson(l.get(i)));
            return out;
        }
        if (v instanceof MapValue m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < m.size(); i++) out.put(m.keyAt(i), plainJson(m.valueAt(i)));
            return out;
        }
        return null;
    }
}
