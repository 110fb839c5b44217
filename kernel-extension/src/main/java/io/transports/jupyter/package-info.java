/**
 * Java notebooks (the JJava kernel) mirrored into live, editable anywidget views.
 *
 * <p>What a notebook user types: {@link io.transports.jupyter.Widget#of(Object)} to show a
 * {@code Server}, a {@code Session} or one object as a widget (shown under the cell that makes it,
 * or wherever {@code display(view)} is called), {@link io.transports.jupyter.Jupyter#sync()} for progress inside a long
 * cell, and {@link io.transports.jupyter.Jupyter#serve(io.transports.Broadcaster)} to offer a server over
 * the raw {@code transports} comm. Everything else here is package-private plumbing: the kernel
 * extension that registers the comm targets and the after-cell hook, the comms themselves, the
 * schemas views get before their first snapshot, and the background sync loop.
 */
package io.transports.jupyter;
