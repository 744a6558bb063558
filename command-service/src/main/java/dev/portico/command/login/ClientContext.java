package dev.portico.command.login;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.events.DeviceId;

/** Where a login comes from: the device id to use and the device details and address, which are personal data. */
public record ClientContext(DeviceId deviceId, ObjectNode details) {
}
