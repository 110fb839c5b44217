/** The logical messages of the wire: snapshot, patch, reject and ack (docs/protocol.md "Message kinds"). */
package io.transports.protocol;
