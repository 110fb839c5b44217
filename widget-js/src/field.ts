/**
 * The rendered node of a form (ModelForm keeps a tree of them that mirrors the value): its row,
 * the control carrying data-path, its children, and the editing state of a scalar field.
 */

import type { Path } from "./path.js";
import type { Node } from "./schema.js";
import type { Tag, Value } from "./value.js";
import type { Win } from "./windowing.js";

export interface Field {
  kind: Tag;
  path: Path;
  row: HTMLElement;
  control: HTMLElement;
  label: HTMLElement | null;
  error: HTMLElement | null;
  keys?: Map<string, Field>;
  items?: Field[];
  /** The authoritative value of a Str, Int or Float field (the latest the kernel sent). */
  value?: Value;
  /** The value the person set that has not come back from the kernel yet (shown meanwhile). */
  held?: Value;
  /** "Changed meanwhile" note shown while the person's typing is kept over a newer value. */
  note?: HTMLElement | null;
  /** The field's schema node from the kernel, when it sent one. */
  schema?: Node | null;
  /** The slider of a bounded number (its schema's minimum and maximum), when it has one. */
  slider?: HTMLInputElement | null;
  /** The "n/max" length counter of a string with a maxLength, when it has one. */
  counter?: HTMLElement | null;
  /** The fold toggle of a labeled record, map or list (sections.ts). */
  toggle?: HTMLButtonElement;
  /** The window of a large container: only the children near the viewport are built (windowing.ts). */
  win?: Win;
  /** A folded large container whose children are not built at all (built when it is opened). */
  unbuilt?: boolean;
}
