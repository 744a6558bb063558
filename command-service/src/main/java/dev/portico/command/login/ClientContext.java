package dev.portico.command.login;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.events.DeviceId;

/** The device a login comes from: the device id to use, and what the client said of the device (personal data). */
public record ClientContext(DeviceId deviceId, ObjectNode device) {
}
