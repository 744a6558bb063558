package dev.portico.command.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.command.login.ClientContext;
import dev.portico.events.DeviceId;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Reads {@code options.device} of a login. A device id the client already has is kept; a client that
 * describes its device without one gets a new id; a bare request (curl) gets the zero id, as App Services did.
 */
@Component
class ClientContexts {
    private final ObjectMapper json;
    private final RequestLimits limits;

    ClientContexts(ObjectMapper json, RequestLimits limits) {
        this.json = json;
        this.limits = limits;
    }

    ClientContext from(BsonDocument body) {
        ObjectNode deviceDetails = json.createObjectNode();
        BsonDocument device = device(body);
        if (device == null) {
            return new ClientContext(DeviceId.NONE, deviceDetails);
        }
        if (device.size() > limits.maxDeviceFields()) {
            throw EjsonBodies.tooLarge("options.device has more than " + limits.maxDeviceFields() + " fields");
        }
        DeviceId deviceId = null;
        for (Map.Entry<String, BsonValue> field : device.entrySet()) {
            if (field.getValue().isString()
                    && field.getValue().asString().getValue().length() > limits.maxDeviceFieldLength()) {
                throw EjsonBodies.tooLarge("options.device." + field.getKey() + " is longer than "
                        + limits.maxDeviceFieldLength() + " characters");
            }
            BsonValue value = field.getValue();
            if (field.getKey().equals("deviceId")) {
                deviceId = deviceId(value);
            } else if (value.isString()) {
                deviceDetails.put(field.getKey(), value.asString().getValue());
            }
        }
        return new ClientContext(deviceId == null || deviceId.equals(DeviceId.NONE) ? DeviceId.generate() : deviceId,
                deviceDetails);
    }

    private static BsonDocument device(BsonDocument body) {
        BsonValue options = body.get("options");
        if (options == null || options.isNull()) {
            return null;
        }
        if (!options.isDocument()) {
            throw invalid("options must be an object");
        }
        BsonValue device = options.asDocument().get("device");
        if (device == null || device.isNull()) {
            return null;
        }
        if (!device.isDocument()) {
            throw invalid("options.device must be an object");
        }
        return device.asDocument();
    }

    private static DeviceId deviceId(BsonValue value) {
        try {
            if (value.isObjectId()) {
                return new DeviceId(value.asObjectId().getValue().toHexString());
            }
            if (value.isString()) {
                return new DeviceId(value.asString().getValue().toLowerCase(java.util.Locale.ROOT));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw invalid("options.device.deviceId must be an ObjectId");
    }

    private static ClientApiException invalid(String message) {
        return new ClientApiException(HttpStatus.BAD_REQUEST, ErrorCode.InvalidParameter, message);
    }
}
