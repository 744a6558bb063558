package dev.portico.command.audit;

import dev.portico.events.Actor;
import dev.portico.events.AppId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of an operator's action that writes no event (events carry their actor in their metadata): one
 * line on the {@code portico.audit} logger with the operator, the action, the app, the id acted on and the
 * request. Never personal data: ids only.
 */
public final class OperatorActions {
    private static final Logger log = LoggerFactory.getLogger("portico.audit");

    private OperatorActions() {
    }

    public static void record(Actor operator, String action, AppId app, String target, RequestContext request) {
        log.info("operator action: actor={} action={} app={} target={} request={}", operator.encoded(), action,
                app.value(), target, request.requestId());
    }
}
