package io.transports.bridge;

import io.transports.value.Value;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Type;

/**
 * One property of a mapped class: its wire name, its Java type, and method handles that read it
 * (without boxing for primitives) and, when it is writable, write it. A property whose {@code kind} is
 * {@code 'K'} is the constant type tag of a polymorphic class and has no handles.
 */
final class Prop {
    /** How the getter returns: Z boolean, J integral (widened to long), F float, D double, C char, L reference, K constant. */
    final char kind;
    final String name;
    final Type type;
    final Class<?> raw;
    final MethodHandle getter; // (Object) -> boolean | long | float | double | char | Object
    final MethodHandle setter; // (Object, Object) -> void, or null when read-only
    final Value constant;
    final String source; // e.g. "Device.watts", for messages
    /**
     * Whether a proposal may leave this property out (it then becomes empty): an Optional type, or a
     * reference type marked {@code @JsonInclude(NON_NULL, NON_ABSENT or NON_EMPTY)}. Set by its Shape.
     */
    boolean optional;
    /** Where the property is declared (field, getter, setter; non-null), for annotations the schema reads. */
    java.lang.reflect.AnnotatedElement[] annotated = new java.lang.reflect.AnnotatedElement[0];
    /** The class this property held when last walked (a benign race: any Seen is correct for its own type). */
    Walker.Seen seen;

    Prop(String name, Type type, Class<?> raw, MethodHandle getter, MethodHandle setter, String source) {
        this.name = name;
        this.type = type;
        this.raw = raw;
        this.source = source;
        this.constant = null;
        this.kind = raw == boolean.class ? 'Z' : raw == float.class ? 'F' : raw == double.class ? 'D'
                : raw == char.class ? 'C' : raw.isPrimitive() ? 'J' : 'L';
        Class<?> out = switch (kind) {
            case 'Z' -> boolean.class;
            case 'F' -> float.class;
            case 'D' -> double.class;
            case 'C' -> char.class;
            case 'J' -> long.class;
            default -> Object.class;
        };
        this.getter = getter.asType(MethodType.methodType(out, Object.class));
        this.setter = setter == null ? null : setter.asType(MethodType.methodType(void.class, Object.class, Object.class));
    }

    /** The constant type property of a polymorphic class. */
    Prop(String name, Value constant) {
        this.kind = 'K';
        this.name = name;
        this.type = String.class;
        this.raw = String.class;
        this.getter = null;
        this.setter = null;
        this.constant = constant;
        this.source = name;
    }

    boolean writable() { return setter != null; }

    /**
     * Reads a field directly when the property is a plain field: reflective field access (made
     * accessible once) is cheaper per call than a method handle that is not a constant.
     */
    void readDirectly(Field f) { this.field = f; }

    private Field field;

    boolean getBoolean(Object o) {
        try {
            return field != null ? field.getBoolean(o) : (boolean) getter.invokeExact(o);
        } catch (Throwable t) {
            throw new Failure(this, t);
        }
    }

    long getLong(Object o) {
        try {
            return field != null ? field.getLong(o) : (long) getter.invokeExact(o);
        } catch (Throwable t) {
            throw new Failure(this, t);
        }
    }

    float getFloat(Object o) {
        try {
            return field != null ? field.getFloat(o) : (float) getter.invokeExact(o);
        } catch (Throwable t) {
            throw new Failure(this, t);
        }
    }

    double getDouble(Object o) {
        try {
            return field != null ? field.getDouble(o) : (double) getter.invokeExact(o);
        } catch (Throwable t) {
            throw new Failure(this, t);
        }
    }

    char getChar(Object o) {
        try {
            return field != null ? field.getChar(o) : (char) getter.invokeExact(o);
        } catch (Throwable t) {
            throw new Failure(this, t);
        }
    }

    /** The value, boxed if primitive. */
    Object get(Object o) {
        if (kind == 'L' && field != null) {
            try {
                return field.get(o);
            } catch (IllegalAccessException e) {
                throw new Failure(this, e);
            }
        }
        try {
            return switch (kind) {
                case 'Z' -> (boolean) getter.invokeExact(o);
                case 'F' -> (float) getter.invokeExact(o);
                case 'D' -> (double) getter.invokeExact(o);
                case 'C' -> (char) getter.invokeExact(o);
                case 'J' -> narrow((long) getter.invokeExact(o));
                case 'K' -> ((io.transports.value.StrValue) constant).value();
                default -> (Object) getter.invokeExact(o);
            };
        } catch (Failure f) {
            throw f;
        } catch (Throwable t) {
            throw new Failure(this, t);
        }
    }

    private Object narrow(long n) {
        if (raw == int.class) return (int) n;
        if (raw == short.class) return (short) n;
        if (raw == byte.class) return (byte) n;
        return n;
    }

    void set(Object o, Object v) {
        try { setter.invokeExact(o, v); } catch (Throwable t) { throw new Failure(this, t); }
    }

    /** A getter or setter threw; the walker turns this into a BridgeException naming the path. */
    static final class Failure extends RuntimeException {
        final Prop prop;

        Failure(Prop prop, Throwable cause) {
            super(prop.source + " threw " + cause, cause);
            this.prop = prop;
        }
    }
}
