/**
 * The Value algebra of the wire (docs/protocol.md "Value" and "Paths"): immutable variants that share
 * subtrees, canonical key order, and canonical JSON text.
 */
package io.transports.value;
