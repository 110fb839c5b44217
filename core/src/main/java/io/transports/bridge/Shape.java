package io.transports.bridge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.transports.value.KeyOrder;
import io.transports.value.MapValue;
import io.transports.value.StrValue;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mapped form of one record or bean class, computed once per {@code Class} object: its properties
 * sorted in wire key order (so a Map value is built in place without sorting), the key array every Map
 * of this class shares, its polymorphic type tag, and how to create an instance when reading back.
 *
 * <p>Which members are properties: for records, every component; for other classes, public non-static
 * non-transient fields, public getters ({@code getX()}, {@code isX()} for booleans) and any field or
 * getter annotated {@code @JsonProperty} (non-public ones are made accessible, which is what JShell
 * classes need). A property is written through its setter, else its field if not final; a property
 * with neither is read-only and ignored when reading back. {@code @JsonIgnore} and
 * {@code @JsonIgnoreProperties} remove properties; {@code @JsonProperty("name")} renames.
 *
 * <p>How an instance is created when reading back, in this order: a record's canonical constructor; a
 * constructor or static factory marked {@code @JsonCreator} (delegating when it takes one unnamed
 * parameter, else by {@code @JsonProperty} parameter names); a no-argument constructor (any
 * visibility); else the one constructor that takes every property (by parameter names, or by types in
 * declaration order). Properties the creator did not take are then assigned.
 */
final class Shape {
    final Class<?> type;
    final boolean record;
    final Prop[] props;
    /** The same properties in declaration order (record components, then fields; the type tag first), for schemas. */
    final Prop[] declared;
    final String[] keys;
    final Subtypes subtypes;
    final boolean ignoreUnknown;
    final Set<String> ignored;
    /** How to create an instance: a record's canonical constructor, a @JsonCreator, or a no-argument constructor. */
    final Executable creator;
    /** For a properties creator (records included): the property index each parameter takes, -1 for none. */
    final int[] creatorArgs;
    final boolean delegating;

