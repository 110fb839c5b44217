/**
 * The Value algebra of the wire (docs/protocol.md "Value" and "Paths"): immutable variants that share
 * subtrees, canonical key order, and canonical JSON text. No Value nests deeper than
 * {@link io.transports.value.Value#MAX_DEPTH}, and deep ones are hashed and compared without deep
 * recursion; {@link io.transports.value.Unicode} holds the text rule (no lone surrogates travel).
 */
package io.transports.value;
