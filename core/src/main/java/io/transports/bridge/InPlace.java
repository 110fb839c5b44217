package io.transports.bridge;

import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.Value;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Makes a hosted mutable object hold a Value, keeping the identity of what users may hold on to:
 * a nested mutable object whose class still matches is updated in place rather than replaced, and a
 * field's mutable list (ArrayList, LinkedList, Vector, CopyOnWriteArrayList) is refilled rather than
 * swapped; so is a mutable map or set (HashMap, TreeMap, EnumMap, ConcurrentHashMap, HashSet, TreeSet,
 * and their subclasses such as LinkedHashMap). Within a list, an element whose value is unchanged is kept (even if it moved); a changed
 * element updates, in place, the old element at its position if that one is still free and of the same
 * class, else the first free old element of the same class; only what is left is created anew.
 *
 * <p>An update may be limited to the places a change touched ({@link Touched}, from the ops that
 * take the last flushed value to the new one): then only the properties along those paths are
 * written, and a list whose elements changed only inside is updated element by element; a list or map
 * that an op replaces, inserts into, removes from or reorders is rewritten as a whole. Everything else
 * keeps what it holds now, so a host thread's write to another field since the last flush is not
 * undone by a proposal.
 *
 * <p>Atomic: the whole new state is read and validated first into a list of assignments, which run
 * only when everything was accepted; a refused value leaves the object untouched. A read-only
 * property (no setter, final field) may only receive the value it already has, or be a mutable
 * object or list that is itself updated in place.
 */
final class InPlace {
    private final Trail trail = new Trail();
    private final FromValue reader = new FromValue(trail);
    private final List<Runnable> actions = new ArrayList<>();

    void update(Object target, Value v) { update(target, v, Touched.ALL); }

    /** Make {@code target} hold {@code v} where {@code touched} says; every other place is left as it is. */
    void update(Object target, Value v, Touched touched) {
        trail.truncate(0);
        actions.clear();
        try {
            plan(target, v, touched);
        } catch (Prop.Failure f) {
            throw new BridgeException(trail.path(), f.getMessage(), f.getCause());
        } catch (IllegalStateException e) {
            throw new BridgeException(trail.path(), e.getMessage(), e);
        }
        for (Runnable r : actions) r.run();
        actions.clear();
    }

    static boolean updatable(Object o) {
        return o != null && Kind.of(o.getClass()) == Kind.OBJECT && Shape.of(o.getClass()).mutable();
    }

    static boolean mutableList(Object o) {
        return o instanceof ArrayList || o instanceof LinkedList || o instanceof Vector || o instanceof CopyOnWriteArrayList;
    }

    /** Whether the Map value describes an object of exactly {@code o}'s class (the type tag, if any, agrees). */
    private boolean sameType(Object o, Value v, Class<?> declared) {
        if (!(v instanceof MapValue m)) return false;
        Subtypes st = Subtypes.of(o.getClass());
        if (st == null) return true;
        return reader.concrete(m, declared.isAssignableFrom(st.base) ? st.base : declared) == o.getClass();
    }

    private void plan(Object target, Value v, Touched touched) {
        Shape s = Shape.of(target.getClass());
        if (!(v instanceof MapValue m)) {
            throw trail.error("expected a Map (" + Names.typeName(target.getClass()) + "), got " + Names.brief(v));
        }
        if (s.subtypes != null) {
            Class<?> named = reader.concrete(m, s.subtypes.base);
            if (named != target.getClass()) {
                throw trail.error("cannot turn this " + Names.typeName(target.getClass()) + " into a " + Names.typeName(named) + " in place");
            }
        }
        reader.checkKeys(m, s);
        for (Prop p : s.props) {
            if (p.kind == 'K') continue;
            Touched below = touched.key(p.name);
            if (below == null) continue; // not changed by this update: whatever the host wrote there stays
            Value pv = m.get(p.name);
            if (pv == null) continue; // missing: keep
            Object cur = p.get(target);
            if (updatable(cur) && sameType(cur, pv, FromValue.raw(p.type))) {
                trail.key(p.name);
                plan(cur, pv, below);
                trail.pop();
            } else if (mutableList(cur) && pv instanceof ListValue lv) {
                trail.key(p.name);
                planList(castList(cur), lv, FromValue.arg(p.type, 0), below);
                trail.pop();
            } else if (refillable(cur) && (pv instanceof MapValue || pv instanceof ListValue)) {
                Object nv = reader.readProp(p, pv);
                actions.add(() -> refill(cur, nv));
            } else if (p.writable()) {
                Object nv = reader.readProp(p, pv);
                actions.add(() -> p.set(target, nv));
            } else {
                reader.readProp(p, pv); // validate
                trail.key(p.name);
                if (!Bridge.toValue(cur).equals(pv)) throw trail.error("'" + p.name + "' is read-only and cannot change");
                trail.pop();
            }
        }
    }