    private Shape(Class<?> c) {
        type = c;
        record = c.isRecord();
        JsonIgnoreProperties jip = inherited(c, JsonIgnoreProperties.class);
        ignoreUnknown = jip != null && jip.ignoreUnknown();
        ignored = jip == null ? Set.of() : Set.of(jip.value());
        List<Prop> list = record ? recordProps(c) : beanProps(c);
        List<Prop> declared = new ArrayList<>(list); // declaration order, for constructors without parameter names and schemas
        subtypes = Subtypes.of(c);
        if (subtypes != null && !subtypes.existing) {
            list.add(new Prop(subtypes.property, new StrValue(subtypes.nameOf(c))));
        }
        list.sort((a, b) -> KeyOrder.INSTANCE.compare(a.name, b.name));
        for (int i = 1; i < list.size(); i++) {
            if (list.get(i).name.equals(list.get(i - 1).name)) {
                throw new IllegalStateException(Names.typeName(c) + " has two properties named '" + list.get(i).name + "'");
            }
        }
        props = list.toArray(new Prop[0]);
        List<Prop> inOrder = new ArrayList<>(declared);
        for (Prop p : list) if (p.kind == 'K') inOrder.add(0, p);
        this.declared = inOrder.toArray(new Prop[0]);
        keys = new String[props.length];
        for (int i = 0; i < keys.length; i++) keys[i] = props[i].name;

        Executable made = null;
        int[] args = null;
        boolean deleg = false;
        if (record) {
            RecordComponent[] rc = c.getRecordComponents();
            Class<?>[] types = new Class<?>[rc.length];
            for (int i = 0; i < rc.length; i++) types[i] = rc[i].getType();
            try {
                made = c.getDeclaredConstructor(types);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
            args = new int[rc.length];
            for (int i = 0; i < rc.length; i++) args[i] = indexOf(nameOf(rc[i].getName(), field(c, rc[i].getName())));
        } else if (!Modifier.isAbstract(c.getModifiers()) && !c.isInterface()) {
            for (Executable e : executables(c)) {
                JsonCreator jc = e.getAnnotation(JsonCreator.class);
                if (jc == null || jc.mode() == JsonCreator.Mode.DISABLED) continue;
                Parameter[] ps = e.getParameters();
                if (jc.mode() == JsonCreator.Mode.DELEGATING || ps.length == 1 && jc.mode() != JsonCreator.Mode.PROPERTIES
                        && ps[0].getAnnotation(JsonProperty.class) == null) {
                    deleg = true;
                    made = e;
                } else {
                    made = e;
                    args = paramProps(ps, true);
                }
                break;
            }
            if (made == null) {
                try {
                    made = c.getDeclaredConstructor();
                } catch (NoSuchMethodException e) {
                    for (Constructor<?> k : c.getDeclaredConstructors()) {
                        int[] a = allArgs(k, declared);
                        if (a == null) continue;
                        if (made != null) { // two candidates: ambiguous, use neither
                            made = null;
                            args = null;
                            break;
                        }
                        made = k;
                        args = a;
                    }
                }
            }
        }
        if (made != null) made.trySetAccessible();
        creator = made;
        creatorArgs = args;
        delegating = deleg;
    }

    /**
     * A constructor that takes every property: matched by compiled-in parameter names when they are the
     * property names, else by parameter types in the order the properties are declared (so
     * {@code Device(String n, boolean o)} fills {@code name, on}).
     */
    private int[] allArgs(Constructor<?> k, List<Prop> declared) {
        Parameter[] ps = k.getParameters();
        if (ps.length == 0 || ps.length != declared.size()) return null;
        if (ps[0].isNamePresent()) {
            int[] byName = paramProps(ps, false);
            if (byName != null) return byName;
        }
        int[] a = new int[ps.length];
        for (int i = 0; i < ps.length; i++) {
            Prop p = declared.get(i);
            if (ps[i].getType() != p.raw) return null;
            a[i] = indexOf(p.name);
        }
        return a;
    }

    /** Map parameters to properties by @JsonProperty or compiled-in parameter names; null if any is unknown. */
    private int[] paramProps(Parameter[] ps, boolean strict) {
        int[] a = new int[ps.length];
        for (int i = 0; i < ps.length; i++) {
            JsonProperty jp = ps[i].getAnnotation(JsonProperty.class);
            String n = jp != null && !jp.value().isEmpty() ? jp.value() : ps[i].isNamePresent() ? ps[i].getName() : null;
            a[i] = n == null ? -1 : indexOf(n);
            if (a[i] < 0 && !strict) return null;
            if (a[i] < 0) {
                throw new IllegalStateException("parameter " + i + " of the @JsonCreator of " + Names.typeName(type)
                        + " names no property (add @JsonProperty(\"name\"))");
            }
        }
        return a;
    }

    private static List<Executable> executables(Class<?> c) {
        List<Executable> l = new ArrayList<>(Arrays.asList(c.getDeclaredConstructors()));
        for (Method m : c.getDeclaredMethods()) if (Modifier.isStatic(m.getModifiers())) l.add(m);
        return l;
    }

    int indexOf(String key) { return Arrays.binarySearch(keys, key, KeyOrder.INSTANCE); }

    /** Whether a Map value has exactly this shape's keys (cheap: identical strings when built by the bridge). */
    boolean sameKeys(MapValue m) {
        if (m.size() != keys.length) return false;
        for (int i = 0; i < keys.length; i++) {
            String k = m.keyAt(i);
            if (k != keys[i] && !k.equals(keys[i])) return false;
        }
        return true;
    }

    /** Whether objects of this class can be changed in place: a writable property, or a final one holding a list or object. */
    boolean mutable() {
        if (record || delegating || type.isInterface() || Modifier.isAbstract(type.getModifiers())) return false;
        for (Prop p : props) {
            if (p.kind == 'K') continue;
            if (p.writable() || java.util.List.class.isAssignableFrom(p.raw) || Kind.of(p.raw) == Kind.OBJECT) return true;
        }
        return false;
    }

    // ---- collecting properties

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private List<Prop> recordProps(Class<?> c) {
        List<Prop> l = new ArrayList<>();
        for (RecordComponent rc : c.getRecordComponents()) {
            Field f = field(c, rc.getName());
            Method m = rc.getAccessor();
            if (ignoredBy(f) || ignoredBy(m)) continue;
            String name = nameOf(rc.getName(), f, m);
            if (ignored.contains(name)) continue;
            m.trySetAccessible();
            Prop prop = new Prop(name, rc.getGenericType(), rc.getType(), unreflect(m), null, Names.typeName(c) + "." + rc.getName());
            prop.optional = optional(c, rc.getType(), f, m);
            prop.annotated = present(f, m, rc);
            l.add(prop);
        }
        return l;
    }

    private static final class Candidate {
        Field field;
        Method getter;
        Method setter;
    }

    private List<Prop> beanProps(Class<?> c) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> k = c; k != null && !Kind.isPlatform(k); k = k.getSuperclass()) chain.add(0, k);
        Map<String, Candidate> cands = new LinkedHashMap<>();
        for (Class<?> k : chain) {
            for (Field f : k.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.isSynthetic()) continue;
                cands.computeIfAbsent(f.getName(), n -> new Candidate()).field = f;
            }
            for (Method m : k.getDeclaredMethods()) {
                int mod = m.getModifiers();
                if (Modifier.isStatic(mod) || m.isSynthetic() || m.isBridge()) continue;
                if (!Modifier.isPublic(mod) && m.getAnnotation(JsonProperty.class) == null) continue;
                String n = m.getName();
                if (m.getParameterCount() == 0 && m.getReturnType() != void.class) {
                    String bean = n.startsWith("get") && n.length() > 3 ? Names.beanName(n, 3)
                            : n.startsWith("is") && n.length() > 2 && (m.getReturnType() == boolean.class
                            || m.getReturnType() == Boolean.class) ? Names.beanName(n, 2)
                            : m.getAnnotation(JsonProperty.class) != null ? n : null;
                    if (bean != null && !n.equals("getClass")) cands.computeIfAbsent(bean, x -> new Candidate()).getter = m;
                } else if (m.getParameterCount() == 1 && n.startsWith("set") && n.length() > 3) {
                    cands.computeIfAbsent(Names.beanName(n, 3), x -> new Candidate()).setter = m;
                }
            }
        }
        List<Prop> l = new ArrayList<>();
        for (Map.Entry<String, Candidate> e : cands.entrySet()) {
            Candidate k = e.getValue();
            if (ignoredBy(k.field) || ignoredBy(k.getter) || ignoredBy(k.setter)) continue;
            boolean visible = k.getter != null && (Modifier.isPublic(k.getter.getModifiers()) || has(k.getter))
                    || k.field != null && (Modifier.isPublic(k.field.getModifiers()) || has(k.field));
            if (!visible) continue;
            String name = nameOf(e.getKey(), k.getter, k.field, k.setter);
            if (ignored.contains(name)) continue;
            MethodHandle get;
            java.lang.reflect.Type gt;
            Class<?> raw;
            if (k.getter != null) {
                k.getter.trySetAccessible();
                get = unreflect(k.getter);
                gt = k.getter.getGenericReturnType();
                raw = k.getter.getReturnType();
            } else {
                k.field.trySetAccessible();
                get = getterOf(k.field);
                gt = k.field.getGenericType();
                raw = k.field.getType();
            }
            MethodHandle set = null;
            if (k.setter != null && k.setter.getParameterTypes()[0] == raw) {
                k.setter.trySetAccessible();
                set = unreflect(k.setter);
            } else if (k.field != null && k.field.getType() == raw && !Modifier.isFinal(k.field.getModifiers())) {
                k.field.trySetAccessible();
                set = setterOf(k.field);
            }
            Prop prop = new Prop(name, gt, raw, get, set, Names.typeName(c) + "." + e.getKey());
            if (k.getter == null && k.field.trySetAccessible()) prop.readDirectly(k.field);
            prop.optional = optional(c, raw, k.getter, k.field, k.setter);
            prop.annotated = present(k.field, k.getter, k.setter);
            l.add(prop);
        }
        return l;
    }

    /**
     * Whether a property may be left out of a proposal's result: Optional types always; other reference
     * types when {@code @JsonInclude} on the member (else on the class) says NON_NULL, NON_ABSENT or
     * NON_EMPTY, which is how a Jackson class declares that the property may be absent. Primitives never.
     */
    private static boolean optional(Class<?> owner, Class<?> raw, AnnotatedElement... members) {
        Kind k = Kind.of(raw);
        if (k == Kind.OPTIONAL || k == Kind.OPTIONAL_INT || k == Kind.OPTIONAL_LONG || k == Kind.OPTIONAL_DOUBLE) return true;
        if (raw.isPrimitive()) return false;
        JsonInclude.Include include = null;
        for (AnnotatedElement e : members) {
            JsonInclude ji = e == null ? null : e.getAnnotation(JsonInclude.class);
            if (ji != null && ji.value() != JsonInclude.Include.USE_DEFAULTS) {
                include = ji.value();
                break;
            }
        }
        if (include == null) {
            JsonInclude ji = inherited(owner, JsonInclude.class);
            if (ji != null) include = ji.value();
        }
        return include == JsonInclude.Include.NON_NULL || include == JsonInclude.Include.NON_ABSENT
                || include == JsonInclude.Include.NON_EMPTY;
    }

    /** A class annotation, looked up through superclasses as Jackson does. */
    static <A extends java.lang.annotation.Annotation> A inherited(Class<?> c, Class<A> type) {
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            A a = k.getAnnotation(type);
            if (a != null) return a;
        }
        return null;
    }

    private static AnnotatedElement[] present(AnnotatedElement... es) {
        return Arrays.stream(es).filter(java.util.Objects::nonNull).toArray(AnnotatedElement[]::new);
    }

    private static boolean has(AnnotatedElement e) { return e != null && e.getAnnotation(JsonProperty.class) != null; }

    private static boolean ignoredBy(AnnotatedElement e) {
        if (e == null) return false;
        JsonIgnore i = e.getAnnotation(JsonIgnore.class);
        return i != null && i.value();
    }

    private static String nameOf(String implicit, AnnotatedElement... sources) {
        for (AnnotatedElement e : sources) {
            JsonProperty p = e == null ? null : e.getAnnotation(JsonProperty.class);
            if (p != null && !p.value().isEmpty()) return p.value();
        }
        return implicit;
    }

    private static Field field(Class<?> c, String name) {
        try {
            return c.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static MethodHandle unreflect(Method m) {
        try {
            return LOOKUP.unreflect(m);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot access " + m + ": " + e.getMessage(), e);
        }
    }

    private static MethodHandle getterOf(Field f) {
        try {
            return LOOKUP.unreflectGetter(f);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot access " + f + ": " + e.getMessage(), e);
        }
    }

    private static MethodHandle setterOf(Field f) {
        try {
            return LOOKUP.unreflectSetter(f);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot access " + f + ": " + e.getMessage(), e);
        }
    }

    private static final ClassValue<Shape> CACHE = new ClassValue<>() {
        @Override protected Shape computeValue(Class<?> c) { return new Shape(c); }
    };

    /** The shape of a record or bean class (throws IllegalStateException if the class cannot be mapped). */
    static Shape of(Class<?> c) { return CACHE.get(c); }
}
