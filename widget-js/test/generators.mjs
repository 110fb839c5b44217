// Seeded random Values and random edits of them, shared by the property tests.
export const KEYS = ["a", "b", "c", "name", "__proto__", "é", "😀", "\ue000", ""];

export function pick(r, xs) {
  return xs[Math.floor(r() * xs.length)];
}

export function randomValue(r, depth = 0) {
  const roll = r();
  if (depth > 3 || roll < 0.55) {
    switch (Math.floor(r() * 7)) {
      case 0:
        return "Null";
      case 1:
        return { Bool: r() < 0.5 };
      case 2:
        return { Int: Math.floor(r() * 10) - 3 };
      case 3:
        return r() < 0.5 ? { Int: 9007199254740993n + BigInt(Math.floor(r() * 5)) } : { Int: -(2n ** 63n) };
      case 4:
        return { Float: pick(r, [0.5, 1, -2.25, 1e-7, 3.14]) };
      case 5:
        return { Str: pick(r, ["", "x", "lamp", "<b>hi</b>", "é😀"]) };
      default:
        return { Submodel: 1 + Math.floor(r() * 3) };
    }
  }
  if (roll < 0.78) {
    const n = Math.floor(r() * 6);
    return { List: Array.from({ length: n }, () => randomValue(r, depth + 1)) };
  }
  const m = Object.create(null);
  const n = Math.floor(r() * 5);
  for (let i = 0; i < n; i++) m[pick(r, KEYS)] = randomValue(r, depth + 1);
  return { Map: m };
}

/** A random edit of `v` built by copying (never mutating) along one path. */
export function mutate(r, v, depth = 0) {
  if (v === "Null" || !("List" in v || "Map" in v) || (depth > 0 && r() < 0.25)) {
    return r() < 0.3 ? randomValue(r, depth) : tweak(r, v);
  }
  if ("List" in v) {
    const items = v.List.slice();
    const k = r();
    if (items.length && k < 0.3) {
      const i = Math.floor(r() * items.length);
      items[i] = mutate(r, items[i], depth + 1);
    } else if (k < 0.45) items.splice(Math.floor(r() * (items.length + 1)), 0, randomValue(r, depth + 1));
    else if (items.length && k < 0.6) items.splice(Math.floor(r() * items.length), 1);
    else if (items.length > 1 && k < 0.75) {
      const [x] = items.splice(Math.floor(r() * items.length), 1);
      items.splice(Math.floor(r() * (items.length + 1)), 0, x);
    } else if (k < 0.85) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [items[i], items[j]] = [items[j], items[i]];
      }
    } else items.push(randomValue(r, depth + 1));
    return { List: items };
  }
  const m = Object.create(null);
  for (const key of Object.keys(v.Map)) m[key] = v.Map[key];
  const keys = Object.keys(m);
  const k = r();
  if (keys.length && k < 0.4) {
    const key = pick(r, keys);
    m[key] = mutate(r, m[key], depth + 1);
  } else if (keys.length && k < 0.6) delete m[pick(r, keys)];
  else m[pick(r, KEYS)] = randomValue(r, depth + 1);
  return { Map: m };
}

function tweak(r, v) {
  if (v === "Null") return { Bool: true };
  if ("Bool" in v) return { Bool: !v.Bool };
  if ("Int" in v) return { Int: typeof v.Int === "bigint" ? v.Int + 1n : v.Int + 1 };
  if ("Float" in v) return { Float: v.Float + 0.5 };
  if ("Str" in v) return { Str: v.Str + "!" };
  return randomValue(r);
}