    /**
     * The list keeps its length and order and only some of its elements change inside: update just
     * those elements in place, each along its own touched paths. False (nothing planned) when that is
     * not possible — the host changed the list's length meanwhile, or a touched element is not a
     * mutable object of the same class — and the caller rewrites the list as a whole.
     */
    private boolean planElements(Object[] old, ListValue lv, Class<?> declared, Touched touched) {
        if (old.length != lv.size()) return false;
        for (Object k : touched.children()) {
            if (!(k instanceof Integer i) || i >= old.length) return false;
            if (!updatable(old[i]) || !sameType(old[i], lv.get(i), declared)) return false;
        }
        for (Object k : touched.children()) {
            int i = (Integer) k;
            trail.index(i);
            plan(old[i], lv.get(i), touched.index(i));
            trail.pop();
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object o) { return (List<Object>) o; }

    /** Mutable maps and sets of the JDK, which are refilled rather than replaced. */
    static boolean refillable(Object o) {
        return o instanceof java.util.HashMap || o instanceof java.util.TreeMap || o instanceof java.util.EnumMap
                || o instanceof java.util.concurrent.ConcurrentHashMap || o instanceof java.util.HashSet
                || o instanceof java.util.TreeSet;
    }

    @SuppressWarnings("unchecked")
    private static void refill(Object cur, Object now) {
        if (cur instanceof Map<?, ?> m) {
            Map<Object, Object> target = (Map<Object, Object>) m;
            if (target.equals(now)) return;
            target.clear();
            target.putAll((Map<Object, Object>) now);
        } else {
            java.util.Collection<Object> target = (java.util.Collection<Object>) cur;
            if (target.equals(now)) return;
            target.clear();
            target.addAll((java.util.Collection<Object>) now);
        }
    }

    private void planList(List<Object> cur, ListValue lv, Type elementType, Touched touched) {
        Object[] old = cur.toArray();
        if (!touched.whole() && planElements(old, lv, FromValue.raw(elementType), touched)) return;
        boolean[] used = new boolean[old.length];
        Object[] now = new Object[lv.size()];
        boolean[] placed = new boolean[lv.size()];
        // unchanged elements stay, even when they moved
        Map<Value, ArrayDeque<Integer>> byValue = new HashMap<>();
        for (int i = 0; i < old.length; i++) {
            Value ov;
            try {
                ov = Bridge.toValue(old[i]);
            } catch (BridgeException e) {
                continue;
            }
            byValue.computeIfAbsent(ov, k -> new ArrayDeque<>()).add(i);
        }
        for (int j = 0; j < now.length; j++) {
            ArrayDeque<Integer> q = byValue.get(lv.get(j));
            if (q != null && !q.isEmpty()) {
                int i = q.poll();
                used[i] = true;
                now[j] = old[i];
                placed[j] = true;
            }
        }
        Class<?> declared = FromValue.raw(elementType);
        for (int j = 0; j < now.length; j++) {
            if (placed[j]) continue;
            trail.index(j);
            int reuse = j < old.length && !used[j] && updatable(old[j]) && sameType(old[j], lv.get(j), declared) ? j : -1;
            for (int i = 0; reuse < 0 && i < old.length; i++) {
                if (!used[i] && updatable(old[i]) && sameType(old[i], lv.get(j), declared)) reuse = i;
            }
            if (reuse >= 0) {
                used[reuse] = true;
                plan(old[reuse], lv.get(j), Touched.ALL);
                now[j] = old[reuse];
            } else {
                now[j] = reader.read(lv.get(j), elementType);
            }
            trail.pop();
        }
        boolean same = now.length == old.length;
        for (int j = 0; same && j < now.length; j++) same = now[j] == old[j];
        if (same) return;
        actions.add(() -> {
            cur.clear();
            cur.addAll(java.util.Arrays.asList(now));
        });
    }
}
