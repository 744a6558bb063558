package dev.portico.command.support;

import dev.portico.stack.EmbeddedMail;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * A real SMTP server for each test context ({@link EmbeddedMail} on a free port), which the service sends its
 * e-mails to; tests read what arrived from the {@code EmbeddedMail} bean.
 */
public class TestMail implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        EmbeddedMail mail = EmbeddedMail.start(0, null);
        TestPropertyValues.of("spring.mail.host=" + mail.host(), "spring.mail.port=" + mail.smtpPort(),
                "portico.mail.from=Portico Tests <no-reply@portico.test>").applyTo(context.getEnvironment());
        context.getBeanFactory().registerSingleton("testMail", mail);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                mail.close();
            }
        });
    }
}
