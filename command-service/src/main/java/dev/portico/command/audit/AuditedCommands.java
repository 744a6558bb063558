package dev.portico.command.audit;

import dev.portico.command.privacy.UserKey;
import dev.portico.events.Actor;
import dev.portico.events.EventMetadata;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Sends commands with the metadata every event of the history carries ({@link EventMetadata}): who acts, the
 * request's correlation id, and the client's address and user agent sealed under the key of the user the
 * events are about. Axon copies the command's metadata onto each event it causes.
 */
@Component
public class AuditedCommands {
    private final CommandGateway gateway;

    public AuditedCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * @param subjectKey the key of the user the events are about; null when it has none (left unsealed then is
     * nothing: the client part is simply not recorded)
     */
    public <R> R send(Object command, Actor actor, UserKey subjectKey, RequestContext request) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(metadata(actor, subjectKey, request)));
    }

    static MetaData metadata(Actor actor, UserKey subjectKey, RequestContext request) {
        Map<String, Object> values = new HashMap<>(4);
        values.put(EventMetadata.ACTOR, actor.encoded());
        values.put(EventMetadata.REQUEST_ID, request.requestId());
        if (subjectKey != null && (request.ip() != null || request.userAgent() != null)) {
            Map<String, String> client = new HashMap<>(2);
            if (request.ip() != null) {
                client.put("ip", request.ip());
            }
            if (request.userAgent() != null) {
                client.put("userAgent", request.userAgent());
            }
            values.put(EventMetadata.CLIENT, subjectKey.seal(client).sealed());
        }
        return MetaData.from(values);
    }

    @Configuration(proxyBeanMethods = false)
    static class Propagation {
        /**
         * Takes the place of Axon's message-origin provider: auditors follow the request id, and the ids of the
         * commands in between would only lengthen every stored event.
         */
        @Bean
        CorrelationDataProvider auditMetadata() {
            return new SimpleCorrelationDataProvider(EventMetadata.ACTOR, EventMetadata.REQUEST_ID,
                    EventMetadata.CLIENT);
        }
    }
}
