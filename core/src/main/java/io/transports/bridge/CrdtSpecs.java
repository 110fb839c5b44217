package io.transports.bridge;

import io.transports.crdt.CrdtException;
import io.transports.crdt.CrdtMap;
import io.transports.crdt.CrdtPolicy;
import io.transports.crdt.CrdtSequence;
import io.transports.crdt.CrdtSet;
import io.transports.crdt.CrdtSpec;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Derives a {@link CrdtSpec} from a Java class the way the bridge maps it: the class is a map whose
 * fields (by their wire names) are registers unless annotated {@link CrdtSequence}, {@link CrdtMap} or
 * {@link CrdtSet}. An annotation on a field of the wrong type is refused naming the field.
 *
 * <pre>{@code
 * record Note(String title, @CrdtSequence String body) {}
 * CrdtSpec spec = CrdtSpecs.of(Note.class);
 * // {"version":1,"root":{"kind":"map","fields":{"body":{"kind":"sequence","materialization":"string",...},"title":{"kind":"register"}},...}}
 * }</pre>
 */
public final class CrdtSpecs {
    private CrdtSpecs() {}

    /** The spec of {@code type}: a map of its properties with their declared policies. */
    public static CrdtSpec of(Class<?> type) { return CrdtSpec.of(fields(type, new HashSet<>())); }

    private static CrdtPolicy.MapPolicy fields(Class<?> type, Set<Class<?>> open) {
        if (!open.add(type)) throw new CrdtException(type.getSimpleName() + " contains itself through @CrdtMap fields; a spec is finite");
        Shape shape = Shape.of(type);
        TreeMap<String, CrdtPolicy> fields = new TreeMap<>();
        for (Prop p : shape.declared) {
            if (p.kind == 'K') continue;
            CrdtPolicy policy = policy(p, open);
            if (!(policy instanceof CrdtPolicy.Register)) fields.put(p.name, policy);
        }
        open.remove(type);
        return CrdtPolicy.map(fields, CrdtPolicy.register());
    }

    private static CrdtPolicy policy(Prop p, Set<Class<?>> open) {
        CrdtSequence seq = find(p, CrdtSequence.class);
        CrdtMap map = find(p, CrdtMap.class);
        CrdtSet set = find(p, CrdtSet.class);
        int marks = (seq != null ? 1 : 0) + (map != null ? 1 : 0) + (set != null ? 1 : 0);
        if (marks > 1) throw new CrdtException(p.source + ": at most one of @CrdtSequence, @CrdtMap, @CrdtSet");
        if (seq != null) {
            if (p.raw == String.class) return CrdtPolicy.text();
            if (!List.class.isAssignableFrom(p.raw) && !p.raw.isArray()) throw new CrdtException(p.source + ": @CrdtSequence needs a String or a List, not " + p.raw.getSimpleName());
            Class<?> element = elementClass(p.type);
            return CrdtPolicy.list(seq.elementsByField() && element != null ? fields(element, open) : CrdtPolicy.register());
        }
        if (map != null) {
            if (Map.class.isAssignableFrom(p.raw)) return CrdtPolicy.map();
            if (p.raw.isPrimitive() || p.raw == String.class || Number.class.isAssignableFrom(p.raw) || Collection.class.isAssignableFrom(p.raw)) {
                throw new CrdtException(p.source + ": @CrdtMap needs a Map or a record or bean type, not " + p.raw.getSimpleName());
            }
            return fields(p.raw, open);
        }
        if (set != null) {
            if (!Collection.class.isAssignableFrom(p.raw) && !p.raw.isArray()) throw new CrdtException(p.source + ": @CrdtSet needs a List or a Set, not " + p.raw.getSimpleName());
            if (set.keys().length == 0) return CrdtPolicy.set(List.of(), CrdtPolicy.register());
            Class<?> element = elementClass(p.type);
            if (element == null) throw new CrdtException(p.source + ": @CrdtSet(keys) needs an element type with those fields");
            List<List<String>> keys = new ArrayList<>();
            for (String k : set.keys()) keys.add(Arrays.asList(k.split("\\.")));
            CrdtPolicy.MapPolicy elementPolicy = fields(element, open);
            try {
                return CrdtSpec.of(CrdtPolicy.set(keys, elementPolicy)).root();
            } catch (CrdtException e) {
                throw new CrdtException(p.source + ": @CrdtSet keys: " + e.getMessage(), e);
            }
        }
        return CrdtPolicy.register();
    }

    private static <A extends Annotation> A find(Prop p, Class<A> type) {
        for (AnnotatedElement e : p.annotated) {
            A a = e.getAnnotation(type);
            if (a != null) return a;
        }
        return null;
    }

    private static Class<?> elementClass(Type t) {
        if (t instanceof Class<?> c && c.isArray()) return c.getComponentType();
        if (t instanceof ParameterizedType pt && pt.getActualTypeArguments().length == 1 && pt.getActualTypeArguments()[0] instanceof Class<?> c) return c;
        return null;
    }
}
