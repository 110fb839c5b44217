package io.transports.bridge;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the schema generators share: the classes a root class refers to (records, beans, enums), found in
 * discovery order so declarations come out in a stable order, and the ISO-8601 format of time types.
 */
final class TypeWalk {
    private TypeWalk() {}

    /** Every enum, record or bean class reachable from {@code root}'s properties, root first. */
    static Set<Class<?>> named(Class<?> root) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        ArrayDeque<Type> todo = new ArrayDeque<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            Type t = todo.poll();
            Class<?> c = FromValue.raw(t);
            switch (Kind.of(c)) {
                case OPTIONAL, LIST, SET, COLLECTION -> todo.add(FromValue.arg(t, 0));
                case MAP -> todo.add(FromValue.arg(t, 1));
                case ARRAY -> todo.add(FromValue.component(t));
                case JSON_VALUE -> {
                    Method m = Kind.jsonValue(c);
                    todo.add(m.getGenericReturnType());
                }
                case ENUM -> seen.add(Names.enumClass(c));
                case OBJECT -> {
                    if (!seen.add(c)) break;
                    Subtypes st = Subtypes.of(c);
                    if (st != null && st.base == c) todo.addAll(st.byName.values());
                    if (!abstractType(c)) for (Prop p : Shape.of(c).props) if (p.kind != 'K') todo.add(p.type);
                }
                default -> { }
            }
        }
        return seen;
    }

    static boolean abstractType(Class<?> c) {
        return c.isInterface() || java.lang.reflect.Modifier.isAbstract(c.getModifiers());
    }

    /** Whether a class declaration stands for a union of its subtypes (a polymorphic base). */
    static boolean union(Class<?> c) {
        Subtypes st = Subtypes.of(c);
        return st != null && st.base == c && st.byName.size() > (abstractType(c) ? 0 : 1);
    }

    /** The JSON Schema "format" of a text-typed class, or null. */
    static String format(Class<?> c) {
        if (c == java.util.UUID.class) return "uuid";
        if (c == java.net.URI.class) return "uri";
        if (c == Instant.class || c == OffsetDateTime.class || c == ZonedDateTime.class) return "date-time";
        if (c == LocalDate.class) return "date";
        if (c == LocalTime.class || c == OffsetTime.class) return "time";
        if (c == Duration.class) return "duration";
        return null;
    }
}
