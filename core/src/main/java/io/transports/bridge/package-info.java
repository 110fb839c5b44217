/**
 * The bridge between Java objects and Values: {@link io.transports.bridge.Bridge} converts both ways and
 * updates hosted objects in place, {@link io.transports.bridge.Tracker} dirty-checks a live object into
 * ops, and {@link io.transports.bridge.JsonSchema} and {@link io.transports.bridge.TypeScript} describe a
 * class for other tools. Everything else in the package is machinery: per-class shapes, the walker,
 * the reader, the in-place updater.
 */
package io.transports.bridge;
