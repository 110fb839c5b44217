/** The logical messages of the wire: snapshot, patch, reject (PROTOCOL.md "Messages"). */
package io.transports.protocol;
