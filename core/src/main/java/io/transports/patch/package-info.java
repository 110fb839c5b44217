/** Ops and patches (PROTOCOL.md "Patch", "Operations"): diff two values, apply a patch atomically. */
package io.transports.patch;
