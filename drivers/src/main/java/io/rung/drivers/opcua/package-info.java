/** The OPC UA driver (Eclipse Milo client): endpoints, certificates, reads, subscriptions, writes and browsing. */
@NullMarked
package io.rung.drivers.opcua;

import org.jspecify.annotations.NullMarked;
