package dev.portico.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an event's {@link SealedData} component: what is sealed is UTF-8 text (an identity's subject, an API key's
 * name), where every other sealed value is JSON. A reader opens it as text.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface SealedText {
}
