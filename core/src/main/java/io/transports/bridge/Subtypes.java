package io.transports.bridge;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Polymorphism through Jackson's {@code @JsonTypeInfo}. The supported subset: {@code use = NAME} (or
 * {@code SIMPLE_NAME}) with {@code include = PROPERTY} (the bridge adds the type property to the Map) or
 * {@code EXISTING_PROPERTY} (a real property already carries it). Subtypes are those listed in
 * {@code @JsonSubTypes} on the base (and, recursively, on the listed subtypes); a subtype's name is its
 * {@code @JsonTypeName}, else the name given in {@code @JsonSubTypes}, else its simple class name.
 * Other {@code use}/{@code include} settings are refused with a clear error.
 */
final class Subtypes {
    final Class<?> base;
    final String property;
    final boolean existing;
    final Map<String, Class<?>> byName = new LinkedHashMap<>();
    final Map<Class<?>, String> names = new LinkedHashMap<>();

    private Subtypes(Class<?> base, JsonTypeInfo info) {
        this.base = base;
        if (info.use() != JsonTypeInfo.Id.NAME && info.use() != JsonTypeInfo.Id.SIMPLE_NAME) {
            throw new IllegalStateException("@JsonTypeInfo(use = " + info.use() + ") on " + Names.typeName(base)
                    + " is not supported; use JsonTypeInfo.Id.NAME");
        }
        if (info.include() != JsonTypeInfo.As.PROPERTY && info.include() != JsonTypeInfo.As.EXISTING_PROPERTY) {
            throw new IllegalStateException("@JsonTypeInfo(include = " + info.include() + ") on " + Names.typeName(base)
                    + " is not supported; use JsonTypeInfo.As.PROPERTY");
        }
        property = info.property().isEmpty() ? "@type" : info.property();
        existing = info.include() == JsonTypeInfo.As.EXISTING_PROPERTY;
        ArrayDeque<Class<?>> todo = new ArrayDeque<>();
        todo.add(base);
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            boolean concrete = !c.isInterface() && !java.lang.reflect.Modifier.isAbstract(c.getModifiers());
            if (!names.containsKey(c) && concrete) add(c, null);
            JsonSubTypes subs = c.getAnnotation(JsonSubTypes.class);
            if (subs == null) continue;
            for (JsonSubTypes.Type t : subs.value()) {
                if (names.containsKey(t.value()) && !t.name().isEmpty()) names.remove(t.value());
                if (!names.containsKey(t.value())) {
                    add(t.value(), t.name().isEmpty() ? null : t.name());
                    for (String alias : t.names()) byName.putIfAbsent(alias, t.value());
                }
                todo.add(t.value());
            }
        }
    }

    private void add(Class<?> c, String given) {
        JsonTypeName tn = c.getAnnotation(JsonTypeName.class);
        String name = tn != null && !tn.value().isEmpty() ? tn.value() : given != null ? given : Names.typeName(c);
        names.put(c, name);
        byName.put(name, c);
    }

    /** The type id written for objects of class {@code c}. */
    String nameOf(Class<?> c) {
        String n = names.get(c);
        if (n != null) return n;
        JsonTypeName tn = c.getAnnotation(JsonTypeName.class);
        return tn != null && !tn.value().isEmpty() ? tn.value() : Names.typeName(c);
    }

    private static final ClassValue<Subtypes> CACHE = new ClassValue<>() {
        @Override protected Subtypes computeValue(Class<?> base) {
            return new Subtypes(base, base.getAnnotation(JsonTypeInfo.class));
        }
    };

    /** The polymorphism of class {@code c}, or null if it has none. */
    static Subtypes of(Class<?> c) {
        Class<?> b = base(c);
        return b == null ? null : CACHE.get(b);
    }

    /** The nearest class or interface (c itself, its superclasses, their interfaces) carrying @JsonTypeInfo. */
    static Class<?> base(Class<?> c) {
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            JsonTypeInfo info = k.getAnnotation(JsonTypeInfo.class);
            if (info != null) return info.use() == JsonTypeInfo.Id.NONE ? null : k;
            for (Class<?> i : k.getInterfaces()) {
                Class<?> b = base(i);
                if (b != null) return b;
            }
        }
        return null;
    }
}
