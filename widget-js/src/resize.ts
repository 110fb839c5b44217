/**
 * The height of a model's scroll area and the handle that changes it: a bar under the rows that a
 * person drags with the mouse. The height dragged to is remembered per key for the page's life,
 * so a view drawn again (a re-render, a new schema, the output redrawn) keeps it.
 */

/** Heights people dragged to, by key (the form's heightKey). */
const remembered = new Map<string, number>();

/** The smallest height a drag leaves. */
const MIN_PX = 80;

export function rememberedHeight(key: string): number | undefined {
  return remembered.get(key);
}

/** Sets the scroll area's height (a fixed height once dragged; before that a maximum). */
export function applyHeight(scroller: HTMLElement, px: number | undefined, defaultMax: number): void {
  if (px === undefined) {
    scroller.style.maxHeight = `${defaultMax}px`;
    scroller.style.height = "";
  } else {
    scroller.style.maxHeight = "none";
    scroller.style.height = `${px}px`;
  }
}

/** Makes `handle` resize `scroller` by mouse drag; `onResized` runs after each move. */
export function installResize(handle: HTMLElement, scroller: HTMLElement, key: string, onResized: () => void): void {
  const doc = handle.ownerDocument;
  handle.addEventListener("mousedown", (ev) => {
    if ((ev as MouseEvent).button !== 0) return;
    // Not the notebook's press (it would select the cell), and no text selection while dragging.
    ev.preventDefault();
    ev.stopPropagation();
    const startY = (ev as MouseEvent).clientY;
    const startH = scroller.getBoundingClientRect().height || scroller.clientHeight;
    const move = (e: Event) => {
      const h = Math.max(MIN_PX, Math.round(startH + (e as MouseEvent).clientY - startY));
      remembered.set(key, h);
      applyHeight(scroller, h, h);
      onResized();
    };
    const up = () => {
      doc.removeEventListener("mousemove", move, true);
      doc.removeEventListener("mouseup", up, true);
      handle.classList.remove("tp-resizing");
    };
    handle.classList.add("tp-resizing");
    doc.addEventListener("mousemove", move, true);
    doc.addEventListener("mouseup", up, true);
  });
}
