/** The logical messages of the wire: snapshot, patch, reject and ack (docs/protocol.md "Messages"). */
package io.transports.protocol;
